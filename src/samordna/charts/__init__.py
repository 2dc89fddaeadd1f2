"""Samordna's charts: computed once as a :class:`Figure`, drawn as SVG and PNG.

``figure_of(block)`` computes; ``draw.svg`` / ``draw.png`` draw; ``html(block)``
gives the web's figure: caption, SVG, its values as a table, and the source.
"""

from __future__ import annotations

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from samordna.charts import draw
from samordna.charts.figure import Figure
from samordna.charts.kinds import figure_of

__all__ = ["Figure", "draw", "figure_of", "html", "png", "svg"]


def svg(block: object) -> str:
    return draw.svg(figure_of(block))


def png(block: object) -> bytes:
    return draw.png(figure_of(block))


def html(block: object, *, values: bool = True) -> SafeString:
    """The chart as a figure of the page: caption, SVG, values table (folded), source."""
    figure = figure_of(block)
    table = values_table(figure) if values else ""
    source = (
        format_html('<p class="chart__source source">{}</p>', figure.source)
        if figure.source
        else ""
    )
    return mark_safe(  # noqa: S308 - every part escaped or built by format_html
        f'<figure class="chart chart--{figure.kind}">'
        f"<figcaption>{escape(figure.title)}</figcaption>"
        f"{draw.svg(figure)}{table}{source}</figure>"
    )


def values_table(figure: Figure) -> str:
    head = format_html_join("", '<th scope="col">{}</th>', ((c,) for c in figure.columns))
    body = "".join(
        format_html(
            '<tr><th scope="row">{}</th>{}</tr>',
            row[0],
            mark_safe(  # noqa: S308 - cells built by format_html
                "".join(
                    format_html('<td class="num" data-refs="{}">{}</td>', ref, cell)
                    if ref
                    else format_html('<td class="num">{}</td>', cell)
                    for cell, ref in zip(row[1:], _refs(figure, index, len(row) - 1), strict=True)
                )
            ),
        )
        for index, row in enumerate(figure.rows)
    )
    return format_html(
        '<details class="chart__values"><summary>{}</summary>'
        '<div class="table-scroll" role="region" tabindex="0" aria-label="{}">'
        "<table><caption>{}</caption><thead><tr>{}</tr></thead><tbody>{}</tbody></table>"
        "</div></details>",
        _("The values as a table"),
        figure.title,
        figure.title,
        head,
        mark_safe(body),  # noqa: S308 - rows built by format_html
    )


def _refs(figure: Figure, row: int, cells: int) -> tuple[str, ...]:
    found = figure.refs[row] if row < len(figure.refs) else ()
    return tuple(found) + ("",) * (cells - len(found))

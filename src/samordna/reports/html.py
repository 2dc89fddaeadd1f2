"""The document model as HTML: a page of the web app, and the input of the PDF."""

from __future__ import annotations

from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from samordna import charts
from samordna.reports.document import CHARTS, Block, Document, Paragraph, Section, Table

STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1a1a1a; line-height: 1.5; }
.report { max-width: 52rem; }
.report h1 { font-size: 1.8rem; } .report h2 { font-size: 1.4rem; margin-top: 2rem; }
.report h3 { font-size: 1.15rem; } .report h4 { font-size: 1rem; }
.report table { border-collapse: collapse; margin: 1rem 0 0.25rem; width: 100%; }
.report caption { text-align: left; font-weight: bold; padding-bottom: 0.25rem; }
.report th, .report td { border: 1px solid #8c8c8c; padding: 0.2rem 0.45rem; }
.report thead th { background: #e8edf4; }
.report td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.report sup.flag { font-weight: bold; color: #8a1c1c; }
.report .source { font-size: 0.85rem; color: #4a4a4a; margin: 0 0 1rem; }
.report .table-note { font-size: 0.85rem; margin: 0.25rem 0 0; }
.report .sources { font-size: 0.85rem; color: #4a4a4a; }
.report .note { border-left: 3px solid #8a1c1c; padding-left: 0.6rem; }
.report .lead { font-style: italic; }
.report .subheading { font-weight: bold; margin: 1rem 0 0.25rem; break-after: avoid; }
.report nav.toc ol { padding-left: 1.2rem; }
.report figure { margin: 1rem 0; }
.report figure svg { max-width: 100%; height: auto; }
.report dl.meta { display: grid; grid-template-columns: max-content auto; gap: 0.1rem 1rem; }
.report dl.meta dt { font-weight: bold; }
@media print {
  .chart__values { display: none; }
  .table-scroll { overflow: visible; }
  @page { size: A4; margin: 2cm 2cm 2.2cm;
          @bottom-center { content: counter(page); font-size: 9pt; } }
  /* New pages only where a reader expects them: the contents, the needs groups, the
     appendix. Elsewhere chapters follow on, so no page is left nearly empty. */
  .report h2#behovsgrupper, .report h2#bilaga { break-before: page; }
  .report figure, .report tr { break-inside: avoid; }
  .report table { width: 100%; font-size: 9.5pt; }
  /* Tables of figures share the width evenly after the row headers; text tables wrap. */
  .report table.figures { table-layout: fixed; }
  .report table.figures thead th:first-child { width: 34%; }
  .report table.figures.wide thead th:first-child { width: 20%; }
  .report table.wide thead th { font-size: 7.5pt; }
  .report table.figures th { overflow-wrap: break-word; }
  /* Numbers keep their no-break spaces; a change may wrap before its percentage. */
  .report table.figures td.num { white-space: normal; }
  .report table.text { font-size: 8.5pt; }
  .report table.text th, .report table.text td { padding: 0.1rem 0.25rem; }
  .report tbody tr:first-child { break-before: avoid; }
  .report table.wide { font-size: 8.5pt; }
  .report table.wide th, .report table.wide td { padding: 0.1rem 0.3rem; }
  .report h2, .report h3, .report h4, .report caption { break-after: avoid; }
  .report p.source { break-before: avoid; }
  .report thead { display: table-header-group; }
  .report nav.toc a::after { content: leader(".") target-counter(attr(href), page); }
}
"""


def render(document: Document, *, standalone: bool = True) -> str:
    """HTML of the document; ``standalone`` wraps it in a full page with its own styles.

    In the document's language whatever the interface's: a Swedish report draws its
    charts' words and numbers in Swedish for an English-speaking reader too."""
    with translation.override(document.language):
        return _render(document, standalone=standalone)


def _render(document: Document, *, standalone: bool) -> str:
    body = [
        format_html("<h1>{}</h1>", document.title),
        format_html('<p class="subtitle">{}</p>', document.subtitle),
        '<dl class="meta">',
        *(format_html("<dt>{}</dt><dd>{}</dd>", k, v) for k, v in document.meta),
        "</dl>",
        _toc(document),
    ]
    for _level, section in [(1, s) for s in document.sections]:
        body.append(_section(section, 2))
    article = (
        f'<article class="report" lang="{escape(document.language)}">'
        f"{_lists(''.join(body))}</article>"
    )
    if not standalone:
        return article
    return (
        f'<!DOCTYPE html><html lang="{escape(document.language)}"><head><meta charset="utf-8">'
        f"<title>{escape(document.title)} – {escape(document.subtitle)}</title>"
        f"<style>{STYLE}</style></head><body>{article}</body></html>"
    )


def _toc(document: Document) -> str:
    def items(sections: list[Section], depth: int) -> str:
        if not sections or depth > 2:
            return ""
        inner = "".join(
            format_html(
                '<li><a href="#{}">{}</a>{}</li>',
                s.anchor or _slug(s.title),
                s.title,
                mark_safe(items(s.sections, depth + 1)),  # noqa: S308 - built from escaped parts
            )
            for s in sections
        )
        return f"<ol>{inner}</ol>"

    heading = '<h2 id="toc-title">Innehåll</h2>'
    return (
        f'<nav class="toc" aria-labelledby="toc-title">{heading}{items(document.sections, 1)}</nav>'
    )


def _slug(title: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")


def _section(section: Section, level: int) -> str:
    tag = f"h{min(level, 6)}"
    parts: list[str] = [
        format_html(
            '<section><{} id="{}">{}</{}>',
            tag,
            section.anchor or _slug(section.title),
            section.title,
            tag,
        )
    ]
    for block in section.blocks:
        if isinstance(block, Paragraph):
            parts.append(_paragraph(block))
        elif isinstance(block, Table):
            parts.append(_table(block))
        elif isinstance(block, CHARTS):
            parts.append(_chart(block))
    for child in section.sections:
        parts.append(_section(child, level + 1))
    parts.append("</section>")
    return "".join(parts)


def _lists(html: str) -> str:
    """Wrap each run of list items in one <ul>."""
    import re

    return re.sub(r'((?:<li class="item".*?</li>)+)', r"<ul>\1</ul>", html)


def _paragraph(block: Paragraph) -> SafeString:
    refs = f' data-refs="{" ".join(block.refs)}"' if block.refs else ""
    if block.links:
        sources = ", ".join(
            format_html('<a href="{}">{}</a>', url, label) for label, url in block.links
        )
        return mark_safe(  # noqa: S308 - text escaped, links built by format_html
            f'<p{refs}>{escape(block.text)} <span class="sources">(källor: {sources})</span></p>'
        )
    if block.style == "bullet":  # consecutive items are joined into one list by _section
        return mark_safe(f'<li class="item"{refs}>{escape(block.text)}</li>')  # noqa: S308
    css = f' class="{block.style}"' if block.style else ""
    return mark_safe(f"<p{css}{refs}>{escape(block.text)}</p>")  # noqa: S308 - text escaped


def _table(table: Table) -> str:
    head = "".join(format_html('<th scope="col">{}</th>', c) for c in table.columns)
    if table.groups:  # a row of column groups (each kommun) above the columns
        corner, *labels = table.columns
        over = "".join(
            format_html('<th scope="colgroup" colspan="{}">{}</th>', span, label)
            for label, span in table.groups
        )
        under = "".join(format_html('<th scope="col">{}</th>', c) for c in labels)
        head = format_html('<th scope="col" rowspan="2">{}</th>', corner) + over
        head += "</tr><tr>" + under
    rows = []
    for row in table.rows:
        first, *rest = row
        cells: list[str] = [format_html('<th scope="row">{}</th>', first.text)]
        for cell in rest:
            refs = f' data-refs="{" ".join(cell.refs)}"' if cell.refs else ""
            if cell.key:
                refs += f' data-key="{escape(cell.key)}"'
            sup = format_html('<sup class="flag">{}</sup>', cell.marker) if cell.marker else ""
            cells.append(
                f'<td class="{"num" if cell.numeric else ""}"{refs}>{escape(cell.text)}{sup}</td>'
            )
        rows.append(f"<tr>{''.join(cells)}</tr>")
    source = "".join(format_html('<p class="table-note">{}</p>', n) for n in table.notes)
    source += format_html('<p class="source">{}</p>', table.source) if table.source else ""
    numeric = any(c.numeric for row in table.rows for c in row)
    classes = ["figures" if numeric else "text"]
    if len(table.columns) > 6:
        classes.append("wide")  # smaller type in print, to fit A4
    wide = f' class="{" ".join(classes)}"' if classes else ""
    return (
        f'<div class="table-scroll" role="region" tabindex="0" '
        f'aria-label="{escape(table.caption)}">'
        f"<table{wide}>"
        f"<caption>{escape(table.caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>{source}"
    )


def _chart(chart: Block) -> str:
    """The chart with its values as a table (folded on the web, left out in print)."""
    return str(charts.html(chart))

"""An indicator for one association: its member kommuner, its region and riket in the
latest period by gender (bars), and over the years — all together, and women beside men
(lines) — the indicator page's charts.

One query whatever the size of the warehouse: the association's few areas, the
indicator's periods. Missing and suppressed figures stay gaps, never 0.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from samordna.accounts.models import Association
from samordna.charts.data import Bar, Chart, LineChart, Series
from samordna.charts.figure import number_text
from samordna.statistics.models import Area, Indicator, Observation

NATION = "0000"


def charts(indicator: Indicator, association: Association) -> list[Chart | LineChart]:
    members = [str(code) for code in association.member_municipalities or []]
    codes = [*members, *([association.region_code] if association.region_code else []), NATION]
    rows = list(
        Observation.objects.filter(indicator=indicator, area__code__in=codes, value__isnull=False)
        .values_list("area__code", "period", "gender", "value")
        .order_by()
    )
    periods = sorted({period for _c, period, _g, _v in rows})
    if not periods:
        return []
    names = dict(Area.objects.filter(code__in=codes).values_list("code", "name"))
    values = {(code, period, gender): value for code, period, gender, value in rows}
    kinds = {association.region_code: "region", NATION: "nation"}
    decimals = _decimals(v for *_k, v in rows)
    found: list[Chart | LineChart] = [
        _latest(indicator, periods[-1], codes, names, values, kinds, decimals)
    ]
    if len(periods) < 2:
        return found
    total = _chart(
        _("%(title)s, all") % {"title": indicator.title},
        periods,
        [(names.get(c, c), kinds.get(c, "member"), c, "T") for c in codes],
        values,
        decimals,
        indicator.unit,
    )
    if total is not None:
        found.append(total)
    if indicator.divided_by_gender:
        genders = [
            (f"{names.get(c, c)}, {word}", "member" if c in members else kinds[c], c, g)
            for c in codes
            for g, word in (("K", _("women")), ("M", _("men")))
        ]
        split = _chart(
            _("%(title)s, women and men") % {"title": indicator.title},
            periods,
            genders,
            values,
            decimals,
            indicator.unit,
        )
        if split is not None:
            found.append(split)
    return found


def _decimals(values: object) -> int:
    """As many decimals as the source gives (at most 2)."""
    most = 0
    for value in values:  # type: ignore[attr-defined]
        exponent = Decimal(value).normalize().as_tuple().exponent
        most = max(most, -exponent if isinstance(exponent, int) and exponent < 0 else 0)
    return min(most, 2)


def _chart(
    title: str,
    periods: list[str],
    lines: list[tuple[str, str, str, str]],
    values: dict[tuple[str, str, str], Decimal | None],
    decimals: int,
    unit: str,
) -> LineChart | None:
    series: list[Series] = []
    texts: dict[tuple[int, int], str] = {}
    for label, kind, code, gender in lines:
        points = [values.get((code, p, gender)) for p in periods]
        if all(v is None for v in points):
            continue
        index = len(series)
        series.append(Series(label, [None if v is None else float(v) for v in points], kind))
        for p, v in enumerate(points):
            if v is not None:
                texts[(index, p)] = number_text(float(v), decimals)
    if not series:
        return None
    source = _("Source: the figures below, with their source and retrieval time.")
    return LineChart(f"{title}, {periods[0]}–{periods[-1]}", periods, series, unit, source, texts)


def _latest(
    indicator: Indicator,
    period: str,
    codes: list[str],
    names: dict[str, str],
    values: dict[tuple[str, str, str], Decimal | None],
    kinds: dict[str, str],
    decimals: int,
) -> Chart:
    """The latest period: per gender the members, then the region and riket beside them."""
    bars = []
    for gender, word in (("K", _("Women")), ("M", _("Men")), ("T", _("All"))):
        for code in codes:
            value = values.get((code, period, gender))
            if value is not None:
                text = number_text(float(value), decimals)
                group = kinds.get(code, "member")
                bars.append(Bar(names.get(code, code), float(value), text, group, str(word)))
    title = _("%(title)s, %(period)s") % {"title": indicator.title, "period": period}
    return Chart(
        title,
        bars,
        indicator.unit,
        _("Source: the figures below, with their source and retrieval time."),
    )

"""The needs analysis report as one document model, built from an edition and its data."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import polars as pl
from django.utils import timezone

from samordna.analysis.compare import period_order
from samordna.analysis.sentences import is_share, number, percent, period_text, value_text
from samordna.analysis.spec import AnalysisSpec, IndicatorSpec
from samordna.analysis.synthesis import GROUP_ORDER, GROUP_TITLES, Analysis, flag_key
from samordna.needs import services
from samordna.needs.models import NeedsAnalysis, Section
from samordna.reports.document import (
    Bar,
    Cell,
    Chart,
    Document,
    LineChart,
    Paragraph,
    Series,
    Table,
)
from samordna.reports.document import Section as DocSection
from samordna.statistics.models import Observation

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# At most this many periods side by side in one table, so that it fits an A4 page.
PERIODS_PER_TABLE = 8
GENDERS = (("K", "Kvinnor"), ("M", "Män"), ("T", "Totalt"))


def marker(n: int) -> str:
    return str(n).translate(SUPERSCRIPT)


class _Provenance:
    """Source and retrieval time of every observation behind the report."""

    def __init__(self, refs: set[str]) -> None:
        ids = [int(r) for r in refs if r.isdigit()]
        self.rows = {
            str(pk): (source, retrieved)
            for pk, source, retrieved in Observation.objects.filter(id__in=ids).values_list(
                "id", "source", "retrieved_at"
            )
        }

    def span(self) -> tuple[Any, Any] | None:
        """The earliest and latest retrieval time of the observations behind the report."""
        times = [t for _s, t in self.rows.values()]
        return (min(times), max(times)) if times else None

    def note(self, refs: set[str], period: str) -> str:
        found = [self.rows[r] for r in refs if r in self.rows]
        if not found:
            return ""
        sources = sorted({s for s, _t in found})
        latest = max(t for _s, t in found)
        return (
            f"Källa: {', '.join(sources)} ({period_text(period)}). "
            f"Hämtad {timezone.localtime(latest):%Y-%m-%d}."
        )


def build(analysis: NeedsAnalysis, result: Analysis | None = None) -> Document:
    result = result or services.result(analysis)
    spec = result.spec
    decisions = services.accepted(analysis)
    markers: dict[str, str] = {}
    flags_by_key = {f.key: f for f in result.flags}
    refs = {r for refs_ in result.comparisons["refs"].to_list() for r in refs_}
    refs |= {r for refs_ in result.prepared["refs"].to_list() for r in refs_}
    provenance = _Provenance(refs)

    def mark(key: str) -> str:
        if key not in decisions or key not in flags_by_key:
            return ""
        if key not in markers:
            markers[key] = marker(len(markers) + 1)
        return markers[key]

    quantitative = DocSection("Kvantitativ kartläggning", anchor="kvantitativ")
    for group in (*GROUP_ORDER, "population"):
        tables = _group_tables(group, result, spec, provenance, mark)
        if tables:
            quantitative.sections.append(
                DocSection(
                    GROUP_TITLES[group].replace("Behov av ", "").capitalize(),
                    list(tables),
                    anchor=f"data-{group}",
                )
            )
    quantitative.blocks.append(
        Paragraph(
            "Tabellerna visar det senaste värdet per område och kön. Siffror markerade med en not "
            "(¹, ² …) är observationer som analytikern har godtagit och som kommenteras under "
            "Noter. Saknade och skyddade uppgifter visas som –, aldrig som 0.",
            style="lead",
        )
    )
    synthesis_section = DocSection("Analys behovsgrupper", anchor="behovsgrupper")
    for group in GROUP_ORDER:
        blocks: list[Any] = [Paragraph(s.text, tuple(s.refs)) for s in result.groups.get(group, [])]
        for flag in result.flags:
            indicator = spec.indicator(flag.indicator)
            if flag.key in markers and indicator and indicator.needs_group == group:
                blocks.append(Paragraph(f"{markers[flag.key]} {flag.sentence}", style="note"))
        chart = _chart(group, result, spec, provenance)
        if chart:
            blocks.append(chart)
        if blocks:
            synthesis_section.sections.append(
                DocSection(GROUP_TITLES[group], blocks, anchor=f"behov-{group}")
            )
    notes = DocSection("Noter", anchor="noter")
    for key, sign in sorted(markers.items(), key=lambda item: _order(item[1])):
        flag = flags_by_key[key]
        note = decisions[key].note
        text = f"{sign} {flag.sentence}" + (f" Analytikerns kommentar: {note}" if note else "")
        notes.blocks.append(Paragraph(text, style="note"))
    sections = [
        _narrative(analysis, Section.BACKGROUND, "Bakgrund"),
        _method(analysis, spec, result, provenance),
        _narrative(analysis, Section.VIEW, "Syn på förbundet"),
        quantitative,
        synthesis_section,
        _collaboration(analysis),
        _narrative(analysis, Section.OBSERVATIONS, "Observationer för framtiden"),
        _narrative(analysis, Section.PROPOSALS, "Inriktningsförslag"),
        _narrative(analysis, Section.CLOSING, "Avslutning"),
    ]
    if analysis.previous_id:
        sections.insert(5, _since_previous(analysis, result))
    sections.append(notes)
    status = (
        f"Fastställd {timezone.localtime(analysis.finalised_at):%Y-%m-%d}, "
        f"{analysis.registry_number}"
        if analysis.is_final and analysis.finalised_at
        else "Utkast"
    )
    return Document(
        title=f"Behovsanalys {analysis.year}",
        subtitle=analysis.association.name,
        meta=[
            ("Status", status),
            ("Medlemskommuner", ", ".join(spec.name(m) for m in spec.members)),
            (
                "Beräknad",
                f"{timezone.localtime(analysis.computed_at):%Y-%m-%d %H:%M}"
                if analysis.computed_at
                else "–",
            ),
        ],
        sections=[s for s in sections if s.blocks or s.sections],
    )


def _order(sign: str) -> int:
    return int(sign.translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")))


def _narrative(analysis: NeedsAnalysis, section: str, title: str) -> DocSection:
    text = services.current_text(analysis, section)
    blocks: list[Any] = [Paragraph(p.strip()) for p in text.split("\n\n") if p.strip()]
    return DocSection(title, blocks, anchor=section)


def _collaboration(analysis: NeedsAnalysis) -> DocSection:
    """The analyst's text and, when the year was mapped, the collaboration areas."""
    from samordna.insights.models import CollaborationArea

    section = _narrative(analysis, Section.COLLABORATION, "Samverkansytor")
    areas = CollaborationArea.objects.filter(association=analysis.association, year=analysis.year)
    if areas.exists():
        rows = []
        for area in areas:
            before = area.previous()
            quality = area.get_quality_display()
            if area.comment:
                quality += f", {area.comment}"
            change = "ny" if before is None else before.get_quality_display()
            rows.append(
                [
                    Cell(str(area.position)),
                    Cell(area.situation),
                    Cell(area.main_actor),
                    Cell(area.partner_actor),
                    Cell(quality),
                    Cell(change),
                ]
            )
        section.blocks.append(
            Table(
                caption=f"Samverkansytor {analysis.year}",
                columns=[
                    "Nr",
                    "Behovssituation",
                    "Huvudpart",
                    "Samverkanspart",
                    "Upplevd kvalitet på samverkan",
                    "Föregående år",
                ],
                rows=rows,
                source="Underlag: förbundets intervjuer och samtal om samverkansytor.",
            )
        )
    return section


def _method(
    analysis: NeedsAnalysis, spec: AnalysisSpec, result: Analysis, provenance: _Provenance
) -> DocSection:
    section = _narrative(analysis, Section.METHOD, "Metod")
    for text in method_sentences(spec, result, provenance):
        section.blocks.append(Paragraph(text))
    return section


def method_sentences(spec: AnalysisSpec, result: Analysis, provenance: _Provenance) -> list[str]:
    """What was compared with what, where the figures come from, and what is missing."""
    out = []
    chosen = [m for m in spec.members if spec.comparisons.get(m)]
    if chosen:
        out.append(
            "Jämförelsekommuner: "
            + "; ".join(
                f"{spec.name(m)} jämförs med "
                + _listed([spec.name(c) for c in spec.comparisons[m]])
                for m in chosen
            )
            + "."
        )
    unchosen = [spec.name(m) for m in spec.members if not spec.comparisons.get(m)]
    if unchosen:
        out.append(
            f"Inga jämförelsekommuner är valda för {_listed(unchosen)}; "
            "de jämförs med region och riket"
            + (" och med liknande kommuner enligt Kolada." if spec.similar else ".")
        )
    if spec.similar:
        out.append(
            "Liknande kommuner enligt Kolada (ovägt medel): "
            + "; ".join(f"{spec.name(m)}: {spec.name(g)}" for m, g in spec.similar.items())
            + "."
        )
    out.append(
        f"Regionen är {spec.name(spec.region)} och riket ingår där källan redovisar det. "
        "Varje indikator visas för den senaste perioden fram till rapportåret, med förändringen "
        "sedan perioden före (i procentenheter för andelar) och en tidsserie"
        + (f" över högst {spec.history} perioder" if spec.history else "")
        + ". Andelar och kvoter summeras aldrig; förbundets summor finns bara för antal."
    )
    span = provenance.span()
    if span:
        first, last = (timezone.localtime(t).strftime("%Y-%m-%d") for t in span)
        out.append(f"Uppgifterna hämtades {first}" + (f"–{last}" if last != first else "") + ".")
    present = set(
        result.prepared.filter(
            pl.col("area").is_in(list(spec.members)) & pl.col("value").is_not_null()
        )["indicator"].to_list()
    )
    missing = [i.title for i in spec.all_indicators() if i.shown and i.code not in present]
    if missing:
        out.append(
            f"Utan värden för medlemskommunerna fram till {spec.year}: " + "; ".join(missing) + "."
        )
    return out


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]


def _cell_text(value: float | None, indicator: IndicatorSpec | None) -> str:
    return value_text(value, indicator) if value is not None else "–"


def _figure(row: dict[str, Any], indicator: IndicatorSpec, key: str, marker: str = "") -> Cell:
    """A table cell for one figure, with the observations it came from and its key."""
    return Cell(
        _cell_text(row["value"], indicator),
        numeric=True,
        refs=tuple(row["refs"]),
        marker=marker,
        key=key,
    )


def _group_tables(
    group: str,
    result: Analysis,
    spec: AnalysisSpec,
    provenance: _Provenance,
    mark: Any,
) -> list[Table | Chart | LineChart]:
    frame = result.prepared
    tables: list[Table | Chart | LineChart] = []
    order = [*spec.members]
    for member in spec.members:
        order += [c for c in spec.comparisons.get(member, ()) if c not in order]
    order += [c for c in spec.similar.values() if c not in order]
    order += [c for c in (spec.region, spec.nation) if c and c not in order]
    for indicator in spec.all_indicators():
        if indicator.needs_group != group or not indicator.shown:
            continue
        rows = frame.filter(pl.col("indicator") == indicator.code)
        members = rows.filter(pl.col("area").is_in(list(spec.members)))
        if members.is_empty() or members["value"].is_null().all():
            continue
        period = str(members.sort(period_order())["period"][-1])
        latest = rows.filter(pl.col("period") == period)
        genders = [
            (g, label) for g, label in GENDERS if latest.filter(pl.col("gender") == g).height
        ]
        values = {(r["area"], r["gender"]): r for r in latest.iter_rows(named=True)}
        change = result.comparisons.filter(
            (pl.col("indicator") == indicator.code) & (pl.col("period") == period)
        )
        changes = {
            (r["area"], r["gender"]): r
            for r in change.iter_rows(named=True)
            if r["change_pct"] is not None
        }
        show_change = indicator.kind == "level" and bool(changes)
        columns = ["Område", *[label for _g, label in genders]]
        if show_change:
            before = next(iter(changes.values()))["prev_period"]
            columns.append(f"Förändring sedan {period_text(before)}{change_unit(indicator)}")
        table_rows = []
        used: set[str] = set()
        for area in order:
            if not any((area, g) in values for g, _l in genders):
                continue
            cells = [Cell(spec.name(area))]
            for gender, _label in genders:
                row = values.get((area, gender))
                if row is None:
                    cells.append(Cell("–", numeric=True))
                    continue
                used.update(row["refs"])
                key = flag_key(indicator.code, area, period, gender)
                cells.append(_figure(row, indicator, key, mark(key)))
            if show_change:
                total = changes.get((area, "T"))
                cells.append(
                    Cell(change_text(total, indicator), numeric=True, refs=tuple(total["refs"]))
                    if total
                    else Cell("–", numeric=True)
                )
            table_rows.append(cells)
        if not table_rows:
            continue
        derived = indicator.code in {d.code for d in spec.derived}
        source = provenance.note(used, period)
        if derived:
            source = "Beräknat av Samordna ur underliggande antal. " + source
        caption = f"{indicator.title}, {period_text(period)}"
        if indicator.unit and indicator.unit not in caption:
            caption += f" ({indicator.unit})"
        tables.append(Table(caption=caption, columns=columns, rows=table_rows, source=source))
        if indicator.key:
            chart = _line_chart(indicator, result, order, spec, provenance)
            if chart:
                tables.append(chart)
        tables.extend(_time_series(indicator, rows, order, spec, provenance))
    return tables


def _time_series(
    indicator: IndicatorSpec,
    rows: pl.DataFrame,
    order: list[str],
    spec: AnalysisSpec,
    provenance: _Provenance,
) -> list[Table]:
    """The members' and comparisons' totals over the report's periods, at most 8 to a table."""
    totals = rows.filter(pl.col("gender") == "T")
    periods = sorted(set(totals["period"].to_list()), key=_period_key)
    if len(periods) < 3:
        return []
    values = {(r["area"], r["period"]): r for r in totals.iter_rows(named=True)}
    tables = []
    chunks = [periods[i : i + PERIODS_PER_TABLE] for i in range(0, len(periods), PERIODS_PER_TABLE)]
    for chunk in chunks:
        used: set[str] = set()
        table_rows = []
        for area in order:
            if not any((area, p) in values for p in chunk):
                continue
            cells = [Cell(spec.name(area))]
            for p in chunk:
                row = values.get((area, p))
                if row is None:
                    cells.append(Cell("–", numeric=True))
                else:
                    used.update(row["refs"])
                    cells.append(_figure(row, indicator, flag_key(indicator.code, area, p, "T")))
            table_rows.append(cells)
        first, last = period_text(chunk[0]), period_text(chunk[-1])
        tables.append(
            Table(
                caption=f"{indicator.title}, tidsserie {first}–{last}",
                columns=["Område", *(period_text(p) for p in chunk)],
                rows=table_rows,
                source=provenance.note(used, f"{first}–{last}"),
            )
        )
    return tables


def _period_key(period: str) -> tuple[int, int]:
    month = int(period[5:7]) if len(period) >= 7 and period[5:7].isdigit() else 12
    return int(period[:4]), month


def change_unit(indicator: IndicatorSpec) -> str:
    """What the change column counts in, said once in its heading."""
    if is_share(indicator):
        return " (procentenheter)"
    if indicator.is_count:
        return " (antal och %)"
    return f" ({indicator.unit})" if indicator.unit else ""


def change_text(row: dict[str, Any], indicator: IndicatorSpec) -> str:
    """Change since the comparison period: procentenheter for shares, number and % for counts."""
    if row.get("change") is None:
        return "–"
    if is_share(indicator):  # in procentenheter, as the column's heading says
        sign = "+" if round(row["change"], 1) > 0 else ""
        return f"{sign}{number(row['change'], 1)}"
    if indicator.is_count:
        sign = "+" if round(row["change"]) > 0 else ""
        return f"{sign}{number(row['change'])} ({percent(row['change_pct'], 1, signed=True)})"
    sign = "+" if round(row["change"], 1) > 0 else ""
    return f"{sign}{number(row['change'], 1)}"


def _line_chart(
    indicator: IndicatorSpec,
    result: Analysis,
    order: list[str],
    spec: AnalysisSpec,
    provenance: _Provenance,
) -> LineChart | None:
    """A key indicator over the report's periods: members, the peers' mean, region, riket."""
    rows = result.comparisons.filter(
        (pl.col("indicator") == indicator.code) & (pl.col("gender") == "T")
    )
    periods = sorted(set(rows["period"].to_list()), key=_period_key)
    if len(periods) < 2:
        return None
    by = {(r["area"], r["period"]): r for r in rows.iter_rows(named=True)}
    series: list[Series] = []
    used: set[str] = set()
    for member in spec.members:
        values = [by[(member, p)]["value"] if (member, p) in by else None for p in periods]
        if any(v is not None for v in values):
            series.append(Series(spec.name(member), values, "member"))
            used.update(r for p in periods if (member, p) in by for r in by[(member, p)]["refs"])
    first = spec.members[0]
    for column, label, kind in (
        ("peer_mean", "Jämförelsekommuner (medel)", "peers"),
        ("region", spec.name(spec.region), "region"),
        ("nation", "Riket", "nation"),
    ):
        values = [by[(first, p)][column] if (first, p) in by else None for p in periods]
        if column == "peer_mean" and not spec.comparisons.get(first):
            continue
        if any(v is not None for v in values):
            series.append(Series(label, values, kind))
    if not series:
        return None
    texts = {
        (s, p): value_text(v, indicator)
        for s, line in enumerate(series)
        for p, v in enumerate(line.values)
        if v is not None
    }
    first_p, last_p = period_text(periods[0]), period_text(periods[-1])
    return LineChart(
        title=f"{indicator.title}, {first_p}–{last_p}",
        periods=[period_text(p) for p in periods],
        series=series,
        unit=indicator.unit,
        source=provenance.note(used, f"{first_p}–{last_p}"),
        texts=texts,
    )


def _chart(
    group: str, result: Analysis, spec: AnalysisSpec, provenance: _Provenance
) -> Chart | None:
    """The first key rate of the group: members and the region, by gender."""
    for indicator in spec.all_indicators():
        if indicator.needs_group != group or not indicator.key or indicator.is_count:
            continue
        rows = result.comparisons.filter(pl.col("indicator") == indicator.code)
        if rows.is_empty() or rows["region"].is_null().all():
            continue
        period = str(rows["period"].max())
        latest = rows.filter((pl.col("period") == period) & pl.col("value").is_not_null())
        bars = []
        used: set[str] = set()
        for row in latest.sort(["gender", "area"]).iter_rows(named=True):
            label = f"{spec.name(row['area'])}, {dict(GENDERS)[row['gender']].lower()}"
            bars.append(Bar(label, row["value"], _cell_text(row["value"], indicator)))
            used.update(row["refs"])
        regions = latest.unique(subset=["gender"], keep="first").sort("gender")
        for row in regions.iter_rows(named=True):
            if row["region"] is not None:
                label = f"{spec.name(spec.region)}, {dict(GENDERS)[row['gender']].lower()}"
                bars.append(Bar(label, row["region"], _cell_text(row["region"], indicator)))
        return Chart(
            title=f"{indicator.title}, {period_text(period)}",
            bars=bars,
            unit=indicator.unit,
            source=provenance.note(used, period),
        )
    return None


def _since_previous(analysis: NeedsAnalysis, result: Analysis) -> DocSection:
    previous = analysis.previous
    assert previous is not None  # noqa: S101 - the caller checked
    before = {f["key"] for f in previous.flags}
    now = {f.key for f in result.flags}
    counts: dict[str, int] = defaultdict(int)
    for key in now:
        counts["new" if key not in before else "kept"] += 1
    gone = len(before - now)
    return DocSection(
        f"Förändring sedan {previous.title.lower()}",
        [
            Paragraph(
                f"Jämfört med föregående upplaga ({previous.year}) finns "
                f"{number(counts['new'])} nya "
                f"flaggade observationer, {number(counts['kept'])} kvarstår och {number(gone)} har "
                f"försvunnit. Tidsserierna i tabellerna visar utvecklingen per indikator."
            )
        ],
        anchor="forandring",
    )

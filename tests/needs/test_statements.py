"""The 2019 report's statements, computed from the bundled data; flag recall against 2019."""

from __future__ import annotations

from decimal import Decimal

from samordna.needs import services
from samordna.needs.models import NeedsAnalysis
from samordna.statistics.models import Observation
from tests.needs.conftest import plain

STATEMENTS = [
    "I förbundet: 1 247 – öppet arbetslösa och sökande i program, utan arbete i mer än 12 "
    "månader, juni 2019 (1 086 i Landskrona, 161 i Svalöv).",
    "I förbundet: 730 – öppet arbetslösa och sökande i program, utan arbete i mer än 24 "
    "månader, juni 2019 (636 i Landskrona, 94 i Svalöv).",
    "utan arbete i mer än 12 månader: 47 % i Landskrona och 43 % i Svalöv (juni 2019).",
    "I förbundet: 1 050 – vuxna mottagare av ekonomiskt bistånd, maj 2019 "
    "(925 i Landskrona, 125 i Svalöv).",
    "I förbundet: 492 – barn i hushåll med ekonomiskt bistånd, maj 2019 "
    "(457 i Landskrona, 35 i Svalöv).",
    "I Svalöv är män nästan dubbelt så många som kvinnor (83 och 42)",
    "I Svalöv är män 5,6 gånger så många som kvinnor (39 och 7), 85 % av 46",
    "I Landskrona är ohälsotal 45–54 år, dagar per person och år för män 40 % högre än i "
    "Region Skåne: 31,4 mot 22,4 (2018).",
]

# The six numbers the 2019 analyst marked with notes ¹ and ³–⁷, as flag keys.
ANALYST_2019 = {
    "¹ Svalöv >24 months rising against every other series": {
        "AF_OA_PROG_24M_FORANDR|1214|2019-06|K",
        "AF_OA_PROG_24M_FORANDR|1214|2019-06|M",
    },
    "³ KAA activity 2 % in Svalöv against 36 % in Landskrona": {"SKV_KAA_AKTIVITET|1214|2018|T"},
    "⁴ 84,2 % of Svalöv's young men in work or studies": {
        "KOLADA_YRKESPROG_ARBETE_STUDIER|1214|2017|M"
    },
    "⁵ men 39 of 46 with social reasons in Svalöv": {"SOS_EB_SOCIALA_SKAL|1214|2019-05|M"},
    "⁶ women 20–24 in Svalöv 21,5 ohälsodagar": {"FHM_OHALSOTAL_2024|1214|2018|K"},
    "⁷ men with förgymnasial education in Svalöv 35,9 %": {"FHM_UTB_FORGYMNASIAL|1214|2018|M"},
}


def synthesis_text(analysis: NeedsAnalysis) -> str:
    result = services.run(analysis)
    return plain(" ".join(s.text for group in result.groups.values() for s in group))


def test_the_report_states_what_the_data_says(demo_analysis: NeedsAnalysis) -> None:
    text = synthesis_text(demo_analysis)
    missing = [s for s in STATEMENTS if plain(s) not in text]
    assert missing == []


def test_a_changed_input_changes_the_sentence(demo_analysis: NeedsAnalysis) -> None:
    women = Observation.objects.get(
        indicator__code="AF_OA_PROG_12M", area__code="1282", period="2019-06", gender="K"
    )
    women.value = Decimal(600)
    women.save()
    text = synthesis_text(demo_analysis)
    assert (
        "I förbundet: 1 268 – öppet arbetslösa och sökande i program, utan arbete i mer än 12"
        in text
    )
    assert "(1 107 i Landskrona, 161 i Svalöv)" in text
    assert "1 247" not in text
    assert "utan arbete i mer än 12 månader: 48 % i Landskrona" in text


def test_flag_recall_against_the_analyst_of_2019(demo_analysis: NeedsAnalysis) -> None:
    top = {flag["key"] for flag in demo_analysis.flags[:20]}
    found = {note: bool(keys & top) for note, keys in ANALYST_2019.items()}
    assert found == dict.fromkeys(ANALYST_2019, True)
    # A fresh edition accepts the top-ranked flags by default.
    assert set(services.accepted(demo_analysis)) == top


def test_the_documented_top_20_is_what_the_engine_ranks(demo_analysis: NeedsAnalysis) -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "analysis.md").read_text(encoding="utf-8")
    block = doc.split("<!-- top20:start -->")[1].split("<!-- top20:end -->")[0]
    documented = [
        line.split("`")[1] for line in block.splitlines() if line.startswith("| ") and "`" in line
    ]
    assert documented == [flag["key"] for flag in demo_analysis.flags[:20]]

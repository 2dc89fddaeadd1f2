"""The 2019 report's statements, computed from the bundled data; flag recall against 2019."""

from __future__ import annotations

import re
from decimal import Decimal

from samordna.needs import services
from samordna.needs.models import NeedsAnalysis
from samordna.statistics.models import Observation
from tests.needs.conftest import plain

STATEMENTS = [
    "I förbundet fanns 1 247 öppet arbetslösa och sökande i program som varit utan arbete i "
    "mer än 12 månader i juni 2019, varav 1 086 i Landskrona och 161 i Svalöv.",
    "I juni 2019 hade förbundet 730 öppet arbetslösa och sökande i program som varit utan "
    "arbete i mer än 24 månader – 636 i Landskrona och 94 i Svalöv.",
    "Andelen av de öppet arbetslösa och sökande i program som varit utan arbete i mer än 12 "
    "månader var 47 % i Landskrona och 43 % i Svalöv i juni 2019.",
    "I förbundet fanns 1 050 vuxna mottagare av ekonomiskt bistånd i maj 2019, varav 925 i "
    "Landskrona och 125 i Svalöv.",
    "I maj 2019 hade förbundet 492 barn i hushåll med ekonomiskt bistånd – 457 i Landskrona "
    "och 35 i Svalöv.",
    "Bland vuxna mottagare av ekonomiskt bistånd i Svalöv är männen nästan dubbelt så många som "
    "kvinnorna (83 mot 42, 66 % av 125).",
    "Bland vuxna biståndsmottagare med sociala skäl som försörjningshinder i Svalöv är männen "
    "5,6 gånger så många som kvinnorna (39 mot 7, 85 % av 46).",
    "I Landskrona är ohälsotalet bland män 45–54 år 31,4 dagar (2018), 40 % högre än i Region "
    "Skåne (22,4 dagar).",
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
        "I förbundet fanns 1 268 öppet arbetslösa och sökande i program som varit utan arbete "
        "i mer än 12 månader i juni 2019, varav 1 107 i Landskrona och 161 i Svalöv." in text
    )
    assert "1 247" not in text
    assert "i mer än 12 månader var 48 % i Landskrona" in text


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


def _number(text: str) -> Decimal:
    """A number as a Swedish sentence writes it (``1 247``, ``31,4``)."""
    return Decimal(text.replace("\u00a0", "").replace(" ", "").replace(",", "."))


N = r"(\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?)"


def _observations(refs: list[str]) -> list[Observation]:
    return list(Observation.objects.filter(pk__in=[int(r) for r in refs]))


def test_every_synthesis_sentence_reads_back_against_its_figures(
    demo_analysis: NeedsAnalysis,
) -> None:
    result = services.run(demo_analysis)
    checked = 0
    for sentence in (s for group in result.groups.values() for s in group):
        text = sentence.text.replace("\u00a0", " ")
        found = _observations(sentence.refs)
        assert found, sentence.text
        if sentence.kind == "total":
            total = _number(re.search(rf"(?:fanns|hade förbundet) {N} ", text)[1])
            parts = [
                _number(n)
                for n in re.findall(rf"{N} i [A-ZÅÄÖ]", text.split(" – ")[-1].split("varav")[-1])
            ]
            assert total == sum(parts)  # the förbund total is the sum of the members' figures
            assert total == sum(o.value for o in found)
            checked += 1
        elif sentence.kind == "gender":
            big, small, share, of = (
                _number(n) for n in re.search(rf"\({N} mot {N}, {N} % av {N}\)", text).groups()
            )
            assert [big, small] == sorted((o.value for o in found), reverse=True)
            assert of == big + small
            assert share == round(big / of * 100)
            checked += 1
        elif sentence.kind == "rate":
            (observation,) = found
            match = re.search(
                rf" {N}(?: %| dagar)? \(\d{{4}}\), {N} % (?:högre|lägre) .* \({N}", text
            )
            value, difference, base = (_number(n) for n in match.groups())
            assert value == round(observation.value, 1)
            region = Observation.objects.get(
                indicator=observation.indicator, area__code=result.spec.region,
                period=observation.period, gender=observation.gender,
            )  # fmt: skip
            assert base == round(region.value, 1)
            assert difference == round(abs(observation.value / region.value - 1) * 100)
            checked += 1
        elif sentence.kind == "share":
            derived = next(d for d in result.spec.derived if d.code == sentence.indicator)
            shares = [_number(n) for n in re.findall(rf"{N} % i [A-ZÅÄÖ]", text)]
            expected = []
            for member in result.spec.members:
                mine = [o for o in found if o.area.code == member]
                num = sum(o.value for o in mine if o.indicator.code in derived.numerator)
                den = sum(o.value for o in mine if o.indicator.code in derived.denominator)
                expected.append(round(100 * num / den))
            assert shares == expected
            checked += 1
    assert checked >= 20


def test_synthesis_sentences_never_string_labels_together_with_colons(
    demo_analysis: NeedsAnalysis,
) -> None:
    result = services.run(demo_analysis)
    for sentence in (s for group in result.groups.values() for s in group):
        assert ":" not in sentence.text, sentence.text
        assert "(%)" not in sentence.text, sentence.text

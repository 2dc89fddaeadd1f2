"""The report's bar charts: members, their region and riket told apart, not interleaved."""

from __future__ import annotations

import re
from itertools import groupby

from django.core.management import call_command

from samordna import charts
from samordna.needs import report, services
from samordna.needs.models import NeedsAnalysis
from samordna.reports.document import Bar, Chart
from tests.conftest import Cast


def _charts(blocks: list[object]) -> list[Chart]:
    found = []
    for block in blocks:
        if isinstance(block, Chart):
            found.append(block)
        found += _charts(getattr(block, "blocks", []) + getattr(block, "sections", []))
    return found


def test_member_region_and_riket_bars_each_have_their_colour() -> None:
    chart = Chart(
        "Andel",
        [
            Bar("Landskrona", 4.0, "4,0"),
            Bar("Skåne", 3.0, "3,0", "region"),
            Bar("Riket", 2.0, "2,0", "nation"),
        ],
    )
    fills = re.findall(r'<rect [^>]*fill="(#[0-9a-f]{6})"', charts.svg(chart))
    assert len(fills) == 3
    assert len(set(fills)) == 3


def test_the_demo_report_bars_group_members_region_and_riket_by_gender(cast: Cast) -> None:
    call_command("demo", "--quiet")
    analysis = NeedsAnalysis.objects.get(association=cast.association, year=2019)
    document = report.build(analysis, services.result(analysis))
    found = [c for section in document.sections for c in _charts([section])]
    assert found, "the demo report has bar charts"
    for chart in found:
        groups = [bar.group for bar in chart.bars]
        assert "region" in groups
        # Per gender the members come first, then the region (then riket, where it has
        # the figure): never a member after the region within a gender.
        genders = [bar.label.rsplit(", ", 1)[-1] for bar in chart.bars]
        runs = [gender for gender, _bars in groupby(genders)]
        assert len(runs) == len(set(runs)), f"a gender's bars are split: {genders}"
        for gender in dict.fromkeys(genders):
            mine = [g for g, w in zip(groups, genders, strict=True) if w == gender]
            assert mine == sorted(mine, key=["member", "region", "nation"].index)
            assert mine[0] == "member"

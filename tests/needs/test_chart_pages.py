"""The charts where people look for them: the report (web, PDF, Word), every indicator page,
the money page and the flags page."""

from __future__ import annotations

import re

from django.core.management import call_command

from samordna.accounts.roles import Role
from samordna.needs.models import NeedsAnalysis
from samordna.reports.document import CHARTS, Section
from tests.conftest import Cast, client_for

SVG = re.compile(r'<figure class="chart chart--(\w+)">.*?</figure>', re.S)


def _kinds(html: str) -> list[str]:
    found = []
    for figure in SVG.finditer(html):
        svg = figure.group(0)
        assert re.search(r'<svg [^>]*role="img"', svg)
        assert "<title" in svg
        assert "<desc" in svg
        assert '<details class="chart__values">' in svg
        found.append(figure.group(1))
    return found


def _blocks(sections: list[Section]) -> list[object]:
    found: list[object] = []
    for section in sections:
        found += [b for b in section.blocks if isinstance(b, CHARTS)]
        found += _blocks(section.sections)
    return found


def test_the_indicator_money_and_flags_pages_carry_their_charts(cast: Cast) -> None:
    call_command("demo", "--quiet")
    director = client_for(cast[Role.DIRECTOR])
    base = f"/f/{cast.association.slug}/"
    indicator = director.get(base + "statistik/indikatorer/AF_SOKANDE/").content.decode()
    assert _kinds(indicator) == ["bars", "line"]
    assert "Landskrona" in indicator
    money = director.get(base + "uppdrag/ekonomi/").content.decode()
    assert _kinds(money) == ["bars"]
    assert "Budget, beviljat och utfall per år" in money
    year = NeedsAnalysis.objects.filter(association=cast.association).first().year
    flags = director.get(f"{base}behovsanalys/{year}/flaggor/").content.decode()
    assert _kinds(flags) == ["ranked"]

"""The needs analysis pages in a real browser: the report, flags and texts pass axe."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from samordna.accounts.demo import LANDSKRONA_SVALOV
from samordna.accounts.roles import Role
from samordna.needs.models import FlagDecision
from tests.browser.conftest import log_in, serious

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BASE = "/f/landskrona-svalov/behovsanalys/2019/"


def test_analyst_reads_the_report_and_hides_a_flag(page: Any, live_server: Any) -> None:
    call_command("demo", "--quiet")
    site = str(live_server.url)
    analyst = next(p for p in LANDSKRONA_SVALOV.people if p.role == Role.ANALYST)
    log_in(page, site, analyst.email)
    violations = {}
    page.goto(site + BASE)
    assert page.get_by_role("heading", name="Behovsanalys 2019", level=1).is_visible()
    assert page.get_by_role("heading", name="Behov av försörjning").is_visible()
    violations["report"] = serious(page)
    page.goto(site + BASE + "flaggor/")
    violations["flags"] = serious(page)
    # The first flag's row (the chart's values table above it has no links)
    page.locator("form tbody tr").first.get_by_role("link", name="Ändra").click()
    editing = page.locator("section.panel")
    editing.get_by_label("Dölj").check()
    editing.get_by_label("Kommentar i rapporten").fill("Jämförelsen bygger på två kommuner.")
    editing.get_by_role("button", name="Spara", exact=True).click()
    assert page.get_by_text("Beslutet är sparat.").is_visible()
    hidden = FlagDecision.objects.get(decision="hidden")
    assert hidden.note == "Jämförelsen bygger på två kommuner."
    page.goto(site + BASE + "texter/")
    violations["texts"] = serious(page)
    page.goto(site + "/f/landskrona-svalov/samverkansytor/")
    assert page.get_by_role("cell", name="strategiskt bra, operativt låg").is_visible()
    violations["collaboration areas"] = serious(page)
    # The wide matrix scrolls inside its own region; the page itself never sideways.
    wide = {"collaboration areas": page.evaluate("document.documentElement.scrollWidth")}
    matrix = page.get_by_role("region", name="Behovssituation och huvudpart")
    assert matrix.evaluate("e => e.scrollWidth > e.clientWidth")
    for name, path in (
        ("interviews", "/f/landskrona-svalov/intervjuer/"),
        ("insights", "/f/landskrona-svalov/insikter/"),
        ("tags", "/f/landskrona-svalov/insikter/taggar/"),
        ("themes", "/f/landskrona-svalov/insikter/teman/"),
        ("meetings", "/f/landskrona-svalov/traffar/"),
    ):
        page.goto(site + path)
        violations[name] = serious(page)
        wide[name] = page.evaluate("document.documentElement.scrollWidth")
    assert {name: found for name, found in violations.items() if found} == {}
    width = page.viewport_size["width"]
    assert {name: px for name, px in wide.items() if px > width} == {}

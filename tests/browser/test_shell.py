"""Every demo role logs in through a real browser; axe-core checks WCAG 2.1 AA."""

from __future__ import annotations

from typing import Any

import pytest

from samordna.accounts.demo import LANDSKRONA_SVALOV
from tests.browser.conftest import log_in, serious

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_role_logs_in_and_sees_the_dashboard(browser: Any, demo_site: str) -> None:
    for person in LANDSKRONA_SVALOV.people:
        context = browser.new_context()  # the browser asks for English; Samordna answers in Swedish
        page = context.new_page()
        log_in(page, demo_site, person.email)
        assert page.url.endswith("/f/landskrona-svalov/"), f"{person.role}: {page.url}"
        assert page.get_by_role("heading", level=1).inner_text() == LANDSKRONA_SVALOV.name
        assert page.get_by_text("Du är inloggad som").is_visible()
        assert (
            page.get_by_role("navigation", name="Moduler")
            .get_by_role("link", name="Översikt")
            .is_visible()
        )
        # The audit trail is in the Administration section's sub-navigation.
        administration = page.get_by_role("navigation", name="Moduler").get_by_role(
            "link", name="Administration"
        )
        if administration.count():
            administration.click()
            page.wait_for_load_state()
        audit_link = page.get_by_role("link", name="Händelselogg", exact=True)
        assert audit_link.count() == (1 if person.role in {"director", "auditor"} else 0)
        context.close()


def test_login_dashboard_and_organisation_pages_pass_axe(page: Any, demo_site: str) -> None:
    page.goto(demo_site + "/konto/logga-in/")
    violations = {"login": serious(page)}
    log_in(page, demo_site, LANDSKRONA_SVALOV.people[0].email)
    for name, path in [
        ("dashboard", "/f/landskrona-svalov/"),
        ("parties", "/f/landskrona-svalov/parter/"),
        ("units", "/f/landskrona-svalov/verksamheter/"),
        ("members", "/f/landskrona-svalov/medlemmar/"),
        ("roles", "/f/landskrona-svalov/roller/"),
        ("audit", "/f/landskrona-svalov/logg/"),
    ]:
        page.goto(demo_site + path)
        violations[name] = serious(page)
    failing = {name: found for name, found in violations.items() if found}
    assert failing == {}


def test_the_skip_link_and_focus_work_from_the_keyboard(page: Any, demo_site: str) -> None:
    log_in(page, demo_site, LANDSKRONA_SVALOV.people[1].email)
    page.goto(demo_site + "/f/landskrona-svalov/parter/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Hoppa till innehållet"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    page.wait_for_url("**#main", timeout=5000)  # the fragment is set asynchronously
    assert page.url.endswith("#main")

"""One föruppdrag through its whole life in a real browser, each step by the role that takes it:
analyst, party representative, secretary (board decisions), lead and manager."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from samordna.accounts.demo import LANDSKRONA_SVALOV
from samordna.accounts.roles import Role
from samordna.assignments.models import Assignment, ProgressReport, State
from samordna.board.models import Decision
from samordna.insights.models import Insight
from tests.browser.conftest import log_in, serious

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLUG = LANDSKRONA_SVALOV.slug
TITLE = "Föruppdrag: vägar till arbete för unga vuxna"


def email(role: Role) -> str:
    return next(p.email for p in LANDSKRONA_SVALOV.people if p.role == role)


@contextmanager
def as_role(browser: Any, site: str, role: Role) -> Iterator[Any]:
    context = browser.new_context()
    page = context.new_page()
    log_in(page, site, email(role))
    try:
        yield page
    finally:
        context.close()


def open_assignment(page: Any, site: str) -> None:
    page.goto(f"{site}/f/{SLUG}/uppdrag/")
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_load_state()


def click(page: Any, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


def state() -> str:
    return Assignment.objects.get(title=TITLE).state


def test_a_pre_study_from_proposal_to_closing_with_a_follow_up(
    browser: Any, live_server: Any
) -> None:
    from samordna.accounts import demo

    demo.load()
    site = str(live_server.url)
    today = timezone.localdate()
    first, second = today + datetime.timedelta(days=30), today + datetime.timedelta(days=60)
    violations: dict[str, list[str]] = {}

    with as_role(browser, site, Role.ANALYST) as page:
        page.goto(f"{site}/f/{SLUG}/uppdrag/nytt/")
        page.select_option("[name=kind]", "pre_study")
        page.fill("[name=title]", TITLE)
        page.fill("[name=background]", "Unga vuxna möter många verksamheter men ingen helhet.")
        page.fill("[name=target_users]", "Unga vuxna 16–26 år utan sysselsättning.")
        page.get_by_label("Arbetsförmedlingen", exact=True).check()
        page.get_by_label("Landskrona stad", exact=True).check()
        page.fill("[name=resource_integration]", "Ett gemensamt team från parterna.")
        page.fill(
            "[name=implementation_strategy]", "Varje verksamhet beslutar efter slutrapporten."
        )
        page.fill("[name=starts_on]", f"{first:%Y-%m-%d}")
        page.fill("[name=ends_on]", f"{first + datetime.timedelta(days=200):%Y-%m-%d}")
        page.select_option("[name=focus]", "structural")
        page.fill("[name=target_group]", "Unga vuxna")
        page.select_option("[name=lead]", label="Sara Öberg")
        page.select_option("[name=manager]", label="Johan Berg")
        click(page, "Spara")
        assert page.get_by_role("heading", name=TITLE, level=1).is_visible()
        page.fill("#pengar [name=year]", str(first.year))
        page.fill("#pengar [name=proposed]", "350000")
        click(page, "Spara föreslagen finansiering")
        assert page.get_by_role("button", name="Klar för beslut").count() == 0  # not from draft
        click(page, "Skicka för förankring")
        assert page.locator("#state").inner_text() == "Förankring hos parterna"
    assert state() == State.ANCHORING

    with as_role(browser, site, Role.PARTY_REPRESENTATIVE) as page:
        open_assignment(page, site)
        page.get_by_label("Din kommentar").fill("Arbetsförmedlingen deltar två dagar i veckan.")
        click(page, "Skicka kommentar")
        assert page.get_by_text("Arbetsförmedlingen deltar två dagar i veckan.").is_visible()
        violations["detail"] = serious(page)

    with as_role(browser, site, Role.ANALYST) as page:
        open_assignment(page, site)
        click(page, "Klar för beslut")
    assert state() == State.READY

    with as_role(browser, site, Role.BOARD_SECRETARY) as page:
        page.goto(f"{site}/f/{SLUG}/styrelsen/")
        page.fill("[name=dates]", f"{first:%Y-%m-%d}\n{second:%Y-%m-%d}")
        page.fill("[name=place]", "Förbundets kansli")
        click(page, "Skapa mötena")
        page.goto(f"{site}/f/{SLUG}/styrelsen/?year={first.year}")
        page.get_by_role("link", name=f"{first:%Y-%m-%d}").click()
        click(page, "Föreslå dagordningen utifrån det som är aktuellt")
        item = page.locator("li", has_text=f"Föruppdrag: {TITLE}")
        item.get_by_label("Bevilja").check()
        item.get_by_role("button", name="För in beslutet").click()
        page.wait_for_load_state()
        assert page.get_by_text("Beslut Dnr").first.is_visible()
        violations["meeting"] = serious(page)
    assert state() == State.GRANTED
    grant = Decision.objects.get(assignment__title=TITLE, kind="grant")

    with as_role(browser, site, Role.ANALYST) as page:
        open_assignment(page, site)
        page.get_by_label("Överenskommen omfattning").fill("Kartläggning och tre prototyper.")
        page.get_by_label("Överenskommelse undertecknad").fill(f"{first:%Y-%m-%d}")
        click(page, "Registrera överenskommelse")
        click(page, "Starta uppdraget")
        assert page.get_by_text(grant.registry_number).first.is_visible()
    assert state() == State.RUNNING

    call_command("send_reminders", "--date", f"{first + datetime.timedelta(days=1):%Y-%m-%d}")
    report = ProgressReport.objects.get(assignment__title=TITLE)
    assert report.meeting.held_on == second

    with as_role(browser, site, Role.ASSIGNMENT_LEAD) as page:
        page.goto(f"{site}/f/{SLUG}/avrapporteringar/{report.pk}/")
        page.fill("[name=activities]", "Vi har intervjuat tolv unga och tre handläggare.")
        page.fill("[name=discoveries]", "Unga vill ha en kontaktperson genom hela vägen.")
        click(page, "Spara")
        click(page, "Lämna till ansvarig chef")
        assert page.locator("#report-state").inner_text() == "Inlämnad till ansvarig chef"
        violations["report"] = serious(page)
        page.goto(f"{site}/f/{SLUG}/uppdrag/{report.assignment_id}/slutrapport/")
        for name in ("background", "way_of_working", "results", "implementation_position",
                     "continued_work", "further_support"):  # fmt: skip
            page.fill(f"[name={name}]", f"Slutrapportens avsnitt {name}.")
        click(page, "Spara")
        click(page, "Lämna in slutrapporten")
    assert state() == State.FINAL_SUBMITTED

    with as_role(browser, site, Role.MANAGER) as page:
        page.goto(f"{site}/f/{SLUG}/avrapporteringar/{report.pk}/")
        click(page, "Godkänn")
        assert page.locator("#report-state").inner_text() == "Godkänd"
        open_assignment(page, site)
        click(page, "Godkänn slutrapporten")
    assert state() == State.FINAL_APPROVED
    assert Insight.objects.filter(progress_report=report, source="progress_report").count() == 1

    with as_role(browser, site, Role.BOARD_SECRETARY) as page:
        page.goto(f"{site}/f/{SLUG}/styrelsen/?year={second.year}")
        page.get_by_role("link", name=f"{second:%Y-%m-%d}").click()
        click(page, "Föreslå dagordningen utifrån det som är aktuellt")
        item = page.locator("li", has_text=f"Slutrapport och implementeringsbeslut: {TITLE}")
        item.get_by_label("Implementeras delvis").check()
        item.get_by_label("Skapa en uppföljning").select_option("assignment")
        item.get_by_label("Rubrik på uppföljningen").fill("Uppdrag: samlad ingång för unga vuxna")
        item.get_by_role("button", name="För in beslutet").click()
        page.wait_for_load_state()
    closed = Assignment.objects.get(title=TITLE)
    assert closed.state == State.CLOSED
    assert closed.outcome == "partly"
    follow = Assignment.objects.get(follows=closed)
    assert follow.title == "Uppdrag: samlad ingång för unga vuxna"
    assert follow.state == State.DRAFT

    with as_role(browser, site, Role.BOARD_MEMBER) as page:
        open_assignment(page, site)
        assert page.locator("#state").inner_text() == "Avslutat"
        assert page.get_by_role("link", name=follow.title).is_visible()
        timeline = page.locator("ol.timeline").inner_text()
        for text in (
            "Förslaget skickades för förankring",
            "Kommentar från",
            "beviljade",
            "Avrapportering inför",
            "Slutrapporten godkändes",
            "Uppdraget avslutades",
        ):
            assert text in timeline, text  # fmt: skip
    assert violations == {k: [] for k in violations}

"""The demo year on the pages: what each role sees of the assignments, and the dashboard."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from samordna.accounts.models import Association
from samordna.accounts.roles import Role
from samordna.assignments.models import Assignment, ProgressReport
from tests.conftest import Cast, client_for


@pytest.fixture
def demo_year(cast: Cast) -> Association:
    call_command("demo", "--quiet")
    return cast.association


def test_a_lead_sees_only_their_own_assignments_and_reports(
    cast: Cast, demo_year: Association
) -> None:
    lead = cast[Role.ASSIGNMENT_LEAD]
    client = client_for(lead)
    page = client.get(reverse("assignments:list", kwargs={"slug": demo_year.slug})).content
    text = page.decode()
    own = Assignment.objects.filter(association=demo_year, lead=lead)
    others = Assignment.objects.filter(association=demo_year).exclude(lead=lead)
    assert own.exists()
    assert others.exists()
    for a in own:
        assert a.title in text
    for a in others.exclude(manager=lead):
        assert a.title not in text
        url = reverse("assignments:detail", kwargs={"slug": demo_year.slug, "assignment_id": a.pk})
        assert client.get(url).status_code == 404
    foreign = ProgressReport.objects.filter(assignment__in=others).first()
    assert foreign is not None
    url = reverse("assignments:report", kwargs={"slug": demo_year.slug, "report_id": foreign.pk})
    assert client.get(url).status_code == 404


def test_the_demo_year_has_what_the_issue_asks_for(demo_year: Association) -> None:
    from samordna.board.models import BoardMeeting

    assert BoardMeeting.objects.filter(association=demo_year).count() == 7
    states = set(Assignment.objects.filter(association=demo_year).values_list("state", flat=True))
    assert {"closed", "running", "anchoring", "on_agenda"} <= states
    reports = set(
        ProgressReport.objects.filter(assignment__association=demo_year).values_list(
            "state", flat=True
        )
    )
    assert reports == {"draft", "submitted", "returned", "approved"}
    closed = Assignment.objects.get(association=demo_year, state="closed")
    assert closed.outcome
    assert closed.follow_ups.exists()
    # Each approved report's discoveries are its own insights, one per line, dated with it.
    from samordna.insights.models import Insight

    approved = ProgressReport.objects.filter(assignment__association=demo_year, state="approved")
    for report in approved:
        lines = [line.strip() for line in report.discoveries.splitlines() if line.strip()]
        insights = Insight.objects.filter(progress_report=report)
        assert sorted(insights.values_list("text", flat=True)) == sorted(lines)
        assert set(insights.values_list("noted_on", flat=True)) == {
            report.approved_at.date()  # type: ignore[union-attr]
        }
    texts = list(
        Insight.objects.filter(progress_report__in=approved).values_list("text", flat=True)
    )
    assert len(texts) == len(set(texts)) >= approved.count()


@pytest.mark.parametrize("role", list(Role))
def test_every_page_of_the_demo_year_opens_for_every_role(
    cast: Cast, demo_year: Association, role: Role
) -> None:
    client = client_for(cast[role])
    slug = demo_year.slug
    dashboard = client.get(reverse("core:dashboard", kwargs={"slug": slug}))
    assert dashboard.status_code == 200
    membership = cast[role].memberships.get(association=demo_year)
    if membership.has("board.view"):  # type: ignore[arg-type]
        for meeting in demo_year.board_meetings.all():
            url = reverse("board:meeting", kwargs={"slug": slug, "board_meeting_id": meeting.pk})
            assert client.get(url).status_code == 200
    if membership.has("assignments.view"):  # type: ignore[arg-type]
        for a in Assignment.objects.filter(association=demo_year):
            for name in ("assignments:detail", "assignments:final_report"):
                url = reverse(name, kwargs={"slug": slug, "assignment_id": a.pk})
                assert client.get(url).status_code == 200, url
        assert client.get(reverse("assignments:money", kwargs={"slug": slug})).status_code == 200


def test_amounts_are_grouped_and_unknown_is_a_dash(cast: Cast, demo_year: Association) -> None:
    from django.db.models import Sum

    from samordna.assignments.models import Funding

    page = client_for(cast[Role.DIRECTOR]).get(
        reverse("assignments:money", kwargs={"slug": demo_year.slug})
    )
    html = page.content.decode()
    proposed = Funding.objects.filter(assignment__association=demo_year).aggregate(
        s=Sum("proposed")
    )["s"]
    assert proposed >= 1_000_000
    grouped = f"{proposed:,}".replace(",", "\xa0")  # Swedish groups with a no-break space
    assert f'<td class="numeric">{grouped}</td>' in html
    assert f">{proposed}<" not in html
    assert Funding.objects.filter(assignment__association=demo_year, granted=None).exists()
    assert '<td class="numeric">–</td>' in html


def test_a_year_without_outcome_shows_a_dash_not_zero(cast: Cast, demo_year: Association) -> None:
    from samordna.assignments import followup
    from samordna.assignments.models import Funding

    rows = {row[0]: row for row in followup.budget_rows(demo_year)}
    for year, (_y, _budget, granted, spent, _left) in rows.items():
        funding = Funding.objects.filter(assignment__association=demo_year, year=year)
        if not funding.exclude(spent=None).exists():
            assert spent is None, year
        if not funding.exclude(granted=None).exists():
            assert granted is None, year
    later = max(rows)
    assert rows[later][3] is None  # the demo's coming year has no outcome yet

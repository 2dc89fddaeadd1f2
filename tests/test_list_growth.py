"""Every list page asks the database the same number of times for N rows as for 3N.

Each page of the URL walk is either a list, grown here from N to 3N rows of what it
lists (``samordna.core.grow``) and asked for with a page size that holds them all — so
a query per row shows —, or named in ``NOT_LISTS`` with the reason it does not grow.
A new page that is in neither fails the first test. The API's lists are walked by
``tests/api/test_query_growth.py``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samordna.accounts.models import User
from samordna.accounts.roles import Role
from samordna.assignments.models import Assignment
from samordna.core import grow
from samordna.jobs.models import JobRun
from samordna.statistics.models import Area, Indicator
from tests.conftest import Cast, client_for
from tests.test_url_permissions import own_patterns

N = 5


@dataclass(frozen=True)
class ListPage:
    grow: Callable[[Cast, int, int], object]
    role: Role | None = Role.DIRECTOR  # None: the national administrator
    arguments: Callable[[Cast], dict[str, object]] = lambda cast: {}
    query: dict[str, str] = field(default_factory=dict)
    paged: bool = True  # False: one object's page, whose parts are listed in full


def _assignment(cast: Cast) -> Assignment:
    found, _created = Assignment.objects.get_or_create(
        association=cast.association, title="Uppdrag med lång historik"
    )
    return found


def _indicator(cast: Cast) -> Indicator:
    found = Indicator.objects.filter(code="G99999").first()
    return found or grow.indicators(1, 99_999)[0]


def _figures(cast: Cast, count: int, start: int) -> None:
    grow.figures(
        [_indicator(cast)], list(Area.objects.all()[:1]), range(1900 + start, 1900 + start + count)
    )


def _job_runs(cast: Cast, count: int, start: int) -> None:
    """Runs of the registered jobs, each with a result for the association."""
    base = datetime.datetime(2040, 1, 1, tzinfo=datetime.UTC)
    JobRun.objects.bulk_create(
        JobRun(
            job="send_reminders",
            due_at=base + datetime.timedelta(hours=start + n),
            status=JobRun.Status.DONE,
            results={str(cast.association.pk): f"{n} påminnelser skickade."},
        )
        for n in range(count)
    )


def _national(cast: Cast) -> User:
    user, _created = User.objects.get_or_create(
        email="nationell@samordna.example", defaults={"is_national_admin": True}
    )
    return user


A = "association"
LISTS: dict[str, ListPage] = {
    "core:association_list": ListPage(
        lambda c, n, s: grow.associations(n, s, member=c[Role.DIRECTOR])
    ),
    "accounts:token_list": ListPage(lambda c, n, s: grow.tokens(c[Role.DIRECTOR], n, s)),
    "national:association_list": ListPage(lambda c, n, s: grow.associations(n, s), role=None),
    "org:party_list": ListPage(lambda c, n, s: grow.parties(c.association, n, s)),
    "org:party_detail": ListPage(
        lambda c, n, s: grow.members(c.association, n, s),
        arguments=lambda c: {"party_id": c.association.parties.order_by("pk").first().pk},
    ),
    "org:unit_list": ListPage(lambda c, n, s: grow.units(c.association, n, s)),
    "org:member_list": ListPage(lambda c, n, s: grow.members(c.association, n, s)),
    "audit:event_list": ListPage(lambda c, n, s: grow.audit_events(c.association, n, s)),
    "audit:security_list": ListPage(lambda c, n, s: grow.audit_events(c.association, n, s)),
    "statistics:home": ListPage(
        lambda c, n, s: grow.figures(
            grow.indicators(n, s), list(Area.objects.all()[:1]), range(2020, 2021)
        )
    ),
    "statistics:indicator_detail": ListPage(
        _figures, role=Role.ANALYST, arguments=lambda c: {"code": _indicator(c).code}
    ),
    "needs:list": ListPage(lambda c, n, s: grow.editions(c.association, n, s)),
    "insights:areas": ListPage(
        lambda c, n, s: grow.areas(c.association, n, s, year=2090), query={"year": "2090"}
    ),
    "insights:interviews": ListPage(lambda c, n, s: grow.interviews(c.association, n, s)),
    "insights:bank": ListPage(lambda c, n, s: grow.insights(c.association, n, s, tags=s + n)),
    "insights:tags": ListPage(lambda c, n, s: grow.tags(c.association, n, s)),
    "insights:themes": ListPage(lambda c, n, s: grow.theme_suggestions(c.association, n, s)),
    "insights:meetings": ListPage(lambda c, n, s: grow.leads_meetings(c.association, n, s)),
    "board:meetings": ListPage(
        lambda c, n, s: grow.board(c.association, n, 0, s), query={"year": "2100"}
    ),
    "board:decisions": ListPage(lambda c, n, s: grow.decisions(c.association, n, s)),
    "board:priorities": ListPage(lambda c, n, s: grow.priorities(c.association, n, s)),
    "assignments:list": ListPage(lambda c, n, s: grow.assignments(c.association, n, s, reports=1)),
    "assignments:money": ListPage(lambda c, n, s: grow.assignments(c.association, n, s, reports=0)),
    "assignments:reports": ListPage(
        lambda c, n, s: grow.assignments(c.association, n, s, reports=1)
    ),
    "jobs:runs": ListPage(lambda c, n, s: _job_runs(c, n, s)),
    "assignments:detail": ListPage(
        lambda c, n, s: grow.comments(_assignment(c), n, s),
        arguments=lambda c: {"assignment_id": _assignment(c).pk},
        paged=False,
    ),
}

FORM = "a form or an action, not a list"
FILE = "a file download"
NOT_LISTS: dict[str, str] = {
    "core:home": "a redirect to the person's association",
    "core:dashboard": "a fixed set of panels, each a count or the eight latest events",
    "core:styleguide": "the components with fixed sample content",
    "accounts:login": FORM, "accounts:logout": FORM, "accounts:password_change": FORM,
    "accounts:password_change_done": FORM, "accounts:password_reset": FORM,
    "accounts:password_reset_done": FORM, "accounts:password_reset_confirm": FORM,
    "accounts:password_reset_complete": FORM, "accounts:token_revoke": FORM,
    "accounts:invitations": "the person's own open invitations, which lapse after 30 days",
    "national:association_new": FORM,
    "org:party_create": FORM, "org:party_edit": FORM, "org:party_delete": FORM,
    "org:unit_create": FORM, "org:unit_edit": FORM, "org:unit_delete": FORM,
    "org:member_add": FORM, "org:member_edit": FORM, "org:member_remove": FORM,
    "org:role_table": "the fixed table of roles and permissions",
    "statistics:set_detail": "the indicators of one set: bounded by the catalogue",
    "statistics:set_item_remove": FORM, "statistics:import": FORM,
    "statistics:template": FILE, "statistics:export": FILE,
    "needs:settings": FORM, "needs:compute": FORM, "needs:finalise": FORM,
    "needs:detail": "one report, read from its stored result (tests/needs)",
    "needs:download": "a file download, cached per document",
    "needs:flags": "one stored result's flags, paged on the page (tests/needs/test_flags_page.py)",
    "needs:texts": "one version per chapter, a fixed set",
    "insights:area_create": FORM, "insights:area_edit": FORM, "insights:interview_create": FORM,
    "insights:respondent_create": FORM, "insights:guide_edit": FORM,
    "insights:interview": "one interview: its quotes and recordings",
    "insights:interview_edit": FORM, "insights:recording": FILE,
    "insights:insight_create": FORM, "insights:insight_edit": FORM,
    "insights:insight_export": "a file download, streamed",
    "insights:meeting": "one meeting and its lessons", "insights:meeting_edit": FORM,
    "board:meeting_create": FORM, "board:meeting": "one meeting's agenda",
    "board:meeting_edit": FORM, "board:agenda": FORM, "board:decide": FORM, "board:status": FORM,
    "board:minutes": FORM, "board:packet_pdf": FILE, "board:minutes_pdf": FILE,
    "assignments:create": FORM, "assignments:export_csv": FILE,
    "assignments:export_xlsx": FILE, "assignments:edit": FORM,
    "assignments:step": FORM, "assignments:comment": FORM, "assignments:funding": FORM,
    "assignments:amend": FORM, "assignments:final_report": FORM,
    "assignments:report": "one progress report", "assignments:report_step": FORM,
    "set_language": FORM,
}  # fmt: skip


def test_every_page_is_a_grown_list_or_says_why_not() -> None:
    names = {name for _route, name, _view in own_patterns()}
    assert set(LISTS) & set(NOT_LISTS) == set()
    assert names - set(LISTS) - set(NOT_LISTS) == set(), "pages neither grown nor explained"
    assert set(LISTS) | set(NOT_LISTS) <= names, "names of pages that no longer exist"


def _queries(client: object, url: str, page: ListPage) -> tuple[int, int]:
    """The number of queries and the rows listed (for a page of one object: its size)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {**page.query, "antal": 100})  # type: ignore[attr-defined]
    assert response.status_code == 200, (url, response.status_code)
    if not page.paged:
        return len(captured), len(response.content)
    assert "paged" in response.context, f"{url} is not paged"
    return len(captured), response.context["paged"].page.paginator.count


@pytest.mark.parametrize("name", sorted(LISTS))
def test_a_list_page_asks_the_same_queries_for_n_and_3n_rows(cast: Cast, name: str) -> None:
    page = LISTS[name]
    user = _national(cast) if page.role is None else cast[page.role]
    client = client_for(user)
    page.grow(cast, N, 0)
    arguments = page.arguments(cast)
    if ":" in name and not name.startswith(("core:", "accounts:", "national:")):
        arguments = {"slug": cast.association.slug, **arguments}
    url = reverse(name, kwargs=arguments)
    small, rows_small = _queries(client, url, page)
    page.grow(cast, 2 * N, N)
    large, rows_large = _queries(client, url, page)
    grown = rows_small + 2 * N if page.paged else rows_small + 1_000  # bytes of 2N more rows
    assert rows_large >= grown, f"{name}: the page did not list the grown rows"
    assert large == small, (
        f"{name}: {small} queries for {rows_small} rows, {large} for {rows_large}"
    )

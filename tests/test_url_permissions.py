"""Walk every URL pattern of the project for every role and for an outsider.

Every view must carry an access rule (``samordna.core.access``); a new URL
without one fails here. For each association URL the expected answer follows
from the permission table: 2xx/3xx/405 for a role that holds the permission,
403 for a member whose role does not, 404 for a member of the other
association — including when an object id of association A is requested
under the outsider's own association B.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch

from samordna.accounts.models import Membership, Unit
from samordna.accounts.roles import Role
from samordna.core.access import AccessRule
from samordna.core.api import api
from samordna.insights.models import CollaborationArea
from samordna.needs import services as needs_services
from samordna.needs.models import NeedsAnalysis
from samordna.statistics import catalog
from tests.conftest import Cast, api_client_for, client_for

# Third-party URL groups with their own, documented access rules.
DJANGO_ADMIN = "admin"  # is_staff only, enforced by Django's admin site
API_NAMESPACE = "api-v1"  # walked operation by operation below


def walk(
    resolver: URLResolver, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, Any]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else (entry.name or "")
            yield prefix + str(entry.pattern), name, entry.callback


def own_patterns() -> list[tuple[str, str, Any]]:
    return [
        p
        for p in walk(get_resolver())
        if not p[1].startswith((f"{DJANGO_ADMIN}:", f"{API_NAMESPACE}:"))
    ]


def test_every_view_declares_an_access_rule() -> None:
    missing = [
        route
        for route, _name, view in own_patterns()
        if not isinstance(getattr(view, "access_rule", None), AccessRule)
    ]
    assert missing == [], f"URLs without an access rule: {missing}"


def test_every_api_operation_declares_an_access_rule() -> None:
    missing = []
    for _prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                if not isinstance(getattr(operation.view_func, "access_rule", None), AccessRule):
                    missing.append(f"{operation.methods} {path}")
    assert missing == [], f"API operations without an access rule: {missing}"


def _arguments(cast: Cast, slug: str) -> dict[str, Any]:
    """Every URL argument the walk knows, pointing at objects of association A."""
    a = cast.association
    indicator_set = catalog.ensure_finsam_set(a)
    catalog.ensure_finsam_set(cast.other)
    return {
        "slug": slug,
        "party_id": a.parties.first().pk,
        "unit_id": Unit.objects.filter(party__association=a).first().pk,
        "membership_id": Membership.objects.get(association=a, role=Role.ANALYST).pk,
        "code": "N03920",
        "set_slug": indicator_set.slug,
        "item_id": indicator_set.items.first().pk,
        "year": _edition(cast).year,
        "area_id": _collaboration_area(cast).pk,
        **_interview_ids(cast),
        "meeting_id": _meeting(cast).pk,
        **_board_and_assignment(cast),
        "fmt": "html",
    }


def _edition(cast: Cast) -> NeedsAnalysis:
    """A finalised 2019 edition of association A, computed when the test has statistics.

    Finalised, so that the roles that read finalised analyses only (the board,
    the parties) reach it too; drafts are walked in tests/needs/test_access.py.
    """
    found = NeedsAnalysis.objects.filter(association=cast.association, year=2019).first()
    if found is None:
        found = needs_services.create(cast.association, 2019)
        try:
            needs_services.compute(found)
        except needs_services.AnalysisError:
            pass  # no figures in this test: the report page explains that instead
        NeedsAnalysis.objects.filter(pk=found.pk).update(status=NeedsAnalysis.Status.FINAL)
        found.refresh_from_db()
    return found


def _collaboration_area(cast: Cast) -> CollaborationArea:
    found = CollaborationArea.objects.filter(association=cast.association).first()
    return found or CollaborationArea.objects.create(
        association=cast.association,
        year=2019,
        situation="Arbetslös",
        main_actor="AF",
        partner_actor="socialtjänst",
        quality=4,
    )


def _interview_ids(cast: Cast) -> dict[str, int]:
    """An interview of association A with a guide and a (tiny) recording on disk."""
    from datetime import timedelta
    from pathlib import Path

    from django.conf import settings
    from django.utils import timezone

    from samordna.insights.models import Interview, InterviewGuide, Recording

    a = cast.association
    guide = InterviewGuide.objects.filter(association=a).first() or InterviewGuide.objects.create(
        association=a, name="Guide", audience="users", questions="Hur har du blivit bemött?"
    )
    interview = Interview.objects.filter(association=a).first() or Interview.objects.create(
        association=a, kind="user", held_on=timezone.now().date(), alias="A-1",
        consent_participate=True, consent_record=True,
    )  # fmt: skip
    for role in Role:
        interview.analysts.add(cast[role])
    path = Path(settings.DATA_DIR) / "walk-recording.mp3"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"ID3")
    recording = interview.recordings.first() or Recording.objects.create(
        interview=interview, path=str(path), original_name="a.mp3", content_type="audio/mpeg",
        size=3, delete_after=timezone.now() + timedelta(days=30),
    )  # fmt: skip
    from samordna.insights.models import Insight

    insight = Insight.objects.filter(association=a).first() or Insight.objects.create(
        association=a, text="Unga vill ha en kontaktperson.", noted_on=interview.held_on,
        source="interview", interview=interview,
    )  # fmt: skip
    return {
        "guide_id": guide.pk,
        "interview_id": interview.pk,
        "recording_id": recording.pk,
        "insight_id": insight.pk,
    }


def _meeting(cast: Cast) -> Any:
    import datetime

    from samordna.insights.models import LeadsMeeting

    found = LeadsMeeting.objects.filter(association=cast.association).first()
    return found or LeadsMeeting.objects.create(
        association=cast.association, held_on=datetime.date(2020, 2, 3)
    )


def _board_and_assignment(cast: Cast) -> dict[str, int]:
    """A board meeting, and an assignment of association A led and managed by the cast,
    concerning the representative's party, with a progress report."""
    import datetime

    from samordna.assignments.models import Assignment, ProgressReport
    from samordna.board.models import BoardMeeting

    a = cast.association
    meeting = BoardMeeting.objects.filter(association=a).first() or BoardMeeting.objects.create(
        association=a, held_on=datetime.date(2026, 3, 5), reports_due_on=datetime.date(2026, 2, 19)
    )
    assignment = Assignment.objects.filter(association=a, title="Walk").first()
    if assignment is None:
        assignment = Assignment.objects.create(
            association=a, kind="assignment", title="Walk",
            lead=cast[Role.ASSIGNMENT_LEAD], manager=cast[Role.MANAGER],
        )  # fmt: skip
        party = Membership.objects.get(association=a, user=cast[Role.PARTY_REPRESENTATIVE]).party
        assignment.parties.add(party)
    report = ProgressReport.objects.filter(assignment=assignment).first()
    if report is None:
        report = ProgressReport.objects.create(
            assignment=assignment, meeting=meeting, due_on=meeting.reports_due_on
        )
    return {
        "board_meeting_id": meeting.pk,
        "assignment_id": assignment.pk,
        "report_id": report.pk,
    }


def _kwargs(route: str, cast: Cast, association_slug: str) -> dict[str, Any]:
    """URL arguments for a route, pointing at objects of association A."""
    values = _arguments(cast, association_slug)
    if route.startswith("f/<slug:slug>/insikter/"):
        values["fmt"] = "csv"  # the insight bank exports CSV, XLSX and DOCX
    names = re.findall(r"<(?:\w+:)?(\w+)>", route)
    unknown = [n for n in names if n not in values]
    assert not unknown, (
        f"The walk does not know how to fill {unknown} in {route}: add them to _kwargs."
    )
    return {n: values[n] for n in names}


def _url(route: str, kwargs: dict[str, Any]) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), route)


ASSOCIATION_ROUTES = [
    (r, n, v)
    for r, n, v in own_patterns()
    if getattr(v, "access_rule", None) and v.access_rule.kind == "permission"
]


@pytest.mark.parametrize(
    ("route", "name", "view"), ASSOCIATION_ROUTES, ids=[n for _r, n, _v in ASSOCIATION_ROUTES]
)
def test_association_url_answers_by_role(cast: Cast, route: str, name: str, view: Any) -> None:
    rule: AccessRule = view.access_rule
    url = _url(route, _kwargs(route, cast, cast.association.slug))
    for role in Role:
        status = client_for(cast[role]).get(url).status_code
        if rule.admits_role(role):
            assert status in {200, 302, 405}, f"{role} should reach {url} ({rule}), got {status}"
        else:
            assert status == 403, f"{role} lacks {rule} but got {status} for {url}"
    outsider = client_for(cast.outsider)
    assert outsider.get(url).status_code == 404, f"outsider reached {url}"
    # The outsider's own association with association A's object ids: still 404.
    if "_id>" in route:
        own_slug_url = _url(route, _kwargs(route, cast, cast.other.slug))
        status = outsider.get(own_slug_url).status_code
        if status == 405:  # a state-changing view answers GET before it looks anything up
            status = outsider.post(own_slug_url).status_code
        assert status == 404, f"outsider reached {own_slug_url}"


def test_association_urls_send_anonymous_visitors_to_login(cast: Cast) -> None:
    for route, _name, _view in ASSOCIATION_ROUTES:
        url = _url(route, _kwargs(route, cast, cast.association.slug))
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/logga-in/")


@pytest.mark.parametrize(
    "name",
    [
        n
        for _r, n, v in own_patterns()
        if getattr(v, "access_rule", None) and v.access_rule.kind == "authenticated"
    ],
)
def test_authenticated_urls_need_a_login(cast: Cast, name: str) -> None:
    route = next(r for r, n, _v in own_patterns() if n == name)
    url = _url(route, {"token_id": 1, "uidb64": "x", "token": "y"})
    anonymous = Client().get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/konto/logga-in/")
    assert client_for(cast[Role.ANALYST]).get(url).status_code in {200, 302, 404, 405}


def _api_operations() -> list[tuple[str, str, AccessRule]]:
    operations = []
    for _prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    operations.append((method, path, operation.view_func.access_rule))
    return operations


def _api_url(path: str, cast: Cast, slug: str) -> str:
    values = _arguments(cast, slug)
    url = "/api/v1" + path
    for key, value in values.items():
        url = url.replace("{" + key + "}", str(value))
    assert "{" not in url, f"The walk does not know how to fill {url}"
    return url


def _call(client: Any, method: str, url: str) -> int:
    body = {"role": "analyst"} if method == "PATCH" else {"name": "Ny part", "kind": "region"}
    if method == "GET":
        return client.get(url).status_code
    return getattr(client, method.lower())(url, body, content_type="application/json").status_code


@pytest.mark.parametrize(
    ("method", "path", "rule"),
    _api_operations(),
    ids=[f"{m} {p}" for m, p, _r in _api_operations()],
)
def test_api_operation_answers_by_role(
    cast: Cast, method: str, path: str, rule: AccessRule
) -> None:
    url = _api_url(path, cast, cast.association.slug)
    assert _call(Client(), method, url) == 401
    if rule.kind != "permission":
        assert _call(api_client_for(cast[Role.AUDITOR]), method, url) == 200
        return
    for role in Role:
        status = _call(api_client_for(cast[role]), method, url)
        if rule.admits_role(role):
            assert status in {200, 201, 409, 422}, (
                f"{role} should reach {method} {url}, got {status}"
            )
        else:
            assert status == 403, f"{role} lacks {rule} but got {status} for {method} {url}"
    outsider = api_client_for(cast.outsider)
    assert _call(outsider, method, url) == 404
    if "_id}" in path:
        assert _call(outsider, method, _api_url(path, cast, cast.other.slug)) == 404


@pytest.mark.parametrize(
    "name",
    [
        n
        for _r, n, v in own_patterns()
        if getattr(v, "access_rule", None) and v.access_rule.kind == "national"
    ],
)
def test_national_urls_admit_only_national_administrators(cast: Cast, name: str) -> None:
    from samordna.accounts.models import User

    route = next(r for r, n, _v in own_patterns() if n == name)
    url = _url(route, {})
    assert Client().get(url).status_code == 302
    for role in Role:
        assert client_for(cast[role]).get(url).status_code == 403
    admin = User.objects.create_user("admin-test@samordna.example", full_name="Nationell")
    admin.is_national_admin = True
    admin.save()
    assert client_for(admin).get(url).status_code == 200


def test_the_walk_covers_the_known_pages() -> None:
    names = {n for _r, n, _v in own_patterns()}
    assert {"core:dashboard", "org:member_edit", "audit:event_list", "accounts:login"} <= names
    with pytest.raises(NoReverseMatch):
        reverse("core:no_such_page")

"""API operations for assignments and progress reports, with the same rules as the pages.

Writes go through the same lifecycle as the web forms: a step not allowed
from the present state answers 409 with the Swedish reason, one the caller
may not take answers 403, and bad input answers 422.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from samordna.accounts.models import Party, User
from samordna.accounts.roles import Perm
from samordna.assignments import access, lifecycle
from samordna.assignments.models import Assignment, ProgressReport
from samordna.core import privacy
from samordna.core.access import AssociationRequest
from samordna.core.api import ObjectId, api_requires
from samordna.core.pagination import ApiPages, Mapped

router = Router(tags=["assignments"])
VIEW = (Perm.VIEW_ASSIGNMENTS, Perm.VIEW_ASSIGNMENTS_OWN)


class FundingOut(Schema):
    year: int
    proposed: int
    co_financing: int
    granted: int | None
    spent: int | None


class AssignmentOut(Schema):
    id: int
    kind: str
    title: str
    state: str
    state_label: str
    background: str
    target_users: str
    parties: list[str]
    starts_on: date | None
    ends_on: date | None
    focus: str
    target_group: str
    planned_women: int
    planned_men: int
    lead: str
    manager: str
    follows: int | None
    outcome: str
    funding: list[FundingOut]
    steps: list[str]


class AssignmentIn(Schema):
    # Checked in the operation (after the permission), with Swedish messages.
    kind: str = ""
    title: str = ""
    background: str = ""
    target_users: str = ""
    party_ids: list[ObjectId] = []
    target_group: str = ""
    focus: str = ""
    lead_email: str = ""
    manager_email: str = ""


class StepIn(Schema):
    step: str = ""
    data: dict[str, str] = {}


class ReportOut(Schema):
    id: int
    assignment_id: int
    assignment: str
    meeting_on: date
    due_on: date
    state: str
    activities: str
    anchoring: str
    deviations: str
    discoveries: str
    return_comment: str


class ReportStepIn(Schema):
    step: str = ""
    comment: str = ""


def _out(a: Assignment, request: AssociationRequest) -> AssignmentOut:
    return AssignmentOut(
        id=a.pk,
        kind=a.kind,
        title=a.title,
        state=a.state,
        state_label=str(a.get_state_display()),
        background=a.background,
        target_users=a.target_users,
        parties=[p.name for p in a.parties.all()],
        starts_on=a.starts_on,
        ends_on=a.ends_on,
        focus=a.focus,
        target_group=a.target_group,
        planned_women=a.planned_women,
        planned_men=a.planned_men,
        lead=str(a.lead or ""),
        manager=str(a.manager or ""),
        follows=a.follows_id,
        outcome=a.outcome,
        funding=[
            FundingOut(
                year=f.year,
                proposed=f.proposed,
                co_financing=f.co_financing,
                granted=f.granted,
                spent=f.spent,
            )
            for f in a.funding.all()
        ],  # fmt: skip
        steps=[s.name for s in lifecycle.steps_for(a, request.membership)],
    )


def _report_out(r: ProgressReport) -> ReportOut:
    return ReportOut(
        id=r.pk,
        assignment_id=r.assignment_id,
        assignment=r.assignment.title,
        meeting_on=r.meeting.held_on,
        due_on=r.due_on,
        state=r.state,
        activities=r.activities,
        anchoring=r.anchoring,
        deviations=r.deviations,
        discoveries=r.discoveries,
        return_comment=r.return_comment,
    )


@router.get("/associations/{slug}/assignments", response=list[AssignmentOut])
@api_requires(*VIEW)
@paginate(ApiPages)
def list_assignments(request: AssociationRequest, slug: str) -> Mapped[AssignmentOut]:
    """The assignments the caller may read (all, or their own)."""
    found = access.visible(request.association, request.membership).prefetch_related(
        "parties", "funding"
    ).select_related("lead", "manager")  # fmt: skip
    return Mapped(found.order_by("pk"), lambda a: _out(a, request))


def _member(request: AssociationRequest, email: str, label: str) -> User | None:
    if not email:
        return None
    user = User.objects.filter(
        email=email.lower(), memberships__association=request.association
    ).first()
    if user is None:
        raise HttpError(422, f"{label}: {email} är inte medlem i förbundet.")
    return user


@router.post("/associations/{slug}/assignments", response={201: AssignmentOut})
@api_requires(Perm.EDIT_ASSIGNMENTS)
def create_assignment(request: AssociationRequest, slug: str, payload: AssignmentIn) -> Status:
    """Create a proposal (draft). Text with a personal identity number is refused (422)."""
    if payload.kind not in Assignment.Kind.values:
        raise HttpError(422, "Fältet kind ska vara pre_study (föruppdrag) eller assignment.")
    if not payload.title.strip():
        raise HttpError(422, "Fältet title är tomt; ge förslaget en rubrik.")
    if payload.focus and payload.focus not in Assignment.Focus.values:
        raise HttpError(422, "Fältet focus ska vara individual eller structural.")
    for field in ("title", "background", "target_users", "target_group"):
        try:
            privacy.check(getattr(payload, field), field=field)
        except ValidationError as exc:
            raise HttpError(422, exc.messages[0]) from exc
    parties = list(Party.objects.filter(association=request.association, pk__in=payload.party_ids))
    if len(parties) != len(set(payload.party_ids)):
        raise HttpError(422, "Fältet party_ids har en part som inte hör till förbundet.")
    with transaction.atomic():
        assignment = Assignment.objects.create(
            association=request.association,
            kind=payload.kind,
            title=payload.title.strip()[:200],
            background=payload.background,
            target_users=payload.target_users,
            target_group=payload.target_group[:300],
            focus=payload.focus,
            lead=_member(request, payload.lead_email, "lead_email"),
            manager=_member(request, payload.manager_email, "manager_email"),
        )
        assignment.parties.set(parties)
        lifecycle.event(assignment, "Förslag skapat", request.user)
    return Status(201, _out(assignment, request))


@router.get("/associations/{slug}/assignments/{assignment_id}", response=AssignmentOut)
@api_requires(*VIEW)
def get_assignment(
    request: AssociationRequest, slug: str, assignment_id: ObjectId
) -> AssignmentOut:
    return _out(access.get_visible(request.association, request.membership, assignment_id), request)


def _refused(exc: Exception) -> HttpError:
    return HttpError(409, str(exc))


@router.post(
    "/associations/{slug}/assignments/{assignment_id}/steps", response={200: AssignmentOut}
)
@api_requires(*VIEW)
def take_step(
    request: AssociationRequest, slug: str, assignment_id: ObjectId, payload: StepIn
) -> AssignmentOut:
    """Take a lifecycle step (``steps`` of the assignment lists those open to the caller)."""
    assignment = access.get_visible(request.association, request.membership, assignment_id)
    if not payload.step:
        raise HttpError(422, "Fältet step saknas; se fältet steps på uppdraget.")
    data: dict[str, Any] = dict(payload.data)
    try:
        done = lifecycle.apply(assignment, payload.step, request.membership, data)
    except lifecycle.TransitionError as exc:
        raise _refused(exc) from exc
    return _out(done, request)


@router.get("/associations/{slug}/reports", response=list[ReportOut])
@api_requires(*VIEW)
@paginate(ApiPages)
def list_reports(request: AssociationRequest, slug: str) -> Mapped[ReportOut]:
    """Progress reports of the assignments the caller may read."""
    reports = access.visible_reports(request.association, request.membership)
    return Mapped(reports.order_by("pk"), _report_out)


@router.get("/associations/{slug}/reports/{report_id}", response=ReportOut)
@api_requires(*VIEW)
def get_report(request: AssociationRequest, slug: str, report_id: ObjectId) -> ReportOut:
    return _report_out(
        access.get_visible_report(request.association, request.membership, report_id)
    )


@router.post("/associations/{slug}/reports/{report_id}/steps", response={200: ReportOut})
@api_requires(*VIEW)
def report_step(
    request: AssociationRequest, slug: str, report_id: ObjectId, payload: ReportStepIn
) -> ReportOut:
    """submit (the lead), approve or return (the responsible manager)."""
    report = access.get_visible_report(request.association, request.membership, report_id)
    if payload.step not in {"submit", "approve", "return"}:
        raise HttpError(422, "Fältet step ska vara submit, approve eller return.")
    try:
        done = lifecycle.report_step(report, payload.step, request.membership, payload.comment)
    except lifecycle.TransitionError as exc:
        raise _refused(exc) from exc
    return _report_out(done)

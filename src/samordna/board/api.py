"""API operations for board meetings and decisions (read), with the same rules as the pages."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from samordna.accounts.roles import Perm
from samordna.board.models import BoardMeeting, Decision
from samordna.core.access import AssociationRequest
from samordna.core.api import ObjectId, api_requires
from samordna.core.pagination import ApiPages, Mapped

router = Router(tags=["board"])


class ItemOut(Schema):
    position: int
    title: str
    kind: str
    proposed_decision: str
    assignment_id: int | None
    decisions: list[str]


class MeetingOut(Schema):
    id: int
    held_on: date
    kind: str
    place: str
    status: str
    reports_due_on: date
    items: list[ItemOut]


class DecisionOut(Schema):
    registry_number: str
    decided_on: date
    kind: str
    text: str
    meeting_id: int
    assignment_id: int | None


def _meeting(m: BoardMeeting) -> MeetingOut:
    return MeetingOut(
        id=m.pk,
        held_on=m.held_on,
        kind=m.kind,
        place=m.place,
        status=m.status,
        reports_due_on=m.reports_due_on,
        items=[
            ItemOut(
                position=i.position,
                title=i.title,
                kind=i.kind,
                proposed_decision=i.proposed_decision,
                assignment_id=i.assignment_id,
                decisions=[d.registry_number for d in i.decisions.all()],
            )
            for i in m.items.all()
        ],
    )


def _meetings(request: AssociationRequest) -> QuerySet[BoardMeeting]:
    """The association's meetings with their agendas (in order) and decisions, in three queries."""
    return BoardMeeting.objects.filter(association=request.association).prefetch_related(
        "items__decisions"
    )


@router.get("/associations/{slug}/board/meetings", response=list[MeetingOut])
@api_requires(Perm.VIEW_BOARD)
@paginate(ApiPages)
def list_meetings(request: AssociationRequest, slug: str) -> Mapped[MeetingOut]:
    """The board meetings of the association with their agendas."""
    return Mapped(_meetings(request).order_by("held_on", "pk"), _meeting)


@router.get("/associations/{slug}/board/meetings/{board_meeting_id}", response=MeetingOut)
@api_requires(Perm.VIEW_BOARD)
def get_meeting(request: AssociationRequest, slug: str, board_meeting_id: ObjectId) -> MeetingOut:
    return _meeting(get_object_or_404(_meetings(request), pk=board_meeting_id))


@router.get("/associations/{slug}/board/decisions", response=list[DecisionOut])
@api_requires(Perm.VIEW_BOARD)
@paginate(ApiPages)
def list_decisions(request: AssociationRequest, slug: str) -> QuerySet[Decision]:
    """The decision register: every decision with its registry number."""
    return Decision.objects.filter(association=request.association).order_by("id")

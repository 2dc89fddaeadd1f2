"""API operations for the insight bank and collaboration areas, with the same guard as the forms."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from samordna.accounts.roles import Perm
from samordna.core import privacy
from samordna.core.access import AssociationRequest
from samordna.core.api import api_requires
from samordna.core.pagination import ApiPages, Mapped
from samordna.insights import bank
from samordna.insights.models import CollaborationArea, Insight
from samordna.statistics.models import NeedsGroup

router = Router(tags=["insights"])


class InsightOut(Schema):
    id: int
    text: str
    noted_on: date
    source: str
    source_note: str
    tags: list[str]
    needs_groups: list[str]
    needs_situations: str


class InsightIn(Schema):
    # Checked in the operation (after the permission), with Swedish messages.
    text: str = ""
    noted_on: date | None = None
    source: Insight.Source = Insight.Source.OTHER
    source_note: str = ""
    needs_groups: list[NeedsGroup] = []
    needs_situations: str = ""


class InsightFilter(Schema):
    q: str = ""
    source: str = ""
    group: str = ""


class AreaOut(Schema):
    id: int
    year: int
    situation: str
    main_actor: str
    partner_actor: str
    quality: int
    quality_label: str
    comment: str


def _out(insight: Insight) -> InsightOut:
    return InsightOut(
        id=insight.pk,
        text=insight.text,
        noted_on=insight.noted_on,
        source=insight.source,
        source_note=insight.source_note,
        tags=[str(t) for t in insight.tags.all()],
        needs_groups=list(insight.needs_groups or []),
        needs_situations=insight.needs_situations,
    )


@router.get("/associations/{slug}/insights", response=list[InsightOut])
@api_requires(Perm.VIEW_INSIGHTS)
@paginate(ApiPages)
def list_insights(
    request: AssociationRequest, slug: str, filters: Query[InsightFilter]
) -> Mapped[InsightOut]:
    """Insights, newest first; ``q`` matches Swedish word forms (stemmed)."""
    found = bank.search(
        request.association, filters.q, source=filters.source, needs_group=filters.group
    )
    return Mapped(found.order_by("-noted_on", "-pk"), _out)


@router.post("/associations/{slug}/insights", response={201: InsightOut})
@api_requires(Perm.EDIT_INSIGHTS)
def create_insight(request: AssociationRequest, slug: str, payload: InsightIn) -> Status:
    """Record an insight. Text with a personal identity number is refused (422)."""
    for field, text in (("text", payload.text), ("needs_situations", payload.needs_situations)):
        try:
            privacy.check(text, field=field)
        except ValidationError as exc:
            raise HttpError(422, exc.messages[0]) from exc
    if not payload.text.strip():
        raise HttpError(422, "Fältet text är tomt; skriv insikten.")
    if payload.noted_on is None:
        raise HttpError(422, "Fältet noted_on saknas; ange datumet (ÅÅÅÅ-MM-DD).")
    insight = Insight.objects.create(
        association=request.association,
        text=payload.text.strip(),
        noted_on=payload.noted_on,
        source=payload.source,
        source_note=payload.source_note,
        needs_groups=[str(g) for g in payload.needs_groups],
        needs_situations=payload.needs_situations,
    )
    return Status(201, _out(insight))


@router.get("/associations/{slug}/collaboration-areas", response=list[AreaOut])
@api_requires(Perm.VIEW_INSIGHTS)
@paginate(ApiPages)
def list_areas(request: AssociationRequest, slug: str, year: int | None = None) -> Mapped[AreaOut]:
    areas = CollaborationArea.objects.filter(association=request.association)
    if year is not None:
        areas = areas.filter(year=year)
    return Mapped(areas.order_by("year", "pk"), _area_out)


def _area_out(a: CollaborationArea) -> AreaOut:
    return AreaOut(
        id=a.pk,
        year=a.year,
        situation=a.situation,
        main_actor=a.main_actor,
        partner_actor=a.partner_actor,
        quality=a.quality,
        quality_label=str(a.get_quality_display()),
        comment=a.comment,
    )

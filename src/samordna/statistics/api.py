"""API operations for the indicator warehouse (read-only; imports go through the web or CLI)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from samordna.accounts.roles import Perm
from samordna.core.access import AssociationRequest
from samordna.core.api import api_requires
from samordna.core.pagination import ApiPages, Mapped
from samordna.statistics.models import Indicator, Observation

router = Router(tags=["statistics"])


class IndicatorOut(Schema):
    code: str
    title: str
    unit: str
    source: str
    divided_by_gender: bool
    is_count: bool
    needs_group: str


class ObservationOut(Schema):
    indicator: str
    area: str
    period: str
    gender: str
    value: Decimal | None
    status: str
    source: str
    retrieved_at: datetime


class ObservationFilter(Schema):
    indicator: list[str] = []
    area: list[str] = []
    period: list[str] = []


@router.get("/associations/{slug}/statistics/indicators", response=list[IndicatorOut])
@api_requires(Perm.VIEW_STATISTICS)
@paginate(ApiPages)
def list_indicators(request: AssociationRequest, slug: str) -> QuerySet[Indicator]:
    """Every indicator that has figures in the warehouse."""
    return Indicator.objects.filter(observations__isnull=False).distinct().order_by("code")


@router.get("/associations/{slug}/statistics/indicators/{code}", response=IndicatorOut)
@api_requires(Perm.VIEW_STATISTICS)
def get_indicator(request: AssociationRequest, slug: str, code: str) -> Indicator:
    return get_object_or_404(Indicator, code=code)


@router.get("/associations/{slug}/statistics/observations", response=list[ObservationOut])
@api_requires(Perm.VIEW_STATISTICS)
@paginate(ApiPages)
def list_observations(
    request: AssociationRequest, slug: str, filters: Query[ObservationFilter]
) -> Mapped[ObservationOut]:
    """Figures with source and retrieval time; missing and suppressed have no value.

    Filter with repeated ``indicator``, ``area`` and ``period``; a page at a time.
    """
    query = Observation.objects.select_related("indicator", "area")
    if filters.indicator:
        query = query.filter(indicator__code__in=filters.indicator)
    if filters.area:
        query = query.filter(area__code__in=filters.area)
    if filters.period:
        query = query.filter(period__in=filters.period)
    ordered = query.order_by("indicator__code", "area__code", "period", "gender", "pk")
    return Mapped(ordered, _observation_out)


def _observation_out(o: Observation) -> ObservationOut:
    return ObservationOut(
        indicator=o.indicator.code,
        area=o.area.code,
        period=o.period,
        gender=o.gender,
        value=o.value,
        status=o.status,
        source=o.source,
        retrieved_at=o.retrieved_at,
    )

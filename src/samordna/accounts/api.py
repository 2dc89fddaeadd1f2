"""API operations for associations, parties, units and memberships."""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from samordna.accounts import services
from samordna.accounts.models import Association, Membership, Party, Unit
from samordna.accounts.roles import Perm, Role
from samordna.core.access import AssociationRequest
from samordna.core.api import ObjectId, api_authenticated, api_requires
from samordna.core.pagination import ApiPages, Mapped

router = Router(tags=["organisation"])
M = TypeVar("M", bound=Model)


class AssociationOut(Schema):
    name: str
    slug: str
    organisation_number: str
    member_municipalities: list[str]
    region_code: str
    my_role: str | None = None


class PartyOut(Schema):
    id: int
    name: str
    kind: Party.Kind
    area_code: str


class PartyIn(Schema):
    name: str
    kind: Party.Kind
    area_code: str = ""


class UnitOut(Schema):
    id: int
    party_id: int
    name: str
    description: str


class MembershipOut(Schema):
    id: int
    user_email: str
    user_name: str
    user_title: str
    role: Role
    party_id: int | None
    unit_id: int | None
    created_at: datetime


class MembershipPatch(Schema):
    role: Role
    party_id: ObjectId | None = None
    unit_id: ObjectId | None = None


def _association_out(association: Association, role: str | None) -> AssociationOut:
    return AssociationOut(
        name=association.name,
        slug=association.slug,
        organisation_number=association.organisation_number,
        member_municipalities=association.member_municipalities,
        region_code=association.region_code,
        my_role=role,
    )


def _membership_out(membership: Membership) -> MembershipOut:
    return MembershipOut(
        id=membership.pk,
        user_email=membership.user.email,
        user_name=membership.user.full_name,
        user_title=membership.user.title,
        role=Role(membership.role),
        party_id=membership.party_id,
        unit_id=membership.unit_id,
        created_at=membership.created_at,
    )


@router.get("/associations", response=list[AssociationOut])
@api_authenticated
@paginate(ApiPages)
def list_associations(request: HttpRequest) -> Mapped[AssociationOut]:
    """The associations the token's owner is a member of."""
    memberships = Membership.objects.filter(user=request.user).select_related("association")  # type: ignore[misc]
    return Mapped(memberships.order_by("association__name"), _association_of)


def _association_of(membership: Membership) -> AssociationOut:
    return _association_out(membership.association, membership.role)


@router.get("/associations/{slug}", response=AssociationOut)
@api_requires(Perm.VIEW_ASSOCIATION)
def get_association(request: AssociationRequest, slug: str) -> AssociationOut:
    return _association_out(request.association, request.membership.role)


@router.get("/associations/{slug}/parties", response=list[PartyOut])
@api_requires(Perm.VIEW_ORGANISATION)
@paginate(ApiPages)
def list_parties(request: AssociationRequest, slug: str) -> QuerySet[Party]:
    return request.association.parties.order_by("name", "pk")


@router.post("/associations/{slug}/parties", response={201: PartyOut})
@api_requires(Perm.MANAGE_ORGANISATION)
def create_party(request: AssociationRequest, slug: str, payload: PartyIn) -> Status:
    association = request.association
    if association.parties.filter(name=payload.name).exists():
        raise HttpError(409, f"Det finns redan en part som heter {payload.name}.")
    party = Party.objects.create(association=association, **payload.dict())
    return Status(201, party)


@router.get("/associations/{slug}/parties/{party_id}", response=PartyOut)
@api_requires(Perm.VIEW_ORGANISATION)
def get_party(request: AssociationRequest, slug: str, party_id: ObjectId) -> Party:
    return get_object_or_404(Party, pk=party_id, association=request.association)


@router.get("/associations/{slug}/units", response=list[UnitOut])
@api_requires(Perm.VIEW_ORGANISATION)
@paginate(ApiPages)
def list_units(request: AssociationRequest, slug: str) -> QuerySet[Unit]:
    return Unit.objects.filter(party__association=request.association).order_by("name", "pk")


@router.get("/associations/{slug}/units/{unit_id}", response=UnitOut)
@api_requires(Perm.VIEW_ORGANISATION)
def get_unit(request: AssociationRequest, slug: str, unit_id: ObjectId) -> Unit:
    return get_object_or_404(Unit, pk=unit_id, party__association=request.association)


@router.get("/associations/{slug}/memberships", response=list[MembershipOut])
@api_requires(Perm.VIEW_ORGANISATION)
@paginate(ApiPages)
def list_memberships(request: AssociationRequest, slug: str) -> Mapped[MembershipOut]:
    memberships = Membership.objects.for_association(request.association).select_related("user")
    return Mapped(memberships.order_by("user__full_name", "pk"), _membership_out)


@router.patch("/associations/{slug}/memberships/{membership_id}", response=MembershipOut)
@api_requires(Perm.MANAGE_MEMBERS)
def change_membership(
    request: AssociationRequest, slug: str, membership_id: ObjectId, payload: MembershipPatch
) -> MembershipOut:
    """Change a member's role and employing party or unit."""
    association = request.association
    membership = get_object_or_404(Membership, pk=membership_id, association=association)
    party = _scoped_or_422(
        Party.objects.filter(association=association), payload.party_id, "party_id"
    )
    unit = _scoped_or_422(
        Unit.objects.filter(party__association=association), payload.unit_id, "unit_id"
    )
    if unit is not None and party is not None and unit.party_id != party.pk:
        raise HttpError(422, f"Verksamheten {unit} hör inte till parten {party}.")
    try:
        changed = services.change_membership(membership, role=payload.role, party=party, unit=unit)
    except services.MembershipError as exc:
        raise HttpError(409, str(exc)) from exc
    return _membership_out(changed)


def _scoped_or_422(queryset: QuerySet[M], pk: int | None, field: str) -> M | None:
    """The object ``pk`` of an association-scoped queryset, or 422 if it is not there."""
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise HttpError(422, f"{field}: {pk} finns inte i det här förbundet.")
    return found

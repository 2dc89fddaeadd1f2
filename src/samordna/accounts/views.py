"""Pages for the association's organisation: parties, units and members."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, Model
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samordna.accounts import invitations, services
from samordna.accounts.forms import AddMemberForm, MembershipForm, PartyForm, UnitForm
from samordna.accounts.models import Invitation, Membership, Party, Unit
from samordna.accounts.roles import ROLE_PERMISSIONS, Perm, Role
from samordna.core.access import AssociationRequest, requires
from samordna.core.pagination import paginate


def _org_url(name: str, slug: str) -> str:
    return reverse(f"org:{name}", kwargs={"slug": slug})


def _render_form(
    request: HttpRequest, form: BaseForm, title: str, cancel_url: str, **extra: Any
) -> HttpResponse:
    context = {"form": form, "title": title, "cancel_url": cancel_url, **extra}
    return render(request, "accounts/form.html", context)


def _confirm_delete(
    request: HttpRequest, obj: Model, list_url: str, *, removed: str, consequence: str = ""
) -> HttpResponse:
    """Ask before removing ``obj``; on POST remove it and return to ``list_url``."""
    if request.method == "POST":
        obj.delete()
        messages.success(request, removed % {"name": obj})
        return redirect(list_url)
    context = {"object": obj, "consequence": consequence, "cancel_url": list_url}
    return render(request, "accounts/confirm_delete.html", context)


INVITATIONS_SHOWN = 50  # pending ones: they lapse after 30 days, so few wait


@requires(Perm.VIEW_ORGANISATION)
def party_list(request: AssociationRequest, slug: str) -> HttpResponse:
    parties = request.association.parties.annotate(
        member_count=Count("memberships", distinct=True)
    ).prefetch_related("units")
    paged = paginate(request, parties.order_by("name", "pk"))
    return render(request, "accounts/party_list.html", {"parties": paged.page, "paged": paged})


@requires(Perm.VIEW_ORGANISATION)
def party_detail(request: AssociationRequest, slug: str, party_id: int) -> HttpResponse:
    party = get_object_or_404(request.association.parties, pk=party_id)
    members = party.memberships.select_related("user", "unit").order_by("user__full_name", "pk")
    paged = paginate(request, members)
    context = {"party": party, "members": paged.page, "paged": paged}
    return render(request, "accounts/party_detail.html", context)


@requires(Perm.MANAGE_ORGANISATION)
def party_create(request: AssociationRequest, slug: str) -> HttpResponse:
    return _party_form(request, slug, Party())


@requires(Perm.MANAGE_ORGANISATION)
def party_edit(request: AssociationRequest, slug: str, party_id: int) -> HttpResponse:
    party = get_object_or_404(request.association.parties, pk=party_id)
    return _party_form(request, slug, party)


def _party_form(request: AssociationRequest, slug: str, party: Party) -> HttpResponse:
    form = PartyForm(request.POST or None, instance=party, association=request.association)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("The party %(name)s was saved.") % {"name": saved})
        return redirect("org:party_detail", slug=slug, party_id=saved.pk)
    title = _("Change %(name)s") % {"name": party} if party.pk else _("New party")
    return _render_form(request, form, title, _org_url("party_list", slug))


@requires(Perm.MANAGE_ORGANISATION)
def party_delete(request: AssociationRequest, slug: str, party_id: int) -> HttpResponse:
    party = get_object_or_404(request.association.parties, pk=party_id)
    return _confirm_delete(
        request,
        party,
        _org_url("party_list", slug),
        removed=_("The party %(name)s was removed."),
        consequence=_("Its units are removed too."),
    )


@requires(Perm.VIEW_ORGANISATION)
def unit_list(request: AssociationRequest, slug: str) -> HttpResponse:
    units = Unit.objects.filter(party__association=request.association).select_related("party")
    paged = paginate(request, units.order_by("party__name", "name", "pk"))
    return render(request, "accounts/unit_list.html", {"units": paged.page, "paged": paged})


@requires(Perm.MANAGE_ORGANISATION)
def unit_create(request: AssociationRequest, slug: str) -> HttpResponse:
    initial = {"party": request.GET.get("party")}
    return _unit_form(request, slug, Unit(), initial)


@requires(Perm.MANAGE_ORGANISATION)
def unit_edit(request: AssociationRequest, slug: str, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=unit_id, party__association=request.association)
    return _unit_form(request, slug, unit, {})


def _unit_form(
    request: AssociationRequest, slug: str, unit: Unit, initial: dict[str, Any]
) -> HttpResponse:
    form = UnitForm(
        request.POST or None,
        instance=unit,
        initial=initial,
        association=request.association,
    )
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("The unit %(name)s was saved.") % {"name": saved})
        return redirect("org:unit_list", slug=slug)
    title = _("Change %(name)s") % {"name": unit} if unit.pk else _("New unit")
    return _render_form(request, form, title, _org_url("unit_list", slug))


@requires(Perm.MANAGE_ORGANISATION)
def unit_delete(request: AssociationRequest, slug: str, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=unit_id, party__association=request.association)
    return _confirm_delete(
        request, unit, _org_url("unit_list", slug), removed=_("The unit %(name)s was removed.")
    )


@requires(Perm.VIEW_ORGANISATION)
def member_list(request: AssociationRequest, slug: str) -> HttpResponse:
    members = Membership.objects.for_association(request.association).select_related(
        "user", "party", "unit"
    )
    waiting = Invitation.objects.pending().filter(association=request.association)
    waiting = waiting.select_related("user").order_by("-created_at", "pk")
    paged = paginate(request, members.order_by("user__full_name", "pk"))
    shown = list(waiting[: INVITATIONS_SHOWN + 1])
    more = waiting.count() - INVITATIONS_SHOWN if len(shown) > INVITATIONS_SHOWN else 0
    context = {
        "members": paged.page,
        "paged": paged,
        "invitations": shown[:INVITATIONS_SHOWN],
        "more_invitations": more,
    }
    return render(request, "accounts/member_list.html", context)


@requires(Perm.MANAGE_MEMBERS)
def member_add(request: AssociationRequest, slug: str) -> HttpResponse:
    form = AddMemberForm(request.POST or None, association=request.association)
    if request.method == "POST" and form.is_valid():
        invitation = invitations.invite(request.association, request=request, **form.cleaned_data)
        message = _(
            "An invitation was sent to %(email)s. %(name)s becomes a member on accepting it."
        ) % {"email": invitation.user.email, "name": invitation.full_name}
        messages.success(request, message)
        return redirect("org:member_list", slug=slug)
    return _render_form(request, form, _("Add a member"), _org_url("member_list", slug))


@requires(Perm.MANAGE_MEMBERS)
def member_edit(request: AssociationRequest, slug: str, membership_id: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.select_related("user"),
        pk=membership_id,
        association=request.association,
    )
    form = MembershipForm(
        request.POST or None, instance=membership, association=request.association
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_membership(membership, **form.cleaned_data)
        except services.MembershipError as exc:
            form.add_error("role", str(exc))
        else:
            messages.success(request, _("%(name)s's role was saved.") % {"name": membership.user})
            return redirect("org:member_list", slug=slug)
    title = _("Role of %(name)s") % {"name": membership.user}
    return _render_form(
        request,
        form,
        title,
        _org_url("member_list", slug),
        remove_url=reverse(
            "org:member_remove", kwargs={"slug": slug, "membership_id": membership.pk}
        ),
    )


@requires(Perm.MANAGE_MEMBERS)
@require_POST
def member_remove(request: AssociationRequest, slug: str, membership_id: int) -> HttpResponse:
    membership = get_object_or_404(Membership, pk=membership_id, association=request.association)
    try:
        services.remove_member(membership)
    except services.MembershipError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("%(name)s is no longer a member.") % {"name": membership.user})
    return redirect("org:member_list", slug=slug)


@requires(Perm.VIEW_ORGANISATION)
def role_table(request: AssociationRequest, slug: str) -> HttpResponse:
    rows = [(perm.label, [perm in ROLE_PERMISSIONS[role] for role in Role]) for perm in Perm]
    return render(request, "accounts/role_table.html", {"roles": list(Role), "rows": rows})

"""Collaboration areas: the matrix per year, with the change since the year before."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Max
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from samordna.accounts.roles import Perm
from samordna.core.access import AssociationRequest, requires
from samordna.core.converters import object_id
from samordna.core.pagination import paginate
from samordna.insights.forms import CollaborationAreaForm
from samordna.insights.models import CollaborationArea, Quality


def _who(party: Any, actor: str) -> str:
    """The column or row an actor belongs under: its party when it has one (so "AF" and
    "arbetsförmedling" are one column), else the actor as written."""
    return party.name if party is not None else actor


def matrix(areas: list[CollaborationArea]) -> dict[str, Any]:
    """Rows (situation, main party) × columns (collaborating party); every cell lists the
    areas in it with their quality (two units of one party may share a cell)."""
    partners = sorted({_who(a.partner_party, a.partner_actor) for a in areas}, key=str.lower)
    rows: dict[tuple[str, str], dict[str, list[CollaborationArea]]] = {}
    for area in areas:
        row = rows.setdefault((area.situation, _who(area.main_party, area.main_actor)), {})
        row.setdefault(_who(area.partner_party, area.partner_actor), []).append(area)
    return {
        "partners": partners,
        "rows": [
            (situation, main, [cells.get(p, []) for p in partners])
            for (situation, main), cells in rows.items()
        ],
    }


@requires(Perm.VIEW_INSIGHTS)
def areas(request: AssociationRequest, slug: str) -> HttpResponse:
    mine = CollaborationArea.objects.filter(association=request.association)
    latest = mine.aggregate(y=Max("year"))["y"]
    try:
        year = int(request.GET.get("year") or latest or 0)
    except ValueError:
        year = latest or 0
    party = request.GET.get("party", "")
    selected = list(
        mine.filter(year=year)
        .select_related("main_party", "partner_party")
        .prefetch_related("interviews__respondents")
    )
    if (party_id := object_id(party)) is not None:
        selected = [a for a in selected if party_id in {a.main_party_id, a.partner_party_id}]
    before = CollaborationArea.year_before(request.association.pk, year)
    for area in selected:
        area.before = before.get(area.key)  # type: ignore[attr-defined]
    paged = paginate(request, selected)
    context = {
        "year": year,
        "years": sorted(set(mine.values_list("year", flat=True)), reverse=True),
        "party": party,
        "parties": request.association.parties.all(),
        "areas": paged.page,
        "paged": paged,
        "matrix": matrix(selected),
        "scale": Quality.choices,
        "can_edit": request.membership.has(Perm.EDIT_INSIGHTS),
    }
    return render(request, "insights/areas.html", context)


@requires(Perm.EDIT_INSIGHTS)
def area_create(request: AssociationRequest, slug: str) -> HttpResponse:
    return _form(request, slug, CollaborationArea())


@requires(Perm.EDIT_INSIGHTS)
def area_edit(request: AssociationRequest, slug: str, area_id: int) -> HttpResponse:
    area = get_object_or_404(CollaborationArea, pk=area_id, association=request.association)
    return _form(request, slug, area)


def _form(request: AssociationRequest, slug: str, area: CollaborationArea) -> HttpResponse:
    form = CollaborationAreaForm(
        request.POST or None, instance=area, association=request.association
    )
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("The collaboration area was saved."))
        return redirect(f"/f/{slug}/samverkansytor/?year={saved.year}")
    title = _("Change collaboration area") if area.pk else _("New collaboration area")
    return render(
        request,
        "accounts/form.html",
        {"form": form, "title": title, "cancel_url": f"/f/{slug}/samverkansytor/"},
    )

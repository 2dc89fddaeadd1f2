"""The shell: the start page, the association picker and each association's dashboard."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from samordna.accounts.invitations import pending_for
from samordna.accounts.models import Association, Membership, Unit
from samordna.accounts.roles import Perm
from samordna.audit.models import AuditEvent
from samordna.core import dashboard as panels
from samordna.core.access import AssociationRequest, authenticated, public, requires
from samordna.core.pagination import paginate


@public
def home(request: HttpRequest) -> HttpResponse:
    """Send a visitor to the login page, a member to their association."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    if pending_for(request.user):
        return redirect("accounts:invitations")
    associations = list(Association.objects.for_user(request.user)[:2])
    if len(associations) == 1:
        return redirect(associations[0])
    return redirect("core:association_list")


@authenticated
def association_list(request: HttpRequest) -> HttpResponse:
    memberships = Membership.objects.filter(user=request.user.pk).select_related("association")
    paged = paginate(request, memberships.order_by("association__name", "pk"))
    mine = [(m.association, m) for m in paged.page]
    return render(request, "core/association_list.html", {"associations": mine, "paged": paged})


@requires(Perm.VIEW_ASSOCIATION)
def dashboard(request: AssociationRequest, slug: str) -> HttpResponse:
    association = request.association
    membership = request.membership
    recent = (
        AuditEvent.objects.for_association(association).select_related("content_type")[:8]
        if membership.has(Perm.VIEW_AUDIT)
        else None
    )
    context = {
        "panels": panels.panels_for(request, association, membership),
        "recent_events": recent,
        "counts": {
            "parties": association.parties.count(),
            "units": Unit.objects.filter(party__association=association).count(),
            "members": association.memberships.count(),
        },
    }
    return render(request, "core/dashboard.html", context)

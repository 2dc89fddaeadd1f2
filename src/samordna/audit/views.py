from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render

from samordna.accounts.models import Membership
from samordna.accounts.roles import Perm
from samordna.audit.models import AuditEvent, SecurityEvent
from samordna.core.access import AssociationRequest, requires
from samordna.core.converters import object_id
from samordna.core.pagination import paginate


@requires(Perm.VIEW_AUDIT)
def event_list(request: AssociationRequest, slug: str) -> HttpResponse:
    """The association's audit trail, newest first, filterable by kind of object and action."""
    events = AuditEvent.objects.for_association(request.association).select_related(
        "content_type", "actor"
    )
    kinds = [
        (str(ct.pk), _kind_label(ct))
        for ct in ContentType.objects.filter(
            pk__in=AuditEvent.objects.for_association(request.association)
            .values("content_type")
            .distinct()
        )
    ]
    kind = request.GET.get("typ", "")
    action = request.GET.get("handelse", "")
    if (kind_id := object_id(kind)) is not None:
        events = events.filter(content_type_id=kind_id)
    if action in AuditEvent.Action.values:
        events = events.filter(action=action)
    paged = paginate(request, events)
    page = paged.page
    context = {
        "paged": paged,
        "page": page,
        "kinds": kinds,
        "actions": AuditEvent.Action.choices,
        "selected_kind": kind,
        "selected_action": action,
    }
    return render(request, "audit/event_list.html", context)


def _kind_label(content_type: ContentType) -> str:
    model = content_type.model_class()
    return str(model._meta.verbose_name).capitalize() if model else content_type.model


@requires(Perm.VIEW_AUDIT)
def security_list(request: AssociationRequest, slug: str) -> HttpResponse:
    """Sign-ins, credentials, downloads and exports of the association's people, newest first.

    An event belongs to the association when it happened there (an export, a recording)
    or concerns one of its members (a login; a failed login with a member's address)."""
    members = Membership.objects.filter(association=request.association)
    emails = members.values("user__email")
    events = SecurityEvent.objects.filter(
        Q(association=request.association)
        | Q(association__isnull=True, user__in=members.values("user"))
        | Q(association__isnull=True, user__isnull=True, email__in=emails)
    ).select_related("user")
    kind = request.GET.get("handelse", "")
    if kind in SecurityEvent.Kind.values:
        events = events.filter(kind=kind)
    paged = paginate(request, events)
    page = paged.page
    context = {
        "paged": paged,
        "page": page,
        "kinds": SecurityEvent.Kind.choices,
        "selected_kind": kind,
    }
    return render(request, "audit/security_list.html", context)

"""API operations for the audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Router, Schema
from ninja.pagination import paginate

from samordna.accounts.roles import Perm
from samordna.audit.models import AuditEvent
from samordna.core.access import AssociationRequest
from samordna.core.api import api_requires
from samordna.core.pagination import ApiPages

router = Router(tags=["audit"])


class AuditEventOut(Schema):
    id: int
    created_at: datetime
    actor_label: str
    action: AuditEvent.Action
    object_type: str
    object_id: str
    object_repr: str
    changes: dict[str, Any]
    reason: str

    @staticmethod
    def resolve_object_type(obj: AuditEvent) -> str:
        return f"{obj.content_type.app_label}.{obj.content_type.model}"


@router.get("/associations/{slug}/audit-events", response=list[AuditEventOut])
@api_requires(Perm.VIEW_AUDIT)
@paginate(ApiPages)
def list_audit_events(request: AssociationRequest, slug: str) -> Any:
    """The association's audit trail, newest first."""
    return AuditEvent.objects.for_association(request.association).select_related("content_type")

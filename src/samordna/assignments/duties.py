"""Separation of duties: whoever wrote or submitted a report cannot approve it.

Read from the audit trail, so that it holds whatever the person's role: a
förbundschef who filled in a progress report, or a manager who also leads
the assignment, is refused as its approver. Returning a report is no writing.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType

from samordna.audit.models import AuditEvent

REFUSAL = (
    "Du har skrivit eller lämnat in rapporten och kan därför inte godkänna den; "
    "en annan ansvarig chef eller förbundschefen behöver godkänna."
)


def wrote_or_submitted(report: Any, user: Any, fields: tuple[str, ...]) -> bool:
    """Whether ``user`` changed one of the report's ``fields`` or submitted it."""
    kind = ContentType.objects.get_for_model(type(report))
    events = AuditEvent.objects.filter(
        content_type=kind, object_id=str(report.pk), actor=user
    ).only("changes")
    for event in events:
        changes = event.changes or {}
        if any(name in changes for name in fields):
            return True
        if (changes.get("state") or {}).get("after") == "submitted":
            return True
    return False

"""Signal handlers that write an AuditEvent for every save and delete of an Audited model,
and for every change of its many-to-many links (tags on an insight, attendees of a meeting).

Bulk queryset operations (``update``, ``bulk_create``) bypass signals; code
that changes audited models must save instances one by one.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from samordna.audit import context
from samordna.audit.models import Audited, AuditEvent

_SNAPSHOT_ATTR = "_audit_before"


def snapshot(instance: Audited) -> dict[str, Any]:
    """The instance's concrete field values, JSON-ready, keyed by field name."""
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in instance.audit_exclude:
            continue
        values[field.name] = _json_ready(field.value_from_object(instance))
    return values


def _json_ready(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _related_repr(instance: Audited, name: str, value: Any) -> str | None:
    field = instance._meta.get_field(name)
    if not isinstance(field, models.ForeignKey) or value is None:
        return None
    related = field.related_model._default_manager.filter(pk=value).first()
    return str(related) if related is not None else None


def diff(instance: Audited, before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Changed fields as {name: {before, after[, before_repr, after_repr]}}."""
    changes: dict[str, Any] = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        entry: dict[str, Any] = {"before": old, "after": new}
        old_repr = _related_repr(instance, name, old)
        new_repr = _related_repr(instance, name, new)
        if old_repr is not None:
            entry["before_repr"] = old_repr
        if new_repr is not None:
            entry["after_repr"] = new_repr
        changes[name] = entry
    return changes


def record(instance: Audited, action: str, changes: dict[str, Any]) -> AuditEvent:
    """Append one event for ``instance`` to its association's trail."""
    ctx = context.current()
    actor = ctx.actor
    label = ctx.actor_label or (actor.get_full_name() if actor is not None else "system")
    return AuditEvent.objects.create(
        association=instance.audit_association(),
        actor=actor,
        actor_label=label[:200],
        action=ctx.action if (ctx.action and action == AuditEvent.Action.UPDATE) else action,
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        changes=changes,
        reason=ctx.reason,
    )


def _before_save(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw or not isinstance(instance, Audited) or instance._state.adding:
        return
    stored = type(instance)._default_manager.filter(pk=instance.pk).first()
    setattr(instance, _SNAPSHOT_ATTR, snapshot(stored) if stored is not None else None)


def _after_save(
    sender: type, instance: Any, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if raw or not isinstance(instance, Audited):
        return
    after = snapshot(instance)
    before = None if created else getattr(instance, _SNAPSHOT_ATTR, None)
    if before is None:
        record(instance, AuditEvent.Action.CREATE, diff(instance, {}, after))
        return
    changes = diff(instance, before, after)
    if changes:
        record(instance, AuditEvent.Action.UPDATE, changes)
    setattr(instance, _SNAPSHOT_ATTR, after)


def _after_delete(sender: type, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, Audited):
        record(instance, AuditEvent.Action.DELETE, diff(instance, snapshot(instance), {}))


def _links_name(instance: Audited, through: type, reverse: bool) -> str:
    """The name of the many-to-many relation of ``instance`` that ``through`` holds."""
    if not reverse:
        field = next(f for f in instance._meta.many_to_many if f.remote_field.through is through)
        return field.name
    rel = next(
        r
        for r in instance._meta.related_objects
        if r.many_to_many and getattr(r, "through", None) is through
    )
    return str(rel.get_accessor_name())


def _linked(instance: Audited, name: str) -> list[Any]:
    return sorted(getattr(instance, name).values_list("pk", flat=True))


def _links_changed(
    sender: type, instance: Any, action: str, reverse: bool, pk_set: set[Any] | None, **kwargs: Any
) -> None:
    """One update event with the links before and after: added, removed or cleared."""
    if not isinstance(instance, Audited) or instance.pk is None:
        return
    if action.startswith("pre_") and (pk_set or action == "pre_clear"):
        name = _links_name(instance, sender, reverse)
        setattr(instance, f"{_SNAPSHOT_ATTR}_{name}", _linked(instance, name))
        return
    if not action.startswith("post_") or not (pk_set or action == "post_clear"):
        return
    name = _links_name(instance, sender, reverse)
    before = getattr(instance, f"{_SNAPSHOT_ATTR}_{name}", [])
    after = _linked(instance, name)
    if before == after:
        return
    related = getattr(instance, name).model._default_manager
    names = {o.pk: str(o) for o in related.filter(pk__in={*before, *after})}
    record(
        instance,
        AuditEvent.Action.UPDATE,
        {
            name: {
                "before": before,
                "after": after,
                "before_repr": ", ".join(names.get(pk, str(pk)) for pk in before) or "–",
                "after_repr": ", ".join(names.get(pk, str(pk)) for pk in after) or "–",
            }
        },
    )


def connect() -> None:
    """Connect the handlers for every model (they ignore non-audited ones)."""
    pre_save.connect(_before_save, dispatch_uid="samordna.audit.pre_save")
    post_save.connect(_after_save, dispatch_uid="samordna.audit.post_save")
    post_delete.connect(_after_delete, dispatch_uid="samordna.audit.post_delete")
    m2m_changed.connect(_links_changed, dispatch_uid="samordna.audit.m2m_changed")

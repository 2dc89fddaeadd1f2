"""The audit trail: an append-only record of every change to association data."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

if TYPE_CHECKING:
    from samordna.accounts.models import Association


class Audited(models.Model):
    """Base for association-owned models whose every change is audited.

    Subclasses say which association they belong to; the signal handlers in
    ``samordna.audit.signals`` do the recording.
    """

    audit_exclude: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def clean_fields(self, exclude: Any = None) -> None:
        """The fields' own validation, and the privacy guard on every free-text field."""
        from samordna.core.textguard import guard_instance, guarded_fields, own_guard

        errors: dict[str, Any] = {}
        own = {f.name for f in guarded_fields(type(self)) if own_guard(f)}
        unguarded = {*(exclude or ()), *own}
        checks = ((super().clean_fields, exclude), (partial(guard_instance, self), unguarded))
        for check, skip in checks:
            try:
                check(skip)
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def audit_association(self) -> Association:
        raise TypeError(f"{type(self).__name__} must define audit_association().")


class AppendOnly(models.Model):
    """A row that is written once: saving it again or deleting it is refused here, and the
    database refuses UPDATE and DELETE as well (``samordna.audit.appendonly``)."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError(f"{type(self).__name__} rows are append-only and cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError(f"{type(self).__name__} rows are append-only and cannot be deleted.")


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def for_association(self, association: Association) -> AuditEventQuerySet:
        return self.filter(association=association)


class AuditEvent(AppendOnly):
    class Action(models.TextChoices):
        CREATE = "create", pgettext_lazy("audit action", "created")
        UPDATE = "update", pgettext_lazy("audit action", "changed")
        DELETE = "delete", pgettext_lazy("audit action", "deleted")
        TRANSITION = "transition", pgettext_lazy("audit action", "changed state")

    association = models.ForeignKey(
        "accounts.Association",
        on_delete=models.PROTECT,
        related_name="audit_events",
        verbose_name=_("association"),
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    # PROTECT: the row cannot be updated (append-only), so a person with a history is
    # deactivated, never deleted.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_label = models.CharField(_("who (as recorded)"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["association", "-created_at"])]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"
        )

    @property
    def model_label(self) -> str:
        model = self.content_type.model_class()
        return str(model._meta.verbose_name) if model else self.content_type.model

    def change_rows(self) -> list[tuple[str, str, str]]:
        """(field label, before, after) as text for display, in a stable order."""
        model = self.content_type.model_class()
        rows = []
        for name, pair in sorted(self.changes.items()):
            field = _field_or_none(model, name)
            label = name
            if field is not None:  # a reverse link has no verbose name of its own
                label = str(
                    getattr(field, "verbose_name", None)
                    or field.related_model._meta.verbose_name_plural
                )
            rows.append(
                (
                    label,
                    _display(field, pair.get("before"), pair.get("before_repr")),
                    _display(field, pair.get("after"), pair.get("after_repr")),
                )
            )
        return rows


def _field_or_none(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a field removed since the event was recorded
        return None


def _display(field: Any, value: Any, value_repr: str | None) -> str:
    if value is None or value == "":
        return "–"
    if value_repr:
        return value_repr
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    choices = dict(getattr(field, "flatchoices", None) or ())
    return str(choices.get(value, value))


class SecurityEvent(AppendOnly):
    """A sign-in, a credential change or a read of sensitive data: who, what, from where.

    Append-only like :class:`AuditEvent` (the database refuses ``UPDATE`` and
    ``DELETE`` on both tables, see migration 0002). ``email`` is the address as
    typed at a failed login; a password is never recorded.
    """

    class Kind(models.TextChoices):
        LOGIN = "login", pgettext_lazy("security event", "logged in")
        LOGIN_FAILED = "login_failed", pgettext_lazy("security event", "failed login")
        LOGOUT = "logout", pgettext_lazy("security event", "logged out")
        LOCKOUT = "lockout", pgettext_lazy("security event", "locked out")
        PASSWORD_RESET_REQUESTED = (
            "password_reset_requested",
            pgettext_lazy("security event", "password reset requested"),
        )
        PASSWORD_RESET_DONE = (
            "password_reset_done",
            pgettext_lazy("security event", "password reset completed"),
        )
        PASSWORD_CHANGED = "password_changed", pgettext_lazy("security event", "password changed")
        TOKEN_CREATED = "token_created", pgettext_lazy("security event", "API token created")
        TOKEN_REVOKED = "token_revoked", pgettext_lazy("security event", "API token revoked")
        RECORDING_DOWNLOADED = (
            "recording_downloaded",
            pgettext_lazy("security event", "recording downloaded"),
        )
        EXPORT = "export", pgettext_lazy("security event", "export")
        RETENTION = "retention", pgettext_lazy("security event", "audit entries removed")

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("event"), max_length=30, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("who"),
    )
    email = models.CharField(_("e-mail address as given"), max_length=254, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    association = models.ForeignKey(
        "accounts.Association",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="security_events",
        verbose_name=_("association"),
    )
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["association", "-created_at"])]
        verbose_name = _("security event")
        verbose_name_plural = _("security events")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.kind} {self.email}"

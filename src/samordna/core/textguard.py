"""The privacy guard at the model level: every free-text field of every Samordna model.

Forms and API schemas validate early and answer per field, but a form can be
forgotten and a service can be called from a command. So the guard is applied
once more where no path can skip it: :func:`guard_instance` runs in the model's
``clean_fields`` (a ModelForm shows the message beside the field) and in a
``pre_save`` handler for every model of Samordna's apps, before the row is
written — and so before any audit event is (the audit handler runs after the
save, in the same transaction).

Every ``CharField`` and ``TextField`` is guarded unless it has choices (it can
only hold one of its codes) or is on :data:`NOT_FREE_TEXT`, the reviewed list of
fields that cannot hold citizen information. ``tests/privacy/test_field_walk.py``
walks every model and fails on a text field that is neither. Fields whose own
validators are stricter (interview notes, quotes: no contact details either)
keep them; the guard adds the identity-number check everywhere else.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import pre_save

from samordna.core import privacy

# "app_label.Model.field": why the field cannot hold information about a citizen.
NOT_FREE_TEXT: dict[str, str] = {
    "jobs.JobRun.job": "the key of a registered job",
    "jobs.JobRun.task_id": "the job queue's id of the task",
    "jobs.JobRun.message": "written by the code (why a run failed, masked by "
    "privacy.masked), never by a person",
    "accounts.User.password": "a password hash",
    "accounts.User.email": "the staff member's own e-mail address, its own field",
    "accounts.Association.slug": "a code in the address",
    "accounts.Association.organisation_number": "the association's organisationsnummer, "
    "checked as such (a legal person's number, not a citizen's)",
    "accounts.Association.region_code": "a two-digit region code",
    "accounts.Party.area_code": "a kommun or region code",
    "accounts.ApiToken.key_prefix": "the first characters of a random key",
    "accounts.ApiToken.key_hash": "a hash",
    "audit.AuditEvent.object_id": "a database id",
    "statistics.Area.code": "a Kolada or SCB area code",
    "statistics.Area.name": "a kommun, region or group name from the source",
    "statistics.Indicator.code": "a source code (N01951, a PxWeb table)",
    "statistics.Indicator.title": "the source's own title of a published statistic",
    "statistics.Indicator.description": "the source's own description",
    "statistics.Indicator.unit": "a unit of measure from the source",
    "statistics.Indicator.source": "the name of a public statistics source",
    "statistics.Indicator.municipality_type": "a source code (K, L, A)",
    "statistics.IndicatorSet.slug": "a code in the address",
    "statistics.DataLoad.checksum": "a SHA-256 digest",
    "statistics.DataLoad.stored_file": "a path Samordna chose",
    "statistics.Observation.source": "the name of the source",
    "statistics.Observation.period": "a year or period code",
    "statistics.ObservationRevision.source": "the name of the source",
    "needs.NeedsAnalysis.inputs_key": "a digest of the inputs",
    "needs.StoredResult.key": "a digest of the inputs",
    "needs.FlagDecision.key": "a computed flag key (indicator, area, period)",
    "needs.AnalysisSettings.region": "an area code",
    "needs.AnalysisSettings.nation": "an area code",
    "insights.Recording.path": "a path Samordna chose",
    "insights.Recording.content_type": "a media type decided from the file's content",
    "insights.Insight.search_text": "a copy of guarded fields, for search",
    "insights.Tag.path": "the guarded names of the tag and its parents, joined",
    "assignments.Reminder.recipient": "the staff member's own e-mail address",
}


def guarded_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """The free-text fields of ``model`` that the guard checks."""
    label = model._meta.label
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField))
        and not field.choices
        and f"{label}.{field.name}" not in NOT_FREE_TEXT
    ]


def guard_instance(instance: models.Model, exclude: set[str] | None = None) -> None:
    """Raise a ValidationError naming each guarded field that holds an identity number."""
    errors: dict[str, list[ValidationError]] = {}
    for field in guarded_fields(type(instance)):
        if exclude and field.name in exclude:
            continue
        value = getattr(instance, field.attname, None)
        if not isinstance(value, str) or not value:
            continue
        contact = privacy.no_personal_data in field.validators
        try:
            privacy.check(value, field=str(field.verbose_name).capitalize(), contact=contact)
        except ValidationError as error:
            errors[field.name] = [error]
    if errors:
        raise ValidationError(errors)


def own_guard(field: models.Field[Any, Any]) -> bool:
    """Whether the field's own validators already run the guard (forms show that message)."""
    ours = (privacy.no_identity_numbers, privacy.no_personal_data)
    return any(validator in ours for validator in field.validators)


def _before_save(sender: type[models.Model], instance: Any, raw: bool = False, **kw: Any) -> None:
    if not raw:
        guard_instance(instance)


def is_ours(model: type[models.Model]) -> bool:
    return model.__module__.startswith("samordna.")


def connect() -> None:
    """The pre_save guard for every concrete model of Samordna's apps."""
    for model in apps.get_models():
        if is_ours(model) and guarded_fields(model):
            pre_save.connect(
                _before_save, sender=model, dispatch_uid=f"samordna.textguard.{model._meta.label}"
            )

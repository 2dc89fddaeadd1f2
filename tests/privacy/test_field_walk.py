"""The privacy guard at the model level: every free-text field of every model is guarded
or on the reviewed allow-list, and text it refuses is saved nowhere — not in the audit trail."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import pre_save
from django.test import Client

from samordna.accounts.models import Association, Party, Unit
from samordna.accounts.roles import Role
from samordna.audit.models import AuditEvent
from samordna.core import textguard
from samordna.insights.models import Insight, Tag
from tests.conftest import Cast, api_client_for

NUMBER = "19811218-9876"  # a valid personnummer (Luhn)
TEXT = f"Ringde om ärendet, född {NUMBER}, vill ha stöd."


def our_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if textguard.is_ours(m)]


def text_fields(model: type[models.Model]) -> list[models.Field]:  # type: ignore[type-arg]
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField))
    ]


def test_every_free_text_field_is_guarded_or_on_the_allow_list() -> None:
    unguarded = []
    for model in our_models():
        for field in text_fields(model):
            name = f"{model._meta.label}.{field.name}"
            if field.choices or name in textguard.NOT_FREE_TEXT:
                continue
            instance = model()
            setattr(instance, field.attname, TEXT)
            try:
                textguard.guard_instance(instance)
            except ValidationError as error:
                if field.name in error.error_dict:
                    continue
            unguarded.append(name)
    assert unguarded == []


def test_the_guard_runs_before_every_save_of_a_model_with_free_text() -> None:
    guarded = [m for m in our_models() if textguard.guarded_fields(m)]
    assert len(guarded) > 30
    uids = {receiver[0][0] for receiver in pre_save.receivers}
    missing = [m._meta.label for m in guarded if f"samordna.textguard.{m._meta.label}" not in uids]
    assert missing == []


def test_the_allow_list_names_only_fields_that_exist_and_hold_no_free_text() -> None:
    for name, reason in textguard.NOT_FREE_TEXT.items():
        label, field_name = name.rsplit(".", 1)
        field = apps.get_model(label)._meta.get_field(field_name)
        assert isinstance(field, (models.CharField, models.TextField)), name
        assert not field.choices, f"{name} has choices: it needs no place on the list"
        assert reason.strip(), name


def test_a_field_that_had_no_guard_refuses_the_number_on_save(cast: Cast) -> None:
    party = Party.objects.filter(association=cast.association).first()
    assert party is not None
    before = AuditEvent.objects.count()
    unit = Unit(party=party, name="Rehab Öst", description=TEXT)
    with pytest.raises(ValidationError) as caught:
        unit.save()
    assert "description" in caught.value.error_dict
    assert not Unit.objects.filter(name="Rehab Öst").exists()
    assert AuditEvent.objects.count() == before
    tag = Tag(association=cast.association, name=f"Tagg {NUMBER.replace('-', ' ')}")
    with pytest.raises(ValidationError):
        tag.save()
    assert AuditEvent.objects.count() == before


def test_a_unit_form_shows_the_refusal_beside_the_field_and_nothing_is_audited(
    cast: Cast, client: Client
) -> None:
    association: Association = cast.association
    party = Party.objects.filter(association=association).first()
    assert party is not None
    client.force_login(cast.people[Role.DIRECTOR])
    before = AuditEvent.objects.count()
    response = client.post(
        f"/f/{association.slug}/verksamheter/ny/",
        {"party": party.pk, "name": "Rehab Öst", "description": TEXT},
    )
    assert response.status_code == 200
    assert "personnummer" in response.content.decode()
    assert NUMBER not in response.content.decode().split("<textarea")[0]
    assert not Unit.objects.filter(name="Rehab Öst").exists()
    assert AuditEvent.objects.count() == before


def test_the_insights_api_refuses_a_number_in_source_note_and_audits_nothing(cast: Cast) -> None:
    client = api_client_for(cast.people[Role.DIRECTOR])
    before = AuditEvent.objects.count(), Insight.objects.count()
    response = client.post(
        f"/api/v1/associations/{cast.association.slug}/insights",
        {"text": "Unga vuxna väntar länge.", "noted_on": "2026-11-30", "source_note": TEXT},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "personnummer" in response.content.decode()
    assert NUMBER not in response.content.decode()
    assert (AuditEvent.objects.count(), Insight.objects.count()) == before

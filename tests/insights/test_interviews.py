"""Interviews: consent, anonymity, the privacy guard, recordings and their deletion."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from samordna.accounts.roles import Role
from samordna.audit.models import AuditEvent
from samordna.insights.models import Interview, Quote, Recording
from tests.conftest import Cast, client_for


@pytest.fixture(autouse=True)
def _own_data_dir(settings: Any, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path / "data"


def user_interview(cast: Cast, **extra: Any) -> Interview:
    fields = {
        "association": cast.association,
        "kind": Interview.Kind.USER,
        "held_on": timezone.now().date(),
        "alias": "EB-9",
        "age_band": "20-24",
        "consent_participate": True,
        "consent_record": True,
        **extra,
    }
    interview = Interview.objects.create(**fields)
    interview.analysts.add(cast[Role.ANALYST])
    return interview


def url(cast: Cast, rest: str) -> str:
    return f"/f/{cast.association.slug}/intervjuer/{rest}"


def test_an_interview_needs_consent_and_a_service_user_stays_anonymous(cast: Cast) -> None:
    analyst = client_for(cast[Role.ANALYST])
    base = {"kind": "user", "held_on": "2020-01-20", "age_band": "16-19", "notes": "Samtal."}
    response = analyst.post(url(cast, "ny/"), {**base, "alias": "KAA-9"})
    assert response.status_code == 200
    assert "consent_participate" in response.context["form"].errors
    response = analyst.post(url(cast, "ny/"), {**base, "consent_participate": "on"})
    assert "alias" in response.context["form"].errors
    assert Interview.objects.count() == 0
    response = analyst.post(
        url(cast, "ny/"), {**base, "alias": "KAA-9", "consent_participate": "on"}
    )
    assert response.status_code == 302
    saved = Interview.objects.get()
    assert saved.alias == "KAA-9"
    assert list(saved.analysts.all()) == [cast[Role.ANALYST]]


@pytest.mark.parametrize(
    ("field", "text", "kind"),
    [
        ("notes", "Hen uppgav 19850709-9805 i samtalet.", "personnummer"),
        ("notes", "Nås på 070-123 45 67.", "telefonnummer"),
        ("quote", "Mejla mig på ung.person@example.se", "e-postadress"),
    ],
)
def test_notes_and_quotes_are_guarded(cast: Cast, field: str, text: str, kind: str) -> None:
    analyst = client_for(cast[Role.ANALYST])
    if field == "notes":
        response = analyst.post(
            url(cast, "ny/"),
            {
                "kind": "user",
                "held_on": "2020-01-20",
                "alias": "EB-1",
                "consent_participate": "on",
                "notes": text,
            },
        )
        assert kind in response.content.decode()
        assert Interview.objects.count() == 0
    else:
        interview = user_interview(cast)
        response = analyst.post(url(cast, f"{interview.pk}/"), {"quote": "1", "text": text})
        assert kind in response.content.decode()
        assert Quote.objects.count() == 0


def test_recordings_need_consent_and_reach_only_the_interviews_analysts(cast: Cast) -> None:
    analyst = client_for(cast[Role.ANALYST])
    refused = user_interview(cast, consent_record=False)
    analyst.post(
        url(cast, f"{refused.pk}/"),
        {"recording": "1", "file": SimpleUploadedFile("a.mp3", b"ID3aaaa", "audio/mpeg")},
    )
    assert not Recording.objects.exists()
    interview = user_interview(cast)
    analyst.post(
        url(cast, f"{interview.pk}/"),
        {"recording": "1", "file": SimpleUploadedFile("samtal.mp3", b"ID3 sound", "audio/mpeg")},
    )
    recording = Recording.objects.get()
    stored = Path(recording.path)
    assert stored.read_bytes() == b"ID3 sound"
    assert "recordings" in stored.parts
    link = url(cast, f"{interview.pk}/inspelningar/{recording.pk}/")
    response = analyst.get(link)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"ID3 sound"  # type: ignore[attr-defined]
    # The director may read interviews, but is not this interview's analyst.
    assert client_for(cast[Role.DIRECTOR]).get(link).status_code == 403
    assert client_for(cast[Role.BOARD_MEMBER]).get(link).status_code == 403
    assert client_for(cast.outsider).get(link).status_code == 404
    assert abs(recording.delete_after - recording.uploaded_at - timedelta(days=30)) < timedelta(
        seconds=5
    )


def test_purge_deletes_what_is_due_and_logs_it(cast: Cast, tmp_path: Path) -> None:
    analyst = client_for(cast[Role.ANALYST])
    old, fresh = user_interview(cast), user_interview(cast, alias="EB-10")
    for interview in (old, fresh):
        analyst.post(
            url(cast, f"{interview.pk}/"),
            {"recording": "1", "file": SimpleUploadedFile("s.mp3", b"ID3", "audio/mpeg")},
        )
    due = Recording.objects.get(interview=old)
    due.delete_after = timezone.now() - timedelta(minutes=1)
    due.save()
    call_command("purge_recordings")
    due.refresh_from_db()
    assert due.deleted_at is not None
    assert not Path(due.path).exists()
    kept = Recording.objects.get(interview=fresh)
    assert kept.deleted_at is None
    assert Path(kept.path).exists()
    assert AuditEvent.objects.filter(reason="Inspelningen raderad (gallring)").count() == 1
    # Marked processed: deleted at once, without waiting for the nightly purge.
    analyst.post(url(cast, f"{fresh.pk}/"), {"processed": "1"})
    kept.refresh_from_db()
    assert kept.deleted_at is not None
    assert not Path(kept.path).exists()
    assert analyst.get(url(cast, f"{fresh.pk}/inspelningar/{kept.pk}/")).status_code == 404
    assert AuditEvent.objects.filter(reason="Inspelningen raderad (gallring)").count() == 2


def test_demo_has_the_22_young_people_and_the_2019_respondents(cast: Cast) -> None:
    call_command("demo", "--quiet")
    users = Interview.objects.filter(association=cast.association, kind=Interview.Kind.USER)
    assert users.count() == 22
    assert {i.alias.split("-")[0] for i in users} == {"EB", "KAA", "DV"}
    assert users.filter(alias__startswith="EB").count() == 8
    assert cast.association.respondents.count() == 16
    assert cast.association.interview_guides.count() == 2


def test_respondents_are_listed_in_natural_order(cast: Cast) -> None:
    from samordna.insights.models import Respondent

    for name in ("Respondent 10", "Respondent 2", "Respondent 1", "Ansvarig chef"):
        Respondent.objects.create(association=cast.association, work_name=name, role="Roll")
    page = client_for(cast[Role.ANALYST]).get(f"/f/{cast.association.slug}/intervjuer/")
    html = page.content.decode()
    positions = [
        html.index(f'<th scope="row">{n}</th>')
        for n in ("Ansvarig chef", "Respondent 1", "Respondent 2", "Respondent 10")
    ]
    assert positions == sorted(positions)


def test_an_interview_is_edited_and_withdrawn_consent_deletes_its_recordings(cast: Cast) -> None:
    analyst = client_for(cast[Role.ANALYST])
    interview = user_interview(cast, notes="Första anteckningen om kontakterna.")
    analyst.post(
        url(cast, f"{interview.pk}/"),
        {"recording": "1", "file": SimpleUploadedFile("s.mp3", b"ID3", "audio/mpeg")},
    )
    recording = Recording.objects.get()
    edit = url(cast, f"{interview.pk}/andra/")
    form = analyst.get(edit)
    assert form.status_code == 200
    assert interview.notes in form.content.decode()
    fields = {
        "kind": "user",
        "held_on": "2020-01-20",
        "alias": interview.alias,
        "age_band": interview.age_band,
        "consent_participate": "on",
        "notes": "Tillägg efter samtalet: vill ha en kontaktperson.",
        "analysts": [cast[Role.ANALYST].pk],
    }
    # The privacy guard applies to the edit too; nothing changes.
    refused = analyst.post(edit, fields | {"notes": "Ring 0701234567", "consent_record": "on"})
    assert refused.status_code == 200
    interview.refresh_from_db()
    assert "0701234567" not in interview.notes
    assert Path(recording.path).exists()
    # Without consent to record (the box left empty), the recording goes at once.
    answer = analyst.post(edit, fields)
    assert answer.status_code == 302
    interview.refresh_from_db()
    assert interview.notes.startswith("Tillägg")
    assert not interview.consent_record
    recording.refresh_from_db()
    assert recording.deleted_at is not None
    assert not Path(recording.path).exists()
    assert AuditEvent.objects.filter(
        content_type__model="interview", object_id=str(interview.pk), action="update"
    ).exists()
    assert client_for(cast[Role.AUDITOR]).post(edit, fields).status_code == 403


WAV = b"RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00" + bytes(24)


@pytest.mark.parametrize(
    ("name", "content", "stated"),
    [
        ("samtal.mp3", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "audio/mpeg"),
        ("samtal.mp3", b"%PDF-1.7\n", "audio/mpeg"),
        ("samtal.wav", b"", "audio/wav"),
        ("samtal.m4a", b"PK\x03\x04 not audio", "audio/mp4"),
    ],
)
def test_a_recording_is_judged_by_its_content_not_by_its_name_or_stated_type(
    cast: Cast, name: str, content: bytes, stated: str
) -> None:
    analyst = client_for(cast[Role.ANALYST])
    interview = user_interview(cast)
    upload = SimpleUploadedFile(name, content, stated)
    response = analyst.post(
        url(cast, f"{interview.pk}/"), {"recording": "1", "file": upload}, follow=True
    )
    assert "är inte en ljudfil" in response.content.decode()
    assert not Recording.objects.exists()
    assert not list((Path(settings.DATA_DIR) / "recordings").glob("*"))


def test_a_wav_sent_as_text_is_stored_and_served_as_audio(cast: Cast) -> None:
    analyst = client_for(cast[Role.ANALYST])
    interview = user_interview(cast)
    upload = SimpleUploadedFile("inspelning.txt", WAV, "text/plain")
    analyst.post(url(cast, f"{interview.pk}/"), {"recording": "1", "file": upload})
    recording = Recording.objects.get()
    assert (recording.content_type, Path(recording.path).suffix) == ("audio/wav", ".wav")
    response = analyst.get(url(cast, f"{interview.pk}/inspelningar/{recording.pk}/"))
    assert response["Content-Type"] == "audio/wav"

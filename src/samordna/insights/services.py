"""Interviews: recordings with consent, their deletion, and marking an interview processed."""

from __future__ import annotations

import logging
import uuid
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import filetype
from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from samordna.accounts.models import Association
from samordna.audit.context import acting_as, transition
from samordna.insights.models import Interview, Recording

log = logging.getLogger("samordna.recordings")
KEEP_DAYS = 30
# What the file's first bytes say it is (filetype's answer) -> the type it is stored and
# served as, and its extension. The browser's stated type and the file name are not asked:
# an HTML page named .mp3 and sent as audio/mpeg is refused. A browser's recording is WebM
# (filetype calls every WebM video/webm); an MP4 container with sound is kept as audio/mp4.
AUDIO_TYPES = {
    "audio/mpeg": ("audio/mpeg", ".mp3"),
    "audio/mp4": ("audio/mp4", ".m4a"),
    "video/mp4": ("audio/mp4", ".m4a"),
    "audio/x-wav": ("audio/wav", ".wav"),
    "audio/ogg": ("audio/ogg", ".ogg"),
    "video/webm": ("audio/webm", ".webm"),
    "audio/aac": ("audio/aac", ".aac"),
    "audio/x-flac": ("audio/flac", ".flac"),
}
MAX_BYTES = 500 * 1024 * 1024
HEAD_BYTES = 8192  # enough for every signature filetype knows


class RecordingError(Exception):
    """A refused upload or download; the message is Swedish."""


def folder() -> Path:
    """Outside the web root: DATA_DIR/recordings, never under MEDIA_ROOT or STATIC_ROOT."""
    path = Path(settings.DATA_DIR) / "recordings"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def store(interview: Interview, upload: Any) -> Recording:
    if not interview.consent_record:
        raise RecordingError(
            _("The interviewee has not consented to recording; the file is not kept.")
        )
    if interview.processed:
        raise RecordingError(
            _("The interview is processed; its recordings are deleted and no more are taken.")
        )
    if upload.size > MAX_BYTES:
        raise RecordingError(_("The audio file is larger than 500 MB."))
    content_type, extension = audio_type(upload)
    path = folder() / f"{uuid.uuid4().hex}{extension}"
    with path.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    path.chmod(0o600)
    try:
        return Recording.objects.create(
            interview=interview,
            path=str(path),
            original_name=Path(upload.name).name[:200],
            content_type=content_type,
            size=upload.size,
            delete_after=timezone.now() + timedelta(days=KEEP_DAYS),
        )
    except Exception:
        path.unlink(missing_ok=True)
        raise


def audio_type(upload: Any) -> tuple[str, str]:
    """(media type, extension) decided by the file's content; RecordingError if not audio."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    found = filetype.guess(head) if head else None
    detected = found.mime if found is not None else ""
    if detected not in AUDIO_TYPES:
        named = Path(upload.name or "").name
        what = f"den är {detected}" if detected else "innehållet är inte ljud av något känt slag"
        raise RecordingError(
            f"Filen {named} är inte en ljudfil ({what}); välj mp3, m4a, wav, ogg, flac eller "
            "webm. Ingenting har sparats."
        )
    return AUDIO_TYPES[detected]


def mark_processed(interview: Interview) -> list[Recording]:
    """Processed: its recordings are deleted at once, files and all."""
    with transaction.atomic(), transition("Intervjun markerad som bearbetad"):
        interview.processed = True
        interview.save()
    return _delete_now(interview)


def withdraw_recording_consent(interview: Interview) -> list[Recording]:
    """Consent to record taken back: the recordings go at once."""
    return _delete_now(interview)


def _delete_now(interview: Interview) -> list[Recording]:
    now = timezone.now()
    with transaction.atomic():
        for recording in interview.recordings.filter(deleted_at__isnull=True):
            recording.delete_after = now
            recording.save()
    return purge(now, interview.recordings.all())


def purge(now: Any = None, among: QuerySet[Recording] | None = None) -> list[Recording]:
    """Delete every recording that is due (of ``among``, or all): the file from disk,
    then the record says when."""
    now = now or timezone.now()
    done = []
    due = (among if among is not None else Recording.objects.all()).filter(
        deleted_at__isnull=True, delete_after__lte=now
    )
    for recording in due:
        Path(recording.path).unlink(missing_ok=True)
        with transition("Inspelningen raderad (gallring)"):
            recording.deleted_at = timezone.now()
            recording.save()
        log.info(
            "Raderade inspelningen %s (intervju %s, %s)",
            recording.original_name,
            recording.interview_id,
            recording.path,
        )
        done.append(recording)
    return done


def create_default_guides(association: Association) -> None:
    """The two Swedish interview guides every association starts with (editable)."""
    from samordna.insights.interview_demo import STAFF_GUIDE, USER_GUIDE
    from samordna.insights.models import InterviewGuide

    if association.interview_guides.exists():
        return
    for name, audience, introduction, questions in (STAFF_GUIDE, USER_GUIDE):
        InterviewGuide.objects.create(
            association=association,
            name=name,
            audience=audience,
            introduction=introduction,
            questions=questions,
        )


def purge_recordings() -> dict[int, str]:
    """The scheduled job (samordna.jobs): delete the recordings past their date; idempotent.
    Says per association how many were deleted."""
    with acting_as(None, label="samordna jobs: purge_recordings"):
        done = purge()
    associations = Interview.objects.filter(pk__in=[r.interview_id for r in done])
    of = dict(associations.values_list("pk", "association_id"))
    counts = Counter(of[r.interview_id] for r in done)
    return {key: f"{n} inspelningar raderade." for key, n in counts.items()}

"""The catalogues are the one source of translations, and they are current.

`make messages` (``samordna makemessages``) extracts into ``django.po`` and keeps what
is there; on the committed tree it must change nothing — so every message of the code
is in the catalogue, and a translation written in ``django.po`` is never overwritten.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "samordna"


@pytest.mark.skipif(shutil.which("msgmerge") is None, reason="needs GNU gettext (msgmerge)")
def test_extracting_the_messages_changes_no_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "locale"
    shutil.copytree(PACKAGE / "locale", copy)
    monkeypatch.chdir(PACKAGE)
    with override_settings(LOCALE_PATHS=[copy]):
        call_command(
            "makemessages",
            locale=["sv", "en"],
            no_obsolete=True,
            ignore_patterns=["migrations/*"],
            verbosity=0,
        )
    for language in ("sv", "en"):
        committed = _entries(PACKAGE / "locale" / language / "LC_MESSAGES" / "django.po")
        extracted = _entries(copy / language / "LC_MESSAGES" / "django.po")
        assert extracted == committed, f"Run `make messages` and commit {language}/django.po."


def _entries(path: Path) -> dict[tuple[str, str, str], tuple[object, ...]]:
    """Every message with its translation and flags; where it is used (the ``#:`` lines,
    which move with the code) does not count."""
    return {
        (e.msgctxt or "", e.msgid, e.msgid_plural or ""): (
            e.msgstr,
            tuple(sorted(e.msgstr_plural.items())),
            tuple(sorted(e.flags)),
        )
        for e in polib.pofile(str(path))
        if not e.obsolete
    }


def test_the_old_translation_table_is_gone() -> None:
    assert not (ROOT / "scripts" / "sv_catalog.py").exists()

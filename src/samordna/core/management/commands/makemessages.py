"""`samordna makemessages`: Django's, with the catalogues as the one source of translations.

`django.po` is edited by hand; this keeps what is there. Two differences from
Django's own command: a changed or new message is never given a guessed ("fuzzy")
translation from a similar one — it stays empty until someone translates it, and
the test of the catalogue says so — and the catalogue's creation date is kept, so
that running it on an unchanged tree changes no file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.commands import makemessages

CREATED = re.compile(r'^"POT-Creation-Date: [^"]*"$', re.MULTILINE)


def _catalogues() -> list[Path]:
    return [
        po
        for folder in settings.LOCALE_PATHS
        for po in Path(folder).glob("*/LC_MESSAGES/django.po")
    ]


class Command(makemessages.Command):
    help = (
        "Extract the messages into each language's django.po, keeping its translations; "
        "new or changed messages are left untranslated (never guessed)."
    )
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]

    def handle(self, *args: Any, **options: Any) -> None:
        dates: dict[Path, str] = {}
        for po in _catalogues():
            found = CREATED.search(po.read_text(encoding="utf-8"))
            if found:
                dates[po] = found.group(0)
        super().handle(*args, **options)
        for po, line in dates.items():
            text = po.read_text(encoding="utf-8")
            found = CREATED.search(text)
            if found and found.group(0) != line:
                text = text[: found.start()] + line + text[found.end() :]
                po.write_text(text, encoding="utf-8")

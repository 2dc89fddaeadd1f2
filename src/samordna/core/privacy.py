"""The privacy guard: no identity numbers (and, where asked, no contact details) in free text.

One validator for every form and API endpoint that saves text which can hold
citizen information. It finds Swedish personnummer and samordningsnummer in
any written form — 10 or 12 digits, with or without a separator (``-``,
``+``, a space) — whose date is a real date (for a samordningsnummer the day
plus 60) and whose last digit is the Luhn check digit. Optionally it finds
phone numbers and e-mail addresses too. A hit is refused with a Swedish
message that says where, without repeating the number.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

# Digits not glued to other digits; separator between date and serial optional.
_IDENTITY = re.compile(
    r"(?<![\d])(?P<century>\d{2})?(?P<date>\d{6})(?P<sep>[-+ ]?)"
    r"(?P<serial>\d{3})(?P<check>\d)(?![\d])"
)
_PHONE = re.compile(r"(?<![\d\w])(?:\+46[\s-]?|0)(?:\d[\s-]?){6,11}\d(?![\d])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class Hit:
    kind: str  # "personnummer", "samordningsnummer", "telefonnummer", "e-postadress"
    start: int
    end: int


def luhn_ok(digits: str) -> bool:
    """The Luhn check over the ten digits YYMMDDNNNC."""
    total = 0
    for index, char in enumerate(digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return total % 10 == 0


def _date_ok(century: str | None, date: str) -> tuple[bool, bool]:
    """(a real date, is a samordningsnummer) for YYMMDD, with the century when written."""
    year, month, day = int(date[:2]), int(date[2:4]), int(date[4:6])
    coordination = day > 60
    if coordination:
        day -= 60
    if not 1 <= month <= 12 or day < 1:
        return False, coordination
    centuries = [int(century)] if century else [19, 20, 18]
    for hundred in centuries:
        if day <= calendar.monthrange(hundred * 100 + year, month)[1]:
            return True, coordination
    return False, coordination


def identity_numbers(text: str) -> list[Hit]:
    hits = []
    for match in _IDENTITY.finditer(text):
        century = match["century"]
        if century and century not in {"18", "19", "20"}:
            continue
        valid_date, coordination = _date_ok(century, match["date"])
        if not valid_date or not luhn_ok(match["date"] + match["serial"] + match["check"]):
            continue
        kind = "samordningsnummer" if coordination else "personnummer"
        hits.append(Hit(kind, match.start(), match.end()))
    return hits


def contact_details(text: str) -> list[Hit]:
    hits = [Hit("e-postadress", m.start(), m.end()) for m in _EMAIL.finditer(text)]
    taken = [(h.start, h.end) for h in identity_numbers(text)]
    for match in _PHONE.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        hits.append(Hit("telefonnummer", match.start(), match.end()))
    return hits


def findings(text: str, *, contact: bool = False) -> list[Hit]:
    hits = identity_numbers(text) + (contact_details(text) if contact else [])
    return sorted(hits, key=lambda h: h.start)


def where(text: str, hit: Hit) -> str:
    """Line and column of a hit, and the words around it with the number blanked out."""
    line = text.count("\n", 0, hit.start) + 1
    column = hit.start - (text.rfind("\n", 0, hit.start) + 1) + 1
    before = text[max(0, hit.start - 25) : hit.start].split("\n")[-1]
    after = text[hit.end : hit.end + 25].split("\n")[0]
    return f"rad {line}, tecken {column}: ”…{before}[{hit.kind}]{after}…”"


def check(text: str, *, field: str = "", contact: bool = False) -> None:
    """Raise a Swedish ValidationError when the text holds identity numbers (or contacts)."""
    hits = findings(text or "", contact=contact)
    if not hits:
        return
    kinds = sorted({h.kind for h in hits})
    label = f"{field}: " if field else ""
    places = "; ".join(where(text, h) for h in hits[:5])
    raise ValidationError(
        f"{label}Texten innehåller {' och '.join(kinds)} ({places}). Ta bort uppgiften — "
        "personuppgifter om medborgare får inte sparas här. Ingenting har sparats.",
        code="personal_data",
    )


def no_identity_numbers(value: str) -> None:
    """Django field validator: no personnummer or samordningsnummer."""
    check(value)


def no_personal_data(value: str) -> None:
    """Field validator for interview notes and quotes: no identity numbers, phones or e-mail."""
    check(value, contact=True)

"""The privacy guard: no identity numbers (and, where asked, no contact details) in free text.

One validator for every form and API endpoint that saves text which can hold
citizen information. It finds Swedish personnummer and samordningsnummer in
any written form — 10 or 12 digits, with or without separators (any dash,
hyphen or minus, any space, a dot, a plus, zero-width characters; the text
is normalised first, see :func:`normalised`) — whose date is a real date
(for a samordningsnummer the day plus 60) and whose last digit is the Luhn
check digit. Optionally it finds phone numbers and e-mail addresses too. A
hit is refused with a Swedish message that says where, without repeating the number.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError

# Any run of separators a person could type between the date and the number: hyphens
# and dashes (normalised to "-"), spaces of every kind (to " "), a dot, a plus.
_SEP = r"[-+ .]{0,3}"
# Digits not glued to other digits. YYMMDD or YYYYMMDD, then the three-digit serial and
# the check digit; with a four-digit year the date may be written with separators too
# (1981-12-18-9876, 1981 12 18 9876).
_IDENTITY = re.compile(
    r"(?<![\d])(?:"
    rf"(?P<century>\d{{2}})(?P<y4>\d{{2}}){_SEP}(?P<m4>\d{{2}}){_SEP}(?P<d4>\d{{2}})"
    r"|(?P<date>\d{6}))"
    # Not followed by more digits, nor by a dash or dot and digits (the end of one date in
    # a range such as 2020-11-12–2021-11-12 is no serial number).
    rf"{_SEP}(?P<serial>\d{{3}})(?P<check>\d)(?![\d])(?![-.]\d)"
)
# What normalising makes of the characters a number can be written with.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), "")
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
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


def normalised(text: str) -> tuple[str, list[int]]:
    """The text as the guard reads it, and where each of its characters stood in ``text``.

    Unicode NFKC (full-width digits become digits), every dash, hyphen and minus a
    "-", every kind of space (non-breaking, thin, tab) a " ", zero-width characters
    and soft hyphens left out.
    """
    out: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        if char in _DASHES:
            mapped = "-"
        elif char.isspace():
            mapped = " "
        else:
            mapped = unicodedata.normalize("NFKC", char).translate(_ZERO_WIDTH)
        out.append(mapped)
        positions.extend([index] * len(mapped))
    return "".join(out), positions


def identity_numbers(text: str) -> list[Hit]:
    """Every valid personnummer and samordningsnummer in ``text``, however it is written."""
    plain, positions = normalised(text)
    hits = []
    for match in _IDENTITY.finditer(plain):
        century = match["century"]
        if century and century not in {"18", "19", "20"}:
            continue
        date = match["date"] or f"{match['y4']}{match['m4']}{match['d4']}"
        valid_date, coordination = _date_ok(century, date)
        if not valid_date or not luhn_ok(date + match["serial"] + match["check"]):
            continue
        kind = "samordningsnummer" if coordination else "personnummer"
        hits.append(Hit(kind, positions[match.start()], positions[match.end() - 1] + 1))
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


def masked(text: str) -> str:
    """``text`` with every identity number replaced by its kind in brackets — for what is
    recorded as typed (an address at a failed login), where refusing is not an option."""
    for hit in sorted(identity_numbers(text), key=lambda h: h.start, reverse=True):
        text = f"{text[: hit.start]}[{hit.kind}]{text[hit.end :]}"
    return text

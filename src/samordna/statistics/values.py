"""Reading and writing the cells of the canonical long format.

Every rule about what a cell may hold lives here, so the file import, the API
adapters and the export agree. Errors are Swedish and say what to do; the
caller adds the file, row and column.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

# Markers that mean "no figure". Suppressed: the source hides a small count.
# Missing: the source has no figure. Neither is ever zero.
SUPPRESSED_MARKERS = frozenset({"<5", "x", "rojd", "röjd"})
MISSING_MARKERS = frozenset({"..", ".", "-", "--", "n.a", "n.a.", "na", "saknas"})
STATUSES = ("ok", "missing", "suppressed", "preliminary")
GENDERS = ("T", "K", "M")
_STATUS_ALIASES = {
    "": "",
    "ok": "ok",
    "missing": "missing",
    "saknas": "missing",
    "suppressed": "suppressed",
    "skyddad": "suppressed",
    "preliminary": "preliminary",
    "preliminär": "preliminary",
    "prel": "preliminary",
}
_GENDER_ALIASES = {"t": "T", "k": "K", "m": "M", "totalt": "T", "kvinnor": "K", "män": "M"}
_PERIOD = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2]))?$")
_NUMBER = re.compile(r"^[+\-]?(\d+|\d{1,3}(?:[  \u202f]\d{3})+)?([.,]\d+)?$")
MAX_ABS = Decimal("1e14")


class CellError(ValueError):
    """A cell that cannot be read; the message says what to write instead."""


def parse_value(raw: str) -> tuple[Decimal | None, str]:
    """(value, status implied by the cell). A marker gives no value, never 0."""
    text = raw.strip()
    lowered = text.lower()
    if text == "":
        return None, "missing"
    if lowered in SUPPRESSED_MARKERS or (text.startswith("<") and text[1:].strip().isdigit()):
        return None, "suppressed"
    if lowered in MISSING_MARKERS:
        return None, "missing"
    compact = text.replace("\u2212", "-")
    if not _NUMBER.match(compact) or not any(ch.isdigit() for ch in compact):
        raise CellError(
            _(
                "“%(text)s” is no number. Write a number (e.g. 3805 or 21,5), or <5, .., -, "
                "--, X for a value that is missing or suppressed."
            )
            % {"text": text}
        )
    digits = re.sub(r"[  \u202f]", "", compact).replace(",", ".")
    try:
        value = Decimal(digits)
    except InvalidOperation as exc:  # pragma: no cover - the pattern already guards this
        raise CellError(_("“%(text)s” is no number.") % {"text": text}) from exc
    if abs(value) >= MAX_ABS:
        raise CellError(
            _("“%(text)s” is too large: at most 14 digits before the decimal sign.")
            % {"text": text}
        )
    if value.as_tuple().exponent < -6:  # type: ignore[operator]
        raise CellError(_("“%(text)s” has more than six decimals.") % {"text": text})
    return value, "ok"


def parse_status(raw: str) -> str:
    """The status column: empty (derived from the value) or one of STATUSES."""
    key = raw.strip().lower()
    if key not in _STATUS_ALIASES:
        raise CellError(
            f"Okänd status ”{raw.strip()}”. Använd ok, missing, suppressed eller preliminary "
            "(eller lämna tomt)."
        )
    return _STATUS_ALIASES[key]


def resolve(value: Decimal | None, implied: str, stated: str) -> str:
    """The observation's status from the value cell and the status cell."""
    if not stated:
        return implied
    if value is None and stated in {"ok", "preliminary"}:
        raise CellError(f"Status {stated} kräver ett värde; skriv värdet eller ändra status.")
    if value is not None and stated in {"missing", "suppressed"}:
        raise CellError(
            f"Status {stated} betyder att värdet saknas, men raden har värdet {value}. "
            "Ta bort värdet eller ändra status."
        )
    if value is None and stated != implied and implied == "suppressed":
        return implied
    return stated


def parse_period(raw: str) -> str:
    """``YYYY`` or ``YYYY-MM``; also SCB's ``2019M06``."""
    text = raw.strip()
    scb = re.fullmatch(r"(\d{4})M(\d{2})", text)
    if scb:
        text = f"{scb.group(1)}-{scb.group(2)}"
    if not _PERIOD.match(text):
        raise CellError(
            f"Perioden ”{raw.strip()}” ska vara ett år (2019) eller en månad (2019-06)."
        )
    return text


def parse_gender(raw: str) -> str:
    key = raw.strip()
    if key in GENDERS:
        return key
    if key.lower() in _GENDER_ALIASES:
        return _GENDER_ALIASES[key.lower()]
    raise CellError(f"Kön ”{key}” ska vara T (totalt), K (kvinnor) eller M (män).")


def format_value(value: Decimal | None) -> str:
    """Canonical export form: ``.`` as decimal mark, no trailing zeros, no exponent."""
    if value is None:
        return ""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text

"""Area codes: the one place that maps between Kolada's and SCB's codes.

Samordna stores Kolada's ids. Kolada pads a region (län) to four digits
(``0012`` Region Skåne) and writes riket as ``0000``; SCB and the other PxWeb
sources write ``12`` and ``00``. Kommuner are four digits in both. Kolada's
comparison groups (``G37439``) have no SCB code.
"""

from __future__ import annotations

import re

NATION = "0000"
_KOMMUN = re.compile(r"^\d{4}$")
_GROUP = re.compile(r"^G\d+$")


def kind_of(code: str) -> str:
    """The area kind a Kolada code denotes: municipality, region, nation or group."""
    if code == NATION:
        return "nation"
    if _GROUP.match(code):
        return "group"
    if _KOMMUN.match(code):
        return "region" if code.startswith("00") else "municipality"
    raise ValueError(f"Okänd områdeskod: {code!r}")


def from_scb(code: str) -> str:
    """Kolada id of an SCB/PxWeb region code (``00`` → ``0000``, ``12`` → ``0012``).

    PxWeb tables sometimes label codes (``"1282 Landskrona"``); the label is dropped.
    """
    code = code.strip().split(" ", 1)[0]
    if code in {"00", "0"}:
        return NATION
    if re.fullmatch(r"\d{2}", code):
        return "00" + code
    if _KOMMUN.match(code):
        return code
    raise ValueError(f"Okänd regionkod från PxWeb: {code!r}")


def to_scb(code: str) -> str:
    """SCB/PxWeb code of a Kolada area id (``0000`` → ``00``, ``0012`` → ``12``)."""
    kind = kind_of(code)
    if kind == "nation":
        return "00"
    if kind == "region":
        return code[2:]
    if kind == "municipality":
        return code
    raise ValueError(f"Jämförelsegruppen {code} har ingen SCB-kod.")

"""Template filters shared by the modules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def amount(value: int | Decimal | None) -> str:
    """A sum of money in whole kronor, grouped in the interface language's way
    ("1 800 000" in Swedish); nothing known is a dash, never 0."""
    if value is None or value == "":
        return "–"
    return number_format(value, decimal_pos=0, force_grouping=True)


@register.filter
def get_item(mapping: dict[str, Any] | None, key: str) -> Any:
    """``mapping[key]`` in a template, or None when absent."""
    return (mapping or {}).get(key)


@register.filter
def may(membership: Any, permission: str) -> bool:
    """Whether the member's role holds ``permission`` (e.g. ``"needs.view"``)."""
    from samordna.accounts.roles import Perm

    return membership is not None and membership.has(Perm(permission))


# A state's tag: its words say it; the modifier is only a second cue.
_TAGS = {
    "done": {
        "approved",
        "closed",
        "final",
        "done",
        "granted",
        "agreed",
        "running",
        "checked",
        "accepted",
    },
    "waiting": {
        "submitted",
        "anchoring",
        "ready",
        "on_agenda",
        "final_submitted",
        "called",
        "queued",
        "running",
        "retrying",
    },
    "stopped": {"rejected", "returned", "cancelled", "withdrawn", "failed"},
}


@register.filter
def tag_class(state: str) -> str:
    """The ``tag`` classes of a state value (``tag tag--done`` for "approved")."""
    for modifier, states in _TAGS.items():
        if state in states:
            return f"tag tag--{modifier}"
    return "tag"

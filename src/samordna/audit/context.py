"""Who is acting, and why, for the audit trail.

The web middleware sets the actor for each request; management commands and
services use ``acting_as``. A transition wraps its save in ``transition`` so
that the trail records it as a transition with its reason, not a plain update.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samordna.accounts.models import User


@dataclass(frozen=True)
class AuditContext:
    actor: User | None = None
    actor_label: str = ""
    action: str | None = None
    reason: str = ""


# AuditContext is a frozen dataclass, so sharing the default instance is safe.
_current: ContextVar[AuditContext] = ContextVar("samordna_audit", default=AuditContext())  # noqa: B039


def current() -> AuditContext:
    """The audit context in force."""
    return _current.get()


@contextmanager
def acting_as(actor: User | None, label: str = "") -> Iterator[None]:
    """Attribute every change inside the block to ``actor`` (or to ``label``)."""
    previous = _current.get()
    token = _current.set(
        AuditContext(actor=actor, actor_label=label, action=previous.action, reason=previous.reason)
    )
    try:
        yield
    finally:
        _current.reset(token)


@contextmanager
def transition(reason: str = "") -> Iterator[None]:
    """Record saves inside the block as a state transition, with ``reason``."""
    previous = _current.get()
    token = _current.set(
        AuditContext(
            actor=previous.actor,
            actor_label=previous.actor_label,
            action="transition",
            reason=reason,
        )
    )
    try:
        yield
    finally:
        _current.reset(token)


def set_actor(actor: User | None) -> None:
    """Attribute the rest of the current request to ``actor``.

    For API token authentication, which happens inside the request after the
    middleware has set the (anonymous) actor; the middleware restores the
    previous context when the request ends.
    """
    previous = _current.get()
    _current.set(
        AuditContext(actor=actor, actor_label="", action=previous.action, reason=previous.reason)
    )

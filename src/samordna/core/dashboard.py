"""Dashboard panels: each module contributes what is due for the person looking.

A panel provider is a function ``(request, association, membership) -> Panel | None``
registered with ``register``; modules register theirs in AppConfig.ready()
(the board its next meeting, assignments the progress reports due).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.utils.functional import Promise

from samordna.accounts.models import Association, Membership


@dataclass
class PanelItem:
    text: str
    url: str = ""
    note: str = ""


@dataclass
class Panel:
    key: str
    title: str | Promise
    empty_text: str | Promise
    items: list[PanelItem] = field(default_factory=list)
    order: int = 100


Provider = Callable[[HttpRequest, Association, Membership], Panel | None]
_PROVIDERS: dict[str, Provider] = {}


def register(key: str, provider: Provider) -> None:
    """Register (or replace) the provider of the panel ``key``."""
    _PROVIDERS[key] = provider


def panels_for(
    request: HttpRequest, association: Association, membership: Membership
) -> list[Panel]:
    panels = [provider(request, association, membership) for provider in _PROVIDERS.values()]
    return sorted((p for p in panels if p is not None), key=lambda p: p.order)

"""The module navigation: each app registers its entries in its AppConfig.ready()."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise

from samordna.accounts.models import Membership
from samordna.accounts.roles import Perm


@dataclass(frozen=True)
class NavEntry:
    label: str | Promise
    url_name: str
    perm: Perm
    order: int = 100
    also: tuple[Perm, ...] = ()  # further permissions that show the entry (``*_own``)


_ENTRIES: list[NavEntry] = []


def register(entry: NavEntry) -> None:
    """Add a module's entry to the navigation (idempotent)."""
    if entry not in _ENTRIES:
        _ENTRIES.append(entry)
        _ENTRIES.sort(key=lambda e: e.order)


def entries_for(membership: Membership) -> list[tuple[str | Promise, str, str]]:
    """(label, url, URL namespace) of every entry the member may open.

    The namespace lets the layout mark the module of any of its pages as current.
    """
    slug = membership.association.slug
    return [
        (entry.label, reverse(entry.url_name, kwargs={"slug": slug}), entry.url_name.split(":")[0])
        for entry in _ENTRIES
        if membership.has_any(entry.perm, *entry.also)
    ]

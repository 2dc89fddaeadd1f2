"""The module navigation: each app registers its entries in its AppConfig.ready()."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samordna.accounts.models import Membership
from samordna.accounts.roles import Perm


@dataclass(frozen=True)
class NavEntry:
    label: str | Promise
    url_name: str
    perm: Perm
    order: int = 100
    also: tuple[Perm, ...] = ()  # further permissions that show the entry (``*_own``)
    section: str = "overview"  # the key of its group in SECTIONS


# The navigation's groups, in their order: four or five words on one row at
# 1280 px, each opening the sub-navigation of its modules.
SECTIONS: dict[str, str | Promise] = {
    "overview": _("Overview"),
    "analysis": _("Analysis"),
    "learning": _("Learning"),
    "steering": _("Board and assignments"),
    "administration": _("Administration"),
}


@dataclass(frozen=True)
class Section:
    key: str
    label: str | Promise
    url: str  # its first module the member may open
    current: bool
    entries: list[tuple[str | Promise, str, bool]]


_ENTRIES: list[NavEntry] = []


def register(entry: NavEntry) -> None:
    """Add a module's entry to the navigation (idempotent)."""
    if entry not in _ENTRIES:
        _ENTRIES.append(entry)
        _ENTRIES.sort(key=lambda e: e.order)


def sections_for(membership: Membership, path: str = "", namespace: str = "") -> list[Section]:
    """The entries the member may open, grouped into SECTIONS (empty groups left out)."""
    grouped: dict[str, list[tuple[str | Promise, str, bool]]] = {key: [] for key in SECTIONS}
    for entry, url, current in _marked(membership, path, namespace):
        grouped[entry.section].append((entry.label, url, current))
    return [
        Section(key, SECTIONS[key], items[0][1], any(c for _l, _u, c in items), items)
        for key, items in grouped.items()
        if items
    ]


def _marked(membership: Membership, path: str, namespace: str) -> list[tuple[NavEntry, str, bool]]:
    """(entry, url, current) of every entry the member may open.

    One entry at most is current: the one whose address is the longest start of
    ``path`` (the overview only on its own page), or else the only entry of the
    page's URL namespace, so that pages outside an entry's address (the units
    of "Organisation") still mark their module.
    """
    slug = membership.association.slug
    shown = [
        (entry, reverse(entry.url_name, kwargs={"slug": slug}))
        for entry in _ENTRIES
        if membership.has_any(entry.perm, *entry.also)
    ]
    root = reverse("core:dashboard", kwargs={"slug": slug})
    prefixed = [url for _entry, url in shown if path.startswith(url) and url != root]
    current = max(prefixed, key=len) if prefixed else None
    if current is None and path == root:
        current = root
    if current is None:
        same = [url for entry, url in shown if entry.url_name.split(":")[0] == namespace]
        current = same[0] if len(same) == 1 else None
    return [(entry, url, url == current) for entry, url in shown]

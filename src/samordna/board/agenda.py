"""What other modules put on the board's agenda, and how a decision on it is carried out.

The board is the lower layer: it knows meetings, agenda items, decisions and minutes,
and nothing of assignments or needs analyses. Those modules register here, in their
``AppConfig.ready()`` (as they register navigation and dashboard panels):

* a **source** proposes agenda items for a meeting (what is due: proposals ready for
  decision, approved progress reports, a finalised needs analysis …), in its order;
* a **decider** carries out the decision on an item of its kind (for a proposal: the
  assignment's grant or reject step) and says whether it did; otherwise the decision is
  recorded as it is, and the **recorded** hooks hear of it (a line on a timeline);
* a **release** hook hears that an item was taken off the agenda (its proposal goes back);
* **papers** render an item's documents for the meeting's packet;
* **choices** give the decision form what it offers (e.g. the outcomes of a final report).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from samordna.board.models import AgendaItem, BoardMeeting, Decision

Source = Callable[[BoardMeeting, Any], list[AgendaItem]]
Decider = Callable[["DecisionRequest"], bool]  # False: not its item, record it plainly
Release = Callable[[AgendaItem], None]
Papers = Callable[[AgendaItem], list[Any]]


@dataclass(frozen=True)
class DecisionRequest:
    """The board's decision on one item, as the secretary entered it."""

    item: AgendaItem
    membership: Any
    outcome: str
    text: str
    data: dict[str, Any]


_sources: list[tuple[int, Source]] = []
_deciders: dict[str, Decider] = {}
_releases: list[Release] = []
_papers: dict[str, Papers] = {}
_choices: dict[str, Callable[[], list[tuple[str, str]]]] = {}
_recorded: list[Callable[[Decision, Any], None]] = []


def register_source(order: int, source: Source) -> None:
    if all(existing is not source for _o, existing in _sources):
        _sources.append((order, source))
        _sources.sort(key=lambda pair: pair[0])


def register_decider(kind: str, decider: Decider) -> None:
    _deciders[kind] = decider


def register_release(release: Release) -> None:
    if release not in _releases:
        _releases.append(release)


def register_papers(kind: str, papers: Papers) -> None:
    _papers[kind] = papers


def register_choices(name: str, choices: Callable[[], list[tuple[str, str]]]) -> None:
    _choices[name] = choices


def register_recorded(hook: Callable[[Decision, Any], None]) -> None:
    """Called for every plain decision recorded on an item (e.g. a timeline line)."""
    if hook not in _recorded:
        _recorded.append(hook)


def proposals(meeting: BoardMeeting, actor: Any) -> list[AgendaItem]:
    """Every registered source's items for ``meeting``, in the sources' order."""
    added: list[AgendaItem] = []
    for _order, source in _sources:
        added += source(meeting, actor)
    return added


def decider(kind: str) -> Decider | None:
    return _deciders.get(kind)


def released(item: AgendaItem) -> None:
    for release in _releases:
        release(item)


def papers(item: AgendaItem) -> list[Any]:
    render = _papers.get(item.kind)
    return render(item) if render else []


def choices() -> dict[str, list[tuple[str, str]]]:
    return {name: make() for name, make in _choices.items()}


def recorded(decision: Decision, actor: Any) -> None:
    for hook in _recorded:
        hook(decision, actor)

"""One way to page a list, in the web app and in the API.

Web: ``?sida=N&antal=K`` — the page number and a page size the person chooses
from :data:`SIZES`; the template ``includes/pagination.html`` shows the total,
the pages around the current one and the size choice, and keeps every other
query parameter (the filters) in its links. API (:class:`ApiPages`): ``limit`` and
``offset``, at most :data:`API_MAX_LIMIT` rows, with the total.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, overload

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from samordna.core.converters import object_id

T = TypeVar("T")
SIZES = (25, 50, 100, 200)
DEFAULT_SIZE = 50
API_DEFAULT_LIMIT = 100
API_MAX_LIMIT = 500
API_MAX_OFFSET = 1_000_000_000  # larger offsets would overflow the database's integer


@dataclass(frozen=True)
class Paged:
    page: Page[Any]
    size: int
    sizes: tuple[int, ...]
    keep: str  # the query string without the page and size: the filters
    keep_items: tuple[tuple[str, str], ...]  # the same, for the page-size form

    @property
    def numbers(self) -> list[int | None]:
        """Page numbers to link: the first, the last and two around the current (None: a gap)."""
        last = self.page.paginator.num_pages
        current = self.page.number
        shown = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
        numbers: list[int | None] = []
        for number in shown:
            if numbers and number - (numbers[-1] or 0) > 1:
                numbers.append(None)
            numbers.append(number)
        return numbers


def paginate(request: HttpRequest, items: Any, *, size: int = DEFAULT_SIZE) -> Paged:
    """The page of ``items`` the request asks for (an out-of-range page gives the last)."""
    chosen = object_id(request.GET.get("antal"))
    if chosen in SIZES:
        size = chosen
    page = Paginator(items, size).get_page(request.GET.get("sida"))
    keep = request.GET.copy()
    for name in ("sida", "antal"):
        keep.pop(name, None)
    items_kept = tuple((name, value) for name, values in keep.lists() for value in values)
    return Paged(page, size, SIZES, keep.urlencode(), items_kept)


class ApiPages(LimitOffsetPagination):
    """Every list of the API: ``limit`` (1–500, default 100) and ``offset``, answered as
    ``{"items": [...], "count": total}``. Bounded above so that no offset overflows the
    database's integer."""

    class Input(Schema):
        limit: int = Field(
            API_DEFAULT_LIMIT, ge=1, le=API_MAX_LIMIT, description="Rows per answer (at most 500)."
        )
        offset: int = Field(0, ge=0, le=API_MAX_OFFSET, description="Rows to skip.")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=API_MAX_LIMIT, **kwargs)


class Mapped(Sequence[T]):
    """A queryset whose rows are turned into answers only for the page that is sent:
    ``ApiPages`` slices it (one query for the page) and counts it (one query)."""

    def __init__(self, queryset: QuerySet[Any], turn: Callable[[Any], T]) -> None:
        self.queryset = queryset
        self.turn = turn

    def __len__(self) -> int:
        return self.queryset.count()

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self.turn(row) for row in self.queryset[index]]
        return self.turn(self.queryset[index])

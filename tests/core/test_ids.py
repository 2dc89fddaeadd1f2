"""Ids in query strings and forms follow the path converter's rule: impossible ones are ignored."""

from __future__ import annotations

import pytest

from samordna.accounts.roles import Role
from samordna.core.converters import object_id
from tests.conftest import Cast, client_for

BIG = "9" * 25  # beyond the database's 64-bit integer


def test_object_id_reads_only_ids_that_can_exist() -> None:
    assert object_id("42") == 42
    assert object_id("9" * 18) == int("9" * 18)
    for text in (None, "", "9" * 19, "-1", "4 2", "fyra", "4.0", "0x10"):
        assert object_id(text) is None, text


@pytest.mark.parametrize(
    "page",
    [
        f"insikter/?tag={BIG}",
        f"insikter/?party={BIG}",
        f"insikter/ny/?intervju={BIG}",
        f"uppdrag/?party={BIG}",
        f"samverkansytor/?party={BIG}",
        f"logg/?typ={BIG}",
    ],
)
def test_a_filter_with_an_impossible_id_is_ignored(cast: Cast, page: str) -> None:
    director = client_for(cast[Role.DIRECTOR])
    assert director.get(f"/f/{cast.association.slug}/{page}").status_code == 200

"""Area codes: Kolada's and SCB's, mapped both ways in one place."""

from __future__ import annotations

import pytest

from samordna.statistics import codes


@pytest.mark.parametrize(
    ("kolada", "scb", "kind"),
    [("0000", "00", "nation"), ("0012", "12", "region"), ("1282", "1282", "municipality")],
)
def test_codes_map_both_ways(kolada: str, scb: str, kind: str) -> None:
    assert codes.kind_of(kolada) == kind
    assert codes.to_scb(kolada) == scb
    assert codes.from_scb(scb) == kolada


def test_labelled_pxweb_codes_and_groups() -> None:
    assert codes.from_scb("1282 Landskrona") == "1282"
    assert codes.kind_of("G37439") == "group"
    with pytest.raises(ValueError, match="ingen SCB-kod"):
        codes.to_scb("G37439")
    with pytest.raises(ValueError, match="Okänd regionkod"):
        codes.from_scb("123")

"""Swedish stemming for the insight bank, and theme suggestions on clearly separate texts."""

from __future__ import annotations

from samordna.insights.search import index_text, tokens
from samordna.insights.themes import suggest


def test_swedish_stems_match_inflected_forms() -> None:
    assert tokens("Ungdomarna och ungdomen") == ["ungdom", "ungdom"]
    indexed = index_text("Myndigheterna samordnar inte sina planer.")
    assert all(f" {t} " in indexed for t in tokens("myndighet planerna"))
    assert " och " not in index_text("arbete och studier")


def test_clearly_separate_texts_fall_into_their_own_themes() -> None:
    texts = [
        *(f"Praktik och arbete på arbetsplatsen gav jobb nummer {n}." for n in range(5)),
        *(f"Ångest och psykiatri, vården och väntan på psykiatrin del {n}." for n in range(5)),
    ]
    clusters = suggest(texts)
    groups = sorted(sorted(c.members) for c in clusters)
    assert groups == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]
    assert all(c.label for c in clusters)

"""Theme suggestions: suggest, accept under a new name (a theme tag), merge, dismiss."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from samordna.accounts.roles import Role
from samordna.insights.models import Insight, Tag, ThemeSuggestion
from tests.conftest import Cast, client_for

LABELLED = Path(__file__).resolve().parents[1] / "fixtures" / "insight_themes.csv"


def _labelled_insights(cast: Cast) -> None:
    """The 60 labelled sentences as insights of the association."""
    with LABELLED.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            Insight.objects.create(
                association=cast.association,
                text=row["text"],
                noted_on=date(2020, 2, 1),
                source="other",
            )


def test_the_analyst_decides_on_suggested_themes(cast: Cast) -> None:
    _labelled_insights(cast)
    analyst = client_for(cast[Role.ANALYST])
    url = f"/f/{cast.association.slug}/insikter/teman/"
    analyst.post(url, {"action": "suggest"})
    open_ = list(ThemeSuggestion.objects.filter(association=cast.association, status="suggested"))
    assert len(open_) >= 2
    assert all(s.insights.count() >= 2 for s in open_)
    first, second, *rest = open_
    analyst.post(url, {"action": "merge", "suggestion": second.pk, "into": first.pk})
    assert not ThemeSuggestion.objects.filter(pk=second.pk).exists()
    members = set(first.insights.all())
    analyst.post(url, {"action": "accept", "suggestion": first.pk, "name": "Samlat stöd"})
    tag = Tag.objects.get(association=cast.association, name="Samlat stöd")
    assert tag.is_theme
    assert set(tag.insights.all()) == members
    if rest:
        analyst.post(url, {"action": "dismiss", "suggestion": rest[0].pk})
        assert ThemeSuggestion.objects.get(pk=rest[0].pk).status == "dismissed"
    # Suggesting again replaces only the open suggestions.
    analyst.post(url, {"action": "suggest"})
    assert ThemeSuggestion.objects.get(pk=first.pk).status == "accepted"
    assert client_for(cast[Role.BOARD_MEMBER]).post(url, {"action": "suggest"}).status_code == 403


def test_the_analyst_can_ask_for_a_number_of_themes(cast: Cast) -> None:
    _labelled_insights(cast)
    analyst = client_for(cast[Role.ANALYST])
    url = f"/f/{cast.association.slug}/insikter/teman/"
    page = analyst.get(url).content.decode()
    assert 'name="count"' in page
    assert "Antal teman" in page
    analyst.post(url, {"action": "suggest", "count": "3"})
    open_ = ThemeSuggestion.objects.filter(association=cast.association, status="suggested")
    assert open_.count() == 3
    assert sum(s.insights.count() for s in open_) == 60
    # An impossible number is refused in Swedish and the open suggestions stay as they were.
    before = sorted(open_.values_list("pk", flat=True))
    for bad in ("1", "21", "fem"):
        answer = analyst.post(url, {"action": "suggest", "count": bad}, follow=True)
        assert "Antal teman:" in answer.content.decode()
        assert sorted(open_.values_list("pk", flat=True)) == before

"""Drafts of the qualitative chapters: written from records, each sentence with its sources."""

from __future__ import annotations

import pytest

from samordna.accounts.roles import Role
from samordna.board.models import Priority
from samordna.insights.models import CollaborationArea, Insight, Interview, Quote, Tag
from samordna.needs import drafts, report, services
from samordna.needs.models import NeedsAnalysis, Section
from samordna.reports import render
from tests.conftest import client_for

MODELS = {
    "interview": Interview,
    "quote": Quote,
    "insight": Insight,
    "theme": Tag,
    "area": CollaborationArea,
    "priority": Priority,
}


def _exists(kind: str, pk: int, analysis: NeedsAnalysis) -> bool:
    if kind == "flag":
        return any(f["rank"] == pk for f in analysis.flags)
    model = MODELS[kind]
    found = model.objects.filter(pk=pk).first()
    if found is None:
        return False
    if kind == "quote":
        return found.interview.association_id == analysis.association_id
    return found.association_id == analysis.association_id


@pytest.mark.parametrize("section", [Section.VIEW, Section.OBSERVATIONS, Section.PROPOSALS])
def test_each_drafted_chapter_has_sentences_that_name_existing_records(
    demo_analysis: NeedsAnalysis, section: str
) -> None:
    written = drafts.draft(demo_analysis, section)
    assert written
    for sentence in written:
        assert sentence.sources, sentence.text
        assert all(_exists(kind, pk, demo_analysis) for kind, pk in sentence.sources), sentence


def test_removing_an_interview_removes_the_sentences_that_came_only_from_it(
    demo_analysis: NeedsAnalysis,
) -> None:
    quoted = Quote.objects.filter(interview__kind=Interview.Kind.STAFF).first()
    interview = quoted.interview
    own = {("interview", interview.pk)} | {("quote", q.pk) for q in interview.quotes.all()}
    own |= {("insight", i.pk) for i in interview.insights.all()}
    before = drafts.draft(demo_analysis, Section.VIEW)
    only_from_it = [d.text for d in before if set(d.sources) <= own]
    shared = [d for d in before if set(d.sources) & own and not set(d.sources) <= own]
    assert only_from_it  # its quote
    assert shared  # the year's count and its theme rest on other interviews too
    interview.delete()
    after = drafts.draft(demo_analysis, Section.VIEW)
    texts = [d.text for d in after]
    assert [t for t in only_from_it if t in texts] == []
    assert all(not (set(d.sources) & own) for d in after)
    assert len(after) >= len(before) - len(only_from_it) - 1  # nothing else went missing


def test_the_analyst_drafts_a_chapter_and_the_report_links_its_sources(
    cast: object, demo_analysis: NeedsAnalysis
) -> None:
    analyst = cast[Role.ANALYST]  # type: ignore[index]
    client = client_for(analyst)
    url = f"/f/landskrona-svalov/behovsanalys/{demo_analysis.year}/texter/"
    response = client.post(url, {"action": "draft", "section": Section.PROPOSALS})
    assert response.status_code == 302
    text = services.current_text(demo_analysis, Section.PROPOSALS)
    assert "[källa: prioritering" in text
    assert demo_analysis.narrative.filter(section=Section.PROPOSALS, author=analyst).exists()
    html = render(report.build(demo_analysis), "html").decode()
    assert "[källa:" not in html
    assert '/f/landskrona-svalov/styrelsen/prioriteringar/">prioritering' in html
    refused = client.post(url, {"action": "draft", "section": Section.BACKGROUND})
    assert refused.status_code == 302
    assert services.current_text(demo_analysis, Section.BACKGROUND) != text

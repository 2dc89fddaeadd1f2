"""Drafts of the qualitative chapters, written from Samordna's own records, never invented.

*Syn på förbundet* from the year's interviews with the parties' staff (their
themes, how many respondents raised each, quotes attributed by role and
organisation); *Observationer* from the accepted flags of each needs group
beside the themes ("röda trådar") and insights of that group; and
*Inriktningsförslag* from the board's priorities and the collaboration areas
whose quality is low or has fallen. Every sentence ends with its sources,
written as ``[källa: intervju 12, citat 4]``: the analyst edits the draft like
any text (with its version history), and the report turns the sources into
links. A sentence is written only from records that exist; remove the record
and the next draft has no sentence that rested on it alone.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from samordna.analysis.synthesis import GROUP_TITLES, Analysis
from samordna.needs.models import NeedsAnalysis, Section

KINDS = {
    "intervju": "interview",
    "citat": "quote",
    "insikt": "insight",
    "tema": "theme",
    "flagga": "flag",
    "samverkansyta": "area",
    "prioritering": "priority",
}
WORDS = {kind: word for word, kind in KINDS.items()}
SOURCES = re.compile(r"\s*\[källa: ([^\]]+)\]")
PARTY_WORDS = {
    "municipality": "kommunen",
    "region": "regionen",
    "employment_service": "Arbetsförmedlingen",
    "social_insurance": "Försäkringskassan",
}
LOW_QUALITY = 2  # "låg" or lower on the collaboration scale


@dataclass
class Draft:
    text: str
    sources: list[tuple[str, int]] = field(default_factory=list)  # (kind, id)

    def written(self) -> str:
        cited = ", ".join(f"{WORDS[kind]} {pk}" for kind, pk in dict.fromkeys(self.sources))
        return f"{self.text} [källa: {cited}]"


def draft(analysis: NeedsAnalysis, section: str, result: Analysis | None = None) -> list[Draft]:
    """The drafted sentences of a chapter (empty when no record supports one)."""
    if section == Section.VIEW:
        return view_of_association(analysis)
    if section == Section.OBSERVATIONS:
        from samordna.needs import services

        return observations(analysis, result or services.result(analysis))
    if section == Section.PROPOSALS:
        return proposals(analysis)
    return []


def view_of_association(analysis: NeedsAnalysis) -> list[Draft]:
    from samordna.insights.models import Insight, Interview

    interviews = list(
        Interview.objects.filter(
            association=analysis.association,
            kind=Interview.Kind.STAFF,
            held_on__year=analysis.year,
        ).prefetch_related("respondents__party", "quotes")
    )
    if not interviews:
        return []
    by_kind: dict[str, int] = defaultdict(int)
    for interview in interviews:
        for respondent in interview.respondents.all():
            by_kind[_organisation(respondent)] += 1
    people = sum(by_kind.values())
    spread = ", ".join(f"{n} från {kind}" for kind, n in sorted(by_kind.items()))
    drafts = [
        Draft(
            f"{analysis.year} intervjuades {people} medarbetare hos parterna i "
            f"{len(interviews)} intervjuer ({spread}).",
            [("interview", i.pk) for i in interviews],
        )
    ]
    insights = Insight.objects.filter(interview__in=interviews).prefetch_related("tags")
    themes: dict[Any, list[Any]] = defaultdict(list)
    for insight in insights:
        for tag in insight.tags.all():
            if tag.is_theme:
                themes[tag].append(insight)
    by_id = {i.pk: i for i in interviews}
    for theme, found in sorted(themes.items(), key=lambda t: (-len(t[1]), t[0].name)):
        asked = {i.interview_id for i in found}
        text = f"{_count(len(asked), 'respondent', 'respondenter')} tog upp ”{theme.name}”"
        text += f": {theme.description}" if theme.description else "."
        sources = [("theme", theme.pk), *[("interview", pk) for pk in sorted(asked)]]
        sources += [("insight", i.pk) for i in found]
        drafts.append(Draft(_sentence(text), sources))
        for pk in sorted(asked):
            for quote in by_id[pk].quotes.all()[:1]:
                who = ", ".join(
                    f"{r.role.lower()} i {_organisation(r)}" for r in by_id[pk].respondents.all()
                )
                drafts.append(
                    Draft(f"”{quote.text}” ({who})", [("quote", quote.pk), ("interview", pk)])
                )
    return drafts


def observations(analysis: NeedsAnalysis, result: Analysis) -> list[Draft]:
    from samordna.needs import services

    accepted = services.accepted(analysis)
    flags = [f for f in result.flags if f.key in accepted]
    groups = {i.code: i.needs_group for i in result.spec.all_indicators()}
    themes = _themes_by_group(analysis)
    drafts = []
    for group, title in GROUP_TITLES.items():
        mine = [f for f in flags if groups.get(f.indicator) == group]
        if mine:
            strongest = mine[0]
            drafts.append(
                Draft(
                    f"{title}: "
                    f"{_count(len(mine), 'godtagen observation', 'godtagna observationer')}. "
                    f"Starkast: {strongest.sentence}",
                    [("flag", f.rank) for f in mine[:5]],
                )
            )
        for theme, insights in themes.get(group, []):
            text = (
                f"Den röda tråden ”{theme.name}” hör till {title.lower()}: "
                f"{_count(len(insights), 'insikt', 'insikter').lower()} i insiktsbanken, "
                f"bland annat "
                f"”{insights[0].text.rstrip('.')}”."
            )
            drafts.append(
                Draft(text, [("theme", theme.pk), *[("insight", i.pk) for i in insights]])
            )
    return drafts


def proposals(analysis: NeedsAnalysis) -> list[Draft]:
    from samordna.board.models import Priority
    from samordna.insights.models import CollaborationArea

    drafts = []
    priorities = Priority.objects.filter(association=analysis.association).filter(
        needs_analysis=analysis
    ) | Priority.objects.filter(association=analysis.association, year=analysis.year + 1)
    for priority in priorities.distinct().order_by("year", "id"):
        text = (
            f"Styrelsen har prioriterat ”{priority.title}” ({priority.get_kind_display().lower()})"
        )
        text += f": {priority.description}" if priority.description else "."
        drafts.append(Draft(_sentence(text), [("priority", priority.pk)]))
    areas = CollaborationArea.objects.filter(association=analysis.association, year=analysis.year)
    earlier = CollaborationArea.year_before(analysis.association_id, analysis.year)
    for area in areas.order_by("position", "id"):
        before = earlier.get(area.key)
        fell = before is not None and before.quality > area.quality
        if area.quality > LOW_QUALITY and not fell:
            continue
        how = area.get_quality_display().lower()
        text = (
            f"Samverkan kring {area.situation.lower()} mellan {area.main_actor} och "
            f"{area.partner_actor} upplevs som {how}"
        )
        if fell and before is not None:
            text += f" (förra året {before.get_quality_display().lower()})"
        drafts.append(Draft(f"{text}; här kan förbundet stödja utvecklingen.", [("area", area.pk)]))
    return drafts


def _themes_by_group(analysis: NeedsAnalysis) -> dict[str, list[tuple[Any, list[Any]]]]:
    from samordna.insights.models import Insight, Tag

    found: dict[str, list[tuple[Any, list[Any]]]] = defaultdict(list)
    for theme in Tag.objects.filter(association=analysis.association, is_theme=True):
        insights = list(
            Insight.objects.filter(tags=theme, noted_on__year__lte=analysis.year).order_by("id")
        )
        groups = {g for insight in insights for g in insight.needs_groups or []}
        for group in sorted(groups):
            mine = [i for i in insights if group in (i.needs_groups or [])]
            found[group].append((theme, mine))
    return found


def _organisation(respondent: Any) -> str:
    if respondent.party is None:
        return "annan organisation"
    return PARTY_WORDS.get(respondent.party.kind, respondent.party.name)


def _count(n: int, one: str, many: str) -> str:
    words = {1: "En", 2: "Två", 3: "Tre", 4: "Fyra", 5: "Fem"}
    number = words.get(n, str(n)) if n <= 5 else str(n)
    return f"{number} {one if n == 1 else many}"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def as_text(drafts: list[Draft]) -> str:
    """The draft as a narrative text: one paragraph per sentence, its sources after it."""
    return "\n\n".join(d.written() for d in drafts)


def links(text: str, analysis: NeedsAnalysis) -> tuple[str, list[tuple[str, str]]]:
    """A paragraph without its ``[källa: …]`` and the (label, address) of each source."""
    slug = analysis.association.slug
    found: list[tuple[str, str]] = []
    for match in SOURCES.finditer(text):
        for item in match.group(1).split(","):
            word, _sep, number = item.strip().partition(" ")
            kind = KINDS.get(word)
            if kind and number.isdigit():
                found.append((item.strip(), _address(kind, int(number), slug, analysis.year)))
    return SOURCES.sub("", text), found


def _address(kind: str, pk: int, slug: str, year: int) -> str:
    from samordna.insights.models import Quote

    if kind == "interview":
        return reverse("insights:interview", kwargs={"slug": slug, "interview_id": pk})
    if kind == "quote":
        quote = Quote.objects.filter(pk=pk).first()
        if quote is not None:
            return reverse(
                "insights:interview", kwargs={"slug": slug, "interview_id": quote.interview_id}
            )
    if kind == "insight":
        return reverse("insights:insight_edit", kwargs={"slug": slug, "insight_id": pk})
    if kind == "theme":
        return reverse("insights:bank", kwargs={"slug": slug}) + f"?tag={pk}"
    if kind == "flag":
        return reverse("needs:flags", kwargs={"slug": slug, "year": year}) + f"?flag={pk}"
    if kind == "area":
        return reverse("insights:area_edit", kwargs={"slug": slug, "area_id": pk})
    return reverse("board:priorities", kwargs={"slug": slug})

"""Grow an association to the size of one that has worked for years.

Used by ``benchmarks/scale.py`` (tens of thousands of rows) and by the query-growth
tests (N and 3N rows of what a page lists). Rows are written in bulk, in one
transaction per call, with the project's models and their own rules (a tag's full
name, a decision's registry number, missing figures without a value); nothing here
is reachable from a page or the API. Each function adds ``count`` rows numbered from
``start``, so that calls can be repeated to grow further.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from samordna.accounts.models import ApiToken, Association, Membership, Party, Unit, User
from samordna.accounts.roles import Role
from samordna.assignments.models import Assignment, Comment, ProgressReport, State
from samordna.audit.models import AuditEvent, SecurityEvent
from samordna.board.models import BoardMeeting, Decision, Priority
from samordna.insights.models import (
    CollaborationArea,
    Insight,
    Interview,
    LeadsMeeting,
    Quality,
    Respondent,
    Tag,
    ThemeSuggestion,
)
from samordna.needs.models import NeedsAnalysis
from samordna.statistics import catalog
from samordna.statistics.models import Area, Gender, Indicator, Observation, Status

BATCH = 2_000
DAY = datetime.date(2020, 1, 1)


def _day(number: int) -> datetime.date:
    return DAY + datetime.timedelta(days=number % 2_500)


def _meetings(association: Association, count: int) -> list[BoardMeeting]:
    """``count`` board meetings that progress reports are due before (made once)."""
    days = [datetime.date(2098, 1, 5) + datetime.timedelta(days=7 * n) for n in range(count)]
    have = set(
        BoardMeeting.objects.filter(association=association, held_on__in=days).values_list(
            "held_on", flat=True
        )
    )
    BoardMeeting.objects.bulk_create(
        BoardMeeting(
            association=association, held_on=day, reports_due_on=day - datetime.timedelta(days=14)
        )
        for day in days
        if day not in have
    )
    return list(
        BoardMeeting.objects.filter(association=association, held_on__in=days).order_by("held_on")
    )


@transaction.atomic
def parties(association: Association, count: int, start: int = 0) -> None:
    made = Party.objects.bulk_create(
        Party(association=association, name=f"Part {n:05}", kind=Party.Kind.MUNICIPALITY)
        for n in range(start, start + count)
    )
    Unit.objects.bulk_create(Unit(party=party, name=f"Enhet vid {party.name}") for party in made)


@transaction.atomic
def units(association: Association, count: int, start: int = 0) -> None:
    party = association.parties.order_by("pk").first()
    Unit.objects.bulk_create(
        Unit(party=party, name=f"Enhet {n:05}") for n in range(start, start + count)
    )


@transaction.atomic
def members(association: Association, count: int, start: int = 0) -> None:
    party = association.parties.order_by("pk").first()
    unit = Unit.objects.filter(party=party).first()
    people = User.objects.bulk_create(
        User(email=f"person{n:05}@{association.slug}.example", full_name=f"Person {n:05}")
        for n in range(start, start + count)
    )
    Membership.objects.bulk_create(
        Membership(user=user, association=association, role=Role.ANALYST, party=party, unit=unit)
        for user in people
    )


@transaction.atomic
def tokens(user: User, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        ApiToken.issue(user, f"Nyckel {n:05}", timezone.now() + datetime.timedelta(days=30))


@transaction.atomic
def associations(count: int, start: int = 0, *, member: User | None = None) -> None:
    made = Association.objects.bulk_create(
        Association(name=f"Samordningsförbundet {n:05}", slug=f"forbund-{n:05}")
        for n in range(start, start + count)
    )
    if member is not None:
        Membership.objects.bulk_create(
            Membership(user=member, association=a, role=Role.AUDITOR) for a in made
        )


@transaction.atomic
def board(association: Association, meetings: int, decisions: int, start: int = 0) -> None:
    """``meetings`` meetings, one a week from 2020, with ``decisions`` decisions among them."""
    made = BoardMeeting.objects.bulk_create(
        BoardMeeting(
            association=association,
            held_on=datetime.date(2100, 1, 1) + datetime.timedelta(days=7 * n),
            reports_due_on=datetime.date(2100, 1, 1) + datetime.timedelta(days=7 * n - 14),
        )
        for n in range(start, start + meetings)
    )
    Decision.objects.bulk_create(
        (
            Decision(
                association=association,
                registry_number=f"S{start:04}-{n:05}",
                meeting=made[n % len(made)],
                kind=Decision.Kind.NOTED,
                text=f"Styrelsen noterade informationen i ärende {n}.",
                decided_on=made[n % len(made)].held_on,
            )
            for n in range(decisions)
        ),
        batch_size=BATCH,
    )


@transaction.atomic
def decisions(association: Association, count: int, start: int = 0) -> None:
    meeting, _created = BoardMeeting.objects.get_or_create(
        association=association,
        held_on=datetime.date(2099, 12, 1),
        defaults={"reports_due_on": datetime.date(2099, 11, 17)},
    )
    Decision.objects.bulk_create(
        Decision(
            association=association,
            registry_number=f"T-{n:05}",
            meeting=meeting,
            kind=Decision.Kind.NOTED,
            text=f"Styrelsen noterade informationen i ärende {n}.",
            decided_on=meeting.held_on,
        )
        for n in range(start, start + count)
    )


@transaction.atomic
def priorities(association: Association, count: int, start: int = 0) -> None:
    Priority.objects.bulk_create(
        Priority(
            association=association,
            year=2000 + n % 30,
            kind=Priority.Kind.NEEDS_GROUP,
            title=f"Prioritering {n:05}",
        )
        for n in range(start, start + count)
    )


@transaction.atomic
def areas(association: Association, count: int, start: int = 0, *, year: int = 2019) -> None:
    """Areas in ``year`` and the same areas the year before (the change is shown)."""
    for in_year in (year - 1, year):
        CollaborationArea.objects.bulk_create(
            CollaborationArea(
                association=association,
                year=in_year,
                position=n,
                situation=f"Behovssituation {n:05}",
                main_actor="Kommunen",
                partner_actor=f"Aktör {n % 7}",
                quality=Quality.values[n % len(Quality.values)],
            )
            for n in range(start, start + count)
        )


@transaction.atomic
def interviews(association: Association, count: int, start: int = 0) -> None:
    party = association.parties.order_by("pk")[0]
    for n in range(start, start + count):
        interview = Interview.objects.create(
            association=association, kind=Interview.Kind.STAFF, held_on=_day(n)
        )
        respondent = Respondent.objects.create(
            association=association, work_name=f"Respondent {n:05}", role="Handläggare", party=party
        )
        interview.respondents.add(respondent)
        interview.parties_met.add(party)


def _tag_tree(association: Association, leaves: int) -> list[Tag]:
    """``leaves`` tags under ten top tags, their full names written as ``Tag.save`` would."""
    tops = []
    for n in range(10):
        top, _created = Tag.objects.get_or_create(association=association, name=f"Område {n}")
        tops.append(top)
    have = Tag.objects.filter(association=association, parent__isnull=False).count()
    wanted = [
        Tag(
            association=association,
            name=f"Tagg {n:05}",
            parent=tops[n % 10],
            path=f"{tops[n % 10].path} › Tagg {n:05}",
        )
        for n in range(have, leaves)
    ]
    Tag.objects.bulk_create(wanted, batch_size=BATCH)
    return list(Tag.objects.filter(association=association, parent__isnull=False))


@transaction.atomic
def tags(association: Association, count: int, start: int = 0) -> None:
    _tag_tree(association, start + count)


@transaction.atomic
def insights(association: Association, count: int, start: int = 0, *, tags: int = 300) -> None:
    """Insights with two tags each (a leaf and its parent) and a party."""
    leaves = _tag_tree(association, tags)
    party = association.parties.order_by("pk")[0]
    made = Insight.objects.bulk_create(
        (
            Insight(
                association=association,
                text=f"Insikt {n:06} om väntetider och samverkan kring unga vuxna.",
                noted_on=_day(n),
                source=Insight.Source.OTHER,
                needs_groups=["work"] if n % 2 else ["health"],
            )
            for n in range(start, start + count)
        ),
        batch_size=BATCH,
    )
    through_tags = Insight.tags.through
    through_parties = Insight.parties.through
    tag_rows = []
    for n, insight in enumerate(made):
        leaf = leaves[n % len(leaves)]
        tag_rows += [
            through_tags(insight_id=insight.pk, tag_id=leaf.pk),
            through_tags(insight_id=insight.pk, tag_id=leaf.parent_id),
        ]
    through_tags.objects.bulk_create(tag_rows, batch_size=BATCH)
    through_parties.objects.bulk_create(
        (through_parties(insight_id=i.pk, party_id=party.pk) for i in made), batch_size=BATCH
    )


@transaction.atomic
def theme_suggestions(association: Association, count: int, start: int = 0) -> None:
    """Decided suggestions, each over a few of the association's insights."""
    some = list(Insight.objects.filter(association=association)[:5])
    for n in range(start, start + count):
        suggestion = ThemeSuggestion.objects.create(
            association=association,
            label=f"Tema {n:05}",
            status=ThemeSuggestion.Status.DISMISSED,
        )
        suggestion.insights.add(*some)


@transaction.atomic
def leads_meetings(association: Association, count: int, start: int = 0) -> None:
    people = list(User.objects.filter(memberships__association=association)[:3])
    for n in range(start, start + count):
        meeting = LeadsMeeting.objects.create(association=association, held_on=_day(n))
        meeting.attendees.add(*people)


@transaction.atomic
def editions(association: Association, count: int, start: int = 0) -> None:
    indicator_set = catalog.ensure_finsam_set(association)
    NeedsAnalysis.objects.bulk_create(
        NeedsAnalysis(
            association=association,
            year=1900 + n,
            title=f"Behovsanalys {1900 + n}",
            indicator_set=indicator_set,
        )
        for n in range(start, start + count)
    )


@transaction.atomic
def assignments(association: Association, count: int, start: int = 0, *, reports: int = 8) -> None:
    """Running assignments with ``reports`` progress reports each and a comment."""
    lead = User.objects.filter(
        memberships__association=association, memberships__role=Role.ASSIGNMENT_LEAD
    ).first()
    made = Assignment.objects.bulk_create(
        (
            Assignment(
                association=association,
                kind=Assignment.Kind.PRE_STUDY,
                title=f"Uppdrag {n:05}",
                state=State.RUNNING,
                background="Unga vuxna möter många verksamheter men ingen helhet.",
                starts_on=_day(n),
                ends_on=_day(n) + datetime.timedelta(days=365),
                lead=lead,
                manager=lead,
            )
            for n in range(start, start + count)
        ),
        batch_size=BATCH,
    )
    meetings = _meetings(association, max(reports, 1))
    _progress_reports((a, meetings[k]) for a in made for k in range(reports))
    Comment.objects.bulk_create(
        (Comment(assignment=a, author=lead, text="Ser bra ut.") for a in made), batch_size=BATCH
    )


@transaction.atomic
def audit_events(association: Association, count: int, start: int = 0) -> None:
    actor = User.objects.filter(memberships__association=association).first()
    kind = ContentType.objects.get_for_model(Party)
    AuditEvent.objects.bulk_create(
        (
            AuditEvent(
                association=association,
                actor=actor,
                actor_label=str(actor),
                action=AuditEvent.Action.UPDATE,
                content_type=kind,
                object_id=str(n),
                object_repr=f"Part {n:05}",
                changes={"name": {"before": f"Part {n}", "after": f"Part {n:05}"}},
            )
            for n in range(start, start + count)
        ),
        batch_size=BATCH,
    )
    SecurityEvent.objects.bulk_create(
        (
            SecurityEvent(
                kind=SecurityEvent.Kind.LOGIN,
                user=actor,
                email=actor.email if actor else "",
                association=association,
            )
            for _n in range(start, start + count)
        ),
        batch_size=BATCH,
    )


def indicators(count: int, start: int = 0, *, source: str = "Kolada") -> list[Indicator]:
    return Indicator.objects.bulk_create(
        Indicator(code=f"G{n:05}", title=f"Nyckeltal {n:05}", source=source)
        for n in range(start, start + count)
    )


@transaction.atomic
def figures(indicators: list[Indicator], areas: list[Area], years: range) -> None:
    """Every indicator × area × year for women, men and total; one in 23 missing (no
    value, as a real history has)."""
    now = timezone.now()

    def value(i: int, a: int, year: int) -> Decimal | None:
        return None if (i + a + year) % 23 == 0 else Decimal(f"{(i * 7 + a * 3 + year) % 97}.5")

    rows = (
        Observation(
            indicator=indicator,
            area=area,
            period=str(year),
            gender=gender,
            value=value(i, a, year),
            status=Status.OK if value(i, a, year) is not None else Status.MISSING,
            source=indicator.source,
            retrieved_at=now,
        )
        for i, indicator in enumerate(indicators)
        for a, area in enumerate(areas)
        for year in years
        for gender in Gender.values
    )
    Observation.objects.bulk_create(rows, batch_size=BATCH)


@transaction.atomic
def comments(assignment: Assignment, count: int, start: int = 0) -> None:
    """Comments and progress reports on one assignment (its page lists both)."""
    author = (
        assignment.lead
        or User.objects.filter(memberships__association=assignment.association).first()
    )
    Comment.objects.bulk_create(
        Comment(assignment=assignment, author=author, text=f"Kommentar {n:05}.")
        for n in range(start, start + count)
    )
    meetings = _meetings(assignment.association, start + count)
    _progress_reports((assignment, meetings[n]) for n in range(start, start + count))


def _progress_reports(due: Iterable[tuple[Assignment, BoardMeeting]]) -> None:
    """A progress report of each assignment before each meeting, due as the meeting says."""
    ProgressReport.objects.bulk_create(
        (
            ProgressReport(
                assignment=assignment,
                meeting=meeting,
                due_on=meeting.reports_due_on,
                activities="Vi har träffat deltagare och handläggare varje vecka.",
            )
            for assignment, meeting in due
        ),
        batch_size=BATCH,
    )

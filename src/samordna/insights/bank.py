"""The insight bank: search, counts, tag housekeeping, lessons into insights, exports."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from samordna.accounts.models import Association
from samordna.audit.context import transition
from samordna.core import exports
from samordna.insights.models import Insight, LeadsMeeting, Tag, ThemeSuggestion
from samordna.insights.search import tokens
from samordna.statistics.models import NeedsGroup

COLUMNS = [
    "Datum",
    "Insikt",
    "Källa",
    "Varifrån",
    "Taggar",
    "Behovsgrupper",
    "Behovssituationer",
    "Parter",
]


def search(
    association: Association,
    query: str = "",
    *,
    tag: Tag | None = None,
    party_id: int | None = None,
    needs_group: str = "",
    source: str = "",
) -> QuerySet[Insight]:
    """Insights matching every stemmed query word, and the filters."""
    found = Insight.objects.filter(association=association)
    for token in tokens(query):
        found = found.filter(search_text__contains=f" {token} ")
    if tag is not None:
        found = found.filter(tags__in=[tag, *tag.children.all()])
    if party_id:
        found = found.filter(parties__id=party_id)
    if source:
        found = found.filter(source=source)
    if needs_group:
        found = found.filter(_in_needs_group(needs_group))
    return found.distinct().prefetch_related("tags", "parties")


def _in_needs_group(code: str) -> Q:
    """Insights whose list of needs groups holds ``code`` — in the database, on SQLite and
    PostgreSQL alike (the JSON list read as text; codes are plain words, quoted there)."""
    return Q(needs_groups__icontains=f'"{code}"')


def counts(insights: QuerySet[Insight]) -> dict[str, list[tuple[str, int]]]:
    """How many insights per tag, party and needs group (of the given selection).

    Counted in the database: a few queries, however many insights there are."""
    selected = insights.order_by().values("pk")
    per_tag = (
        Insight.tags.through.objects.filter(insight__in=selected)
        .values("tag__path", "tag__name")
        .annotate(n=Count("insight", distinct=True))
    )
    per_party = (
        Insight.parties.through.objects.filter(insight__in=selected)
        .values("party__name")
        .annotate(n=Count("insight", distinct=True))
    )
    base = Insight.objects.filter(pk__in=selected)
    groups = base.aggregate(
        **{code: Count("pk", filter=_in_needs_group(code)) for code, _label in NeedsGroup.choices}
    )
    labels = dict(NeedsGroup.choices)

    def ranked(pairs: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
        return sorted(((name, n) for name, n in pairs if n), key=lambda p: (-p[1], p[0]))

    return {
        "tags": ranked((row["tag__path"] or row["tag__name"], row["n"]) for row in per_tag),
        "parties": ranked((row["party__name"], row["n"]) for row in per_party),
        "needs_groups": ranked((str(labels[code]), n) for code, n in groups.items()),
    }


def rename_tag(tag: Tag, name: str) -> Tag:
    with transition("Taggen bytte namn"):
        tag.name = name
        tag.save()
    return tag


def merge_tags(source: Tag, target: Tag) -> Tag:
    """Move every insight and child tag of ``source`` to ``target``, then remove ``source``."""
    if source.pk == target.pk or source.association_id != target.association_id:
        raise ValueError(_("Choose two different tags of the same association."))
    with transaction.atomic(), transition(f"Taggen {source.name} slogs ihop med {target.name}"):
        for insight in source.insights.all():
            insight.tags.add(target)
            insight.tags.remove(source)
        for child in source.children.exclude(pk=target.pk):
            child.parent = target
            child.save()
        if target.parent_id == source.pk:
            target.parent = source.parent
            target.save()
        source.delete()
    return target


def lessons_to_insights(meeting: LeadsMeeting) -> list[Insight]:
    """Each line of the meeting's lessons becomes an insight (once)."""
    made = []
    with transaction.atomic():
        existing = set(meeting.insights.values_list("text", flat=True))
        for line in meeting.lessons.splitlines():
            text = line.strip(" -•\t")
            if not text or text in existing:
                continue
            made.append(
                Insight.objects.create(
                    association=meeting.association,
                    text=text,
                    noted_on=meeting.held_on,
                    source=Insight.Source.LEADS_MEETING,
                    meeting=meeting,
                    source_note=str(meeting),
                )
            )
    return made


def rows(insights: QuerySet[Insight]) -> list[list[str]]:
    labels = dict(NeedsGroup.choices)
    return [
        [
            f"{i.noted_on:%Y-%m-%d}",
            i.text,
            str(i.get_source_display()),
            i.source_note,
            ", ".join(str(t) for t in i.tags.all()),
            ", ".join(str(labels.get(g, g)) for g in i.needs_groups or []),
            i.needs_situations,
            ", ".join(p.name for p in i.parties.all()),
        ]
        for i in insights
    ]


def export(insights: QuerySet[Insight], fmt: str) -> bytes:
    table = rows(insights)
    if fmt == "csv":
        out = io.StringIO()
        writer = exports.csv_writer(out)
        writer.writerow(COLUMNS)
        writer.writerows(exports.csv_row(row) for row in table)
        return out.getvalue().encode("utf-8")
    if fmt == "xlsx":
        from openpyxl import Workbook
        from openpyxl.styles import Font

        book = Workbook()
        sheet = book.worksheets[0]
        sheet.title = "insikter"
        sheet.append(COLUMNS)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table:
            exports.append_xlsx(sheet, row)
        sheet.column_dimensions["B"].width = 80
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
    if fmt == "docx":
        from samordna.reports import render
        from samordna.reports.document import Cell, Document, Section, Table

        document = Document(
            title="Insiktsbanken",
            subtitle="",
            meta=[("Antal insikter", str(len(table)))],
            sections=[
                Section(
                    "Insikter",
                    [
                        Table(
                            caption="Insikter",
                            columns=COLUMNS[:5],
                            rows=[[Cell(c) for c in row[:5]] for row in table],
                        )
                    ],
                )
            ],
        )
        return render(document, "docx")
    raise ValueError(f"Okänt format {fmt!r}.")


def suggest_themes(association: Association, count: int | None = None) -> list[ThemeSuggestion]:
    """Cluster the association's insights into ``count`` themes (or as many as fit
    best); replaces the open suggestions."""
    from samordna.insights.themes import suggest

    insights = list(Insight.objects.filter(association=association).order_by("id"))
    clusters = suggest([i.text for i in insights], count=count)
    with transaction.atomic():
        ThemeSuggestion.objects.filter(
            association=association, status=ThemeSuggestion.Status.SUGGESTED
        ).delete()
        made = []
        for cluster in clusters:
            if len(cluster.members) < 2:
                continue
            suggestion = ThemeSuggestion.objects.create(
                association=association, label=cluster.label[:120], terms=", ".join(cluster.terms)
            )
            suggestion.insights.set([insights[i] for i in cluster.members])
            made.append(suggestion)
    return made


def accept_theme(suggestion: ThemeSuggestion, name: str = "") -> Tag:
    """An accepted theme is a tag (marked as a theme) on every insight of the cluster."""
    name = (name or suggestion.label).strip()[:100]
    with transaction.atomic(), transition("Temaförslaget godtogs"):
        tag, _created = Tag.objects.get_or_create(
            association=suggestion.association, name=name, defaults={"is_theme": True}
        )
        if not tag.is_theme:
            tag.is_theme = True
            tag.save()
        for insight in suggestion.insights.all():
            insight.tags.add(tag)
        suggestion.status = ThemeSuggestion.Status.ACCEPTED
        suggestion.label = name
        suggestion.tag = tag
        suggestion.save()
    return tag


def dismiss_theme(suggestion: ThemeSuggestion) -> None:
    with transition("Temaförslaget avfärdades"):
        suggestion.status = ThemeSuggestion.Status.DISMISSED
        suggestion.save()


def merge_themes(first: ThemeSuggestion, second: ThemeSuggestion) -> ThemeSuggestion:
    if first.pk == second.pk:
        raise ValueError(_("Choose two different theme suggestions."))
    with transaction.atomic():
        first.insights.add(*second.insights.all())
        second.delete()
    return first

"""Pages of the insight bank and of leads' meetings."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from samordna.accounts.roles import Perm
from samordna.core.access import AssociationRequest, requires
from samordna.core.converters import object_id
from samordna.core.pagination import paginate
from samordna.insights import bank
from samordna.insights.forms import InsightForm, MeetingForm, TagForm, ThemeSuggestForm
from samordna.insights.models import Insight, LeadsMeeting, Tag, ThemeSuggestion
from samordna.statistics.models import NeedsGroup

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _selection(request: AssociationRequest) -> tuple[dict[str, str], QuerySet[Insight]]:
    params = {k: request.GET.get(k, "").strip() for k in ("q", "tag", "party", "group", "source")}
    tag = None
    if (tag_id := object_id(params["tag"])) is not None:
        tag = Tag.objects.filter(association=request.association, pk=tag_id).first()
    found = bank.search(
        request.association,
        params["q"],
        tag=tag,
        party_id=object_id(params["party"]),
        needs_group=params["group"],
        source=params["source"],
    )
    return params, found


@requires(Perm.VIEW_INSIGHTS)
def insight_list(request: AssociationRequest, slug: str) -> HttpResponse:
    params, found = _selection(request)
    paged = paginate(request, found.order_by("-noted_on", "-pk"))
    context = {
        "params": params,
        "paged": paged,
        "rows": _with_sources(request, paged.page.object_list),
        "counts": bank.counts(found),
        "tags": request.association.insight_tags.all(),
        "parties": request.association.parties.all(),
        "groups": NeedsGroup.choices,
        "sources": Insight.Source.choices,
        "query_string": request.GET.urlencode(),
        "can_edit": request.membership.has(Perm.EDIT_INSIGHTS),
    }
    return render(request, "insights/bank.html", context)


def _with_sources(
    request: AssociationRequest, insights: Iterable[Insight]
) -> list[tuple[Insight, str]]:
    """Each insight with the address of its source, when the member may open it."""
    from samordna.assignments.access import visible_reports

    slug = request.association.slug
    meetings = request.membership.has(Perm.VIEW_MEETINGS)
    reports = set(
        visible_reports(request.association, request.membership).values_list("pk", flat=True)
    )
    rows = []
    for insight in insights:
        url = ""
        if insight.interview_id:
            url = reverse("insights:interview", args=[slug, insight.interview_id])
        elif insight.meeting_id and meetings:
            url = reverse("insights:meeting", args=[slug, insight.meeting_id])
        elif insight.progress_report_id in reports:
            url = reverse("assignments:report", args=[slug, insight.progress_report_id])
        rows.append((insight, url))
    return rows


@requires(Perm.VIEW_INSIGHTS)
def insight_export(request: AssociationRequest, slug: str, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_TYPES:
        raise Http404
    _params, found = _selection(request)
    response = HttpResponse(bank.export(found, fmt), content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="insikter.{fmt}"'
    return response


@requires(Perm.EDIT_INSIGHTS)
def insight_create(request: AssociationRequest, slug: str) -> HttpResponse:
    """A new insight; from an interview's page (``?intervju=``) it starts from that interview."""
    initial: dict[str, object] = {}
    source = object_id(request.GET.get("intervju"))
    if source is not None:
        interview = request.association.interviews.filter(pk=source).first()
        if interview is not None:
            initial = {"source": Insight.Source.INTERVIEW, "interview": interview.pk,
                       "noted_on": interview.held_on}  # fmt: skip
    return _insight_form(request, Insight(association=request.association), initial)


@requires(Perm.EDIT_INSIGHTS)
def insight_edit(request: AssociationRequest, slug: str, insight_id: int) -> HttpResponse:
    insight = get_object_or_404(Insight, pk=insight_id, association=request.association)
    return _insight_form(request, insight, {"needs_groups": insight.needs_groups})


def _insight_form(
    request: AssociationRequest, insight: Insight, initial: dict[str, object]
) -> HttpResponse:
    form = InsightForm(
        request.POST or None, instance=insight, initial=initial, association=request.association
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            insight = form.save(commit=False)
            insight.needs_groups = form.cleaned_data["needs_groups"]
            insight.save()
            form.save_m2m()
        messages.success(request, _("The insight was saved."))
        if insight.interview_id and request.GET.get("intervju"):
            return redirect("insights:interview", request.association.slug, insight.interview_id)
        return redirect("insights:bank", slug=request.association.slug)
    title = _("Edit the insight") if insight.pk else _("New insight")
    cancel = reverse("insights:bank", args=[request.association.slug])
    return render(
        request, "accounts/form.html", {"form": form, "title": title, "cancel_url": cancel}
    )


@requires(Perm.VIEW_INSIGHTS)
def tags(request: AssociationRequest, slug: str) -> HttpResponse:
    can_edit = request.membership.has(Perm.EDIT_INSIGHTS)
    form = TagForm(
        request.POST if "create" in request.POST else None, association=request.association
    )
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        mine = Tag.objects.filter(association=request.association)
        if "create" in request.POST and form.is_valid():
            form.save()
            messages.success(request, _("The tag was saved."))
            return redirect("insights:tags", slug=slug)
        if "rename" in request.POST:
            tag = get_object_or_404(mine, pk=object_id(request.POST.get("tag")))
            rename = TagForm({"name": request.POST.get("name", ""), "parent": tag.parent_id,
                              "description": tag.description}, instance=tag,
                             association=request.association)  # fmt: skip
            if rename.is_valid():
                bank.rename_tag(tag, rename.cleaned_data["name"])
                messages.success(request, _("The tag was renamed."))
            else:
                messages.error(request, " ".join(str(e) for e in rename.errors.get("name", [])))
            return redirect("insights:tags", slug=slug)
        if "merge" in request.POST:
            source = get_object_or_404(mine, pk=object_id(request.POST.get("tag")))
            target = get_object_or_404(mine, pk=object_id(request.POST.get("into")))
            try:
                bank.merge_tags(source, target)
            except ValueError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("The tags were merged."))
            return redirect("insights:tags", slug=slug)
    every = request.association.insight_tags.order_by("path", "pk")
    paged = paginate(request, every)
    context = {
        "tags": paged.page,
        "paged": paged,
        "every_tag": every,
        "form": form,
        "can_edit": can_edit,
    }
    return render(request, "insights/tags.html", context)


@requires(Perm.VIEW_MEETINGS)
def meeting_list(request: AssociationRequest, slug: str) -> HttpResponse:
    can_edit = request.membership.has(Perm.MANAGE_MEETINGS)
    form = MeetingForm(request.POST or None, association=request.association)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            return _save_meeting(request, form)
    meetings = request.association.leads_meetings.prefetch_related("attendees")
    paged = paginate(request, meetings.order_by("-held_on", "-pk"))
    context = {
        "meetings": paged.page,
        "paged": paged,
        "form": form,
        "can_edit": can_edit,
    }
    return render(request, "insights/meetings.html", context)


def _save_meeting(request: AssociationRequest, form: MeetingForm) -> HttpResponse:
    """Save the meeting and turn each new lesson into an insight, in one transaction."""
    with transaction.atomic():
        meeting = form.save()
        made = bank.lessons_to_insights(meeting)
    messages.success(
        request,
        _("The meeting was saved; %(count)s lessons became insights.") % {"count": len(made)},
    )
    return redirect("insights:meeting", slug=request.association.slug, meeting_id=meeting.pk)


@requires(Perm.VIEW_MEETINGS)
def meeting_detail(request: AssociationRequest, slug: str, meeting_id: int) -> HttpResponse:
    meeting = get_object_or_404(LeadsMeeting, pk=meeting_id, association=request.association)
    context = {
        "meeting": meeting,
        "can_edit": request.membership.has(Perm.MANAGE_MEETINGS),
        "can_edit_insights": request.membership.has(Perm.EDIT_INSIGHTS),
    }
    return render(request, "insights/meeting.html", context)


@requires(Perm.MANAGE_MEETINGS)
def meeting_edit(request: AssociationRequest, slug: str, meeting_id: int) -> HttpResponse:
    """Correct a meeting afterwards; a lesson added now becomes an insight too. Lessons
    already in the insight bank stay there, to be edited as insights."""
    meeting = get_object_or_404(LeadsMeeting, pk=meeting_id, association=request.association)
    form = MeetingForm(request.POST or None, instance=meeting, association=request.association)
    if request.method == "POST" and form.is_valid():
        return _save_meeting(request, form)
    cancel = reverse("insights:meeting", args=[slug, meeting.pk])
    return render(
        request,
        "accounts/form.html",
        {"form": form, "title": _("Edit the meeting"), "cancel_url": cancel},
    )


THEME_INSIGHTS_SHOWN = 5  # a suggestion is shown by its newest insights and their number


THEME_INSIGHTS_SHOWN = 5  # a suggestion is shown by its newest insights and their number


@requires(Perm.VIEW_INSIGHTS)
def themes(request: AssociationRequest, slug: str) -> HttpResponse:
    """Suggested themes: the analyst accepts (with a name), merges or dismisses them."""
    can_edit = request.membership.has(Perm.EDIT_INSIGHTS)
    mine = ThemeSuggestion.objects.filter(association=request.association)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        action = request.POST.get("action", "")
        if action == "suggest":
            form = ThemeSuggestForm(request.POST)
            if form.is_valid():
                made = bank.suggest_themes(request.association, form.cleaned_data["count"])
                messages.success(request, _("%(count)s themes suggested.") % {"count": len(made)})
            else:
                for error in form.errors.get("count", []):
                    messages.error(request, _("Number of themes: %(error)s") % {"error": error})
        else:
            suggestion = get_object_or_404(mine, pk=object_id(request.POST.get("suggestion")))
            if action == "accept":
                tag = bank.accept_theme(suggestion, request.POST.get("name", ""))
                messages.success(
                    request, _("The theme %(name)s is now a tag.") % {"name": tag.name}
                )
            elif action == "dismiss":
                bank.dismiss_theme(suggestion)
                messages.success(request, _("The suggestion was dismissed."))
            elif action == "merge":
                other = get_object_or_404(mine, pk=object_id(request.POST.get("into")))
                try:
                    bank.merge_themes(other, suggestion)
                except ValueError as exc:
                    messages.error(request, str(exc))
                else:
                    messages.success(request, _("The suggestions were merged."))
        return redirect("insights:themes", slug=slug)
    newest = Insight.objects.order_by("-noted_on", "-pk")[:THEME_INSIGHTS_SHOWN]
    shown = Prefetch("insights", queryset=newest, to_attr="newest_insights")
    decided = mine.exclude(status=ThemeSuggestion.Status.SUGGESTED).order_by("-pk")
    paged = paginate(request, decided)
    context = {
        "open": mine.filter(status=ThemeSuggestion.Status.SUGGESTED)
        .annotate(insight_count=Count("insights"))
        .prefetch_related(shown),
        "decided": paged.page,
        "paged": paged,
        "can_edit": can_edit,
        "suggest_form": ThemeSuggestForm(),
    }
    return render(request, "insights/themes.html", context)

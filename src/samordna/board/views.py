"""Pages of the board: the yearly plan, a meeting's agenda and decisions, minutes, priorities."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from samordna.accounts.roles import Perm
from samordna.board import agenda as agenda_registry
from samordna.board import documents, services
from samordna.board.forms import (
    AgendaItemForm,
    MeetingForm,
    MinutesForm,
    PriorityForm,
    YearPlanForm,
)
from samordna.board.models import AgendaItem, BoardMeeting, Decision, Minutes, Priority
from samordna.core.access import AssociationRequest, requires
from samordna.core.converters import object_id
from samordna.core.errors import Refused
from samordna.core.pagination import paginate
from samordna.reports import CONTENT_TYPES
from samordna.reports import render as render_document
from samordna.reports.document import Document


def _meeting(request: AssociationRequest, board_meeting_id: int) -> BoardMeeting:
    return get_object_or_404(BoardMeeting, pk=board_meeting_id, association=request.association)


def _meeting_url(slug: str, meeting: BoardMeeting) -> str:
    return reverse("board:meeting", kwargs={"slug": slug, "board_meeting_id": meeting.pk})


@requires(Perm.VIEW_BOARD)
def meeting_list(request: AssociationRequest, slug: str) -> HttpResponse:
    may_manage = request.membership.has(Perm.MANAGE_BOARD)
    form = YearPlanForm(request.POST or None)
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                created = services.plan_year(
                    request.association, form.cleaned_data["dates"], form.cleaned_data["place"]
                )
            except services.BoardError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(
                    request, _("%(count)s meetings were planned.") % {"count": len(created)}
                )
                return redirect("board:meetings", slug=slug)
    meetings = BoardMeeting.objects.filter(association=request.association)
    years = [day.year for day in meetings.dates("held_on", "year", order="DESC")]
    year = object_id(request.GET.get("year")) or 0
    if not 1900 <= year <= 2200:  # a year no meeting can be held in shows this year's
        year = timezone.localdate().year
    paged = paginate(request, meetings.filter(held_on__year=year).order_by("held_on", "pk"))
    context = {
        "meetings": paged.page,
        "paged": paged,
        "year": year,
        "years": years,
        "form": form,
        "may_manage": may_manage,
        "today": timezone.localdate(),
    }
    return render(request, "board/meetings.html", context)


@requires(Perm.MANAGE_BOARD)
def meeting_create(request: AssociationRequest, slug: str) -> HttpResponse:
    return _meeting_form(request, slug, BoardMeeting(association=request.association))


@requires(Perm.MANAGE_BOARD)
def meeting_edit(request: AssociationRequest, slug: str, board_meeting_id: int) -> HttpResponse:
    return _meeting_form(request, slug, _meeting(request, board_meeting_id))


def _meeting_form(request: AssociationRequest, slug: str, meeting: BoardMeeting) -> HttpResponse:
    data = request.POST.copy() if request.method == "POST" else None
    if data is not None and not data.get("reports_due_on") and data.get("held_on"):
        try:
            held = datetime.date.fromisoformat(str(data.get("held_on")))
            data["reports_due_on"] = BoardMeeting.default_due(held).isoformat()
        except ValueError:
            pass  # the form reports the bad date
    form = MeetingForm(data, instance=meeting)
    if data is not None and form.is_valid():
        if (
            BoardMeeting.objects.filter(
                association=request.association, held_on=form.cleaned_data["held_on"]
            )
            .exclude(pk=meeting.pk)
            .exists()
        ):
            form.add_error("held_on", _("There is already a board meeting on that day."))
        else:
            saved = form.save()
            messages.success(request, _("The meeting was saved."))
            return redirect(_meeting_url(slug, saved))
    title = _("Change board meeting") if meeting.pk else _("New board meeting")
    cancel = _meeting_url(slug, meeting) if meeting.pk else reverse("board:meetings", args=[slug])
    return render(
        request, "accounts/form.html", {"form": form, "title": title, "cancel_url": cancel}
    )


@requires(Perm.VIEW_BOARD)
def meeting_detail(request: AssociationRequest, slug: str, board_meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, board_meeting_id)
    items = meeting.items.order_by("position").select_related(
        "assignment", "progress_report", "amendment", "needs_analysis"
    ).prefetch_related("decisions")  # fmt: skip
    statuses = [s.value for s in BoardMeeting.Status]
    index = statuses.index(meeting.status)
    context = {
        "meeting": meeting,
        "items": items,
        "loose_decisions": meeting.decisions.filter(agenda_item__isnull=True),
        "may_manage": request.membership.has(Perm.MANAGE_BOARD) and meeting.is_open,
        "next_status": BoardMeeting.Status(statuses[index + 1])
        if index + 1 < len(statuses)
        else None,
        "item_form": AgendaItemForm(),
        **agenda_registry.choices(),  # what the decision forms offer (board/agenda.py)
        "minutes": Minutes.objects.filter(meeting=meeting).first(),
        "reports": meeting.progress_reports.select_related("assignment"),
    }
    return render(request, "board/meeting.html", context)


@requires(Perm.MANAGE_BOARD)
@require_POST
def agenda(request: AssociationRequest, slug: str, board_meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, board_meeting_id)
    action = request.POST.get("action", "")
    item = None
    item_id = object_id(request.POST.get("item"))
    if item_id is not None:
        item = get_object_or_404(AgendaItem, pk=item_id, meeting=meeting)
    try:
        if action == "propose":
            added = services.propose_agenda(meeting, request.user)
            count = len(added)
            messages.success(
                request,
                ngettext(
                    "%(count)s item was put on the agenda.",
                    "%(count)s items were put on the agenda.",
                    count,
                )
                % {"count": count},
            )
        elif action == "add":
            form = AgendaItemForm(request.POST)
            if not form.is_valid():
                for field, errors in form.errors.items():
                    messages.error(
                        request, f"{form.fields[field].label}: {' '.join(str(e) for e in errors)}"
                    )
            else:
                services.add_item(meeting, **form.cleaned_data)
                messages.success(request, _("The item was added."))
        elif action in {"up", "down"} and item is not None:
            services.move_item(item, -1 if action == "up" else 1)
        elif action == "remove" and item is not None:
            services.remove_item(item)
            messages.success(request, _("The item was removed from the agenda."))
        else:
            messages.error(request, _("Unknown agenda action."))
    except Refused as exc:
        messages.error(request, str(exc))
    return redirect(_meeting_url(slug, meeting) + "#dagordning")


@requires(Perm.MANAGE_BOARD)
@require_POST
def decide(request: AssociationRequest, slug: str, board_meeting_id: int) -> HttpResponse:
    """Record the board's decision on an agenda item (services.decide)."""
    meeting = _meeting(request, board_meeting_id)
    item = get_object_or_404(AgendaItem, pk=object_id(request.POST.get("item")), meeting=meeting)
    data = {k: request.POST.get(k, "") for k in request.POST if k != "csrfmiddlewaretoken"}
    data["meeting"] = str(meeting.pk)
    outcome, text = request.POST.get("outcome", ""), request.POST.get("text", "")
    try:
        services.decide(meeting, item, request.membership, outcome, text, data)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The decision was recorded for §%(n)s.") % {"n": item.position})
    return redirect(_meeting_url(slug, meeting) + f"#punkt-{item.pk}")


@requires(Perm.MANAGE_BOARD)
@require_POST
def meeting_status(request: AssociationRequest, slug: str, board_meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, board_meeting_id)
    try:
        done = services.set_status(meeting, request.POST.get("status", ""))
    except services.BoardError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("The meeting is now: %(status)s.") % {"status": done.get_status_display()}
        )
    return redirect(_meeting_url(slug, meeting))


@requires(Perm.MANAGE_BOARD)
def minutes_edit(request: AssociationRequest, slug: str, board_meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, board_meeting_id)
    instance = Minutes.objects.filter(meeting=meeting).first() or Minutes(meeting=meeting)
    form = MinutesForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_minutes(meeting, **form.cleaned_data)
        except services.BoardError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The minutes were saved."))
        return redirect(_meeting_url(slug, meeting))
    return render(
        request,
        "accounts/form.html",
        {"form": form, "title": _("Minutes"), "cancel_url": _meeting_url(slug, meeting)},
    )


def _pdf(document: Document, name: str) -> HttpResponse:
    response = HttpResponse(render_document(document, "pdf"), content_type=CONTENT_TYPES["pdf"])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@requires(Perm.VIEW_BOARD)
def packet_pdf(request: AssociationRequest, slug: str, board_meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, board_meeting_id)
    return _pdf(documents.packet(meeting), f"kallelse-{meeting.held_on:%Y-%m-%d}.pdf")


@requires(Perm.VIEW_BOARD)
def minutes_pdf(request: AssociationRequest, slug: str, board_meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, board_meeting_id)
    return _pdf(documents.minutes(meeting), f"protokoll-{meeting.held_on:%Y-%m-%d}.pdf")


@requires(Perm.VIEW_BOARD)
def decision_list(request: AssociationRequest, slug: str) -> HttpResponse:
    decisions = Decision.objects.filter(association=request.association).select_related(
        "meeting", "assignment", "agenda_item"
    )
    paged = paginate(request, decisions.order_by("-id"))
    return render(request, "board/decisions.html", {"paged": paged, "decisions": paged.page})


@requires(Perm.VIEW_BOARD, Perm.VIEW_NEEDS_FINAL)
def priorities(request: AssociationRequest, slug: str) -> HttpResponse:
    may_manage = request.membership.has(Perm.MANAGE_BOARD)
    form = PriorityForm(request.POST or None, association=request.association)
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        if form.is_valid():
            form.save()
            messages.success(request, _("The priority was saved."))
            return redirect("board:priorities", slug=slug)
    found = Priority.objects.filter(association=request.association).select_related(
        "needs_analysis", "decision"
    )
    paged = paginate(request, found.order_by("-year", "kind", "title", "pk"))
    years: dict[int, list[Priority]] = {}
    for priority in paged.page:
        years.setdefault(priority.year, []).append(priority)
    return render(
        request,
        "board/priorities.html",
        {
            "years": sorted(years.items(), reverse=True),
            "paged": paged,
            "form": form,
            "may_manage": may_manage,
        },
    )

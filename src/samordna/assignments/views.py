"""Pages of the assignments module: the list, a proposal from draft to closing, reports, money."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Min, Q, Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samordna import charts
from samordna.accounts.roles import Perm
from samordna.assignments import access, followup, lifecycle
from samordna.assignments.forms import (
    BudgetForm,
    FinalReportForm,
    FundingForm,
    OutcomeForm,
    ProgressReportForm,
    ProposalForm,
)
from samordna.assignments.models import (
    Amendment,
    Assignment,
    Budget,
    FinalReport,
    ProgressReport,
    ReportState,
    State,
)
from samordna.board.models import BoardMeeting
from samordna.core.access import AssociationRequest, requires
from samordna.core.converters import object_id
from samordna.core.pagination import paginate

VIEW = (Perm.VIEW_ASSIGNMENTS, Perm.VIEW_ASSIGNMENTS_OWN)
EDITABLE = {State.DRAFT, State.ANCHORING, State.READY}


def _assignment(request: AssociationRequest, assignment_id: int) -> Assignment:
    return access.get_visible(request.association, request.membership, assignment_id)


def _detail_url(slug: str, assignment: Assignment) -> str:
    return reverse("assignments:detail", kwargs={"slug": slug, "assignment_id": assignment.pk})


@requires(*VIEW)
def assignment_list(request: AssociationRequest, slug: str) -> HttpResponse:
    today = timezone.localdate()
    found = (
        access.visible(request.association, request.membership)
        .select_related("lead", "manager")
        .prefetch_related("parties")
        .annotate(
            granted_total=Sum("funding__granted"),
            spent_total=Sum("funding__spent"),
            next_due=Min(
                "progress_reports__due_on",
                filter=Q(progress_reports__state__in=[ReportState.DRAFT, ReportState.RETURNED]),
            ),
        )
    )
    state = request.GET.get("state", "")
    party = request.GET.get("party", "")
    if state in State.values:
        found = found.filter(state=state)
    if (party_id := object_id(party)) is not None:
        found = found.filter(parties=party_id)
    paged = paginate(request, found.order_by("title", "pk"))
    context = {
        "paged": paged,
        "assignments": paged.page,
        "states": State.choices,
        "state": state,
        "party": party,
        "parties": request.association.parties.all(),
        "today": today,
        "can_create": request.membership.has(Perm.EDIT_ASSIGNMENTS),
        "can_see_money": request.membership.has(Perm.VIEW_ASSIGNMENTS),
    }
    return render(request, "assignments/list.html", context)


@requires(Perm.EDIT_ASSIGNMENTS)
def assignment_create(request: AssociationRequest, slug: str) -> HttpResponse:
    form = ProposalForm(request.POST or None, association=request.association)
    if request.method == "POST" and form.is_valid():
        assignment = form.save()
        lifecycle.event(assignment, "Förslag skapat", request.user)
        messages.success(request, _("The proposal was created."))
        return redirect(_detail_url(slug, assignment))
    return render(
        request,
        "assignments/form.html",
        {"form": form, "title": _("New proposal"), "cancel_url": reverse(
            "assignments:list", kwargs={"slug": slug})},
    )  # fmt: skip


@requires(Perm.EDIT_ASSIGNMENTS)
def assignment_edit(request: AssociationRequest, slug: str, assignment_id: int) -> HttpResponse:
    assignment = _assignment(request, assignment_id)
    if assignment.state not in EDITABLE:
        messages.error(
            request,
            _("The proposal is decided (%(state)s); change it by an amendment.")
            % {"state": assignment.get_state_display().lower()},
        )
        return redirect(_detail_url(slug, assignment))
    form = ProposalForm(request.POST or None, instance=assignment, association=request.association)
    if request.method == "POST" and form.is_valid():
        form.save()
        lifecycle.event(assignment, "Förslaget ändrades", request.user)
        messages.success(request, _("The proposal was saved."))
        return redirect(_detail_url(slug, assignment))
    return render(
        request,
        "assignments/form.html",
        {"form": form, "title": _("Change proposal"), "cancel_url": _detail_url(slug, assignment)},
    )


@requires(*VIEW)
def assignment_detail(request: AssociationRequest, slug: str, assignment_id: int) -> HttpResponse:
    assignment = _assignment(request, assignment_id)
    membership = request.membership
    funding = list(assignment.funding.all())
    open_meetings = BoardMeeting.objects.filter(
        association=request.association, held_on__gte=timezone.localdate() - datetime.timedelta(60)
    ).exclude(status=BoardMeeting.Status.CHECKED)
    context = {
        "assignment": assignment,
        "funding": funding,
        "funding_total": {
            key: sum((getattr(f, key) or 0) for f in funding)
            for key in ("proposed", "co_financing", "granted", "spent")
        },
        "comments": assignment.comments.select_related("author", "party"),
        "amendments": assignment.amendments.select_related("decision"),
        "reports": assignment.progress_reports.select_related("meeting"),
        "final_report": FinalReport.objects.filter(assignment=assignment).first(),
        "events": assignment.events.select_related("actor"),
        "decisions": assignment.decisions.select_related("meeting"),
        "follow_ups": assignment.follow_ups.all(),
        "steps": lifecycle.steps_for(assignment, membership),
        "warnings": lifecycle.WARNINGS,
        "buttons": lifecycle.BUTTONS,
        "missing": lifecycle.missing_for_decision(assignment) if assignment.state in EDITABLE
        else [],
        "meetings": open_meetings,
        "outcomes": Assignment.Outcome.choices,
        "kinds": Assignment.Kind.choices,
        "can_edit": membership.has(Perm.EDIT_ASSIGNMENTS) and assignment.state in EDITABLE,
        "can_fund": membership.has(Perm.EDIT_ASSIGNMENTS),
        "can_comment": assignment.state == State.ANCHORING
        and access.may_comment(membership, assignment),
        "can_amend": membership.has(Perm.EDIT_ASSIGNMENTS)
        and assignment.state in {State.AGREED, State.RUNNING},
        "is_lead": access.is_lead(membership, assignment),
        "funding_form": FundingForm(),
        "outcome_form": OutcomeForm(),
        "amendment_kinds": Amendment.Kind.choices,
        "states": State,
    }  # fmt: skip
    return render(request, "assignments/detail.html", context)


def _post_data(request: AssociationRequest) -> dict[str, Any]:
    return {key: request.POST.get(key, "") for key in request.POST if key != "csrfmiddlewaretoken"}


@requires(*VIEW)
@require_POST
def assignment_step(request: AssociationRequest, slug: str, assignment_id: int) -> HttpResponse:
    assignment = _assignment(request, assignment_id)
    name = request.POST.get("step", "")
    try:
        taken = lifecycle.take(assignment, name, request.membership, _post_data(request))
    except lifecycle.TransitionError as exc:
        messages.error(request, str(exc))
    else:
        state = taken.assignment.get_state_display().lower()
        messages.success(request, _("The assignment is now: %(state)s.") % {"state": state})
        follow = taken.outcome.follow_up
        if follow is not None:
            messages.success(
                request, _("A follow-up proposal was created: %(title)s.") % {"title": follow}
            )
    return redirect(_detail_url(slug, assignment))


@requires(*VIEW)
@require_POST
def assignment_comment(request: AssociationRequest, slug: str, assignment_id: int) -> HttpResponse:
    assignment = _assignment(request, assignment_id)
    try:
        lifecycle.comment(assignment, request.membership, request.POST.get("text", ""))
    except lifecycle.TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your comment was saved."))
    return redirect(_detail_url(slug, assignment) + "#kommentarer")


@requires(Perm.EDIT_ASSIGNMENTS)
@require_POST
def assignment_funding(request: AssociationRequest, slug: str, assignment_id: int) -> HttpResponse:
    assignment = _assignment(request, assignment_id)
    outcome = "spent" in request.POST
    form: FundingForm | OutcomeForm = (
        OutcomeForm(request.POST) if outcome else FundingForm(request.POST)
    )
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(str(e) for e in errors)}")
        return redirect(_detail_url(slug, assignment) + "#pengar")
    data = form.cleaned_data
    try:
        lifecycle.set_funding(
            assignment,
            data["year"],
            proposed=data.get("proposed"),
            co_financing=data.get("co_financing"),
            spent=data.get("spent"),
            actor=request.user,
        )
    except lifecycle.TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The money for %(year)s was saved.") % {"year": data["year"]})
    return redirect(_detail_url(slug, assignment) + "#pengar")


@requires(Perm.EDIT_ASSIGNMENTS)
@require_POST
def assignment_amend(request: AssociationRequest, slug: str, assignment_id: int) -> HttpResponse:
    assignment = _assignment(request, assignment_id)
    try:
        lifecycle.propose_amendment(assignment, request.membership, _post_data(request))
    except lifecycle.TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The amendment was proposed to the board."))
    return redirect(_detail_url(slug, assignment) + "#andringar")


@requires(*VIEW)
def final_report(request: AssociationRequest, slug: str, assignment_id: int) -> HttpResponse:
    assignment = _assignment(request, assignment_id)
    report = FinalReport.objects.filter(assignment=assignment).first()
    may_write = access.is_lead(request.membership, assignment) and assignment.state == State.RUNNING
    form = FinalReportForm(request.POST or None, instance=report or FinalReport())
    if request.method == "POST":
        if not access.is_lead(request.membership, assignment):
            raise PermissionDenied
        if form.is_valid():
            try:
                lifecycle.save_final_report(assignment, request.membership, form.cleaned_data)
            except lifecycle.TransitionError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("The final report was saved."))
                return redirect(_detail_url(slug, assignment) + "#slutrapport")
    return render(
        request,
        "assignments/final_report.html",
        {"assignment": assignment, "report": report, "form": form, "may_write": may_write},
    )


@requires(*VIEW)
def report_list(request: AssociationRequest, slug: str) -> HttpResponse:
    today = timezone.localdate()
    reports = access.visible_reports(request.association, request.membership)
    show = request.GET.get("show", "open")
    if show == "open":
        reports = reports.exclude(state=ReportState.APPROVED)
    elif show == "overdue":
        reports = reports.filter(
            state__in=[ReportState.DRAFT, ReportState.RETURNED], due_on__lt=today
        )
    paged = paginate(request, reports.order_by("due_on", "assignment__title", "pk"))
    context = {"paged": paged, "reports": paged.page, "show": show, "today": today}
    return render(request, "assignments/reports.html", context)


def _report(request: AssociationRequest, report_id: int) -> ProgressReport:
    return access.get_visible_report(request.association, request.membership, report_id)


@requires(*VIEW)
def report_detail(request: AssociationRequest, slug: str, report_id: int) -> HttpResponse:
    report = _report(request, report_id)
    assignment = report.assignment
    may_write = access.is_lead(request.membership, assignment) and report.is_open
    form = ProgressReportForm(request.POST or None, instance=report)
    if request.method == "POST":
        if not access.is_lead(request.membership, assignment):
            raise PermissionDenied
        if form.is_valid():
            try:
                lifecycle.save_report(report, request.membership, form.cleaned_data)
            except lifecycle.TransitionError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("The progress report was saved."))
                return redirect(request.path)
        report.refresh_from_db()
    context = {
        "report": report,
        "assignment": assignment,
        "form": form,
        "may_write": may_write,
        "may_submit": may_write,
        "may_review": access.is_manager(request.membership, assignment)
        and report.state == ReportState.SUBMITTED,
        "today": timezone.localdate(),
    }
    return render(request, "assignments/report.html", context)


@requires(*VIEW)
@require_POST
def report_step(request: AssociationRequest, slug: str, report_id: int) -> HttpResponse:
    report = _report(request, report_id)
    try:
        lifecycle.report_step(
            report,
            request.POST.get("step", ""),
            request.membership,
            request.POST.get("comment", ""),
        )
    except lifecycle.TransitionError as exc:
        messages.error(request, str(exc))
    else:
        state = report.get_state_display().lower()
        messages.success(request, _("The progress report is %(state)s.") % {"state": state})
    return redirect("assignments:report", slug=slug, report_id=report.pk)


@requires(Perm.VIEW_ASSIGNMENTS)
def money(request: AssociationRequest, slug: str) -> HttpResponse:
    may_edit = request.membership.has(Perm.EDIT_ASSIGNMENTS)
    form = BudgetForm(request.POST or None, association=request.association)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        existing = Budget.objects.filter(
            association=request.association, year=object_id(request.POST.get("year")) or 0
        ).first()
        if existing is not None:
            form = BudgetForm(request.POST, instance=existing, association=request.association)
        if form.is_valid():
            form.save()
            messages.success(request, _("The budget was saved."))
            return redirect("assignments:money", slug=slug)
    assignments = (
        Assignment.objects.filter(association=request.association)
        .prefetch_related("funding")
        .order_by("title", "pk")
    )
    paged = paginate(request, assignments)
    years = followup.budget_rows(request.association)
    chart = followup.money_chart(years)
    context = {
        "years": years,
        "chart": charts.html(chart) if chart else "",
        "assignments": paged.page,
        "paged": paged,
        "totals": followup.totals(request.association),
        "form": form,
        "may_edit": may_edit,
    }
    return render(request, "assignments/money.html", context)


@requires(Perm.VIEW_ASSIGNMENTS)
def export(request: AssociationRequest, slug: str, fmt: str) -> HttpResponse:
    if fmt == "csv":
        data, content_type = followup.as_csv(request.association), "text/csv; charset=utf-8"
    else:
        data = followup.as_xlsx(request.association)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(data, content_type=content_type)
    name = f"uppfoljning-{request.association.slug}-{timezone.localdate():%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

"""Respondents, interview guides and interviews with consent, quotes and recordings."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from samordna.accounts.roles import Perm
from samordna.audit import security
from samordna.audit.models import SecurityEvent
from samordna.core.access import AssociationRequest, requires
from samordna.core.pagination import paginate
from samordna.insights import services
from samordna.insights.forms import (
    InterviewForm,
    InterviewGuideForm,
    QuoteForm,
    RecordingForm,
    RespondentForm,
)
from samordna.insights.models import Interview, InterviewGuide, Recording


def _form_page(request: AssociationRequest, form: Any, title: str, cancel: str) -> HttpResponse:
    return render(
        request, "accounts/form.html", {"form": form, "title": title, "cancel_url": cancel}
    )


def _natural(name: str) -> list[tuple[int, int | str]]:
    """Sort key that puts "Respondent 2" before "Respondent 10"."""
    return [
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in re.split(r"(\d+)", name)
        if part
    ]


@requires(Perm.VIEW_INSIGHTS)
def interview_list(request: AssociationRequest, slug: str) -> HttpResponse:
    interviews = request.association.interviews.prefetch_related("respondents", "quotes")
    paged = paginate(request, interviews.order_by("-held_on", "id"))
    context = {
        "paged": paged,
        "interviews": paged.page,
        "respondents": sorted(
            request.association.respondents.select_related("party", "unit"),
            key=lambda r: _natural(r.work_name),
        ),
        "guides": request.association.interview_guides.all(),
        "can_edit": request.membership.has(Perm.EDIT_INSIGHTS),
    }
    return render(request, "insights/interviews.html", context)


@requires(Perm.EDIT_INSIGHTS)
def respondent_create(request: AssociationRequest, slug: str) -> HttpResponse:
    form = RespondentForm(request.POST or None, association=request.association)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The respondent was saved."))
        return redirect("insights:interviews", slug=slug)
    return _form_page(request, form, _("New respondent"), f"/f/{slug}/intervjuer/")


@requires(Perm.EDIT_INSIGHTS)
def guide_edit(request: AssociationRequest, slug: str, guide_id: int) -> HttpResponse:
    guide = get_object_or_404(InterviewGuide, pk=guide_id, association=request.association)
    form = InterviewGuideForm(request.POST or None, instance=guide, association=request.association)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The interview guide was saved."))
        return redirect("insights:interviews", slug=slug)
    return _form_page(request, form, str(guide), f"/f/{slug}/intervjuer/")


@requires(Perm.EDIT_INSIGHTS)
def interview_create(request: AssociationRequest, slug: str) -> HttpResponse:
    form = InterviewForm(request.POST or None, association=request.association)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            interview = form.save()
            if not interview.analysts.exists():
                interview.analysts.add(request.user)
        messages.success(request, _("The interview was saved."))
        return redirect("insights:interview", slug=slug, interview_id=interview.pk)
    return _form_page(request, form, _("New interview"), f"/f/{slug}/intervjuer/")


@requires(Perm.EDIT_INSIGHTS)
def interview_edit(request: AssociationRequest, slug: str, interview_id: int) -> HttpResponse:
    interview = get_object_or_404(Interview, pk=interview_id, association=request.association)
    had_consent = interview.consent_record
    form = InterviewForm(request.POST or None, instance=interview, association=request.association)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("The interview was saved."))
        if (
            had_consent
            and not interview.consent_record
            and services.withdraw_recording_consent(interview)
        ):
            messages.success(request, _("Without consent to record, its recordings are deleted."))
        return redirect("insights:interview", slug=slug, interview_id=interview.pk)
    cancel = reverse("insights:interview", args=[slug, interview.pk])
    return _form_page(request, form, _("Edit the interview"), cancel)


@requires(Perm.VIEW_INSIGHTS)
def interview_detail(request: AssociationRequest, slug: str, interview_id: int) -> HttpResponse:
    interview = get_object_or_404(Interview, pk=interview_id, association=request.association)
    can_edit = request.membership.has(Perm.EDIT_INSIGHTS)
    quote_form = QuoteForm(request.POST if "quote" in request.POST else None)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if "quote" in request.POST and quote_form.is_valid():
            quote_form.instance.interview = interview
            quote_form.save()
            messages.success(request, _("The quote was saved."))
            return redirect("insights:interview", slug=slug, interview_id=interview.pk)
        if "processed" in request.POST:
            services.mark_processed(interview)
            messages.success(request, _("The interview is processed; its recordings are deleted."))
            return redirect("insights:interview", slug=slug, interview_id=interview.pk)
        if "recording" in request.POST:
            upload = request.FILES.get("file")
            try:
                if upload is None:
                    raise services.RecordingError(_("Choose an audio file."))
                services.store(interview, upload)
            except services.RecordingError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("The recording was saved."))
            return redirect("insights:interview", slug=slug, interview_id=interview.pk)
    context = {
        "interview": interview,
        "quote_form": quote_form,
        "recording_form": RecordingForm(),
        "can_edit": can_edit,
        "is_analyst": interview.analysts.filter(pk=request.user.pk).exists(),
        "recordings": interview.recordings.filter(deleted_at__isnull=True),
        "insights": interview.insights.order_by("-noted_on"),
    }
    return render(request, "insights/interview.html", context)


@requires(Perm.VIEW_INSIGHTS)
def recording(
    request: AssociationRequest, slug: str, interview_id: int, recording_id: int
) -> HttpResponseBase:
    """The audio, only to the interview's own analysts, and only until it is deleted."""
    interview = get_object_or_404(Interview, pk=interview_id, association=request.association)
    found = get_object_or_404(Recording, pk=recording_id, interview=interview)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    if not interview.analysts.filter(pk=request.user.pk).exists():
        raise PermissionDenied
    if found.deleted_at or not Path(found.path).exists():
        raise Http404
    kind = SecurityEvent.Kind.RECORDING_DOWNLOADED
    security.record(kind, request=request, detail=f"{found.original_name} ({interview})")
    return FileResponse(
        Path(found.path).open("rb"), content_type=found.content_type, filename=found.original_name
    )

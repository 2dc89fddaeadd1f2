"""Pages of the needs analysis: editions, the report, narrative, finalising.

Finalised editions are read by the board and the parties
(``needs.view_final``); drafts, flags, texts and settings stay with the
kansli (``needs.view``). The report and the downloads read the stored
result of the last computation (``needs.results``).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samordna.accounts.roles import Perm
from samordna.core.access import AssociationRequest, requires
from samordna.core.pagination import paginate
from samordna.needs import report, results, services
from samordna.needs.models import NeedsAnalysis, Section
from samordna.reports import CONTENT_TYPES, html
from samordna.reports import render as render_document


def may_see_drafts(request: AssociationRequest) -> bool:
    return request.membership.has(Perm.VIEW_NEEDS)


def edition(request: AssociationRequest, year: int) -> NeedsAnalysis:
    """The edition of the year; a draft is 404 for those who read finalised editions only."""
    found = get_object_or_404(NeedsAnalysis, association=request.association, year=year)
    if not found.is_final and not may_see_drafts(request):
        raise Http404
    return found


def _can_edit(request: AssociationRequest) -> bool:
    return request.membership.has(Perm.EDIT_NEEDS)


@requires(Perm.VIEW_NEEDS, Perm.VIEW_NEEDS_FINAL)
def analysis_list(request: AssociationRequest, slug: str) -> HttpResponse:
    if request.method == "POST":
        return _start_edition(request, slug)
    editions = NeedsAnalysis.objects.filter(association=request.association)
    if not may_see_drafts(request):
        editions = editions.filter(status=NeedsAnalysis.Status.FINAL)
    paged = paginate(request, editions.order_by("-year", "pk"))
    context = {
        "editions": paged.page,
        "paged": paged,
        "can_edit": _can_edit(request),
        "drafts_hidden": not may_see_drafts(request),
    }
    return render(request, "needs/list.html", context)


def _start_edition(request: AssociationRequest, slug: str) -> HttpResponse:
    if not _can_edit(request):
        raise PermissionDenied
    text = request.POST.get("year", "").strip()
    if not (text.isdigit() and 2000 <= int(text) <= 2100):
        messages.error(request, _("Write the year with four digits."))
        return redirect("needs:list", slug=slug)
    try:
        analysis = services.create(request.association, int(text))
    except services.AnalysisError as exc:
        messages.error(request, str(exc))
        return redirect("needs:list", slug=slug)
    return redirect("needs:detail", slug=slug, year=analysis.year)


@requires(Perm.VIEW_NEEDS, Perm.VIEW_NEEDS_FINAL)
def analysis_detail(request: AssociationRequest, slug: str, year: int) -> HttpResponse:
    analysis = edition(request, year)
    spec = services.build_spec(analysis)
    body, missing, stale = "", "", False
    if analysis.computed_at:
        body = html.render(
            report.build(analysis, services.result(analysis, spec)), standalone=False
        )
        stale = results.is_stale(analysis, spec)
    else:
        missing = services.missing_data(analysis, spec)
    context = {
        "analysis": analysis,
        "report": mark_safe(body),  # noqa: S308 - built by reports.html from escaped parts
        "can_edit": _can_edit(request),
        "can_see_drafts": may_see_drafts(request),
        "formats": list(CONTENT_TYPES),
        "missing": missing,
        "stale": stale,
    }
    return render(request, "needs/detail.html", context)


@requires(Perm.VIEW_NEEDS, Perm.VIEW_NEEDS_FINAL)
def download(request: AssociationRequest, slug: str, year: int, fmt: str) -> HttpResponse:
    analysis = edition(request, year)
    if fmt not in CONTENT_TYPES:
        raise Http404
    if not analysis.computed_at:
        messages.error(request, _("Compute the analysis first."))
        return redirect("needs:detail", slug=slug, year=year)
    document = report.build(analysis, services.result(analysis))
    data = results.rendered(document, analysis, fmt, render_document)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    name = f"behovsanalys-{analysis.association.slug}-{year}.{fmt}"
    if fmt != "html":
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@requires(Perm.EDIT_NEEDS)
@require_POST
def compute(request: AssociationRequest, slug: str, year: int) -> HttpResponse:
    analysis = edition(request, year)
    try:
        result = services.compute(analysis)
    except services.AnalysisError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("The analysis was computed: %(count)s flags.") % {"count": len(result.flags)}
        )
    return redirect("needs:detail", slug=slug, year=year)


@requires(Perm.EDIT_NEEDS)
@require_POST
def finalise(request: AssociationRequest, slug: str, year: int) -> HttpResponse:
    analysis = edition(request, year)
    try:
        done = services.finalise(analysis, request.user)
    except services.AnalysisError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("The analysis is finalised as %(number)s.") % {"number": done.registry_number},
        )
    return redirect("needs:detail", slug=slug, year=year)


@requires(Perm.VIEW_NEEDS)
def texts(request: AssociationRequest, slug: str, year: int) -> HttpResponse:
    analysis = edition(request, year)
    if request.method == "POST":
        if not _can_edit(request):
            raise PermissionDenied
        if request.POST.get("action") == "draft":
            try:
                services.draft_text(analysis, request.POST.get("section", ""), request.user)
            except services.AnalysisError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(
                    request,
                    _("A draft was written from Samordna's records; edit it as you like."),
                )
            return redirect("needs:texts", slug=slug, year=year)
        try:
            saved = services.save_text(
                analysis,
                request.POST.get("section", ""),
                request.POST.get("text", ""),
                request.user,
            )
        except services.AnalysisError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The text was saved.") if saved else _("Nothing changed."))
        return redirect("needs:texts", slug=slug, year=year)
    sections = [
        (
            value,
            label,
            services.current_text(analysis, value),
            analysis.narrative.filter(section=value).select_related("author")[:10],
        )
        for value, label in Section.choices
    ]
    context = {
        "analysis": analysis,
        "sections": sections,
        "drafted": list(services.DRAFTED),
        "can_edit": _can_edit(request) and not analysis.is_final,
    }
    return render(request, "needs/texts.html", context)

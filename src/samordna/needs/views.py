"""Pages of the needs analysis: editions, the report, flags, narrative, finalising."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from samordna.accounts.roles import Perm
from samordna.core.access import AssociationRequest, requires
from samordna.needs import report, services
from samordna.needs.models import FlagDecision, NeedsAnalysis, Section
from samordna.reports import CONTENT_TYPES, html
from samordna.reports import render as render_document


def _edition(request: AssociationRequest, year: int) -> NeedsAnalysis:
    return get_object_or_404(NeedsAnalysis, association=request.association, year=year)


def _can_edit(request: AssociationRequest) -> bool:
    return request.membership.has(Perm.EDIT_NEEDS)


@requires(Perm.VIEW_NEEDS)
def analysis_list(request: AssociationRequest, slug: str) -> HttpResponse:
    if request.method == "POST":
        if not _can_edit(request):
            raise PermissionDenied
        try:
            year = int(request.POST.get("year", ""))
        except ValueError:
            messages.error(request, _("Write the year with four digits."))
            return redirect("needs:list", slug=slug)
        if not 2000 <= year <= 2100:
            messages.error(request, _("Write the year with four digits."))
            return redirect("needs:list", slug=slug)
        try:
            analysis = services.create(request.association, year)
        except services.AnalysisError as exc:
            messages.error(request, str(exc))
            return redirect("needs:list", slug=slug)
        return redirect("needs:detail", slug=slug, year=analysis.year)
    editions = NeedsAnalysis.objects.filter(association=request.association)
    return render(
        request, "needs/list.html", {"editions": editions, "can_edit": _can_edit(request)}
    )


@requires(Perm.VIEW_NEEDS)
def analysis_detail(request: AssociationRequest, slug: str, year: int) -> HttpResponse:
    analysis = _edition(request, year)
    body = ""
    if analysis.computed_at:
        body = html.render(report.build(analysis), standalone=False)
    context = {
        "analysis": analysis,
        "report": mark_safe(body),  # noqa: S308 - built by reports.html from escaped parts
        "can_edit": _can_edit(request),
        "formats": list(CONTENT_TYPES),
    }
    return render(request, "needs/detail.html", context)


@requires(Perm.VIEW_NEEDS)
def download(request: AssociationRequest, slug: str, year: int, fmt: str) -> HttpResponse:
    analysis = _edition(request, year)
    if fmt not in CONTENT_TYPES:
        raise Http404
    if not analysis.computed_at:
        messages.error(request, _("Compute the analysis first."))
        return redirect("needs:detail", slug=slug, year=year)
    data = render_document(report.build(analysis), fmt)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    name = f"behovsanalys-{analysis.association.slug}-{year}.{fmt}"
    if fmt != "html":
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@requires(Perm.EDIT_NEEDS)
def compute(request: AssociationRequest, slug: str, year: int) -> HttpResponse:
    analysis = _edition(request, year)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
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
def finalise(request: AssociationRequest, slug: str, year: int) -> HttpResponse:
    analysis = _edition(request, year)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
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
def flags(request: AssociationRequest, slug: str, year: int) -> HttpResponse:
    analysis = _edition(request, year)
    if request.method == "POST":
        if not _can_edit(request):
            raise PermissionDenied
        try:
            services.decide(
                analysis,
                request.POST.get("key", ""),
                request.POST.get("decision", ""),
                request.POST.get("note", "").strip(),
            )
        except services.AnalysisError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The decision was saved."))
        return redirect("needs:flags", slug=slug, year=year)
    decisions = {d.key: d for d in analysis.decisions.all()}
    rows = [(flag, decisions.get(flag["key"])) for flag in analysis.flags]
    context = {
        "analysis": analysis,
        "rows": rows,
        "can_edit": _can_edit(request) and not analysis.is_final,
        "choices": FlagDecision.Decision.choices,
    }
    return render(request, "needs/flags.html", context)


@requires(Perm.VIEW_NEEDS)
def texts(request: AssociationRequest, slug: str, year: int) -> HttpResponse:
    analysis = _edition(request, year)
    if request.method == "POST":
        if not _can_edit(request):
            raise PermissionDenied
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
        "can_edit": _can_edit(request) and not analysis.is_final,
    }
    return render(request, "needs/texts.html", context)

"""Pages of the indicator warehouse: overview, indicators, sets, import and export."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Max, Q
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samordna import charts
from samordna.accounts.roles import Perm
from samordna.core.access import AssociationRequest, requires
from samordna.core.pagination import paginate
from samordna.statistics import filewriting, trends, warehouse
from samordna.statistics.fileformat import ImportRefused
from samordna.statistics.forms import ExportForm, ImportForm, SetItemForm
from samordna.statistics.models import (
    DataLoad,
    Indicator,
    NeedsGroup,
    Observation,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_TOKEN = re.compile(r"^[0-9a-f]{64}$")


def _uploads() -> Path:
    folder = Path(settings.DATA_DIR) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@requires(Perm.VIEW_STATISTICS)
def home(request: AssociationRequest, slug: str) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    group = request.GET.get("group", "")
    indicators = Indicator.objects.annotate(
        observation_count=Count("observations"), latest=Max("observations__period")
    ).filter(observation_count__gt=0)
    if query:
        indicators = indicators.filter(Q(code__icontains=query) | Q(title__icontains=query))
    if group in NeedsGroup.values:
        indicators = indicators.filter(needs_group=group)
    paged = paginate(request, indicators.order_by("code"))
    context = {
        "page": paged.page,
        "paged": paged,
        "query": query,
        "group": group,
        "groups": NeedsGroup.choices,
        "sets": request.association.indicator_sets.annotate(size=Count("items")),
        "loads": DataLoad.objects.filter(association=request.association)[:10],
        "observation_total": Observation.objects.count(),
    }
    return render(request, "statistics/home.html", context)


@requires(Perm.VIEW_STATISTICS)
def indicator_detail(request: AssociationRequest, slug: str, code: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator, code=code)
    observations = (
        indicator.observations.select_related("area")
        .annotate(revision_count=Count("revisions"))
        .order_by("-period", "area__code", "gender")
    )
    paged = paginate(request, observations, size=100)
    context = {
        "indicator": indicator,
        "page": paged.page,
        "paged": paged,
        "charts": [charts.html(c) for c in trends.charts(indicator, request.association)],
    }
    return render(request, "statistics/indicator_detail.html", context)


@requires(Perm.VIEW_STATISTICS)
def set_detail(request: AssociationRequest, slug: str, set_slug: str) -> HttpResponse:
    indicator_set = get_object_or_404(request.association.indicator_sets, slug=set_slug)
    can_edit = request.membership.has(Perm.MANAGE_STATISTICS)
    form = SetItemForm(request.POST or None, indicator_set=indicator_set)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            position = (indicator_set.items.aggregate(m=Max("position"))["m"] or 0) + 1
            indicator_set.items.create(
                indicator=form.cleaned_data["indicator"],
                needs_group=form.cleaned_data["needs_group"],
                position=position,
            )
            messages.success(request, _("The indicator was added to the set."))
            return redirect("statistics:set_detail", slug=slug, set_slug=set_slug)
    items = indicator_set.items.select_related("indicator").annotate(
        observation_count=Count("indicator__observations")
    )
    grouped = [
        (label, [item for item in items if item.needs_group == value])
        for value, label in NeedsGroup.choices
    ]
    context = {
        "indicator_set": indicator_set,
        "grouped": [(label, rows) for label, rows in grouped if rows],
        "form": form,
        "can_edit": can_edit,
    }
    return render(request, "statistics/set_detail.html", context)


@requires(Perm.MANAGE_STATISTICS)
@require_POST
def set_item_remove(
    request: AssociationRequest, slug: str, set_slug: str, item_id: int
) -> HttpResponse:
    indicator_set = get_object_or_404(request.association.indicator_sets, slug=set_slug)
    item = get_object_or_404(indicator_set.items, pk=item_id)
    item.delete()
    messages.success(
        request, _("%(code)s was removed from the set.") % {"code": item.indicator.code}
    )
    return redirect("statistics:set_detail", slug=slug, set_slug=set_slug)


@requires(Perm.MANAGE_STATISTICS)
def import_file(request: AssociationRequest, slug: str) -> HttpResponse:
    """Upload → dry run with every error or the counts → confirm → import."""
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request, slug)
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = b"".join(upload.chunks())
        token = hashlib.sha256(data).hexdigest()
        try:
            outcome = warehouse.import_file(
                upload.name, data, dry_run=True, association=request.association, user=request.user
            )
        except ImportRefused as refused:
            context["refused"] = refused
        else:
            suffix = Path(upload.name).suffix.lower()
            (_uploads() / f"{token}{suffix}").write_bytes(data)
            context.update(outcome=outcome, token=token, name=upload.name)
    return render(request, "statistics/import.html", context)


def _confirm(request: AssociationRequest, slug: str) -> HttpResponse:
    token = request.POST.get("token", "")
    name = Path(request.POST.get("name", "fil.csv")).name
    suffix = Path(name).suffix.lower()
    path = _uploads() / f"{token}{suffix}"
    if not _TOKEN.match(token) or not path.exists():
        messages.error(request, _("The checked file is gone; upload it again."))
        return redirect("statistics:import", slug=slug)
    try:
        with transaction.atomic():
            outcome = warehouse.import_file(
                name, path.read_bytes(), association=request.association, user=request.user
            )
    except ImportRefused as refused:
        return render(request, "statistics/import.html", {"form": ImportForm(), "refused": refused})
    finally:
        path.unlink(missing_ok=True)
    total = outcome.total
    messages.success(
        request,
        _("Imported %(name)s: %(new)s new, %(changed)s changed, %(unchanged)s unchanged.")
        % {"name": name, "new": total.new, "changed": total.changed, "unchanged": total.unchanged},
    )
    return redirect("statistics:home", slug=slug)


@requires(Perm.VIEW_STATISTICS)
def template(request: AssociationRequest, slug: str) -> HttpResponseBase:
    """The XLSX template: the columns, two example rows and a sheet of instructions."""
    examples = [
        ("AF_SOKANDE", "1282", "2019-06", "T", "3805", "ok", "Arbetsförmedlingen",
         "Sökande totalt (inskrivna vid Arbetsförmedlingen)", "antal"),
        ("AF_SOKANDE", "1214", "2019-06", "T", "<5", "suppressed", "Arbetsförmedlingen", "", ""),
    ]  # fmt: skip
    buffer = io.BytesIO()
    filewriting.write_xlsx(examples, buffer, template=True)
    buffer.seek(0)
    return FileResponse(
        buffer, as_attachment=True, filename="samordna-mall.xlsx", content_type=XLSX
    )


@requires(Perm.VIEW_STATISTICS)
def export(request: AssociationRequest, slug: str) -> HttpResponseBase:
    form = ExportForm(request.GET or None)
    if not request.GET or not form.is_valid():
        return render(request, "statistics/export.html", {"form": form})
    rows = warehouse.canonical_rows(
        indicators=form.split(form.cleaned_data["indicator"]),
        areas=form.split(form.cleaned_data["area"]),
        periods=form.split(form.cleaned_data["period"]),
    )
    if form.cleaned_data["format"] == "xlsx":
        buffer = io.BytesIO()
        filewriting.write_xlsx(rows, buffer)
        buffer.seek(0)
        return FileResponse(
            buffer, as_attachment=True, filename="samordna-observationer.xlsx", content_type=XLSX
        )
    text = io.StringIO()
    filewriting.write_csv(rows, text)
    response = HttpResponse(text.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="samordna-observationer.csv"'
    return response

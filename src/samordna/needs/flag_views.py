"""The flags page: paginated, grouped by needs group and indicator, filtered, decided in bulk."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samordna import charts
from samordna.accounts.roles import Perm
from samordna.analysis.synthesis import GROUP_ORDER, GROUP_TITLES
from samordna.charts.data import Ranked, RankedItem
from samordna.charts.figure import number_text
from samordna.core.access import AssociationRequest, requires
from samordna.core.pagination import Paged, paginate
from samordna.needs import services
from samordna.needs.models import FlagDecision, NeedsAnalysis
from samordna.needs.views import edition

RULES = {
    "deviation": gettext_lazy("Deviation from a comparison"),
    "opposite": gettext_lazy("Opposite direction"),
    "gender": gettext_lazy("Gender distribution"),
    "change": gettext_lazy("Change since the comparison period"),
    "extreme": gettext_lazy("Highest or lowest"),
}
UNDECIDED = "undecided"
_BACK = re.compile(r"[A-Za-z0-9_=&%.-]{1,300}")


@requires(Perm.VIEW_NEEDS)
def flags(request: AssociationRequest, slug: str, year: int) -> HttpResponse:
    analysis = edition(request, year)
    if request.method == "POST":
        return _decide(request, analysis)
    spec = services.build_spec(analysis)
    decisions = {d.key: d for d in analysis.decisions.all()}
    filters = _filters(request, spec)
    rows = _ordered(_matching(analysis.flags, decisions, filters), spec)
    paged = _without_flag(paginate(request, rows))
    page = paged.page
    grouped = _grouped(list(page.object_list), spec)
    top = analysis.flags[:10] if page.number == 1 and not any(filters.values()) else []
    context = {
        "analysis": analysis,
        "page": page,
        "groups": grouped,
        "top": top,
        "chart": charts.html(_strength_chart(top, spec)) if top else "",
        "total": len(analysis.flags),
        "matching": len(rows),
        "decisions": decisions,
        "filters": filters,
        "paged": paged,
        # The filters, size and page, for the links that open a flag and the way back.
        "query": urlencode(
            {
                **{k: v for k, v in filters.items() if v},
                "antal": str(paged.size),
                "sida": str(page.number),
            }
        ),
        "rules": list(RULES.items()),
        "members": [(m, spec.name(m)) for m in spec.members],
        "decision_choices": [*FlagDecision.Decision.choices, (UNDECIDED, _("Undecided"))],
        "can_edit": request.membership.has(Perm.EDIT_NEEDS) and not analysis.is_final,
        "choices": FlagDecision.Decision.choices,
        "editing": _editing(request, analysis, decisions),
    }
    return render(request, "needs/flags.html", context)


def _strength_chart(top: list[dict[str, Any]], spec: Any) -> Ranked:
    """The ten strongest flags as ranked dots: where each stands, and how far apart."""
    titles = {i.code: i.title for i in spec.all_indicators()}
    items = [
        RankedItem(
            f"{spec.name(flag['area'])}: {titles.get(flag['indicator'], flag['indicator'])}",
            float(flag["strength"]),
            number_text(float(flag["strength"]), 2),
        )
        for flag in top
    ]
    return Ranked(_("The ten strongest flags by strength"), items, _("Strength"))


def _without_flag(paged: Paged) -> Paged:
    """The shared pager's links keep the filters, not the flag being edited."""
    kept = tuple((name, value) for name, value in paged.keep_items if name != "flag")
    return dataclasses.replace(paged, keep=urlencode(kept), keep_items=kept)


def _filters(request: AssociationRequest, spec: Any) -> dict[str, str]:
    rule = request.GET.get("rule", "")
    area = request.GET.get("area", "")
    decision = request.GET.get("decision", "")
    return {
        "rule": rule if rule in RULES else "",
        "area": area if area in spec.members else "",
        "decision": decision if decision in {*FlagDecision.Decision.values, UNDECIDED} else "",
    }


def _matching(
    flags: list[dict[str, Any]], decisions: dict[str, FlagDecision], filters: dict[str, str]
) -> list[dict[str, Any]]:
    def keep(flag: dict[str, Any]) -> bool:
        if filters["rule"] and filters["rule"] not in flag["rules"]:
            return False
        if filters["area"] and flag["area"] != filters["area"]:
            return False
        decided = decisions.get(flag["key"])
        state = decided.decision if decided else UNDECIDED
        return not filters["decision"] or state == filters["decision"]

    return [flag for flag in flags if keep(flag)]


def _ordered(flags: list[dict[str, Any]], spec: Any) -> list[dict[str, Any]]:
    """By needs group, then indicator in the set's order, then rank (strongest first)."""
    indicators = spec.all_indicators()
    position = {i.code: n for n, i in enumerate(indicators)}
    groups = {i.code: i.needs_group for i in indicators}
    order = {g: n for n, g in enumerate([*GROUP_ORDER, "population"])}

    def key(flag: dict[str, Any]) -> tuple[int, int, int]:
        code = flag["indicator"]
        return (order.get(groups.get(code, ""), 99), position.get(code, 9999), flag["rank"])

    return sorted(flags, key=key)


def _grouped(
    flags: list[dict[str, Any]], spec: Any
) -> list[tuple[str, list[tuple[str, list[dict[str, Any]]]]]]:
    """The page's flags under their needs group and indicator headings."""
    grouped: list[tuple[str, list[tuple[str, list[dict[str, Any]]]]]] = []
    for flag in flags:
        indicator = spec.indicator(flag["indicator"])
        group = GROUP_TITLES.get(indicator.needs_group if indicator else "", _("Other"))
        title = indicator.title if indicator else flag["indicator"]
        if not grouped or grouped[-1][0] != group:
            grouped.append((group, []))
        indicators = grouped[-1][1]
        if not indicators or indicators[-1][0] != title:
            indicators.append((title, []))
        indicators[-1][1].append(flag)
    return grouped


def _editing(
    request: AssociationRequest, analysis: NeedsAnalysis, decisions: dict[str, FlagDecision]
) -> dict[str, Any] | None:
    """The flag whose decision and note are being edited (``?flag=<rank>``)."""
    text = request.GET.get("flag", "")
    if not text.isdigit():
        return None
    rank = int(text)
    flag = next((f for f in analysis.flags if f["rank"] == rank), None)
    if flag is None:
        return None
    return {"flag": flag, "decision": decisions.get(flag["key"])}


def _decide(request: AssociationRequest, analysis: NeedsAnalysis) -> HttpResponse:
    if not request.membership.has(Perm.EDIT_NEEDS):
        raise PermissionDenied
    back = request.POST.get("back", "")
    try:
        if request.POST.get("action") == "bulk":
            count = services.decide_many(
                analysis, request.POST.getlist("keys"), request.POST.get("decision", "")
            )
            messages.success(request, _("%(count)s flags were changed.") % {"count": count})
        else:
            services.decide(
                analysis,
                request.POST.get("key", ""),
                request.POST.get("decision", ""),
                request.POST.get("note", "").strip(),
            )
            messages.success(request, _("The decision was saved."))
    except services.AnalysisError as exc:
        messages.error(request, str(exc))
    target = redirect("needs:flags", slug=analysis.association.slug, year=analysis.year)
    if back and _BACK.fullmatch(back):  # the filters and page the person came from
        target["Location"] += "?" + back
    return target

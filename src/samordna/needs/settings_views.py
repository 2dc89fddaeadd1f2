"""The analysis settings page: comparisons, region, periods, thresholds, indicators."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from samordna.accounts.models import Association
from samordna.accounts.onboarding import resolve_kommuner
from samordna.accounts.roles import Perm
from samordna.analysis.spec import Thresholds
from samordna.core.access import AssociationRequest, requires
from samordna.needs import settings as analysis_settings
from samordna.statistics import catalog
from samordna.statistics.models import Area, IndicatorSet, NeedsGroup


class SettingsForm(forms.Form):
    """Built per association: one set of comparison fields per member, one row per indicator."""

    region = forms.ChoiceField(label=_("Region"))
    history = forms.IntegerField(
        label=_("Periods of history"),
        min_value=1,
        max_value=analysis_settings.MAX_HISTORY,
        help_text=_(
            "How many periods the report shows per indicator: the latest and those before it."
        ),
    )

    def __init__(
        self, *args: Any, association: Association, indicator_set: IndicatorSet, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.association = association
        self.items = list(
            indicator_set.items.select_related("indicator").order_by("position", "id")
        )
        cast(forms.ChoiceField, self.fields["region"]).choices = [
            (a.code, a.name) for a in Area.objects.filter(kind=Area.Kind.REGION).order_by("name")
        ]
        names = dict(Area.objects.filter(kind=Area.Kind.MUNICIPALITY).values_list("code", "name"))
        self.members = []
        for code in association.member_municipalities:
            kommun = Area.objects.filter(code=code).first()
            groups = catalog.similar_groups(kommun) if kommun else []
            suggested = sorted(
                {m.code for g in groups for m in g.members.all() if m.code != code},
                key=lambda c: names.get(c, c),
            )
            self.fields[f"peers_{code}"] = forms.MultipleChoiceField(
                label=_("Suggested by Kolada's similar kommuner"),
                required=False,
                choices=[(c, names.get(c, c)) for c in suggested],
                widget=forms.CheckboxSelectMultiple,
            )
            self.fields[f"other_{code}"] = forms.CharField(
                label=_("Other comparison kommuner"),
                required=False,
                max_length=600,
                help_text=_("Names or codes, separated by commas, e.g. Trelleborg, 1292."),
            )
            self.fields[f"similar_{code}"] = forms.ChoiceField(
                label=_("Compare with the mean of"),
                required=False,
                choices=[("", _("No Kolada group"))] + [(g.code, g.name) for g in groups],
            )
            self.members.append((code, names.get(code, code), groups, suggested))
            if not self.is_bound:  # suggested peers are ticked, the others written out
                peers = self.initial.get(f"peers_{code}", [])
                self.initial[f"peers_{code}"] = [p for p in peers if p in suggested]
                self.initial[f"other_{code}"] = ", ".join(
                    names.get(p, p) for p in peers if p not in suggested
                )
        for field in fields(Thresholds):
            label, help_text = analysis_settings.THRESHOLD_HELP[field.name]
            low, high = analysis_settings.THRESHOLD_BOUNDS[field.name]
            if field.type in ("int", int):
                self.fields[f"t_{field.name}"] = forms.IntegerField(
                    label=label, help_text=help_text, min_value=int(low), max_value=int(high)
                )
            else:
                self.fields[f"t_{field.name}"] = forms.FloatField(
                    label=label, help_text=help_text, min_value=low, max_value=high, localize=True
                )
        for item in self.items:
            self.fields[f"group_{item.pk}"] = forms.ChoiceField(
                label=_("Needs group"), choices=NeedsGroup.choices
            )
            self.fields[f"key_{item.pk}"] = forms.BooleanField(
                label=_("Key figure"), required=False
            )
            self.fields[f"shown_{item.pk}"] = forms.BooleanField(label=_("Shown"), required=False)

    @classmethod
    def initial_for(cls, association: Association, indicator_set: IndicatorSet) -> dict[str, Any]:
        chosen = analysis_settings.settings_for(association)
        initial: dict[str, Any] = {"region": chosen.region, "history": chosen.history}
        thresholds = analysis_settings.thresholds_of(chosen.thresholds)
        for field in fields(Thresholds):
            initial[f"t_{field.name}"] = getattr(thresholds, field.name)
        for code in association.member_municipalities:
            peers = chosen.comparisons.get(code, [])
            initial[f"peers_{code}"] = peers
            initial[f"similar_{code}"] = chosen.similar.get(code, "")
        for item in indicator_set.items.all():
            initial[f"group_{item.pk}"] = item.needs_group
            initial[f"key_{item.pk}"] = item.key
            initial[f"shown_{item.pk}"] = item.shown
        return initial

    def member_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "code": code,
                "name": name,
                "groups": groups,
                "peers": self[f"peers_{code}"],
                "other": self[f"other_{code}"],
                "similar": self[f"similar_{code}"],
            }
            for code, name, groups, _suggested in self.members
        ]

    def threshold_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("t_")]

    def item_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "item": item,
                "group": self[f"group_{item.pk}"],
                "key": self[f"key_{item.pk}"],
                "shown": self[f"shown_{item.pk}"],
            }
            for item in self.items
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for code, name, _groups, suggested in self.members:
            others, errors = resolve_kommuner(
                part for part in (cleaned.get(f"other_{code}") or "").split(",")
            )
            for error in errors:
                self.add_error(f"other_{code}", f"{name}: {error}")
            chosen = [c for c in cleaned.get(f"peers_{code}", []) if c in suggested]
            cleaned[f"comparisons_{code}"] = list(dict.fromkeys([*chosen, *others]))
        return cleaned

    def save(self) -> None:
        data = self.cleaned_data
        members = self.association.member_municipalities
        analysis_settings.update(
            self.association,
            comparisons={m: data[f"comparisons_{m}"] for m in members},
            similar={m: data.get(f"similar_{m}") or "" for m in members},
            region=data["region"],
            history=data["history"],
            thresholds={f.name: data[f"t_{f.name}"] for f in fields(Thresholds)},
            items=[
                analysis_settings.ItemChoice(
                    item.pk,
                    data[f"group_{item.pk}"],
                    data[f"key_{item.pk}"],
                    data[f"shown_{item.pk}"],
                )
                for item in self.items
            ],
        )


class DerivedForm(forms.Form):
    """A new derived share: 100 × Σ numerator / Σ denominator, from counts of the set."""

    title = forms.CharField(label=_("Name of the share"), max_length=200)
    numerator = forms.MultipleChoiceField(
        label=_("Numerator (counts, summed)"), widget=forms.CheckboxSelectMultiple
    )
    denominator = forms.MultipleChoiceField(
        label=_("Denominator (counts, summed)"), widget=forms.CheckboxSelectMultiple
    )
    needs_group = forms.ChoiceField(label=_("Needs group"), choices=NeedsGroup.choices)
    key = forms.BooleanField(label=_("Key figure"), required=False)

    def __init__(self, *args: Any, indicator_set: IndicatorSet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        counts = [
            (i.indicator.code, f"{i.indicator.title} ({i.indicator.code})")
            for i in indicator_set.items.select_related("indicator").order_by("position")
            if i.indicator.is_count
        ]
        cast(forms.MultipleChoiceField, self.fields["numerator"]).choices = counts
        cast(forms.MultipleChoiceField, self.fields["denominator"]).choices = counts
        self.indicator_set = indicator_set

    def save(self) -> None:
        data = self.cleaned_data
        current = list(self.indicator_set.derived)
        code = analysis_settings.derived_code(data["title"], {d["code"] for d in current})
        share = {
            "code": code,
            "title": data["title"].strip(),
            "numerator": data["numerator"],
            "denominator": data["denominator"],
            "needs_group": data["needs_group"],
            "key": data["key"],
        }
        analysis_settings.update_derived(self.indicator_set, [*current, share])


def _derived_action(request: AssociationRequest, indicator_set: IndicatorSet) -> Any:
    """Add or remove a derived share; returns the add form when it has errors."""
    if request.POST.get("action") == "remove-derived":
        code = request.POST.get("code", "")
        kept = [d for d in indicator_set.derived if d["code"] != code]
        analysis_settings.update_derived(indicator_set, kept)
        messages.success(request, _("The derived share was removed."))
        return None
    form = DerivedForm(request.POST, indicator_set=indicator_set)
    if not form.is_valid():
        return form
    form.save()
    messages.success(request, _("The derived share was added; the next computation uses it."))
    return None


@requires(Perm.VIEW_NEEDS)
def settings_page(request: AssociationRequest, slug: str) -> HttpResponse:
    association = request.association
    # Created with the association (or by samordna migrate for older ones), never by a visit.
    indicator_set = get_object_or_404(
        IndicatorSet, association=association, slug=catalog.FINSAM_SLUG
    )
    can_edit = request.membership.has(Perm.EDIT_NEEDS)
    errors: list[str] = []
    derived_form = DerivedForm(indicator_set=indicator_set)
    if request.method == "POST" and request.POST.get("action", "").endswith("derived"):
        if not can_edit:
            raise PermissionDenied
        try:
            failed = _derived_action(request, indicator_set)
        except analysis_settings.SettingsError as exc:
            errors, failed = exc.messages, None
        if failed is None and not errors:
            return redirect("needs:settings", slug=slug)
        derived_form = failed or derived_form
        form = SettingsForm(
            initial=SettingsForm.initial_for(association, indicator_set),
            association=association,
            indicator_set=indicator_set,
        )
    elif request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        form = SettingsForm(request.POST, association=association, indicator_set=indicator_set)
        if form.is_valid():
            try:
                form.save()
            except analysis_settings.SettingsError as exc:
                errors = exc.messages
            else:
                messages.success(
                    request, _("The settings were saved; the next computation uses them.")
                )
                return redirect("needs:settings", slug=slug)
    else:
        form = SettingsForm(
            initial=SettingsForm.initial_for(association, indicator_set),
            association=association,
            indicator_set=indicator_set,
        )
    context = {
        "form": form,
        "derived_form": derived_form,
        "errors": errors,
        "can_edit": can_edit,
        "set": indicator_set,
    }
    return render(request, "needs/settings.html", context)

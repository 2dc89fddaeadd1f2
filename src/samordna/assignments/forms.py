"""Forms of the assignments module; free text is checked by the privacy guard (model validators)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samordna.accounts.models import Unit, User
from samordna.accounts.roles import Role
from samordna.assignments.models import Assignment, Budget, FinalReport, ProgressReport

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProposalForm(forms.ModelForm):
    """The proposal (uppdragsförslag) with the national follow-up fields."""

    class Meta:
        model = Assignment
        fields = [
            "kind",
            "title",
            "background",
            "target_users",
            "parties",
            "units",
            "resource_integration",
            "implementation_strategy",
            "starts_on",
            "ends_on",
            "focus",
            "target_group",
            "planned_women",
            "planned_men",
            "lead",
            "manager",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "parties": forms.CheckboxSelectMultiple,
            "units": forms.CheckboxSelectMultiple,
            "background": forms.Textarea(attrs={"rows": 4}),
            "target_users": forms.Textarea(attrs={"rows": 3}),
            "resource_integration": forms.Textarea(attrs={"rows": 3}),
            "implementation_strategy": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, association: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.association = association
        self.fields["parties"].queryset = association.parties.all()  # type: ignore[attr-defined]
        self.fields["units"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            party__association=association
        ).select_related("party")
        members = User.objects.filter(memberships__association=association)
        self.fields["lead"].queryset = members.filter(  # type: ignore[attr-defined]
            memberships__role__in=[Role.ASSIGNMENT_LEAD, Role.DIRECTOR]
        )
        self.fields["manager"].queryset = members.filter(  # type: ignore[attr-defined]
            memberships__role__in=[Role.MANAGER, Role.DIRECTOR]
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The end date is before the start date."))
        units, parties = data.get("units"), data.get("parties")
        if units and parties is not None:
            outside = [u for u in units if u.party not in parties]
            if outside:
                self.add_error(
                    "units",
                    _("%(units)s belong to parties not chosen above.")
                    % {"units": ", ".join(str(u) for u in outside)},
                )
        return data


class FundingForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    proposed = forms.IntegerField(
        label=_("Proposed (SEK)"), min_value=0, max_value=1_000_000_000, required=False
    )
    co_financing = forms.IntegerField(
        label=_("Co-financing by the parties (SEK)"),
        min_value=0,
        max_value=1_000_000_000,
        required=False,
    )


class OutcomeForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    spent = forms.IntegerField(label=_("Outcome (SEK)"), min_value=0, max_value=1_000_000_000)


class ProgressReportForm(forms.ModelForm):
    class Meta:
        model = ProgressReport
        fields = ["activities", "anchoring", "deviations", "discoveries"]
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in fields}


class FinalReportForm(forms.ModelForm):
    class Meta:
        model = FinalReport
        fields = list(FinalReport.SECTIONS)
        widgets = {f: forms.Textarea(attrs={"rows": 5}) for f in fields}


class BudgetForm(forms.ModelForm):
    class Meta:
        model = Budget
        fields = ["year", "amount"]

    def __init__(self, *args: Any, association: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.association = association

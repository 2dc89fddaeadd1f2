"""Forms of the board module."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samordna.board.models import BoardMeeting, Minutes, Priority
from samordna.core.privacy import no_identity_numbers

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class YearPlanForm(forms.Form):
    dates = forms.CharField(
        label=_("Meeting dates"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One date per line (YYYY-MM-DD); a year usually has 6–8 meetings."),
    )
    place = forms.CharField(label=_("Place"), required=False, max_length=200)

    def clean_dates(self) -> list[datetime.date]:
        found = []
        for number, line in enumerate(self.cleaned_data["dates"].splitlines(), start=1):
            text = line.strip()
            if not text:
                continue
            try:
                found.append(datetime.date.fromisoformat(text))
            except ValueError:
                raise forms.ValidationError(
                    _("Line %(line)s: %(text)s is not a date; write YYYY-MM-DD.")
                    % {"line": number, "text": text}
                ) from None
        if not found:
            raise forms.ValidationError(_("Write at least one date."))
        return found


class MeetingForm(forms.ModelForm):
    class Meta:
        model = BoardMeeting
        fields = ["held_on", "starts_at", "place", "kind", "reports_due_on"]
        widgets = {
            "held_on": DATE,
            "reports_due_on": DATE,
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        held, due = data.get("held_on"), data.get("reports_due_on")
        if held and due and due > held:
            self.add_error("reports_due_on", _("Reports must be due before the meeting."))
        return data


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[no_identity_numbers],
    )
    proposed_decision = forms.CharField(
        label=_("Proposed decision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[no_identity_numbers],
    )


class MinutesForm(forms.ModelForm):
    class Meta:
        model = Minutes
        fields = ["present", "chair", "secretary", "notes", "checked_by", "checked_on"]
        widgets = {
            "present": forms.Textarea(attrs={"rows": 5}),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "checked_on": DATE,
        }


class PriorityForm(forms.ModelForm):
    class Meta:
        model = Priority
        fields = ["year", "kind", "title", "description", "needs_analysis", "decision"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, association: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.association = association
        self.fields["needs_analysis"].queryset = association.needs_analyses.all()  # type: ignore[attr-defined]
        # By registry number, typed: a select of every decision would grow with the years.
        self.fields["decision"] = forms.ModelChoiceField(
            queryset=association.decisions.all(),
            to_field_name="registry_number",
            required=False,
            label=_("Decided by (registry number)"),
            help_text=_("The registry number of the board's decision, for example Dnr 2024/15."),
            widget=forms.TextInput(),
            error_messages={
                "invalid_choice": _("The association has no decision with that registry number.")
            },
        )

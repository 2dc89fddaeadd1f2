"""Each step's input, validated by a small form before the step runs.

A step never reads raw form data: :func:`validated` checks what the person sent
against the step's form (``INPUTS``) and gives the step its cleaned values, or
refuses with the first problem, naming the field. Steps without a form take no
input. The board's agenda proposal passes a meeting object; the form takes it as
it takes an id.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samordna.assignments.lifecycle.base import MAX_AMOUNT, TransitionError, iso_date
from samordna.assignments.models import Assignment


def _filled(label: object) -> dict[str, Any]:
    return {"required": _("The field “%(label)s” needs filling in.") % {"label": label}}


class IsoDate(forms.Field):
    """A date written YYYY-MM-DD (or a date object), refused with the field's name."""

    def __init__(self, label: Any, *, required: bool = True) -> None:
        super().__init__(required=required, label=label)
        self.error_messages["required"] = _("The field “%(label)s” needs a date (YYYY-MM-DD).") % {
            "label": label
        }

    def to_python(self, value: Any) -> datetime.date | None:
        if value in self.empty_values:
            return None
        try:
            return iso_date(value, self.label)
        except TransitionError as refused:
            raise ValidationError(str(refused)) from None


class StepInput(forms.Form):
    def __init__(self, data: dict[str, Any], assignment: Assignment) -> None:
        super().__init__(data)
        self.assignment = assignment

    def refusal(self) -> str:
        """The first problem, in the order of the form's fields."""
        for field in [*self.fields, "__all__"]:
            if field in self.errors:
                return str(self.errors[field][0])
        return ""  # pragma: no cover - called only when the form is invalid


class DecisionText(StepInput):
    """The board's decision text; the step writes one when it is left empty."""

    text = forms.CharField(required=False)


class GrantInput(DecisionText):
    """Per funding line the granted sum in whole kronor; an absent year grants what was proposed."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        grants: dict[int, int] = {}
        for line in self.assignment.funding.all():
            raw = self.data.get(f"granted_{line.year}", line.proposed)
            try:
                amount = int(str(raw).replace(" ", "")) if raw not in (None, "") else 0
            except ValueError:
                raise ValidationError(
                    _("Granted amount %(year)s: write whole kronor.") % {"year": line.year}
                ) from None
            if not 0 <= amount <= MAX_AMOUNT:
                raise ValidationError(
                    _("Granted amount %(year)s must be between 0 and %(most)s kronor.")
                    % {"year": line.year, "most": MAX_AMOUNT}
                )
            grants[line.year] = amount
        cleaned["grants"] = grants
        return cleaned


class AgreementInput(StepInput):
    scope = forms.CharField()
    reporting = forms.CharField()

    def __init__(self, data: dict[str, Any], assignment: Assignment) -> None:
        super().__init__(data, assignment)
        self.fields["signed_on"] = IsoDate(gettext_lazy("agreement signed"))
        self.fields["starts_on"] = IsoDate(gettext_lazy("start date"), required=False)
        self.fields["ends_on"] = IsoDate(gettext_lazy("end date"), required=False)
        for name in ("scope", "reporting"):
            self.fields[name].error_messages = _filled(
                {"scope": _("scope"), "reporting": _("reporting routine")}[name]
            )


class ReturnInput(StepInput):
    comment = forms.CharField()

    def __init__(self, data: dict[str, Any], assignment: Assignment) -> None:
        super().__init__(data, assignment)
        self.fields["comment"].error_messages = _filled(_("comment"))


class CloseInput(DecisionText):
    outcome = forms.ChoiceField(choices=Assignment.Outcome.choices)
    continued_support = forms.CharField(required=False)
    follow_up_kind = forms.ChoiceField(choices=Assignment.Kind.choices, required=False)
    follow_up_title = forms.CharField(required=False)
    meeting = forms.Field(required=False)  # looked up by the step among the open meetings

    def __init__(self, data: dict[str, Any], assignment: Assignment) -> None:
        super().__init__(data, assignment)
        outcome = _("Choose whether the assignment is implemented, partly or not.")
        self.fields["outcome"].error_messages = {"required": outcome, "invalid_choice": outcome}
        kind = _("The follow-up must be a pre-study or an assignment.")
        self.fields["follow_up_kind"].error_messages = {"invalid_choice": kind}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("follow_up_kind") and not cleaned.get("follow_up_title"):
            raise ValidationError(_("Give the follow-up assignment a title."))
        return cleaned


INPUTS: dict[str, type[StepInput]] = {
    "grant": GrantInput,
    "reject": DecisionText,
    "agreement": AgreementInput,
    "return_final": ReturnInput,
    "close": CloseInput,
}


def validated(name: str, assignment: Assignment, data: dict[str, Any]) -> dict[str, Any]:
    """The step's input, cleaned by its form; the meeting (an id or an object) passes on."""
    form_class = INPUTS.get(name)
    if form_class is None:
        return {"meeting": data.get("meeting")} if "meeting" in data else {}
    form = form_class(data, assignment)
    if not form.is_valid():
        raise TransitionError(form.refusal())
    return {**form.cleaned_data, "meeting": data.get("meeting")}

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samordna.accounts.models import Unit, User
from samordna.accounts.roles import Role
from samordna.insights.models import (
    NEEDS_SITUATIONS,
    CollaborationArea,
    Insight,
    Interview,
    InterviewGuide,
    LeadsMeeting,
    Quote,
    Respondent,
    Tag,
)
from samordna.statistics.models import NeedsGroup


class CollaborationAreaForm(forms.ModelForm):
    class Meta:
        model = CollaborationArea
        fields = [
            "year",
            "situation",
            "main_actor",
            "main_party",
            "partner_actor",
            "partner_party",
            "quality",
            "comment",
            "interviews",
            "sources",
        ]
        widgets = {
            "comment": forms.Textarea(attrs={"rows": 3}),
            "interviews": forms.CheckboxSelectMultiple,
            "sources": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, association: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.association = association
        parties = association.parties.all()
        for name in ("main_party", "partner_party"):
            self.fields[name].queryset = parties  # type: ignore[attr-defined]
        self.fields["interviews"].queryset = (  # type: ignore[attr-defined]
            association.interviews.prefetch_related("respondents").order_by("-held_on")
        )
        self.fields["situation"].help_text = _("E.g. %(examples)s") % {
            "examples": ", ".join(NEEDS_SITUATIONS[:4])
        }


class RespondentForm(forms.ModelForm):
    class Meta:
        model = Respondent
        fields = ["work_name", "role", "party", "unit"]

    def __init__(self, *args: Any, association: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.association = association
        self.fields["party"].queryset = association.parties.all()  # type: ignore[attr-defined]
        self.fields["unit"].queryset = Unit.objects.filter(party__association=association)  # type: ignore[attr-defined]


class InterviewGuideForm(forms.ModelForm):
    class Meta:
        model = InterviewGuide
        fields = ["name", "audience", "introduction", "questions"]
        widgets = {"questions": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args: Any, association: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.association = association


class InterviewForm(forms.ModelForm):
    class Meta:
        model = Interview
        fields = [
            "kind",
            "held_on",
            "guide",
            "respondents",
            "alias",
            "age_band",
            "parties_met",
            "consent_participate",
            "consent_record",
            "notes",
            "analysts",
        ]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 8}),
            "respondents": forms.CheckboxSelectMultiple,
            "parties_met": forms.CheckboxSelectMultiple,
            "analysts": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, association: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.association = association
        self.fields["guide"].queryset = association.interview_guides.all()  # type: ignore[attr-defined]
        self.fields["respondents"].queryset = association.respondents.all()  # type: ignore[attr-defined]
        self.fields["parties_met"].queryset = association.parties.all()  # type: ignore[attr-defined]
        self.fields["analysts"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            memberships__association=association
        ).distinct()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("consent_participate"):
            self.add_error(
                "consent_participate",
                _("An interview is recorded only with consent to take part."),
            )
        if data.get("kind") == Interview.Kind.USER:
            if data.get("respondents"):
                self.add_error(
                    "respondents", _("A service user is anonymous: choose no respondent.")
                )
            if not data.get("alias"):
                self.add_error("alias", _("Give the service user an alias (never a name)."))
        elif not data.get("respondents"):
            self.add_error("respondents", _("Choose who was interviewed."))
        return data


class QuoteForm(forms.ModelForm):
    class Meta:
        model = Quote
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class RecordingForm(forms.Form):
    file = forms.FileField(label=_("Audio file"))


class InsightForm(forms.ModelForm):
    needs_groups = forms.MultipleChoiceField(
        label=_("Needs groups"),
        choices=NeedsGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Insight
        fields = [
            "text",
            "noted_on",
            "source",
            "interview",
            "source_note",
            "tags",
            "needs_groups",
            "needs_situations",
            "parties",
            "evidence",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "noted_on": forms.DateInput(attrs={"type": "date"}),
            "tags": forms.CheckboxSelectMultiple,
            "parties": forms.CheckboxSelectMultiple,
            "evidence": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, association: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.association = association
        self.fields["interview"].queryset = association.interviews.all()  # type: ignore[attr-defined]
        self.fields["tags"].queryset = association.insight_tags.all()  # type: ignore[attr-defined]
        self.fields["parties"].queryset = association.parties.all()  # type: ignore[attr-defined]
        self.fields["evidence"].queryset = Quote.objects.filter(  # type: ignore[attr-defined]
            interview__association=association
        )
        self.fields["needs_situations"].help_text = _(
            "Separate them with commas, e.g. %(examples)s"
        ) % {"examples": ", ".join(NEEDS_SITUATIONS[:3])}


class TagForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name", "parent", "description"]

    def __init__(self, *args: Any, association: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.association = association
        self.fields["parent"].queryset = association.insight_tags.all()  # type: ignore[attr-defined]

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        taken = Tag.objects.filter(association=self.instance.association, name__iexact=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("There is already a tag with that name."))
        return name


MEETING_ROLES = (Role.ASSIGNMENT_LEAD, Role.MANAGER, Role.DIRECTOR, Role.ANALYST)


class MeetingForm(forms.ModelForm):
    class Meta:
        model = LeadsMeeting
        fields = ["kind", "held_on", "attendees", "guests", "per_assignment", "lessons"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
            "attendees": forms.CheckboxSelectMultiple,
            "per_assignment": forms.Textarea(attrs={"rows": 5}),
            "lessons": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, association: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.association = association
        # Those who meet at leads' and management meetings: leads, managers and the kansli.
        roles = dict(
            association.memberships.filter(role__in=MEETING_ROLES).values_list("user_id", "role")
        )
        field = self.fields["attendees"]
        field.queryset = User.objects.filter(pk__in=roles).order_by("full_name")  # type: ignore[attr-defined]
        field.label_from_instance = lambda user: (  # type: ignore[attr-defined]
            f"{user.full_name or user.email} ({Role(roles[user.pk]).label})"
        )


class ThemeSuggestForm(forms.Form):
    """How many themes the analyst asks for; empty lets the clustering choose."""

    count = forms.IntegerField(
        label=_("Number of themes"),
        required=False,
        min_value=2,
        max_value=20,
        help_text=_("Leave empty to let Samordna choose the number that fits best."),
    )

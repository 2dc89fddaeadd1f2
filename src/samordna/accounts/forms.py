"""Forms for parties, units, members and API tokens, scoped to one association."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samordna.accounts.models import Association, Membership, Party, Unit
from samordna.accounts.roles import Role


class PartyForm(forms.ModelForm):
    class Meta:
        model = Party
        fields = ["name", "kind", "area_code"]

    def __init__(self, *args: Any, association: Association, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.association = association

    def clean_area_code(self) -> str:
        code: str = self.cleaned_data["area_code"].strip()
        if code and not (code.isdigit() and len(code) == 4):
            raise forms.ValidationError(_("Use four digits, e.g. 1282 or 0012."))
        return code


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["party", "name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, association: Association, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = association.parties.all()  # type: ignore[attr-defined]


class _PartyUnitMixin(forms.Form):
    def scope_party_and_unit(self, association: Association) -> None:
        self.fields["party"].queryset = association.parties.all()  # type: ignore[attr-defined]
        self.fields["unit"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            party__association=association
        ).select_related("party")

    def check_unit_in_party(self, cleaned: dict[str, Any]) -> None:
        party, unit = cleaned.get("party"), cleaned.get("unit")
        if unit is not None and party is not None and unit.party_id != party.pk:
            self.add_error(
                "unit",
                _("The unit %(unit)s does not belong to %(party)s.")
                % {"unit": unit, "party": party},
            )


class MembershipForm(forms.ModelForm, _PartyUnitMixin):
    class Meta:
        model = Membership
        fields = ["role", "party", "unit"]

    def __init__(self, *args: Any, association: Association, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope_party_and_unit(association)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.check_unit_in_party(cleaned)
        return cleaned


class AddMemberForm(_PartyUnitMixin):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("Needed when the person has no account yet."),
    )
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    party = forms.ModelChoiceField(
        label=_("Employing party"), queryset=Party.objects.none(), required=False
    )
    unit = forms.ModelChoiceField(
        label=_("Employing unit"), queryset=Unit.objects.none(), required=False
    )

    def __init__(self, *args: Any, association: Association, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.association = association
        self.scope_party_and_unit(association)

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        if Membership.objects.filter(association=self.association, user__email=email).exists():
            raise forms.ValidationError(_("%(email)s is already a member.") % {"email": email})
        return email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        from samordna.accounts.models import User

        email = cleaned.get("email")
        if email and not cleaned.get("full_name") and not User.objects.filter(email=email).exists():
            self.add_error("full_name", _("Write the person's name: they have no account yet."))
        self.check_unit_in_party(cleaned)
        return cleaned


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("What the token is for"),
        max_length=100,
        help_text=_("For example: the statistics script on the analyst's computer."),
    )
    expires_in_days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=730,
        initial=365,
    )

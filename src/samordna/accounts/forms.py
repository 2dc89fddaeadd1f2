"""Forms for parties, units, members and API tokens, scoped to one association."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from samordna.accounts.models import Association, Invitation, Membership, Party, Unit
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
    full_name = forms.CharField(label=_("Name"), max_length=200)
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
        # Only what the director already sees is checked: this association's own members
        # and invitations. Whether the address has an account elsewhere is never told.
        email: str = self.cleaned_data["email"].strip().lower()
        mine = Membership.objects.filter(association=self.association, user__email__iexact=email)
        if mine.exists():
            raise forms.ValidationError(_("%(email)s is already a member.") % {"email": email})
        waiting = Invitation.objects.pending().filter(
            association=self.association, user__email__iexact=email
        )
        if waiting.exists():
            message = _("%(email)s has already been invited and has not answered yet.")
            raise forms.ValidationError(message % {"email": email})
        return email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
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


class NewAssociationForm(forms.Form):
    """A new association for the national administrator: kommuner by name, region derived."""

    ROWS = 6

    name = forms.CharField(label=_("Name of the association"), max_length=200)
    slug = forms.CharField(
        label=_("Short name in addresses"),
        max_length=80,
        required=False,
        help_text=_("Lower-case letters, digits and hyphens; suggested from the name when empty."),
    )
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        help_text=_("Derived from the kommuner's län when you leave it empty."),
    )
    director_email = forms.EmailField(
        label=_("E-mail address of the first director"),
        required=False,
        help_text=_("They get an e-mail that names the association, with a link to log in."),
    )
    director_name = forms.CharField(label=_("Name of the director"), max_length=200, required=False)

    def __init__(self, *args: Any, extra_rows: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from samordna.statistics.models import Area

        regions = Area.objects.filter(kind=Area.Kind.REGION).order_by("name")
        cast(forms.ChoiceField, self.fields["region"]).choices = [
            ("", _("Derive from the kommuner"))
        ] + [(r.code, f"{r.name} ({r.code})") for r in regions]
        filled = [
            int(k.removeprefix("kommun_"))
            for k in self.data
            if k.startswith("kommun_")
            and k.removeprefix("kommun_").isdigit()
            and str(self.data.get(k, "")).strip()
        ]
        highest = min(max(filled, default=-1), 400)  # a row past the last filled one
        initial_rows = len(self.initial.get("kommuner", []))
        rows = max(self.ROWS, highest + 2, initial_rows + 1) + extra_rows
        for index in range(rows):
            self.fields[f"kommun_{index}"] = forms.CharField(
                label=_("Member kommun %(number)s") % {"number": index + 1},
                required=False,
                max_length=120,
                widget=forms.TextInput(attrs={"list": "kommun-options", "autocomplete": "off"}),
            )
            kommuner = self.initial.get("kommuner", [])
            if index < len(kommuner):
                self.initial[f"kommun_{index}"] = kommuner[index]

    def kommun_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("kommun_")]

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("name", "slug")]

    def other_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("region", "director_email", "director_name")]

    def new_association(self) -> Any:
        from samordna.accounts import onboarding

        data = self.cleaned_data
        kommuner = [
            data[name] for name in self.fields if name.startswith("kommun_") and data.get(name)
        ]
        return onboarding.NewAssociation(
            name=data["name"],
            slug=data["slug"] or onboarding.suggest_slug(data["name"]),
            kommuner=kommuner,
            region=data["region"],
            director_email=data["director_email"],
            director_name=data["director_name"],
        )

    @staticmethod
    def initial_for(chosen: Any) -> dict[str, Any]:
        from samordna.accounts import onboarding
        from samordna.statistics.models import Area

        names = dict(Area.objects.filter(code__in=chosen.codes).values_list("code", "name"))
        kommuner = [f"{names[c]} ({c})" for c in chosen.codes if c in names]
        region = onboarding.region_of(chosen.codes[0]) if chosen.codes else ""
        if not region and chosen.region:
            region = (
                Area.objects.filter(kind=Area.Kind.REGION, name=chosen.region)
                .values_list("code", flat=True)
                .first()
                or ""
            )
        return {
            "name": chosen.name,
            "slug": onboarding.suggest_slug(chosen.name),
            "region": region,
            "kommuner": kommuner,
        }

    @staticmethod
    def notes_for(chosen: Any) -> list[str]:
        notes = [
            _("From the list of known associations: %(source)s (%(year)s).")
            % {"source": chosen.source_url or "–", "year": chosen.year_of_source or "–"}
        ]
        if chosen.note:
            notes.append(str(_("Note in the list: %(note)s") % {"note": chosen.note}))
        if not chosen.codes:
            notes.append(
                str(_("The list names no member kommuner for this association: add them yourself."))
            )
        notes.append(str(_("Check the kommuner and the region before you create the association.")))
        return notes

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samordna.statistics.models import Indicator, IndicatorSet, NeedsGroup

MAX_UPLOAD = 200 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_(
            "Columns: indicator, area, period, gender, value, status, source, and optionally "
            "indicator_title and unit. Nothing is saved until you confirm."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 200 MB."))
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Choose a .csv or .xlsx file."))
        return upload


class ExportForm(forms.Form):
    indicator = forms.CharField(label=_("Indicator ids"), required=False)
    area = forms.CharField(label=_("Area codes"), required=False, help_text=_("E.g. 1282, 1214"))
    period = forms.CharField(label=_("Periods"), required=False, help_text=_("E.g. 2019, 2019-06"))
    format = forms.ChoiceField(label=_("Format"), choices=[("csv", "CSV"), ("xlsx", "XLSX")])

    @staticmethod
    def split(value: str) -> list[str]:
        return [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]


class SetItemForm(forms.Form):
    indicator = forms.CharField(label=_("Indicator id"), max_length=64)
    needs_group = forms.ChoiceField(label=_("Needs group"), choices=NeedsGroup.choices)

    def __init__(self, *args: Any, indicator_set: IndicatorSet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicator_set = indicator_set

    def clean_indicator(self) -> Indicator:
        code = self.cleaned_data["indicator"].strip()
        indicator = Indicator.objects.filter(code=code).first()
        if indicator is None:
            raise forms.ValidationError(
                _("There is no indicator %(code)s. Import it or sync Kolada's metadata first."),
                params={"code": code},
            )
        if self.indicator_set.items.filter(indicator=indicator).exists():
            raise forms.ValidationError(_("%(code)s is already in the set."), params={"code": code})
        return indicator

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samordna.insights.models import NEEDS_SITUATIONS, CollaborationArea


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
            "sources",
        ]
        widgets = {
            "comment": forms.Textarea(attrs={"rows": 3}),
            "sources": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, association: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.association = association
        parties = association.parties.all()
        for name in ("main_party", "partner_party"):
            self.fields[name].queryset = parties  # type: ignore[attr-defined]
        self.fields["situation"].help_text = _("E.g. %(examples)s") % {
            "examples": ", ".join(NEEDS_SITUATIONS[:4])
        }

"""The style guide (``/stil/``): every component of the design system, as the pages use it.

The components live in ``templates/components/`` and ``samordna.css``; this page
renders each with sample content so that a change to one is seen (and checked by
the browser test at a desktop and a phone width, with axe) in one place.
"""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samordna import charts
from samordna.charts.data import Bar, Chart, DotRange, DotRow, LineChart, Ranked, RankedItem, Series
from samordna.core.access import authenticated
from samordna.core.pagination import paginate


class SampleForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    email = forms.EmailField(
        label=gettext_lazy("E-mail address"),
        help_text=gettext_lazy("Where the assignment lead is reached."),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[("", "–"), ("pilot", gettext_lazy("Pilot")), ("project", gettext_lazy("Project"))],
    )
    background = forms.CharField(label=gettext_lazy("Need and background"), widget=forms.Textarea)


def sample_charts() -> list[object]:
    years = ["2020", "2021", "2022", "2023", "2024"]
    return [
        LineChart(
            _("Sample: a rate over the years"),
            years,
            [
                Series("Kommun A", [31.0, 29.5, None, 27.0, 26.2], "member"),
                Series("Kommun B", [22.0, 21.5, 21.0, 20.0, 19.4], "member"),
                Series(_("Comparison kommuner (mean)"), [25.0, 24.0, 23.5, 23.0, 22.0], "peers"),
                Series("Region", [24.0, 23.5, 23.0, 22.0, 21.5], "region"),
                Series(_("Sweden"), [23.0, 22.5, 22.0, 21.0, 20.5], "nation"),
            ],
            "%",
            texts={(s, p): f"{20 + s + p},0" for s in range(5) for p in range(5)},
        ),
        Chart(
            _("Sample: budget, granted and outcome per year"),
            [
                Bar(_("Budget"), 1_800_000, "1 800 000", "budget", "2025"),
                Bar(_("Granted"), 1_450_000, "1 450 000", "granted", "2025"),
                Bar(_("Outcome"), None, "–", "spent", "2025"),
            ],
        ),
        DotRange(
            _("Sample: each kommun within its comparison group"),
            [
                DotRow("Kommun A", 26.2, 18.0, 29.0, 22.0, 21.5, 20.5, {"value": "26,2"}),
                DotRow("Kommun B", 19.4, 15.0, 24.0, 19.0, 21.5, 20.5, {"value": "19,4"}),
            ],
            "Region",
        ),
        Ranked(
            _("Sample: flags by strength"),
            [
                RankedItem("Kommun A: ohälsotal", 2.4, "2,40"),
                RankedItem("Kommun B: unga", 1.1, "1,10"),
            ],
        ),
    ]


@authenticated
def styleguide(request: HttpRequest) -> HttpResponse:
    form = SampleForm({"title": "", "email": "inte-en-adress", "kind": "pilot", "background": ""})
    form.is_valid()  # bound with mistakes, to show the error states
    context = {
        "form": form,
        "paged": paginate(request, list(range(1, 488)), size=25),
        "charts": [charts.html(c) for c in sample_charts()],
        "sections": [_("Overview"), _("Analysis"), _("Learning"), _("Board and assignments")],
    }
    return render(request, "core/styleguide.html", context)

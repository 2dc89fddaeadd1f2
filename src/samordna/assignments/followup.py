"""The follow-up export: every assignment's national follow-up fields with its money per year.

One row per assignment and year, so that the figures go straight into the
national follow-up (SUS) and the annual accounts without being typed twice.
The XLSX total row holds SUM formulas, so the spreadsheet adds the figures
itself; the CSV total row holds the same sums computed by the database.
"""

from __future__ import annotations

import io
from typing import Any

from django.db.models import Sum
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from samordna.accounts.models import Association
from samordna.assignments.models import Budget, Funding
from samordna.charts.data import Bar, Chart
from samordna.core import exports
from samordna.core.templatetags.samordna import amount

COLUMNS = [
    "Uppdrag",
    "Typ",
    "Läge",
    "Beslut (Dnr)",
    "Inriktning",
    "Målgrupp",
    "Planerade deltagare, kvinnor",
    "Planerade deltagare, män",
    "Uppdragsledare",
    "Ansvarig chef",
    "Parter",
    "År",
    "Föreslaget (kr)",
    "Medfinansiering (kr)",
    "Beviljat (kr)",
    "Utfall (kr)",
]
MONEY = ("proposed", "co_financing", "granted", "spent")
FIRST_MONEY_COLUMN = COLUMNS.index("Föreslaget (kr)")


def rows(association: Association) -> list[list[Any]]:
    lines = (
        Funding.objects.filter(assignment__association=association)
        .select_related("assignment", "assignment__lead", "assignment__manager")
        .prefetch_related("assignment__parties", "assignment__decisions")
        .order_by("assignment__title", "year")
    )
    found = []
    for line in lines:
        a = line.assignment
        grant = next((d.registry_number for d in a.decisions.all() if d.kind == "grant"), "")
        found.append(
            [
                a.title,
                a.get_kind_display(),
                a.get_state_display(),
                grant,
                a.get_focus_display() if a.focus else "",
                a.target_group,
                a.planned_women,
                a.planned_men,
                str(a.lead or ""),
                str(a.manager or ""),
                ", ".join(p.name for p in a.parties.all()),
                line.year,
                line.proposed,
                line.co_financing,
                line.granted,
                line.spent,
            ]
        )
    return found


def totals(association: Association) -> dict[str, int]:
    """The sums of the money columns, computed by the database."""
    sums = Funding.objects.filter(assignment__association=association).aggregate(
        **{name: Sum(name) for name in MONEY}
    )
    return {name: int(sums[name] or 0) for name in MONEY}


def budget_rows(association: Association) -> list[list[Any]]:
    """Per year: the budget for assignments, granted, spent and what is left.

    A year with nothing granted or no outcome reported yet has None there, not 0:
    the page shows a dash and the workbook an empty cell."""
    budgets = {b.year: b.amount for b in Budget.objects.filter(association=association)}
    money = (
        Funding.objects.filter(assignment__association=association)
        .values("year")
        .annotate(granted=Sum("granted"), spent=Sum("spent"))
    )
    by_year: dict[int, dict[str, Any]] = {m["year"]: dict(m) for m in money}
    found = []
    for year in sorted(set(budgets) | set(by_year)):
        granted = by_year.get(year, {}).get("granted")
        spent = by_year.get(year, {}).get("spent")
        budget = budgets.get(year)
        left = None if budget is None else budget - (granted or 0)
        found.append([year, budget, granted, spent, left])
    return found


def money_chart(rows: list[list[Any]]) -> Chart | None:
    """Bars per year of ``budget_rows``: the budget, granted and the outcome, each labelled;
    what is not known yet has no bar and says so."""
    bars = [
        Bar(label, None if value is None else float(value), amount(value), group, str(year))
        for year, budget, granted, spent, _left in rows
        for label, value, group in (
            (_("Budget"), budget, "budget"),
            (_("Granted"), granted, "granted"),
            (_("Outcome"), spent, "spent"),
        )
    ]
    if not bars:
        return None
    return Chart(_("Budget, granted and outcome per year"), bars, _("SEK"))


def as_csv(association: Association) -> bytes:
    out = io.StringIO()
    writer = exports.csv_writer(out, delimiter=";")
    writer.writerow(COLUMNS)
    for row in rows(association):
        writer.writerow(exports.csv_row("" if v is None else v for v in row))
    sums = totals(association)
    writer.writerow(["Summa"] + [""] * (FIRST_MONEY_COLUMN - 1) + [sums[n] for n in MONEY])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(association: Association) -> bytes:
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = "Uppföljning"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    data = rows(association)
    for row in data:
        exports.append_xlsx(sheet, row)
    last = len(data) + 1
    total: list[Any] = ["Summa"] + [None] * (FIRST_MONEY_COLUMN - 1)
    for offset in range(len(MONEY)):
        letter = sheet.cell(row=1, column=FIRST_MONEY_COLUMN + 1 + offset).column_letter
        total.append(f"=SUM({letter}2:{letter}{last})")
    sheet.append(total)
    for cell in sheet[last + 1]:
        cell.font = Font(bold=True)
    for column in sheet.columns:
        letter = column[0].column_letter
        sheet.column_dimensions[letter].width = min(
            45, max(10, *(len(str(c.value or "")) for c in column[:50]))
        )
    budget = book.create_sheet("Budget")
    budget.append(["År", "Budget för uppdrag (kr)", "Beviljat (kr)", "Utfall (kr)", "Kvar (kr)"])
    for row in budget_rows(association):
        budget.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

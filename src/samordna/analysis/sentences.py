"""Swedish numbers and sentences, computed from the figures (never typed in)."""

from __future__ import annotations

import math
from typing import Any

from samordna.analysis.spec import AnalysisSpec, IndicatorSpec

NBSP = "\u00a0"
MINUS = "\u2212"
MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
GENDER_WORD = {"K": "kvinnor", "M": "män", "T": ""}


def number(value: float | None, decimals: int = 0) -> str:
    """Swedish form: ``3 805``, ``21,5``, ``−8,6`` (space groups, comma, true minus)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{abs(value):,.{decimals}f}".replace(",", NBSP).replace(".", ",")
    if round(value, decimals) < 0:
        text = MINUS + text
    return text


def percent(value: float | None, decimals: int = 1, signed: bool = False) -> str:
    if value is None:
        return "–"
    text = number(value, decimals)
    if signed and round(value, decimals) > 0:
        text = "+" + text
    return f"{text}{NBSP}%"


def decimals_for(indicator: IndicatorSpec | None) -> int:
    if indicator is None:
        return 1
    return 0 if indicator.is_count else 1


def value_text(value: float | None, indicator: IndicatorSpec | None) -> str:
    if indicator is not None and "%" in indicator.unit and indicator.kind == "level":
        return percent(value, 1)
    return number(value, decimals_for(indicator))


def period_text(period: str) -> str:
    if len(period) == 7 and period[4] == "-":
        return f"{MONTHS[int(period[5:]) - 1]} {period[:4]}"
    return period


def title_phrase(indicator: IndicatorSpec | None, code: str) -> str:
    """The title inside a sentence: lower-case first letter, unless it starts with an acronym."""
    title = indicator.title if indicator else code
    first = title.split(" ", 1)[0].rstrip(":,")
    if len(first) >= 2 and first.isupper():
        return title
    return title[:1].lower() + title[1:]


def who(gender: str) -> str:
    word = GENDER_WORD.get(gender, "")
    return f" för {word}" if word else ""


def reference_name(reference: str, area: str, spec: AnalysisSpec) -> str:
    if reference == "region":
        return spec.name(spec.region)
    if reference == "nation":
        return "riket"
    if reference == "peer_mean":
        return "jämförelsekommunerna (medel)"
    if reference == "similar":
        return "liknande kommuner (medel)"
    if reference == "other_members":
        others = [m for m in spec.members if m != area]
        return spec.name(others[0]) if len(others) == 1 else "övriga medlemskommuner (medel)"
    return reference


def finding(row: dict[str, Any], spec: AnalysisSpec) -> str:
    """The sentence of one finding (a row of ``flags.findings``)."""
    indicator = spec.indicator(row["indicator"])
    place = spec.name(row["area"])
    subject = f"{title_phrase(indicator, row['indicator'])}{who(row['gender'])}"
    when = period_text(row["period"])
    value = value_text(row["value"], indicator)
    rule = row["rule"]
    if rule == "deviation" or (rule == "opposite" and row["reference"] in {"region", "nation"}):
        reference = row["reference_value"]
        ratio = row["value"] / reference
        direction = "högre" if ratio > 1 else "lägre"
        name = reference_name(row["reference"], row["area"], spec)
        if ratio >= 2:
            comparison = f"{number(ratio, 1)} gånger värdet i {name}"
        else:
            comparison = f"{percent(abs(ratio - 1) * 100, 0)} {direction} än i {name}"
        text = (
            f"I {place} är {subject} {value} ({when}), {comparison} "
            f"({value_text(reference, indicator)})."
        )
        if rule == "opposite":
            side = "över" if ratio > 1 else "under"
            rest = row["of"] - row["count"]
            text += (
                f" Det är den enda serien av {row['of']} som ligger {side} {name}; "
                f"övriga {rest} ligger på andra sidan."
                if row["count"] == 1
                else f" {row['count']} av {row['of']} serier ligger {side} {name}, "
                f"övriga {rest} på andra sidan."
            )
        return text
    if rule == "opposite":
        movement = row["reference_value"]
        rose = movement > 0
        verb = "ökade" if rose else "minskade"
        others = "minskade" if rose else "ökade"
        rest = row["of"] - row["count"]
        return (
            f"I {place} {verb} {subject} ({when}: {percent(movement, 1, signed=True)}), "
            f"medan alla övriga {rest} jämförbara serier {others}."
        )
    if rule == "gender":
        share = percent(row["share"] * 100, 0)
        word = "kvinnor" if row["gender"] == "K" else "män"
        return (
            f"I {place} är {share} {word} ({number(row['value'])} av {number(row['of'])}): "
            f"{title_phrase(indicator, row['indicator'])}, {when}."
        )
    if rule == "change":
        return _change_sentence(row, indicator, place, subject, when)
    if rule == "extreme":
        word = "högsta" if row["reference"] == "highest" else "lägsta"
        return (
            f"Det är det {word} värdet bland alla jämförelser för {subject} i {place} "
            f"(närmast {value_text(row['reference_value'], indicator)})."
        )
    return f"{place}: {subject} {value} ({when})."


def is_share(indicator: IndicatorSpec | None) -> bool:
    """A share or rate in percent, whose change is told in procentenheter."""
    return indicator is not None and "%" in indicator.unit and not indicator.is_count


def points(value: float | None) -> str:
    """A change of a share: ``+1,5 procentenheter``, ``−11,2 procentenheter``."""
    if value is None:
        return "–"
    sign = "+" if round(value, 1) > 0 else ""
    return f"{sign}{number(value, 1)}{NBSP}procentenheter"


def _change_sentence(
    row: dict[str, Any], indicator: IndicatorSpec | None, place: str, subject: str, when: str
) -> str:
    before, now = row.get("reference_value"), row["value"]
    if before is None or now is None:
        return (
            f"I {place} förändrades {subject} med {percent(row['share'], 1, signed=True)} "
            f"till {value_text(now, indicator)} ({when})."
        )
    verb = "ökade" if now > before else "minskade"
    span = f"från {value_text(before, indicator)} till {value_text(now, indicator)}"
    if is_share(indicator):
        return f"I {place} {verb} {subject} {span} ({when}), {points(now - before)}."
    change = now - before
    sign = "+" if round(change, decimals_for(indicator)) > 0 else ""
    return (
        f"I {place} {verb} {subject} {span} ({when}), "
        f"{sign}{number(change, decimals_for(indicator))} eller "
        f"{percent(row['share'], 1, signed=True)}."
    )

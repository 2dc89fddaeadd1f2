"""Swedish numbers and sentences, computed from the figures (never typed in)."""

from __future__ import annotations

import math
import re
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


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0].rstrip(":,")
    if len(first) >= 2 and first.isupper():
        return text  # an acronym (SFI, AF) keeps its capitals
    return text[:1].lower() + text[1:]


def auto_phrase(title: str, unit: str = "") -> str:
    """A measure named from its title when the set gives no phrase: units and list-like
    colons taken out, ``andelen`` in front of a share."""
    text = title.strip()
    share = "%" in unit or "andel (%)" in text.lower()
    change = text.lower().find(", förändring")
    if change > 0:  # a change is named by what changes
        text, share = text[:change], False
    for part in (", andel (%)", " andel (%)", "andel (%) ", ", antal", " (%)"):
        text = re.sub(re.escape(part), "", text, flags=re.IGNORECASE)
    text = re.sub(r",\s*dagar\b.*$", "", text).strip().rstrip(",")
    if ":" in text:
        head, tail = (p.strip() for p in text.split(":", 1))
        if not tail:
            text = head
        elif tail.startswith("som "):
            text = f"{_lower_first(tail)} ({head})"
        else:
            text = f"{head} ({_lower_first(tail)})"
    text = _lower_first(text)
    if share and text.startswith("andel "):
        text = "andelen " + text[len("andel ") :]
    elif share and not text.startswith("andel"):
        text = "andelen " + text
    return text


def phrase(indicator: IndicatorSpec | None, code: str) -> str:
    """The measure in ordinary words: the set's phrase, or one made from the title."""
    if indicator is None:
        return code
    return indicator.phrase or auto_phrase(indicator.title, indicator.unit)


def subject(indicator: IndicatorSpec | None, code: str, gender: str = "T") -> str:
    """The measure as a sentence names it, with the gender where the phrase puts it."""
    text = phrase(indicator, code)
    word = GENDER_WORD.get(gender, "")
    if "{who}" in text:
        return " ".join(text.replace("{who}", f"{word} " if word else "").split())
    return f"{text} för {word}" if word else text


def title_phrase(indicator: IndicatorSpec | None, code: str) -> str:
    """The measure inside a sentence, for all genders."""
    return subject(indicator, code, "T")


def value_words(value: float | None, indicator: IndicatorSpec | None) -> str:
    """A value with the word for its unit where a sentence needs one (``31,4 dagar``)."""
    text = value_text(value, indicator)
    if indicator is not None and "dagar" in indicator.unit and value is not None:
        text += f"{NBSP}dagar"
    return text


def when(period: str) -> str:
    """``i juni 2019`` or ``år 2018``: a period inside a sentence."""
    if len(period) == 7 and period[4] == "-":
        return f"i {period_text(period)}"
    return f"år {period}"


def listed(parts: list[str]) -> str:
    """``a``, ``a och b``, ``a, b och c``."""
    if len(parts) < 2:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " och " + parts[-1]


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# The needs-group synthesis: each kind of figure has its sentence here.


def total_sentence(measure: str, total: str, period: str, parts: list[str], variant: int) -> str:
    """A förbund total of a count and where it lives; two forms, taken in turn."""
    where = listed(parts)
    if variant % 2 == 0:
        return f"I förbundet fanns {total} {measure} {when(period)}, varav {where}."
    return f"{capital(when(period))} hade förbundet {total} {measure} – {where}."


DEFINITE = {"män": "männen", "kvinnor": "kvinnorna"}


def gender_sentence(
    place: str, measure: str, many: str, how: str, big: str, small: str, share: str, of: str
) -> str:
    """One gender clearly outnumbers the other in a count."""
    few = "kvinnor" if many == "män" else "män"
    return (
        f"Bland {measure} i {place} är {DEFINITE[many]} {how} som {DEFINITE[few]} "
        f"({big} mot {small}, {share} av {of})."
    )


def rate_sentence(
    place: str, measure: str, value: str, period: str, ratio: float, reference: str, base: str
) -> str:
    """A member's rate beside the region or riket, with the difference in the same sentence:
    in percent up to twice the reference, as a multiple beyond."""
    if ratio >= 2:
        comparison = f"{number(ratio, 1)} gånger så högt som i {reference}"
    else:
        direction = "högre" if ratio > 1 else "lägre"
        comparison = f"{percent(abs(ratio - 1) * 100, 0)} {direction} än i {reference}"
    return f"I {place} är {measure} {value} ({period_text(period)}), {comparison} ({base})."


def share_sentence(measure: str, parts: list[str], period: str) -> str:
    return f"{capital(measure)} var {listed(parts)} {when(period)}."


def level_sentence(measure: str, parts: list[str], period: str, references: list[str]) -> str:
    text = f"{capital(measure)} var {listed(parts)} ({period_text(period)})"
    if references:
        text += ", att jämföra med " + listed(references)
    return text + "."


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


def finding(row: dict[str, Any], spec: AnalysisSpec, again: bool = False) -> str:
    """The sentence of one finding (a row of ``flags.findings``); ``again`` for a further
    finding about the same figure, which need not name it again."""
    indicator = spec.indicator(row["indicator"])
    place = spec.name(row["area"])
    measure = subject(indicator, row["indicator"], row["gender"])
    if indicator is not None and indicator.change_of:  # named by what changes
        base = spec.indicator(indicator.change_of)
        measure = subject(base, indicator.change_of, row["gender"])
        if base is not None and base.is_count:
            measure = f"antalet {measure}"
    moment = period_text(row["period"])
    value = value_words(row["value"], indicator)
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
            f"I {place} är {measure} {value} ({moment}), {comparison} "
            f"({value_words(reference, indicator)})."
        )
        if again and rule == "deviation":
            text = f"Det är också {comparison} ({value_words(reference, indicator)})."
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
            f"I {place} {verb} {measure} ({percent(movement, 1, signed=True)}, {moment}), "
            f"medan alla övriga {rest} jämförbara serier {others}."
        )
    if rule == "gender":
        share = percent(row["share"] * 100, 0)
        word = "kvinnor" if row["gender"] == "K" else "män"
        return (
            f"Bland {title_phrase(indicator, row['indicator'])} i {place} är {share} {word} "
            f"({number(row['value'])} av {number(row['of'])}, {moment})."
        )
    if rule == "change":
        return _change_sentence(row, indicator, place, measure, moment)
    if rule == "extreme":
        word = "högsta" if row["reference"] == "highest" else "lägsta"
        return (
            f"Det är det {word} värdet bland alla jämförelser för {measure} i {place} "
            f"(närmast {value_words(row['reference_value'], indicator)})."
        )
    return f"I {place} är {measure} {value} ({moment})."


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
    row: dict[str, Any], indicator: IndicatorSpec | None, place: str, measure: str, moment: str
) -> str:
    before, now = row.get("reference_value"), row["value"]
    if before is None or now is None:
        return (
            f"I {place} förändrades {measure} med {percent(row['share'], 1, signed=True)} "
            f"till {value_text(now, indicator)} ({moment})."
        )
    verb = "ökade" if now > before else "minskade"
    span = f"från {value_text(before, indicator)} till {value_text(now, indicator)}"
    if is_share(indicator):
        return f"I {place} {verb} {measure} {span} ({moment}), {points(now - before)}."
    change = now - before
    sign = "+" if round(change, decimals_for(indicator)) > 0 else ""
    return (
        f"I {place} {verb} {measure} {span} ({moment}), "
        f"{sign}{number(change, decimals_for(indicator))} eller "
        f"{percent(row['share'], 1, signed=True)}."
    )

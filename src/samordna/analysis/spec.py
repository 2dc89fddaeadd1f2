"""The analysis specification: what to compare, with what, and the thresholds of the flags.

Everything the rules need is here and nowhere in the rules: no rule names an
area, an indicator or a value (docs/analysis.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field

NEEDS_GROUPS = ("work", "livelihood", "education", "health", "population")


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    title: str
    unit: str = ""
    needs_group: str = ""
    is_count: bool = False
    # "level": a value in itself; "change": a change since an earlier period (in % or points).
    kind: str = "level"
    # Key figures are written out in the needs-group synthesis.
    key: bool = False
    source: str = ""
    # Shown in the report's tables (a hidden indicator still feeds derived shares).
    shown: bool = True
    # The report table this indicator is a row of, its label and indent there, and the
    # indicator it is the change of (shown in that row's change column).
    table: str = ""
    row_label: str = ""
    # The measure in ordinary words for sentences ("{who}" marks where a gender goes).
    phrase: str = ""
    level: int = 0
    change_of: str = ""


@dataclass(frozen=True)
class Derived:
    """A share computed from counts: 100 × Σ numerator / Σ denominator, per area, period, gender."""

    code: str
    title: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    needs_group: str = ""
    unit: str = "andel (%)"
    scale: float = 100.0
    key: bool = False


@dataclass(frozen=True)
class Thresholds:
    # Deviation from a reference (region, riket, peers, the other member kommuner).
    ratio: float = 1.2  # value/reference at least this, or at most its inverse
    min_difference: float = 2.0  # and at least this many units (percentage points, days …)
    min_base: float = 20.0  # counts: at least this many on one side before any flag
    # One gender's over-representation in a count.
    gender_share: float = 0.65
    # A series on the other side of every other comparable series.
    opposite_max_share: float = 0.25
    opposite_min_ratio: float = 1.1
    opposite_min_series: int = 4
    # A notable change since the previous period, in percent.
    change_pct: float = 20.0
    # Highest or lowest among at least this many compared values.
    extreme_min_values: int = 3
    # How findings of each rule weigh against each other when flags are ranked.
    weight_deviation: float = 1.0
    weight_opposite: float = 1.5
    weight_gender: float = 1.5
    weight_change: float = 0.5
    weight_extreme: float = 0.25
    # A fresh edition accepts this many top-ranked flags.
    accept_top: int = 20


@dataclass(frozen=True)
class AnalysisSpec:
    members: tuple[str, ...]
    region: str = ""
    nation: str = ""
    # When members lie in different regions (a national run): member → its region.
    member_regions: dict[str, str] = field(default_factory=dict)
    # Comparison kommuner chosen by the analyst, per member.
    comparisons: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Kolada "liknande kommuner" group per member (its code is a mean over the group).
    similar: dict[str, str] = field(default_factory=dict)
    periods: tuple[str, ...] = ()  # empty: every period in the data
    # The report's year: per indicator the latest period up to it is the one reported.
    year: int | None = None
    # How many periods (the latest and those before it) each indicator keeps; 0: all.
    history: int = 0
    indicators: tuple[IndicatorSpec, ...] = ()
    derived: tuple[Derived, ...] = ()
    names: dict[str, str] = field(default_factory=dict)  # area code → name
    thresholds: Thresholds = field(default_factory=Thresholds)

    def name(self, area: str) -> str:
        return self.names.get(area, area)

    def indicator(self, code: str) -> IndicatorSpec | None:
        for indicator in self.all_indicators():
            if indicator.code == code:
                return indicator
        return None

    def all_indicators(self) -> tuple[IndicatorSpec, ...]:
        derived = tuple(
            IndicatorSpec(d.code, d.title, d.unit, d.needs_group, False, "level", d.key)
            for d in self.derived
        )
        return self.indicators + derived

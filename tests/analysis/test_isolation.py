"""The analysis package runs without Django, and no rule names an area, indicator or value."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "samordna" / "analysis"

PROGRAM = """
import sys

class BlockDjango:
    def find_spec(self, name, path=None, target=None):
        if name == "django" or name.startswith("django."):
            raise ImportError("Django is blocked in this interpreter")
        return None

sys.meta_path.insert(0, BlockDjango())
from samordna.analysis import AnalysisSpec, IndicatorSpec
from samordna.analysis import compare, synthesis

spec = AnalysisSpec(
    members=("A", "B"),
    region="R",
    indicators=(IndicatorSpec("X", "Andel x", "andel (%)", "work", key=True),),
    names={"A": "Aby", "B": "Bby", "R": "Regionen"},
)
rows = [
    {"indicator": "X", "area": a, "period": "2019", "gender": "T", "value": v, "ref": a}
    for a, v in (("A", 30.0), ("B", 10.0), ("R", 10.0))
]
result = synthesis.run(compare.observations(rows), spec)
assert result.flags[0].area == "A", result.flags
assert "Aby" in result.flags[0].sentence
assert not [m for m in sys.modules if m == "django" or m.startswith("django.")]
print("ran without django:", len(result.flags), "flags")
"""


def test_analysis_runs_without_django_in_the_interpreter() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = str(ROOT / "src")
    done = subprocess.run(  # noqa: S603 - our own interpreter and program
        [sys.executable, "-c", PROGRAM], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "ran without django: " in done.stdout


def test_no_rule_names_an_area_an_indicator_or_a_value() -> None:
    forbidden = [
        re.compile(r"[\"']\d{4}[\"']"),  # an area code such as "1282"
        re.compile(r"\b[NU]\d{5}\b"),  # a Kolada KPI
        re.compile(r"\b(AF|SOS|FHM|SKV|FK|KOLADA|KOMMUN)_[A-Z]"),  # a project indicator
        re.compile(r"Landskrona|Svalöv|Skåne", re.IGNORECASE),
    ]
    for path in PACKAGE.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for pattern in forbidden:
            assert not pattern.search(text), f"{path.name} names {pattern.search(text)}"

"""Needs analysis on Polars, without Django.

Given observations (a data frame) and an :class:`AnalysisSpec`, compute the
comparisons (:mod:`.compare`), flagged observations (:mod:`.flags`) and the
needs-group synthesis (:mod:`.synthesis`). Nothing here imports Django; the
web app builds the spec and the frame and stores the results.
"""

from samordna.analysis.spec import AnalysisSpec, Derived, IndicatorSpec, Thresholds

__all__ = ["AnalysisSpec", "Derived", "IndicatorSpec", "Thresholds"]

"""Stored results: an edition's computed analysis, kept until its inputs change.

The report page and the downloads read the stored frames instead of running
the analysis again; rendered PDF and DOCX files are cached on disk by the
document they were rendered from, so a download is rendered once.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings
from django.db.models import Count, Max

from samordna.analysis import synthesis
from samordna.analysis.spec import AnalysisSpec
from samordna.needs.models import NeedsAnalysis, StoredResult
from samordna.reports.document import Document
from samordna.statistics.models import Observation


def observations_of(spec: AnalysisSpec, year: int) -> Any:
    """The observations an edition reads: its indicators and areas, up to its year."""
    from samordna.needs.services import areas_of

    return Observation.objects.filter(
        indicator__code__in=[i.code for i in spec.indicators],
        area__code__in=areas_of(spec),
        period__lte=f"{year}-12",
    )


def inputs_key(analysis: NeedsAnalysis, spec: AnalysisSpec) -> str:
    """A fingerprint of the settings copied into the edition and of the observations it reads.

    A new or changed observation comes with a new load (``load_id``), so the
    count and the newest load and retrieval time change with every load that
    touches the edition's figures.
    """
    summary = observations_of(spec, analysis.year).aggregate(
        n=Count("id"), load=Max("load_id"), retrieved=Max("retrieved_at")
    )
    payload = json.dumps([analysis.spec, summary], sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _parquet(frame: pl.DataFrame) -> bytes:
    out = io.BytesIO()
    frame.write_parquet(out)
    return out.getvalue()


def _frame(data: bytes | memoryview) -> pl.DataFrame:
    return pl.read_parquet(io.BytesIO(bytes(data)))


def store(analysis: NeedsAnalysis, result: synthesis.Analysis, key: str) -> None:
    groups = {
        group: [
            {
                "text": s.text,
                "refs": list(s.refs),
                "kind": s.kind,
                "strength": s.strength,
                "indicator": s.indicator,
            }
            for s in sentences
        ]
        for group, sentences in result.groups.items()
    }
    StoredResult.objects.update_or_create(
        analysis=analysis,
        defaults={
            "key": key,
            "prepared": _parquet(result.prepared),
            "comparisons": _parquet(result.comparisons),
            "totals": _parquet(result.totals),
            "groups": groups,
        },
    )


def load(analysis: NeedsAnalysis, spec: AnalysisSpec) -> synthesis.Analysis | None:
    """The stored analysis of the edition, or None when it has none."""
    stored = StoredResult.objects.filter(analysis=analysis).first()
    if stored is None:
        return None
    groups = {
        group: [
            synthesis.Sentence(
                s["text"],
                list(s["refs"]),
                s.get("kind", ""),
                float(s.get("strength", 0.0)),
                s.get("indicator", ""),
            )
            for s in sentences
        ]
        for group, sentences in stored.groups.items()
    }
    return synthesis.Analysis(
        spec=spec,
        prepared=_frame(stored.prepared),
        comparisons=_frame(stored.comparisons),
        flags=[synthesis.Flag(**flag) for flag in analysis.flags],
        totals=_frame(stored.totals),
        groups=groups,
    )


def is_stale(analysis: NeedsAnalysis, spec: AnalysisSpec) -> bool:
    """Whether new observations arrived since the edition was computed (drafts only)."""
    if analysis.is_final or not analysis.computed_at:
        return False
    return analysis.inputs_key != inputs_key(analysis, spec)


def rendered(document: Document, analysis: NeedsAnalysis, fmt: str, render: Any) -> bytes:
    """The document in ``fmt``, from the cache when the same document was rendered before."""
    digest = hashlib.sha256(repr(document).encode("utf-8")).hexdigest()[:32]
    folder = Path(settings.DATA_DIR) / "reports" / str(analysis.pk)
    path = folder / f"{digest}.{fmt}"
    if path.exists():
        return path.read_bytes()
    data: bytes = render(document, fmt)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"*.{fmt}"):
        old.unlink(missing_ok=True)
    temporary = path.with_suffix(f".{fmt}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
    return data

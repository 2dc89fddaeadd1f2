"""The report's charts on a real Kolada history: on the web, in the PDF and in Word."""

from __future__ import annotations

import io
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.utils import translation

from samordna.accounts.models import Association
from samordna.needs import report
from samordna.needs import settings as analysis_settings
from samordna.needs.models import AnalysisSettings
from samordna.reports import render
from tests.needs.test_chart_pages import _blocks, _kinds
from tests.needs.test_report import pdf_text
from tests.onboarding.conftest import ROSLAGEN
from tests.onboarding.test_report_on_real_history import _computed


def test_the_report_carries_its_charts_on_the_web_in_pdf_and_in_word(
    roslagen_with_data: Association, tmp_path: Path
) -> None:
    from docx import Document

    chosen = AnalysisSettings.objects.get(association=roslagen_with_data)
    analysis_settings.update(  # Täby (0160) beside Stockholm and Sigtuna
        roslagen_with_data,
        comparisons={m: ["0180", "0127"] if m == "0160" else [] for m in ROSLAGEN},
        similar={},
        region=chosen.region,
        history=5,
        thresholds=chosen.thresholds,
        items=[],
    )
    call_command(  # the comparison kommuner's figures too
        "kolada", "fetch", "--set", "finsam", "--association", "roslagen",
        "--years", "2010-2024", stdout=StringIO(),
    )  # fmt: skip
    document = report.build(_computed(roslagen_with_data))
    blocks = _blocks(document.sections)
    kinds = {type(b).__name__ for b in blocks}
    assert {"LineChart", "Chart", "DotRange"} <= kinds
    with translation.override("en"):  # a Swedish report for an English-speaking reader
        html = render(document, "html").decode()
    assert "jämförelsekommunernas spann" in html
    assert len(_kinds(html)) == len(blocks)
    word = Document(io.BytesIO(render(document, "docx")))
    assert len(word.inline_shapes) == len(blocks)
    text = pdf_text(render(document, "pdf"), tmp_path)
    # Words drawn only inside the SVGs: the dot-range legend and a line chart's legend.
    assert "jämförelsekommunernas spann" in text
    assert "Jämförelsekommuner (m…" in text  # the legend shortens long labels

"""The 2024 needs analysis of a new association with fifteen years of Kolada values."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from samordna.accounts.models import Association
from samordna.analysis.sentences import value_text
from samordna.audit.models import AuditEvent
from samordna.needs import report, services
from samordna.needs import settings as analysis_settings
from samordna.needs.models import AnalysisSettings, NeedsAnalysis
from samordna.reports import render
from samordna.statistics.models import Observation
from tests.needs.conftest import plain
from tests.onboarding.conftest import ROSLAGEN


def _computed(association: Association, year: int = 2024) -> NeedsAnalysis:
    analysis = services.create(association, year)
    services.compute(analysis)
    analysis.refresh_from_db()
    return analysis


def _latest_values(analysis: NeedsAnalysis) -> list[str]:
    """The latest total of every shown indicator for every member, as the database holds it."""
    spec = services.build_spec(analysis)
    texts = []
    for indicator in spec.indicators:
        if not indicator.shown:
            continue
        for code in ROSLAGEN:
            latest = (
                Observation.objects.filter(
                    indicator__code=indicator.code, area__code=code, gender="T", period__lte="2024"
                )
                .exclude(value=None)
                .order_by("-period")
                .first()
            )
            if latest is not None and latest.period == "2024":
                texts.append(value_text(float(latest.value or Decimal()), indicator))
    return texts


def test_the_report_holds_every_latest_value_the_synthesis_and_the_flag_markers(
    roslagen_with_data: Association, tmp_path: Path
) -> None:
    analysis = _computed(roslagen_with_data)
    document = report.build(analysis)
    html = plain(render(document, "html").decode())
    expected = _latest_values(analysis)
    assert len(expected) > 100
    for text in expected:
        assert plain(text) in html
    titles = [s.title for _level, s in document.walk()]
    for group in ("Behov av arbete", "Behov av försörjning", "Behov av utbildning"):
        assert group in titles
    synthesis = next(s for _l, s in document.walk() if s.title == "Behovsgrupper")
    assert len(synthesis.sections) == 4
    for group in synthesis.sections:
        assert any(not getattr(b, "style", "") and getattr(b, "refs", ()) for b in group.blocks)
    accepted = services.accepted(analysis)
    assert accepted
    marked = {c.key: c for t in document.tables() for row in t.rows for c in row if c.marker}
    assert set(accepted) <= set(marked)
    flags = {f["key"]: f for f in analysis.flags}
    for key in accepted:
        assert marked[key].text == value_text(
            flags[key]["value"], services.build_spec(analysis).indicator(flags[key]["indicator"])
        )
    method = plain(next(s for _l, s in document.walk() if s.title == "Metod").blocks[-1].text)
    assert "Uppgifterna hämtades" in " ".join(
        plain(b.text) for b in next(s for _l, s in document.walk() if s.title == "Metod").blocks
    )
    assert method


def test_pdf_tables_fit_the_page_and_pdf_and_docx_hold_the_latest_values(
    roslagen_with_data: Association, tmp_path: Path
) -> None:
    from samordna.reports import html as html_renderer
    from tests.layout import laid_out, problems

    analysis = _computed(roslagen_with_data)
    document = report.build(analysis)
    pages = laid_out(html_renderer.render(document))
    assert problems(pages) == []
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(pages.write_pdf())
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext is missing: install poppler-utils (.ci/run does)."
    pdftotext = [tool, "-layout", str(pdf), "-"]
    done = subprocess.run(pdftotext, capture_output=True, text=True, check=True)  # noqa: S603
    text = plain(done.stdout)
    expected = _latest_values(analysis)
    assert [v for v in expected if plain(v) not in text] == []
    docx = tmp_path / "r.docx"
    docx.write_bytes(render(document, "docx"))
    subprocess.run(  # noqa: S603
        ["soffice", "--headless", "--convert-to", "txt:Text", "--outdir", str(tmp_path), str(docx)],  # noqa: S607
        capture_output=True, check=True, timeout=180,
    )  # fmt: skip
    converted = plain((tmp_path / "r.txt").read_text(encoding="utf-8"))
    assert [v for v in expected if plain(v) not in converted] == []


def test_changing_comparisons_and_a_threshold_changes_the_next_flags(
    roslagen_with_data: Association,
) -> None:
    analysis = _computed(roslagen_with_data)
    before = {f["key"] for f in analysis.flags}
    chosen = AnalysisSettings.objects.get(association=roslagen_with_data)
    events = AuditEvent.objects.filter(association=roslagen_with_data).count()
    analysis_settings.update(
        roslagen_with_data,
        comparisons={m: ["0180", "0127"] if m == "0160" else [] for m in ROSLAGEN},
        similar={},
        region=chosen.region,
        history=5,
        thresholds={"ratio": 1.05, "min_difference": 0.5},
        items=[],
    )
    assert AuditEvent.objects.filter(association=roslagen_with_data).count() > events
    services.compute(analysis)
    analysis.refresh_from_db()
    after = {f["key"] for f in analysis.flags}
    assert after != before
    assert len(after) > len(before)
    assert analysis.spec["comparisons"]["0160"] == ["0180", "0127"]
    assert analysis.spec["thresholds"]["ratio"] == 1.05


def test_a_finalised_edition_keeps_its_settings(roslagen_with_data: Association) -> None:
    analysis = _computed(roslagen_with_data)
    done = services.finalise(analysis, None)
    flags, spec = list(done.flags), dict(done.spec)
    chosen = AnalysisSettings.objects.get(association=roslagen_with_data)
    analysis_settings.update(
        roslagen_with_data, comparisons={"0160": ["0180"]}, similar={}, region=chosen.region,
        history=3, thresholds={"ratio": 1.01}, items=[],
    )  # fmt: skip
    with pytest.raises(services.AnalysisError, match="fastställd"):
        services.compute(done)
    done.refresh_from_db()
    assert done.flags == flags
    assert done.spec == spec


def test_a_year_without_figures_is_refused_in_swedish(roslagen_with_data: Association) -> None:
    with pytest.raises(CommandError, match="inga uppgifter för 2030"):
        call_command("report", "--association", "roslagen", "--year", "2030", "--out", "-")
    assert not NeedsAnalysis.objects.filter(year=2030).exists()


def test_shares_change_in_procentenheter(roslagen_with_data: Association) -> None:
    analysis = _computed(roslagen_with_data)
    html = plain(render(report.build(analysis), "html").decode())
    assert "Förändring sedan 2023 (procentenheter)" in html
    assert "±: förändring sedan 2023, antal och %." in html
    table = next(
        t
        for t in report.build(analysis).tables()
        if t.caption == "Arbetslösa av befolkningen, 18-65 år, andel (%), 2024"
    )
    taby = next(row for row in table.rows if row[0].text == "Täby")
    values = {
        o.period: float(o.value)
        for o in Observation.objects.filter(
            indicator__code="N03920", area__code="0160", gender="T", period__in=["2023", "2024"]
        )
    }
    points = round(values["2024"] - values["2023"], 1)  # 13,4 % → 13,8 % is +0,4 points
    sign = "+" if points > 0 else "\u2212" if points < 0 else ""
    assert taby[-1].text == sign + f"{abs(points):.1f}".replace(".", ",")


def _settings_post(association: Association, **changes: object) -> dict[str, object]:
    """The settings form as the page shows it, with ``changes`` typed in."""
    from samordna.needs.settings_views import SettingsForm
    from samordna.statistics import catalog

    indicator_set = catalog.ensure_finsam_set(association)
    form = SettingsForm(
        initial=SettingsForm.initial_for(association, indicator_set),
        association=association,
        indicator_set=indicator_set,
    )
    data: dict[str, object] = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list):
            data[name] = value
        elif value is not None:
            data[name] = str(value).replace(".", ",")
    return data | changes


def test_the_settings_page_changes_the_next_flags_and_is_audited(
    roslagen_with_data: Association, django_capture_on_commit_callbacks: object
) -> None:
    from samordna.accounts.models import Membership, User
    from samordna.accounts.roles import Role
    from tests.conftest import client_for

    analyst = User.objects.create_user("analytiker@roslagen.example", "x", full_name="Analytiker")
    Membership.objects.create(user=analyst, association=roslagen_with_data, role=Role.ANALYST)
    analysis = _computed(roslagen_with_data)
    before = {f["key"] for f in analysis.flags}
    client = client_for(analyst)
    url = "/f/roslagen/behovsanalys/installningar/"
    page = client.get(url).content.decode()
    assert "finns inte bland Samordnas områden" in page  # no liknande kommuner known for Täby
    bad = client.post(url, _settings_post(roslagen_with_data, other_0160="Atlantis", t_ratio="0,5"))
    assert "Atlantis" in bad.content.decode()
    assert AnalysisSettings.objects.get(association=roslagen_with_data).comparisons["0160"] == []
    events = AuditEvent.objects.filter(association=roslagen_with_data).count()
    response = client.post(
        url, _settings_post(roslagen_with_data, other_0160="Stockholm, Huddinge", t_ratio="1,05")
    )
    assert response.status_code == 302
    chosen = AnalysisSettings.objects.get(association=roslagen_with_data)
    assert chosen.comparisons["0160"] == ["0180", "0126"]
    assert chosen.thresholds["ratio"] == 1.05
    changed = AuditEvent.objects.filter(association=roslagen_with_data).exclude(
        id__in=AuditEvent.objects.filter(association=roslagen_with_data).order_by("id")[:events]
    )
    assert changed.filter(object_repr__contains="analysinställningar").exists()
    assert client.post("/f/roslagen/behovsanalys/2024/berakna/").status_code == 302
    analysis.refresh_from_db()
    assert {f["key"] for f in analysis.flags} != before
    assert analysis.spec["comparisons"]["0160"] == ["0180", "0126"]


def test_a_derived_share_is_added_on_the_settings_page_and_reaches_the_report(
    roslagen_with_data: Association,
) -> None:
    from samordna.accounts.models import Membership, User
    from samordna.accounts.roles import Role
    from samordna.statistics.models import IndicatorSet
    from tests.conftest import client_for

    analyst = User.objects.create_user("analytiker@roslagen.example", "x", full_name="Analytiker")
    Membership.objects.create(user=analyst, association=roslagen_with_data, role=Role.ANALYST)
    client = client_for(analyst)
    url = "/f/roslagen/behovsanalys/installningar/"
    share = {
        "action": "add-derived",
        "title": "Biståndsmottagare per invånare 16–64 år",
        "numerator": ["N31824"],
        "denominator": ["N01713"],
        "needs_group": "livelihood",
    }
    refused = client.post(url, share | {"numerator": ["N31807"]})  # a rate, never summed
    assert refused.status_code == 200
    assert IndicatorSet.objects.get(association=roslagen_with_data).derived == []
    assert client.post(url, share).status_code == 302
    derived = IndicatorSet.objects.get(association=roslagen_with_data).derived
    assert [d["title"] for d in derived] == [share["title"]]
    analysis = _computed(roslagen_with_data)
    captions = [t.caption for t in report.build(analysis).tables()]
    assert f"{share['title']}, 2024 (andel (%))" in captions
    women = Observation.objects.get(
        indicator__code="N31824", area__code="0160", gender="T", period="2024"
    )
    people = Observation.objects.get(
        indicator__code="N01713", area__code="0160", gender="T", period="2024"
    )
    expected = f"{100 * float(women.value) / float(people.value):.1f}".replace(".", ",") + "\u00a0%"
    table = next(t for t in report.build(analysis).tables() if t.caption.startswith(share["title"]))
    taby = next(row for row in table.rows if row[0].text == "Täby")
    assert expected in [cell.text for cell in taby]

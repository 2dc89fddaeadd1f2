"""The board packet and minutes PDFs (read back with pdftotext) and the follow-up export
(opened by LibreOffice, whose computed totals must equal the database's sums)."""

from __future__ import annotations

import csv
import datetime
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.urls import reverse

from samordna.accounts.models import Association
from samordna.accounts.roles import Role
from samordna.assignments.models import Funding
from samordna.board.models import BoardMeeting, Decision
from tests.conftest import Cast, client_for


@pytest.fixture
def demo_year(cast: Cast) -> Association:
    call_command("demo", "--quiet")
    return cast.association


def _text(pdf: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    result = subprocess.run(  # noqa: S603 - poppler on our own file
        ["/usr/bin/pdftotext", "-layout", str(path), "-"],
        capture_output=True,
        check=True,
        timeout=60,
    )
    return " ".join(result.stdout.decode("utf-8").split())


def test_the_packet_holds_the_agenda_and_the_reports(
    cast: Cast, demo_year: Association, tmp_path: Path
) -> None:
    meeting = BoardMeeting.objects.filter(association=demo_year).order_by("held_on")[4]
    client = client_for(cast[Role.BOARD_MEMBER])
    url = reverse(
        "board:packet_pdf", kwargs={"slug": demo_year.slug, "board_meeting_id": meeting.pk}
    )
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    text = _text(response.content, tmp_path, "kallelse.pdf")
    assert f"Kallelse till styrelsemöte {meeting.held_on:%Y-%m-%d}" in text
    for item in meeting.items.all():
        assert f"§{item.position}" in text
        assert " ".join(item.title.split()[:3]) in text
    reports = [i.progress_report for i in meeting.items.all() if i.progress_report]
    assert reports, "the demo meeting has progress reports on its agenda"
    for report in reports:
        assert " ".join(report.activities.split()[:6]) in text
        assert "Upptäckter och insikter" in text


def test_the_minutes_hold_the_decisions_and_the_justering(
    cast: Cast, demo_year: Association, tmp_path: Path
) -> None:
    meeting = BoardMeeting.objects.filter(association=demo_year).order_by("held_on")[3]
    url = reverse(
        "board:minutes_pdf", kwargs={"slug": demo_year.slug, "board_meeting_id": meeting.pk}
    )
    text = _text(client_for(cast[Role.AUDITOR]).get(url).content, tmp_path, "protokoll.pdf")
    decisions = Decision.objects.filter(meeting=meeting)
    assert decisions.count() >= 3
    for decision in decisions:
        assert decision.registry_number in text
        assert " ".join(decision.text.split()[:5]) in text
    assert "Justerat " in text
    assert "Karin Sjöberg" in text
    assert "Implementering: delvis" in text


def test_the_follow_up_export_opens_in_libreoffice_with_the_database_totals(
    cast: Cast, demo_year: Association, tmp_path: Path
) -> None:
    client = client_for(cast[Role.DIRECTOR])
    xlsx = client.get(reverse("assignments:export_xlsx", kwargs={"slug": demo_year.slug}))
    source = tmp_path / "uppfoljning.xlsx"
    source.write_bytes(xlsx.content)
    subprocess.run(  # noqa: S603 - LibreOffice on our own file
        ["/usr/bin/soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--convert-to", "csv:Text - txt - csv (StarCalc):59,34,76,1", "--outdir",
         str(tmp_path), str(source)],
        capture_output=True, check=True, timeout=180,
    )  # fmt: skip
    rows = list(csv.reader((tmp_path / "uppfoljning.csv").open(encoding="utf-8"), delimiter=";"))
    header, total = rows[0], rows[-1]
    assert total[0] == "Summa"
    sums = Funding.objects.filter(assignment__association=demo_year).aggregate(
        proposed=Sum("proposed"), granted=Sum("granted"), spent=Sum("spent")
    )
    assert sums["granted"]
    assert sums["spent"]
    for column, key in (("Föreslaget (kr)", "proposed"), ("Beviljat (kr)", "granted"),
                        ("Utfall (kr)", "spent")):  # fmt: skip
        assert int(float(total[header.index(column)])) == sums[key], column
    assert len(rows) - 2 == Funding.objects.filter(assignment__association=demo_year).count()
    csv_export = client.get(reverse("assignments:export_csv", kwargs={"slug": demo_year.slug}))
    last = csv_export.content.decode("utf-8-sig").strip().splitlines()[-1].split(";")
    assert int(last[header.index("Beviljat (kr)")]) == sums["granted"]


def test_a_proposal_in_the_packet_carries_the_anchoring_once_and_no_repetition(
    cast: Cast, tmp_path: Path
) -> None:
    from samordna.assignments import lifecycle
    from samordna.board import documents
    from samordna.reports import render
    from tests.assignments.helpers import member, proposal

    a = proposal(cast)
    lifecycle.apply(a, "anchor", member(cast, Role.ANALYST))
    lifecycle.comment(
        a, member(cast, Role.PARTY_REPRESENTATIVE), "AF ställer en handläggare till förfogande."
    )
    lifecycle.apply(a, "ready", member(cast, Role.ANALYST))
    meeting = BoardMeeting.objects.create(
        association=cast.association,
        held_on=datetime.date(2030, 5, 14),
        reports_due_on=datetime.date(2030, 4, 30),
    )
    lifecycle.apply(a, "put_on_agenda", member(cast, Role.BOARD_SECRETARY), {"meeting": meeting.pk})
    text = _text(render(documents.packet(meeting), "pdf"), tmp_path, "kallelse.pdf")
    assert "Synpunkter från förankringen" in text
    assert "AF ställer en handläggare till förfogande." in text
    assert text.count(" ".join(a.background.split()[:5])) == 1  # the background once
    # The heading, then the table under its own caption (it said "Dagordning" twice).
    assert "Dagordning Ärenden 2030-05-14, med förslag till beslut" in text
    assert "Dagordning Dagordning" not in text

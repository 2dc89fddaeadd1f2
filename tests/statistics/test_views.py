"""The statistics pages: upload, check, confirm; template; export; sets."""

from __future__ import annotations

import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from samordna.accounts.roles import Role
from samordna.statistics.models import DataLoad, IndicatorSet, Observation
from tests.conftest import Cast, client_for

HEADER = "indicator,area,period,gender,value,status,source,indicator_title,unit\n"


def url(cast: Cast, name: str) -> str:
    return f"/f/{cast.association.slug}/statistik/{name}"


def test_upload_is_checked_then_confirmed(cast: Cast) -> None:
    client = client_for(cast[Role.ANALYST])
    body = HEADER + "WEB_X,1282,2019,T,12,ok,Test,Webbtest,antal\nWEB_X,1214,2019,T,<5,,Test,,\n"
    response = client.post(
        url(cast, "import/"), {"file": SimpleUploadedFile("web.csv", body.encode())}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "web.csv" in page
    assert "WEB_X" in page
    assert Observation.objects.count() == 0
    token = response.context["token"]
    response = client.post(url(cast, "import/"), {"token": token, "name": "web.csv"})
    assert response.status_code == 302
    assert Observation.objects.filter(indicator__code="WEB_X").count() == 2
    load = DataLoad.objects.get(outcome="done", file_name="web.csv")
    assert load.user == cast[Role.ANALYST]
    assert load.association == cast.association


def test_refused_upload_lists_every_error_with_row_and_column(cast: Cast) -> None:
    client = client_for(cast[Role.ANALYST])
    body = HEADER + "WEB_Y,1282,2019,T,tolv,ok,Test,Y,antal\nWEB_Y,1282,2019-14,T,1,ok,Test,,\n"
    response = client.post(
        url(cast, "import/"), {"file": SimpleUploadedFile("fel.csv", body.encode())}
    )
    page = response.content.decode()
    assert "Filen avvisades: 2 fel. Ingenting har sparats." in page
    problems = response.context["refused"].problems
    assert [(p.row, p.column) for p in problems] == [(2, "value"), (3, "period")]
    assert "”tolv” är inget tal" in page
    assert Observation.objects.count() == 0


def test_template_is_an_xlsx_the_import_reads(cast: Cast) -> None:
    response = client_for(cast[Role.BOARD_MEMBER]).get(url(cast, "mall.xlsx"))
    assert response.status_code == 200
    data = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["observationer", "instruktioner"]
    assert [c.value for c in book["observationer"][1]][:7] == [
        "indicator", "area", "period", "gender", "value", "status", "source"
    ]  # fmt: skip
    client = client_for(cast[Role.ANALYST])
    response = client.post(url(cast, "import/"), {"file": SimpleUploadedFile("mall.xlsx", data)})
    assert response.context["outcome"].total.new == 2


def test_export_download(cast: Cast) -> None:
    from samordna.statistics import demo

    demo.load()
    response = client_for(cast[Role.BOARD_MEMBER]).get(
        url(cast, "export/"),
        {"area": "1282", "period": "2019-06", "format": "csv", "indicator": ""},
    )
    assert response["Content-Type"].startswith("text/csv")
    assert "AF_SOKANDE,1282,2019-06,T,3805,ok" in response.content.decode()


def test_analyst_edits_the_finsam_set(cast: Cast) -> None:
    client = client_for(cast[Role.ANALYST])
    assert client.get(url(cast, "")).status_code == 200
    indicator_set = IndicatorSet.objects.get(association=cast.association, slug="finsam")
    size = indicator_set.items.count()
    response = client.post(
        url(cast, "uppsattningar/finsam/"), {"indicator": "N01963", "needs_group": "population"}
    )
    assert response.status_code == 302
    assert indicator_set.items.count() == size + 1
    response = client.post(
        url(cast, "uppsattningar/finsam/"), {"indicator": "NOPE", "needs_group": "work"}
    )
    assert (
        "There is no indicator NOPE" in response.content.decode()
        or "NOPE" in response.content.decode()
    )
    item = indicator_set.items.get(indicator__code="N01963")
    client.post(url(cast, f"uppsattningar/finsam/{item.pk}/ta-bort/"))
    assert indicator_set.items.count() == size
    board = client_for(cast[Role.BOARD_MEMBER])
    response = board.post(
        url(cast, "uppsattningar/finsam/"), {"indicator": "N01963", "needs_group": "work"}
    )
    assert response.status_code == 403


def test_api_lists_observations_with_provenance(cast: Cast) -> None:
    from samordna.statistics import demo
    from tests.conftest import api_client_for

    demo.load()
    client = api_client_for(cast[Role.BOARD_MEMBER])
    response = client.get(
        f"/api/v1/associations/{cast.association.slug}/statistics/observations",
        {"indicator": "U40800", "area": ["1282", "1214"]},
    )
    assert response.status_code == 200
    rows = {r["area"]: r for r in response.json()["items"]}
    assert Decimal(rows["1282"]["value"]) == Decimal(785)
    assert rows["1214"]["value"] is None
    assert rows["1214"]["status"] == "missing"
    assert rows["1282"]["source"] == "Kolada"
    assert rows["1282"]["retrieved_at"]
    outsider = api_client_for(cast.outsider)
    assert (
        outsider.get(
            f"/api/v1/associations/{cast.association.slug}/statistics/indicators"
        ).status_code
        == 404
    )

"""An analyst imports a file in a real browser; the statistics pages pass axe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from samordna.accounts.demo import LANDSKRONA_SVALOV
from samordna.accounts.roles import Role
from samordna.statistics.models import Observation
from tests.browser.conftest import log_in, serious

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BASE = "/f/landskrona-svalov/statistik/"


def test_analyst_checks_and_imports_a_file(page: Any, demo_site: str, tmp_path: Path) -> None:
    from samordna.statistics import demo

    demo.load()
    analyst = next(p for p in LANDSKRONA_SVALOV.people if p.role == Role.ANALYST)
    log_in(page, demo_site, analyst.email)
    violations = {}
    page.goto(demo_site + BASE)
    violations["home"] = serious(page)
    page.get_by_role("link", name="Importera en fil").click()
    violations["import"] = serious(page)
    upload = tmp_path / "sfi.csv"
    upload.write_text(
        "indicator;area;period;gender;value;status;source;indicator_title;unit\n"
        "SKV_SFI_ELEVER;1282;2019;T;1 102;;Skolverket;;\n"
        "SKV_SFI_ELEVER;1214;2019;T;<5;;Skolverket;;\n",
        encoding="utf-8",
    )
    page.get_by_label("Fil (CSV eller XLSX)").set_input_files(str(upload))
    page.get_by_role("button", name="Kontrollera filen").click()
    assert page.get_by_text("sfi.csv har inga fel").is_visible()
    violations["check"] = serious(page)
    assert not Observation.objects.filter(period="2019", indicator__code="SKV_SFI_ELEVER").exists()
    page.get_by_role("button", name="Importera", exact=True).click()
    assert page.get_by_text("Importerade sfi.csv: 2 nya").is_visible()
    assert (
        Observation.objects.get(
            period="2019", area__code="1282", indicator__code="SKV_SFI_ELEVER"
        ).value
        == 1102
    )
    for name, path in [
        ("indicator", "indikatorer/AF_SOKANDE/"),
        ("set", "uppsattningar/finsam/"),
        ("export", "export/"),
    ]:
        page.goto(demo_site + BASE + path)
        violations[name] = serious(page)
    failing = {name: found for name, found in violations.items() if found}
    assert failing == {}

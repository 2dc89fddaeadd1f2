"""A national administrator creates a förbund; its director arrives from the invitation."""

from __future__ import annotations

import re
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from samordna.accounts.models import Association, User
from samordna.needs.models import AnalysisSettings
from tests.browser.conftest import serious
from tests.fakes import FakeKolada

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_national_admin_creates_a_forbund_and_its_director_sets_comparisons(
    page: Any, live_server: Any, settings: Any, tmp_path: Any
) -> None:
    settings.DATA_DIR = tmp_path / "data"
    site = str(live_server.url)
    call_command("demo", "--quiet")
    admin = User.objects.create_user(
        "admin-test@samordna.example", "ett-langt-losenord", full_name="Nationell administratör"
    )
    admin.is_national_admin = True
    admin.save()
    violations = {}
    page.goto(site + "/")
    page.get_by_label("E-postadress").fill(admin.email)
    page.get_by_label("Lösenord").fill("ett-langt-losenord")
    page.get_by_role("button", name="Logga in").click()
    page.goto(site + "/nationellt/nytt-forbund/")
    violations["new association"] = serious(page)
    page.get_by_label("Kända förbund").select_option(label="Samordningsförbundet Roslagen")
    page.get_by_role("button", name="Fyll i formuläret").click()
    assert page.get_by_label("Medlemskommun 1").input_value() == "Danderyd (0162)"
    page.get_by_label("E-postadress till den första förbundschefen").fill("chef@roslagen.example")
    page.get_by_label("Förbundschefens namn").fill("Ada Lind")
    page.get_by_role("button", name="Skapa förbundet").click()
    assert page.get_by_text("Samordningsförbundet Roslagen är skapat").is_visible()
    violations["association list"] = serious(page)
    association = Association.objects.get(slug="roslagen")
    assert len(association.member_municipalities) == 6
    invitation = next(m for m in mail.outbox if m.to == ["chef@roslagen.example"])
    assert "Samordningsförbundet Roslagen" in invitation.subject
    link = re.search(r"https?://\S+/konto/aterstall/\S+", invitation.body)
    assert link is not None
    # The director arrives from the invitation in a browser of their own.
    context = page.context.browser.new_context()
    director = context.new_page()
    director.goto(link.group(0).replace("http://testserver", site))
    director.locator("#id_new_password1").fill("roslagen-chefens-losenord")
    director.locator("#id_new_password2").fill("roslagen-chefens-losenord")
    director.locator("main").get_by_role("button").click()
    director.wait_for_load_state()
    director.goto(site + "/")
    director.get_by_label("E-postadress").fill("chef@roslagen.example")
    director.get_by_label("Lösenord").fill("roslagen-chefens-losenord")
    director.get_by_role("button", name="Logga in").click()
    director.goto(site + "/f/roslagen/behovsanalys/installningar/")
    violations["settings"] = serious(director)
    director.get_by_label("Andra jämförelsekommuner").first.fill("Stockholm, Sollentuna")
    director.get_by_role("button", name="Spara inställningarna").click()
    assert director.get_by_text("Inställningarna är sparade").is_visible()
    chosen = AnalysisSettings.objects.get(association=association)
    assert chosen.comparisons["0162"] == ["0180", "0163"]
    director.goto(site + "/f/roslagen/behovsanalys/")
    director.get_by_label("År").fill("2024")
    director.get_by_role("button", name="Starta").click()
    assert director.get_by_text("Det finns inga uppgifter för 2024").is_visible()
    violations["report without figures"] = serious(director)
    with FakeKolada(generated=True).serve() as kolada:  # the analyst fetches the figures
        settings.KOLADA_URL = f"{kolada.url}/v3"
        settings.SOURCES_RATE = 10_000.0
        call_command(
            "kolada", "fetch", "--association", "roslagen", "--years", "2020-2024",
            stdout=StringIO(),
        )  # fmt: skip
    director.reload()
    director.get_by_role("button", name="Räkna om från data").click()
    assert director.get_by_role("heading", name="Behovsanalys 2024", level=1).is_visible()
    assert director.get_by_role("heading", name="Behov av arbete").first.is_visible()
    assert "Täby jämförs med" in director.content() or "Danderyd jämförs med" in director.content()
    violations["report"] = serious(director)
    context.close()
    assert violations == dict.fromkeys(violations, [])

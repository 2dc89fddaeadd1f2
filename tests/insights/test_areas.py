"""Collaboration areas: the 17 rows of 2019, the matrix, the change since the year before."""

from __future__ import annotations

import re

from django.core.management import call_command

from samordna.accounts.roles import Role
from samordna.audit.models import AuditEvent
from samordna.insights.models import CollaborationArea, Interview, Quality
from tests.conftest import Cast, client_for


def test_demo_matrix_shows_the_17_rows_of_2019(cast: Cast) -> None:
    call_command("demo", "--quiet")
    areas = CollaborationArea.objects.filter(association=cast.association, year=2019)
    assert areas.count() == 17
    assert areas.get(position=1).get_quality_display() == "mycket låg"
    assert areas.get(position=9).quality == Quality.GOOD
    page = client_for(cast[Role.DIRECTOR]).get(f"/f/{cast.association.slug}/samverkansytor/")
    text = page.content.decode()
    assert page.status_code == 200
    assert text.count('<th scope="row">(långtids-)sjukskrivna</th>') >= 4
    for label in ("mycket låg", "varierande", "under utveckling", "bra"):
        assert label in text
    assert "strategiskt bra, operativt låg" in text


def test_change_since_the_year_before_and_filter_by_party(cast: Cast) -> None:
    call_command("demo", "--quiet")
    analyst = client_for(cast[Role.ANALYST])
    region = cast.association.parties.get(name="Region Skåne")
    staff = Interview.objects.filter(association=cast.association, kind="staff").first()
    assert staff is not None
    response = analyst.post(
        f"/f/{cast.association.slug}/samverkansytor/ny/",
        {
            "year": 2020,
            "situation": "(långtids-)sjukskrivna",
            "main_actor": "primärvård",
            "main_party": region.pk,
            "partner_actor": "försäkringskassan",
            "quality": Quality.OK,
            "comment": "Gemensamma avstämningsmöten sedan hösten.",
            "interviews": [staff.pk],
            "sources": "Gruppintervju med rehabkoordinatorerna",
        },
    )
    assert response.status_code == 302
    page = analyst.get(f"/f/{cast.association.slug}/samverkansytor/?year=2020").content.decode()
    assert "bättre (var mycket låg)" in page
    # The sources are traceable: the interview is a link, the rest is told.
    link = f'<a href="/f/{cast.association.slug}/intervjuer/{staff.pk}/">{staff}</a>'
    assert f"{link}; Gruppintervju med rehabkoordinatorerna" in page
    made = CollaborationArea.objects.get(year=2020)
    assert AuditEvent.objects.filter(
        content_type__model="collaborationarea",
        object_id=str(made.pk),
        changes__has_key="interviews",
    ).exists()
    only_region = analyst.get(
        f"/f/{cast.association.slug}/samverkansytor/?year=2019&party={region.pk}"
    ).content.decode()
    assert "primärvård</td>" in only_region
    assert "vuxenutbildning</td><td>arbetsmarknad" not in only_region


def test_a_comment_with_a_personnummer_is_refused(cast: Cast) -> None:
    analyst = client_for(cast[Role.ANALYST])
    response = analyst.post(
        f"/f/{cast.association.slug}/samverkansytor/ny/",
        {
            "year": 2020,
            "situation": "Arbetslös",
            "main_actor": "AF",
            "partner_actor": "socialtjänst",
            "quality": Quality.LOW,
            "comment": "Gäller 850709-9805.",
        },
    )
    assert response.status_code == 200
    assert "personnummer" in response.content.decode()
    assert not CollaborationArea.objects.filter(comment__contains="9805").exists()


def test_the_matrix_columns_are_the_parties_each_once(cast: Cast) -> None:
    call_command("demo", "--quiet")
    page = client_for(cast[Role.DIRECTOR]).get(f"/f/{cast.association.slug}/samverkansytor/")
    text = page.content.decode()
    head = text[text.index('<table class="matrix">') : text.index("</thead>")]
    columns = re.findall(r'<th scope="col">([^<]+)</th>', head)[2:]
    assert "Arbetsförmedlingen" in columns
    assert "AF" not in columns
    assert "arbetsförmedling" not in columns
    assert len(columns) == len(set(columns))


def test_two_units_of_one_party_share_its_column_and_say_which_is_which(cast: Cast) -> None:
    region = cast.association.parties.get(name="Region Skåne")
    for partner, quality in (("primärvård", Quality.LOW), ("psykiatri", Quality.GOOD)):
        CollaborationArea.objects.create(
            association=cast.association, year=2031, situation="Unga vuxna", main_actor="AF",
            partner_actor=partner, partner_party=region, quality=quality,
        )  # fmt: skip
    page = client_for(cast[Role.DIRECTOR]).get(
        f"/f/{cast.association.slug}/samverkansytor/", {"year": 2031}
    )
    text = page.content.decode()
    head = text[text.index('<table class="matrix">') : text.index("</thead>")]
    assert re.findall(r'<th scope="col">([^<]+)</th>', head)[2:] == ["Region Skåne"]
    assert "låg (primärvård)" in text
    assert "bra (psykiatri)" in text

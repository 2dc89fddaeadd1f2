"""`samordna demo` loads both associations and a second run changes nothing."""

from __future__ import annotations

from io import StringIO

from django.apps import apps
from django.core.management import call_command

from samordna.accounts.demo import LANDSKRONA_SVALOV
from samordna.accounts.models import Association, Membership, Unit
from samordna.accounts.roles import Role
from samordna.audit.models import AuditEvent


def _row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def test_demo_loads_the_association_of_the_domain_and_prints_every_login(db: None) -> None:
    out = StringIO()
    call_command("demo", stdout=out)
    association = Association.objects.get(slug="landskrona-svalov")
    assert association.member_municipalities == ["1282", "1214"]
    assert association.region_code == "0012"
    assert set(association.parties.values_list("name", flat=True)) == {
        "Landskrona stad",
        "Svalövs kommun",
        "Region Skåne",
        "Arbetsförmedlingen",
        "Försäkringskassan",
    }
    units = Unit.objects.filter(party__association=association)
    assert units.filter(name__startswith="Vårdcentral").count() == 5
    assert units.filter(name="Socialförvaltningen i Svalöv", party__name="Svalövs kommun").exists()
    assert set(
        Membership.objects.filter(association=association).values_list("role", flat=True)
    ) == set(Role)
    text = out.getvalue()
    for person in LANDSKRONA_SVALOV.people:
        assert person.email in text
    assert "forbundschef@trelleborg.example" in text
    assert AuditEvent.objects.filter(association=association, actor_label="samordna demo").exists()


def test_running_demo_twice_changes_nothing(db: None) -> None:
    call_command("demo", "--quiet")
    before = _row_counts()
    call_command("demo", "--quiet")
    assert _row_counts() == before


def test_the_two_demo_associations_share_no_people(db: None) -> None:
    call_command("demo", "--quiet")
    a = set(
        Membership.objects.filter(association__slug="landskrona-svalov").values_list(
            "user", flat=True
        )
    )
    b = set(
        Membership.objects.filter(association__slug="trelleborg").values_list("user", flat=True)
    )
    assert a
    assert b
    assert not (a & b)

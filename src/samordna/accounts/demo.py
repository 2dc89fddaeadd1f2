"""The demo associations of docs/domain.md: organisation, parties, units and people.

Idempotent: a second run finds everything in place and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from samordna.accounts.models import Association, Membership, Party, Unit, User
from samordna.accounts.roles import Role

DEMO_PASSWORD = "samordna-demo"  # noqa: S105 - published demo logins, printed by `samordna demo`

K, R, AF, FK = (
    Party.Kind.MUNICIPALITY,
    Party.Kind.REGION,
    Party.Kind.EMPLOYMENT_SERVICE,
    Party.Kind.SOCIAL_INSURANCE,
)


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    title: str
    role: Role
    party: str = ""
    unit: str = ""


@dataclass(frozen=True)
class DemoAssociation:
    name: str
    slug: str
    municipalities: tuple[str, ...]
    region_code: str
    parties: tuple[tuple[str, Party.Kind, str], ...]
    units: tuple[tuple[str, str, str], ...]  # (party, unit, description)
    people: tuple[DemoPerson, ...]


_LS = "landskrona-svalov.example"

LANDSKRONA_SVALOV = DemoAssociation(
    name="Samordningsförbundet Landskrona Svalöv",
    slug="landskrona-svalov",
    municipalities=("1282", "1214"),
    region_code="0012",
    parties=(
        ("Landskrona stad", K, "1282"),
        ("Svalövs kommun", K, "1214"),
        ("Region Skåne", R, "0012"),
        ("Arbetsförmedlingen", AF, ""),
        ("Försäkringskassan", FK, ""),
    ),
    # The units interviewed for the 2019 needs analysis (seed 002, "Metod").
    units=(
        ("Region Skåne", "Vårdcentral 1", "Vårdcentral i Region Skånes regi."),
        ("Region Skåne", "Vårdcentral 2", "Vårdcentral i Region Skånes regi."),
        ("Region Skåne", "Vårdcentral 3", "Vårdcentral i Region Skånes regi."),
        ("Region Skåne", "Vårdcentral 4", "Vårdcentral i Region Skånes regi."),
        (
            "Region Skåne",
            "Vårdcentral 5 (privat vårdgivare)",
            "Privat vårdcentral inom Hälsoval Skåne.",
        ),
        ("Region Skåne", "Psykiatri Skåne", ""),
        ("Landskrona stad", "Utbildningsförvaltningen i Landskrona", ""),
        ("Landskrona stad", "Socialförvaltningen i Landskrona", ""),
        ("Landskrona stad", "Arbetsmarknadsförvaltningen i Landskrona", ""),
        (
            "Landskrona stad",
            "ESF-projekt arbetsmarknad Landskrona",
            "ESF-finansierat projekt (Enkla jobb).",
        ),
        ("Svalövs kommun", "Utbildningsförvaltningen i Svalöv", ""),
        ("Svalövs kommun", "Socialförvaltningen i Svalöv", ""),
        ("Arbetsförmedlingen", "Arbetsförmedlingen Landskrona Svalöv", ""),
        ("Försäkringskassan", "Försäkringskassan", "Lokalt försäkringscenter."),
    ),
    people=(
        DemoPerson(f"forbundschef@{_LS}", "Eva Lindqvist", "Förbundschef", Role.DIRECTOR),
        DemoPerson(
            f"analytiker@{_LS}", "Amir Haddad", "Utredare, innovationsgruppen", Role.ANALYST
        ),
        DemoPerson(
            f"ledamot@{_LS}",
            "Karin Sjöberg",
            "Styrelseledamot",
            Role.BOARD_MEMBER,
            "Landskrona stad",
        ),
        DemoPerson(
            f"sekreterare@{_LS}", "Lars Nilsson", "Styrelsesekreterare", Role.BOARD_SECRETARY
        ),
        DemoPerson(
            f"uppdragsledare@{_LS}",
            "Sara Öberg",
            "Uppdragsledare",
            Role.ASSIGNMENT_LEAD,
            "Landskrona stad",
            "Arbetsmarknadsförvaltningen i Landskrona",
        ),
        DemoPerson(
            f"chef@{_LS}",
            "Johan Berg",
            "Enhetschef",
            Role.MANAGER,
            "Landskrona stad",
            "Arbetsmarknadsförvaltningen i Landskrona",
        ),
        DemoPerson(
            f"partsrepresentant@{_LS}",
            "Maria Holm",
            "Sektionschef, beredningsgruppen",
            Role.PARTY_REPRESENTATIVE,
            "Arbetsförmedlingen",
            "Arbetsförmedlingen Landskrona Svalöv",
        ),
        DemoPerson(f"revisor@{_LS}", "Per Ek", "Förtroendevald revisor", Role.AUDITOR),
        # A second lead and manager, so that "own assignments" can be seen in the demo.
        DemoPerson(
            f"uppdragsledare2@{_LS}",
            "Nadia Karimi",
            "Uppdragsledare",
            Role.ASSIGNMENT_LEAD,
            "Svalövs kommun",
            "Socialförvaltningen i Svalöv",
        ),
        DemoPerson(
            f"chef2@{_LS}",
            "Anders Lund",
            "Verksamhetschef",
            Role.MANAGER,
            "Svalövs kommun",
            "Socialförvaltningen i Svalöv",
        ),
    ),
)

_TB = "trelleborg.example"

TRELLEBORG = DemoAssociation(
    name="Samordningsförbundet Trelleborg",
    slug="trelleborg",
    municipalities=("1287",),
    region_code="0012",
    parties=(
        ("Trelleborgs kommun", K, "1287"),
        ("Region Skåne", R, "0012"),
        ("Arbetsförmedlingen", AF, ""),
        ("Försäkringskassan", FK, ""),
    ),
    units=(("Trelleborgs kommun", "Arbetsmarknadsenheten i Trelleborg", ""),),
    people=(
        DemoPerson(f"forbundschef@{_TB}", "Olof Persson", "Förbundschef", Role.DIRECTOR),
        DemoPerson(f"analytiker@{_TB}", "Lina Svensson", "Processledare", Role.ANALYST),
    ),
)

DEMO_ASSOCIATIONS = (LANDSKRONA_SVALOV, TRELLEBORG)


NATIONAL_ADMIN = "nationell@samordna.example"


def load() -> list[tuple[str, DemoPerson]]:
    """Create or complete the demo associations; return (association, person) logins.

    Also the national administrator, who creates new associations.
    """
    if not User.objects.filter(email=NATIONAL_ADMIN).exists():
        User.objects.create_user(
            email=NATIONAL_ADMIN,
            password=DEMO_PASSWORD,
            full_name="Nationell administratör",
            is_national_admin=True,
        )
    logins = []
    for spec in DEMO_ASSOCIATIONS:
        association = _association(spec)
        parties = {
            name: Party.objects.get_or_create(
                association=association, name=name, defaults={"kind": kind, "area_code": code}
            )[0]
            for name, kind, code in spec.parties
        }
        units = {
            name: Unit.objects.get_or_create(
                party=parties[party], name=name, defaults={"description": description}
            )[0]
            for party, name, description in spec.units
        }
        for person in spec.people:
            _member(association, person, parties, units)
            logins.append((association.name, person))
    return logins


def _association(spec: DemoAssociation) -> Association:
    association, _created = Association.objects.get_or_create(
        slug=spec.slug,
        defaults={
            "name": spec.name,
            "member_municipalities": list(spec.municipalities),
            "region_code": spec.region_code,
        },
    )
    from samordna.accounts.onboarding import prepare

    prepare(association)
    return association


def _member(
    association: Association,
    person: DemoPerson,
    parties: dict[str, Party],
    units: dict[str, Unit],
) -> None:
    user = User.objects.filter(email=person.email).first()
    if user is None:
        user = User.objects.create_user(
            email=person.email,
            password=DEMO_PASSWORD,
            full_name=person.full_name,
            title=person.title,
        )
    Membership.objects.get_or_create(
        user=user,
        association=association,
        defaults={
            "role": person.role,
            "party": parties.get(person.party),
            "unit": units.get(person.unit),
        },
    )

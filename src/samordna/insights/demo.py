"""Demo: the 17 collaboration areas of the 2019 report (seed 002, "Samverkansytor")."""

from __future__ import annotations

from samordna.accounts.models import Association
from samordna.insights import insight_demo, interview_demo, staff_demo
from samordna.insights.models import CollaborationArea, Quality

Q = Quality
# (situation, main actor, collaborating actor, quality, comment) as the report gives them.
ROWS_2019 = (
    ("(långtids-)sjukskrivna", "primärvård", "försäkringskassan", Q.VERY_LOW, ""),
    ("(långtids-)sjukskrivna", "försäkringskassan", "primärvård", Q.VARYING, "personberoende"),
    ("(långtids-)sjukskrivna", "primärvård", "arbetsförmedling", Q.OK, ""),
    ("(långtids-)sjukskrivna", "primärvård", "socialtjänst", Q.VARYING, "personberoende"),
    ("(ung) psykisk ohälsa", "primärvård", "psykiatri", Q.LOW, ""),
    (
        "(ung) psykisk ohälsa",
        "psykiatri",
        "kommunerna",
        Q.VARYING,
        "olika organisationer i olika kommuner",
    ),
    ("Arbetslös", "AF", "primärvård/psykiatri", Q.LOW, ""),
    ("Arbetslös (behov av utbildning)", "vuxenutbildning", "AF", Q.LOW, ""),
    ("Arbetslös (behov av utbildning)", "vuxenutbildning", "arbetsmarknad", Q.GOOD, ""),
    (
        "Arbetslös (behov av utbildning)",
        "vuxenutbildning",
        "primärvård och psykiatri",
        Q.VERY_LOW,
        "",
    ),
    ("Arbetslös (försörjningsstöd)", "socialtjänst", "AF", Q.OK, ""),
    ("Arbetslös (försörjningsstöd)", "socialtjänst", "primärvård", Q.OK, ""),
    ("Arbetslös (försörjningsstöd)", "socialtjänst", "arbetsmarknad", Q.DEVELOPING, ""),
    ("Arbetslös (försörjningsstöd)", "socialtjänst", "vuxenutbildning", Q.LOW, ""),
    ("Unga med funktionsnedsättning", "utbildning", "försäkringskassan", Q.GOOD, ""),
    (
        "Arbetslös (arbetsmarknadsinriktad insats)",
        "arbetsmarknad",
        "AF",
        Q.VARYING,
        "strategiskt bra, operativt låg",
    ),
    (
        "Arbetslös (arbetsmarknadsinriktad insats)",
        "arbetsmarknad",
        "socialtjänsten",
        Q.DEVELOPING,
        "",
    ),
)
PARTY_OF = {
    "primärvård": "Region Skåne",
    "psykiatri": "Region Skåne",
    "primärvård/psykiatri": "Region Skåne",
    "primärvård och psykiatri": "Region Skåne",
    "försäkringskassan": "Försäkringskassan",
    "arbetsförmedling": "Arbetsförmedlingen",
    "AF": "Arbetsförmedlingen",
}
SOURCES = "Intervjurundan maj–juni 2019 (16 respondenter) och samtal med förbundschefen."


def load() -> None:
    association = Association.objects.filter(slug="landskrona-svalov").first()
    if association is None:
        return
    interview_demo.load(association)
    insight_demo.load(association)
    staff_demo.load(association)
    if association.collaboration_areas.filter(year=2019).exists():
        return
    parties = {p.name: p for p in association.parties.all()}
    for number, (situation, main, partner, quality, comment) in enumerate(ROWS_2019, start=1):
        CollaborationArea.objects.create(
            association=association,
            year=2019,
            situation=situation,
            main_actor=main,
            partner_actor=partner,
            main_party=parties.get(PARTY_OF.get(main, "")),
            partner_party=parties.get(PARTY_OF.get(partner, "")),
            quality=quality,
            comment=comment,
            sources=SOURCES,
            position=number,
        )

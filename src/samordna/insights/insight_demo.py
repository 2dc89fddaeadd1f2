"""Demo insights drawn from the working method's reflections (seed 003) and the interviews."""

from __future__ import annotations

from datetime import date

from samordna.accounts.models import Association, User
from samordna.accounts.roles import Role
from samordna.insights.models import Insight, Interview, LeadsMeeting, Tag

TAGS = (
    ("Arbetssätt", None, "Hur förbundet arbetar med behovsanalys, uppdrag och stöd."),
    ("Intervjuer", "Arbetssätt", "Lärdomar om att intervjua användare och medarbetare."),
    ("Implementering", "Arbetssätt", "Att det som uppdragen skapar blir en del av driften."),
    ("Roller och ansvar", "Arbetssätt", "Vem som äger, leder och stödjer ett uppdrag."),
    ("Bemötande", None, "Hur användarna blir mötta av myndigheterna."),
    ("Samordning", None, "Hur parterna håller ihop stödet kring en person."),
)
# (text, date, source, tags, needs groups, parties)
INSIGHTS = (
    ("De som intervjuas i behovsanalysen behöver vara väl insatta i vad förbundet är till för.",
     date(2019, 9, 2), Insight.Source.OTHER, ("Intervjuer",), (), ()),
    ("Gruppintervjuer med flera kommunala verksamheter belyser interna samverkansytor, eller bristen på dem.",
     date(2019, 9, 2), Insight.Source.OTHER, ("Intervjuer", "Samordning"), (), ("Landskrona stad", "Svalövs kommun")),
    ("En extern aktör som gör kartläggningen får också en ärligare skattning av förbundets arbete.",
     date(2019, 9, 2), Insight.Source.OTHER, ("Arbetssätt",), (), ()),
    ("Intervjuer med användare tar mer tid än planerat: frågorna måste testköras och formuleras om.",
     date(2020, 2, 14), Insight.Source.INTERVIEW, ("Intervjuer",), (), ()),
    ("Användarna har ofta misstro mot myndigheter men delar generöst när de får berätta med egna ord.",
     date(2020, 2, 14), Insight.Source.INTERVIEW, ("Bemötande", "Intervjuer"), ("work",), ()),
    ("En kontaktperson som ungdomen litar på håller ihop kontakterna med flera myndigheter.",
     date(2020, 2, 20), Insight.Source.INTERVIEW, ("Samordning", "Bemötande"), ("work", "livelihood"), ("Landskrona stad",)),
    ("Implementeringen behöver diskuteras tidigt i uppdraget, och ledningen måste ta ställning.",
     date(2020, 3, 2), Insight.Source.OTHER, ("Implementering",), (), ()),
    ("Parterna äger sina uppdrag; förbundets stöd är inte arbetsledning.",
     date(2020, 3, 9), Insight.Source.LEADS_MEETING, ("Roller och ansvar",), (), ()),
    ("Skrivarbetet i rollen som uppdragsledare underskattas; det är där analysen görs.",
     date(2020, 3, 9), Insight.Source.LEADS_MEETING, ("Roller och ansvar",), (), ()),
    ("Ju mer konkret en uppdragsledare beskriver vad hen gör och vilka skav som uppstått, desto bättre råd från gruppen.",
     date(2020, 3, 9), Insight.Source.LEADS_MEETING, ("Arbetssätt",), (), ()),
    ("Chefer behöver stöd i att förankra FINSAM-uppdragen bland övriga medarbetare.",
     date(2020, 3, 16), Insight.Source.OTHER, ("Implementering",), (), ()),
)  # fmt: skip


def load(association: Association) -> None:
    if association.insights.exists():
        return
    tags: dict[str, Tag] = {}
    for name, parent, description in TAGS:
        tags[name] = Tag.objects.create(
            association=association,
            name=name,
            parent=tags.get(parent) if parent else None,
            description=description,
        )
    parties = {p.name: p for p in association.parties.all()}
    meeting = LeadsMeeting.objects.create(
        association=association,
        held_on=date(2020, 3, 9),
        guests="Familjecentralen i Landskrona (utan finansiering)",
        per_assignment=(
            "Unga vidare: intervjuer med KAA-ungdomar tillsammans med skolan.\n"
            "Samordnad rehabilitering: gemensamma avstämningar med vårdcentralerna."
        ),
    )
    meeting.attendees.set(
        User.objects.filter(
            memberships__association=association,
            memberships__role__in=(Role.ASSIGNMENT_LEAD, Role.DIRECTOR),
        )
    )
    first_user = association.interviews.filter(kind=Interview.Kind.USER).first()
    for text, noted, source, tag_names, groups, party_names in INSIGHTS:
        insight = Insight.objects.create(
            association=association,
            text=text,
            noted_on=noted,
            source=source,
            meeting=meeting if source == Insight.Source.LEADS_MEETING else None,
            interview=first_user if source == Insight.Source.INTERVIEW else None,
            source_note=str(meeting) if source == Insight.Source.LEADS_MEETING else "",
            needs_groups=list(groups),
        )
        insight.tags.set([tags[n] for n in tag_names])
        insight.parties.set([parties[n] for n in party_names if n in parties])

"""Demo interviews: the 2019 respondents by unit and the 22 young people of February 2020.

The notes are invented for the demo but follow the working method (seed 003)
and the February newsletter (seed 000): 8 young people with ekonomiskt
bistånd, 7 in the kommunala aktivitetsansvaret (KAA), 7 in daglig
verksamhet. Service users are anonymous: an alias, an age band, the parties
they meet. Nothing here identifies anyone.
"""

from __future__ import annotations

from datetime import date, timedelta

from samordna.accounts.models import Association, Unit
from samordna.insights.models import Interview, InterviewGuide, Quote, Respondent

STAFF_GUIDE = (
    "Intervjuguide: medarbetare hos parterna (behovsanalys)",
    InterviewGuide.Audience.STAFF,
    "Vi kartlägger behov och samverkan inför förbundets behovsanalys. Svaren sammanställs utan "
    "namn.",
    "\n".join(
        (
            "Berätta om din verksamhet och vilka personer ni möter.",
            "Vilka behov ser ni som ni inte kan möta på egen hand?",
            "Med vilka andra parter samverkar ni kring samma personer, och hur fungerar det?",
            "Kan du ge ett exempel på när samverkan fungerade bra, och när den inte gjorde det?",
            "Vilka grupper faller mellan stolarna i dag?",
            "Hur ser du på samordningsförbundets roll i dag och framöver?",
        )
    ),
)
USER_GUIDE = (
    "Intervjuguide: användare om kontakten med myndigheterna",
    InterviewGuide.Audience.USERS,
    "Vi vill förstå hur du upplever kontakten med myndigheterna för att göra stödet bättre. "
    "Du är anonym, du kan avbryta när du vill, och en inspelning raderas så fort vi bearbetat den.",
    "\n".join(
        (
            "Berätta om din situation just nu, med egna ord.",
            "Vilka myndigheter och verksamheter har du kontakt med?",
            "Hur har du blivit bemött? Berätta om ett möte som kändes bra och ett som inte gjorde "
            "det.",
            "Vad har hjälpt dig mest framåt, och vad har stått i vägen?",
            "Om du fick bestämma: hur skulle stödet se ut?",
            "Är det något mer du vill att vi ska veta?",
        )
    ),
)

# (unit name, role) of the 16 respondents of 2019 (seed 002, "Metod").
RESPONDENTS_2019 = (
    ("Vårdcentral 1", "Verksamhetschef"),
    ("Vårdcentral 2", "Rehabkoordinator"),
    ("Vårdcentral 3", "Kurator"),
    ("Vårdcentral 4", "Verksamhetschef"),
    ("Vårdcentral 5 (privat vårdgivare)", "Rehabkoordinator"),
    ("Utbildningsförvaltningen i Landskrona", "Rektor vuxenutbildningen"),
    ("Arbetsförmedlingen Landskrona Svalöv", "Sektionschef"),
    ("Psykiatri Skåne", "Enhetschef öppenvård"),
    ("Försäkringskassan", "Teamledare sjukförsäkring"),
    ("Socialförvaltningen i Landskrona", "Enhetschef ekonomiskt bistånd"),
    ("Utbildningsförvaltningen i Svalöv", "Samordnare KAA"),
    ("Socialförvaltningen i Landskrona", "Enhetschef barn och unga"),
    ("Arbetsmarknadsförvaltningen i Landskrona", "Avdelningschef"),
    ("Socialförvaltningen i Svalöv", "Individ- och familjeomsorgschef"),
    ("ESF-projekt arbetsmarknad Landskrona", "Projektledare"),
    ("Arbetsförmedlingen Landskrona Svalöv", "Arbetsförmedlare"),
)

GROUPS = (
    ("EB", 8, "20-24", ("Landskrona stad", "Arbetsförmedlingen"), "ekonomiskt bistånd"),
    ("KAA", 7, "16-19", ("Landskrona stad", "Svalövs kommun"), "det kommunala aktivitetsansvaret"),
    (
        "DV",
        7,
        "20-24",
        ("Svalövs kommun", "Region Skåne", "Försäkringskassan"),
        "daglig verksamhet",
    ),
)
OPENINGS = (
    "Har haft kontakt med flera handläggare under det senaste året och upplever att hen får "
    "berätta sin historia om och om igen.",
    "Beskriver en period utan sysselsättning efter avbrutna gymnasiestudier och en vardag utan "
    "fasta tider.",
    "Berättar om ångest och sömnproblem som gör det svårt att komma i tid till möten.",
    "Upplever att myndigheterna inte pratar med varandra och att planerna krockar.",
    "Har en kontaktperson som hen litar på och som hjälpt till att hålla ihop kontakterna.",
    "Vill arbeta men vet inte var hen ska börja och tycker att blanketterna är svåra.",
    "Beskriver att det tog lång tid att få en tid i vården och att väntan gjorde det värre.",
)
MIDDLES = (
    "Det som fungerat bäst är när mötena har skett på samma ställe med flera närvarande.",
    "Har svårt att förstå vilka krav som gäller för försörjningen och vad som händer om hen "
    "tackar nej till en insats.",
    "Praktik har gett självförtroende, men när den tog slut fanns inget nästa steg.",
    "Beskriver att skolan tidigare var en plats där hen kände sig misslyckad.",
    "Vill ha någon som följer med hela vägen och inte byts ut.",
    "Har fått hjälp med ekonomin men inte med det som ligger bakom.",
    "Tycker att det är skönt att bli tillfrågad om sina egna idéer om stödet.",
)
CLOSINGS = (
    "Önskar ett samlat stöd där en person håller i kontakterna.",
    "Vill komma vidare till studier eller jobb under året.",
    "Ser fram emot att träffa andra i samma situation.",
    "Vill att handläggarna ska ha mer tid för samtal.",
)
QUOTES = (
    "Tycker det känns ok att sitta här med er för jag litar på X.",
    "Han vill mitt bästa, bryr sig och pushar mig framåt.",
    "X har räddat mitt liv. Jag hade inte varit där jag är utan x.",
    "Jag vet inte vem jag ska ringa när något händer.",
    "Det är som att varje myndighet har en egen bit av mig.",
)


def load(association: Association) -> None:
    if Interview.objects.filter(association=association).exists():
        return
    guides = [
        InterviewGuide.objects.get_or_create(
            association=association,
            name=name,
            defaults={"audience": audience, "introduction": intro, "questions": q},
        )[0]
        for name, audience, intro, q in (STAFF_GUIDE, USER_GUIDE)
    ]
    units = {u.name: u for u in Unit.objects.filter(party__association=association)}
    parties = {p.name: p for p in association.parties.all()}
    for number, (unit_name, role) in enumerate(RESPONDENTS_2019, start=1):
        unit = units.get(unit_name)
        respondent = Respondent.objects.create(
            association=association,
            work_name=f"Respondent {number}",
            role=role,
            unit=unit,
            party=unit.party if unit else None,
        )
        interview = Interview.objects.create(
            association=association,
            kind=Interview.Kind.STAFF,
            held_on=date(2019, 5, 6) + timedelta(days=2 * number),
            guide=guides[0],
            consent_participate=True,
            consent_record=False,
            processed=True,
            notes=(
                f"{role} vid {unit_name}. Beskriver vilka behovsgrupper verksamheten möter och "
                "hur samverkan med övriga parter fungerar i praktiken."
            ),
        )
        interview.respondents.add(respondent)
    day = date(2020, 1, 13)
    count = 0
    for prefix, size, band, met, context in GROUPS:
        for n in range(1, size + 1):
            count += 1
            interview = Interview.objects.create(
                association=association,
                kind=Interview.Kind.USER,
                held_on=day + timedelta(days=count),
                guide=guides[1],
                alias=f"{prefix}-{n}",
                age_band=band,
                consent_participate=True,
                consent_record=count % 3 != 0,
                processed=count <= 15,
                notes=" ".join(
                    (
                        f"Ung person inom {context}.",
                        OPENINGS[count % len(OPENINGS)],
                        MIDDLES[(count * 3) % len(MIDDLES)],
                        CLOSINGS[count % len(CLOSINGS)],
                    )
                ),
            )
            interview.parties_met.set([parties[name] for name in met if name in parties])
            if count % 4 == 1:
                Quote.objects.create(interview=interview, text=QUOTES[(count // 4) % len(QUOTES)])

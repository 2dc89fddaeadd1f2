"""A year of the demo association's board and assignments, drawn from the seeds.

Seven board meetings around today (six held, one ahead), so that the
dashboard shows a next meeting and reports due. The assignments come from the
working method and the 2019 report: a pre-study on service innovation for
young adults 16–26 (closed with an implementation decision and followed by an
uppdrag), collaboration in the kommunala aktivitetsansvaret, family centres,
"Enkla jobb" and the long-term sick-listed who "valsar runt". Every step is
taken through the lifecycle, so the registry numbers, audit trail and
timelines are the real ones. Idempotent: an association that already has
board meetings is left as it is.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Max
from django.utils import timezone

from samordna.accounts import demo as accounts_demo
from samordna.accounts.models import Association, Membership, Party, Unit
from samordna.accounts.roles import Role
from samordna.assignments import lifecycle
from samordna.assignments.models import (
    Assignment,
    Budget,
    Event,
    Funding,
    ProgressReport,
)
from samordna.board import services as board
from samordna.board.models import BoardMeeting, Priority
from samordna.insights.models import Insight
from samordna.needs.models import NeedsAnalysis

# Days from today of the seven meetings of the demo year; the last one is ahead.
MEETING_OFFSETS = (-290, -235, -180, -125, -70, -20, 16)
PLACE = "Förbundets kansli, Landskrona"


def _thursday(day: datetime.date) -> datetime.date:
    return day + datetime.timedelta(days=(3 - day.weekday()) % 7)


class _Year:
    """Takes the lifecycle steps of the demo and dates what they wrote to the simulated day."""

    def __init__(self, association: Association) -> None:
        self.association = association
        members = Membership.objects.filter(association=association).select_related("user")
        self.by_email = {m.user.email: m for m in members}
        self.director = self._role(Role.DIRECTOR)
        self.secretary = self._role(Role.BOARD_SECRETARY)
        self.representative = self._role(Role.PARTY_REPRESENTATIVE)

    def _role(self, role: Role) -> Membership:
        return Membership.objects.filter(association=self.association, role=role).order_by("pk")[0]

    def member(self, email: str) -> Membership:
        return self.by_email[email]

    def dated(self, day: datetime.date, action: Any) -> Any:
        """Run ``action`` and put the timeline lines it wrote on ``day``."""
        last = Event.objects.aggregate(m=Max("pk"))["m"] or 0
        result = action()
        Event.objects.filter(pk__gt=last).update(on=day)
        return result

    def step(
        self, a: Assignment, name: str, who: Membership, day: datetime.date, **data: Any
    ) -> Assignment:
        return self.dated(day, lambda: lifecycle.apply(a, name, who, data))


def load() -> None:
    association = Association.objects.get(slug=accounts_demo.LANDSKRONA_SVALOV.slug)
    if BoardMeeting.objects.filter(association=association).exists():
        return
    today = timezone.localdate()
    days = [_thursday(today + datetime.timedelta(days=o)) for o in MEETING_OFFSETS]
    meetings = board.plan_year(association, days, PLACE)
    year = _Year(association)
    parties = {p.name: p for p in association.parties.all()}
    units = {u.name: u for u in Unit.objects.filter(party__association=association)}
    lead, lead2 = (f"uppdragsledare@{accounts_demo._LS}", f"uppdragsledare2@{accounts_demo._LS}")
    chef, chef2 = (f"chef@{accounts_demo._LS}", f"chef2@{accounts_demo._LS}")

    for amount_year in {d.year for d in days}:
        Budget.objects.get_or_create(
            association=association, year=amount_year, defaults={"amount": 2_400_000}
        )

    young = _proposal(
        year, parties, units, Assignment.Kind.PRE_STUDY,
        "Tjänsteinnovation för unga vuxna 16–26 år",
        background=(
            "Unga vuxna 16–26 år som varken arbetar eller studerar möter många verksamheter men "
            "ingen helhet. Behovsanalysen 2019 visar att gruppen ökar i Landskrona och att "
            "övergångarna mellan KAA, Arbetsförmedlingen och ekonomiskt bistånd brister."
        ),
        target_users="Unga vuxna 16–26 år utan sysselsättning, och de handläggare som möter dem.",
        party_names=["Landskrona stad", "Arbetsförmedlingen", "Region Skåne"],
        unit_names=["Arbetsmarknadsförvaltningen i Landskrona",
                    "Arbetsförmedlingen Landskrona Svalöv", "Psykiatri Skåne"],
        focus=Assignment.Focus.STRUCTURAL, target_group="Unga vuxna 16–26 år",
        women=0, men=0, lead_email=lead, manager_email=chef,
        money={days[0].year: 350_000}, start=days[0], end=days[3],
    )  # fmt: skip
    kaa = _proposal(
        year, parties, units, Assignment.Kind.ASSIGNMENT,
        "Samverkan inom det kommunala aktivitetsansvaret",
        background=(
            "Unga i det kommunala aktivitetsansvaret behöver kontakt med Arbetsförmedlingen och "
            "vården innan de fyller 20. Rutinerna för överlämning mellan skola, KAA och "
            "Arbetsförmedlingen saknas i dag."
        ),
        target_users="Unga 16–20 år inom KAA i Landskrona och Svalöv.",
        party_names=["Landskrona stad", "Svalövs kommun", "Arbetsförmedlingen"],
        unit_names=["Utbildningsförvaltningen i Landskrona", "Utbildningsförvaltningen i Svalöv",
                    "Arbetsförmedlingen Landskrona Svalöv"],
        focus=Assignment.Focus.INDIVIDUAL, target_group="Unga 16–20 år inom KAA",
        women=18, men=22, lead_email=lead2, manager_email=chef2,
        money={days[1].year: 420_000, days[1].year + 1: 380_000}, start=days[1], end=None,
    )  # fmt: skip
    jobs = _proposal(
        year, parties, units, Assignment.Kind.ASSIGNMENT, "Enkla jobb",
        background=(
            "Enkla jobb inom kommunens verksamheter för personer som står långt från "
            "arbetsmarknaden, med handledning och en väg vidare till anställning."
        ),
        target_users="Personer med ekonomiskt bistånd som står långt från arbetsmarknaden.",
        party_names=["Landskrona stad", "Arbetsförmedlingen"],
        unit_names=["ESF-projekt arbetsmarknad Landskrona", "Arbetsförmedlingen Landskrona Svalöv"],
        focus=Assignment.Focus.INDIVIDUAL, target_group="Personer med ekonomiskt bistånd",
        women=15, men=15, lead_email=lead, manager_email=chef,
        money={days[3].year: 600_000}, start=days[3], end=None, co_financing=200_000,
    )  # fmt: skip
    families = _proposal(
        year, parties, units, Assignment.Kind.ASSIGNMENT, "Familjecentraler i Svalöv",
        background=(
            "En familjecentral där mödra- och barnhälsovård, öppen förskola och socialtjänstens "
            "förebyggande arbete finns under samma tak."
        ),
        target_users="Barnfamiljer i Svalöv, särskilt familjer med ekonomiskt bistånd.",
        party_names=["Svalövs kommun", "Region Skåne"],
        unit_names=["Socialförvaltningen i Svalöv", "Vårdcentral 3"],
        focus=Assignment.Focus.STRUCTURAL, target_group="Barnfamiljer",
        women=0, men=0, lead_email=lead2, manager_email=chef2,
        money={days[-1].year: 300_000, days[-1].year + 1: 300_000}, start=None, end=None,
    )  # fmt: skip
    waltz = _proposal(
        year, parties, units, Assignment.Kind.PRE_STUDY,
        "Långtidssjukskrivna som valsar runt",
        background=(
            "Personer som länge varit sjukskrivna går mellan Försäkringskassan, vården, "
            "Arbetsförmedlingen och socialtjänsten utan att någon håller ihop deras väg – de "
            "”valsar runt”."
        ),
        target_users="Långtidssjukskrivna 30–64 år utan sjukpenninggrundande inkomst.",
        party_names=["Försäkringskassan", "Region Skåne", "Arbetsförmedlingen", "Landskrona stad"],
        unit_names=["Försäkringskassan", "Vårdcentral 1", "Socialförvaltningen i Landskrona"],
        focus=Assignment.Focus.STRUCTURAL, target_group="Långtidssjukskrivna",
        women=0, men=0, lead_email=lead, manager_email=chef,
        money={days[-1].year: 250_000}, start=None, end=None,
    )  # fmt: skip

    m = meetings
    d, s, r = year.director, year.secretary, year.representative
    # Meeting 1: the pre-study on young adults is granted.
    year.step(young, "anchor", d, m[0].held_on - datetime.timedelta(40))
    year.dated(
        m[0].held_on - datetime.timedelta(35),
        lambda: lifecycle.comment(
            young, r, "Arbetsförmedlingen deltar med en arbetsförmedlare två dagar i veckan."
        ),
    )
    year.step(young, "ready", d, m[0].held_on - datetime.timedelta(25))
    board.propose_agenda(m[0], s.user)
    year.step(young, "grant", s, m[0].held_on)
    year.step(
        young,
        "agreement",
        d,
        m[0].held_on + datetime.timedelta(10),
        scope="Kartläggning av ungas vägar och prototyp för en samlad ingång.",
        reporting="Avrapportering inför varje styrelsemöte; slutrapport.",
        signed_on=m[0].held_on + datetime.timedelta(10),
    )
    year.step(young, "start", d, m[0].held_on + datetime.timedelta(12))  # fmt: skip
    _hold(m[0], s)
    # Meeting 2: KAA is granted; the first progress report on young adults.
    _report(year, young, m[1], lead, chef, "approved", REPORT_TEXTS["young"][0])
    _decide(year, kaa, m[1], at=m[1].held_on - datetime.timedelta(30))
    _hold(m[1], s)
    # Meeting 3: progress reports.
    _report(year, young, m[2], lead, chef, "approved", REPORT_TEXTS["young"][1])
    _report(year, kaa, m[2], lead2, chef2, "approved", REPORT_TEXTS["kaa"][0])
    _hold(m[2], s)
    # Meeting 4: the pre-study closes with an implementation decision and a follow-up
    # uppdrag; Enkla jobb is granted.
    lifecycle.set_funding(young, days[0].year, spent=331_500)
    year.dated(m[2].held_on, lambda: lifecycle.save_final_report(young, year.member(lead), {
        "background": "Föruppdraget beviljades för att förstå unga vuxnas vägar mellan "
                      "verksamheterna.",
        "way_of_working": "Intervjuer med 22 unga och 30 medarbetare, kundresor och tre "
                          "prototyper som testades tillsammans med de unga.",
        "results": "De unga vill ha en person som håller ihop. Verksamheterna fick en gemensam "
                   "bild av glappen vid 18 och 20 år.",
        "implementation_position": "Arbetsmarknadsförvaltningen inför den samlade ingången i "
                                   "ordinarie verksamhet; psykiatrin deltar via konsultation.",
        "continued_work": "Rutinerna förs in i förvaltningens verksamhetsplan.",
        "further_support": "Stöd till ett uppdrag som prövar ingången i full skala.",
    }))  # fmt: skip
    year.step(young, "submit_final", year.member(lead), m[2].held_on + datetime.timedelta(5))
    year.step(young, "approve_final", year.member(chef), m[2].held_on + datetime.timedelta(9))
    _report(year, kaa, m[3], lead2, chef2, "approved", REPORT_TEXTS["kaa"][1])
    _decide(year, jobs, m[3], at=m[3].held_on - datetime.timedelta(30))
    follow_up = year.dated(m[3].held_on, lambda: lifecycle.take(young, "close", s, {
        "outcome": Assignment.Outcome.PARTLY,
        "continued_support": "Ett uppdrag som prövar den samlade ingången i full skala.",
        "follow_up_kind": Assignment.Kind.ASSIGNMENT,
        "follow_up_title": "Samlad ingång för unga vuxna",
    })).outcome.follow_up  # fmt: skip
    if follow_up is None:  # pragma: no cover - closing with a follow-up kind makes one
        raise RuntimeError("the demo's closing step made no follow-up")
    _hold(m[3], s)
    # Meeting 5: the follow-up uppdrag is granted.
    lifecycle.set_funding(follow_up, days[4].year, proposed=480_000, co_financing=120_000)
    follow_up.starts_on, follow_up.ends_on = m[4].held_on, m[-1].held_on + datetime.timedelta(300)
    follow_up.resource_integration = "Arbetsförmedlare och socialsekreterare arbetar i ett team."
    follow_up.implementation_strategy = "Ingången blir en del av ordinarie arbetsmarknadsenhet."
    follow_up.planned_women, follow_up.planned_men = 25, 35
    follow_up.save()
    _report(year, kaa, m[4], lead2, chef2, "approved", REPORT_TEXTS["kaa"][2])
    _report(year, jobs, m[4], lead, chef, "approved", REPORT_TEXTS["jobs"][0])
    _decide(year, follow_up, m[4], at=m[4].held_on - datetime.timedelta(30))
    _hold(m[4], s)
    # Meeting 6: an extension of Enkla jobb; the KAA report never came (overdue).
    year.dated(m[4].held_on + datetime.timedelta(3), lambda: lifecycle.propose_amendment(jobs, d, {
        "kind": "extension", "motivation": "Fler deltagare än planerat; rekryteringen tog tid.",
        "new_end": f"{(jobs.ends_on or today) + datetime.timedelta(180):%Y-%m-%d}"}))  # fmt: skip
    _report(year, follow_up, m[5], lead, chef, "approved", REPORT_TEXTS["follow_up"][0])
    _report(year, jobs, m[5], lead, chef, "approved", REPORT_TEXTS["jobs"][1])
    _report(year, kaa, m[5], lead2, chef2, "draft")
    board.propose_agenda(m[5], s.user)
    amendment = jobs.amendments.get()
    year.dated(m[5].held_on, lambda: lifecycle.decide_amendment(amendment, s, True))
    lifecycle.set_funding(kaa, days[1].year, spent=402_300)
    lifecycle.set_funding(jobs, days[3].year, spent=270_000)
    _hold(m[5], s)
    # The next meeting: family centres ready for decision, reports due, the long-term
    # sick-listed out for anchoring with the parties' comments.
    year.step(families, "anchor", d, m[5].held_on)
    year.step(families, "ready", d, m[5].held_on + datetime.timedelta(7))
    lifecycle.ensure_reports(association, m[5].held_on + datetime.timedelta(1))
    _report(year, follow_up, m[6], lead, chef, "submitted", REPORT_TEXTS["follow_up"][1])
    _report(year, kaa, m[6], lead2, chef2, "returned", REPORT_TEXTS["kaa"][3])
    board.propose_agenda(m[6], s.user)
    year.step(waltz, "anchor", d, today - datetime.timedelta(10))
    year.dated(
        today - datetime.timedelta(4),
        lambda: lifecycle.comment(
            waltz, r, "Arbetsförmedlingen vill att de som är inskrivna hos oss ingår i målgruppen."
        ),
    )
    year.dated(today - datetime.timedelta(2), lambda: lifecycle.comment(
        waltz, d, "Försäkringskassan har bekräftat att de deltar i kartläggningen."))  # fmt: skip

    analysis = NeedsAnalysis.objects.filter(association=association).order_by("-year").first()
    for kind, title, text in (
        (Priority.Kind.AGE_GROUP, "Unga vuxna 16–29 år", "Unga som varken arbetar eller studerar."),
        (Priority.Kind.NEEDS_GROUP, "Långtidssjukskrivna", "Ohälsotalet och sjukpenningtalet."),
        (Priority.Kind.METHOD, "Tjänstedesign med användarna", "Kundresor och prototyper."),
        (Priority.Kind.EXPLORE, "Barnfamiljer med ekonomiskt bistånd", "Familjecentraler."),
    ):
        Priority.objects.create(
            association=association, year=days[0].year, kind=kind, title=title,
            description=text, needs_analysis=analysis,
        )  # fmt: skip


def _proposal(
    year: _Year, parties: dict[str, Party], units: dict[str, Unit], kind: str, title: str, *,
    background: str, target_users: str, party_names: list[str], unit_names: list[str],
    focus: str, target_group: str, women: int, men: int, lead_email: str, manager_email: str,
    money: dict[int, int], start: datetime.date | None, end: datetime.date | None,
    co_financing: int = 0,
) -> Assignment:  # fmt: skip
    a = Assignment.objects.create(
        association=year.association, kind=kind, title=title, background=background,
        target_users=target_users,
        resource_integration="Medarbetare från parterna arbetar tillsammans i ett gemensamt team.",
        implementation_strategy="Varje verksamhet beslutar om implementering efter slutrapporten.",
        starts_on=start, ends_on=end or (start + datetime.timedelta(365) if start else None),
        focus=focus, target_group=target_group, planned_women=women, planned_men=men,
        lead=year.member(lead_email).user, manager=year.member(manager_email).user,
    )  # fmt: skip
    a.parties.set([parties[n] for n in party_names])
    a.units.set([units[n] for n in unit_names])
    for money_year, amount in money.items():
        Funding.objects.create(
            assignment=a, year=money_year, proposed=amount, co_financing=co_financing
        )
    if a.starts_on is None:
        a.starts_on = timezone.localdate() + datetime.timedelta(60)
        a.ends_on = a.starts_on + datetime.timedelta(365)
        a.save()
    year.dated(a.starts_on - datetime.timedelta(60), lambda: lifecycle.event(
        a, "Förslag skapat", year.director.user))  # fmt: skip
    return a


def _decide(year: _Year, a: Assignment, meeting: BoardMeeting, at: datetime.date) -> None:
    """Anchor, ready, agenda (with what else is due), grant, agreement and start."""
    d, s = year.director, year.secretary
    year.step(a, "anchor", d, at)
    year.step(a, "ready", d, at + datetime.timedelta(14))
    year.dated(at + datetime.timedelta(16), lambda: board.propose_agenda(meeting, s.user))
    year.step(a, "grant", s, meeting.held_on)
    year.step(a, "agreement", d, meeting.held_on + datetime.timedelta(10),
              scope=a.target_users, reporting="Avrapportering inför varje styrelsemöte.",
              signed_on=meeting.held_on + datetime.timedelta(10))  # fmt: skip
    year.step(a, "start", d, meeting.held_on + datetime.timedelta(14))


# What each assignment's leads wrote before each meeting, in order; the
# discoveries (one per line) become insights when the manager approves.
REPORT_TEXTS: dict[str, list[dict[str, str]]] = {
    "young": [
        {
            "activities": "Vi har kartlagt vägarna för unga vuxna mellan ekonomiskt bistånd, KAA "
            "och Arbetsförmedlingen och intervjuat tolv av dem om deras kontakter.",
            "anchoring": "Socialförvaltningens ledningsgrupp har fått en dragning av "
            "kartläggningen.",
            "deviations": "Intervjuerna med unga i daglig verksamhet kom igång sent.",
            "discoveries": "De unga vuxna fick berätta sin historia på nytt vid varje ny "
            "kontakt.\nÖverlämningen från KAA till vuxenverksamheten sker utan gemensamt möte.",
        },
        {
            "activities": "Vi har prövat trepartsmöten med den unge, socialsekreteraren och "
            "arbetsförmedlaren i åtta ärenden.",
            "anchoring": "Arbetsförmedlingens sektionschef deltar i styrgruppen från och med nu.",
            "deviations": "Två trepartsmöten ställdes in när handläggare byttes ut.",
            "discoveries": "Trepartsmöten gav de unga en plan som alla parter kände till.",
        },
    ],
    "kaa": [
        {
            "activities": "Rutinen för överlämning från gymnasiet till KAA är skriven "
            "tillsammans med skolorna i Landskrona och Svalöv.",
            "anchoring": "Rektorerna har godkänt rutinen på sitt gemensamma möte.",
            "deviations": "Svalövs skola kunde inte delta i den första utbildningen.",
            "discoveries": "Många unga i KAA har haft kontakt med vården men ingen med "
            "Arbetsförmedlingen.",
        },
        {
            "activities": "KAA-coacherna har haft gemensamma ärendedragningar med "
            "Arbetsförmedlingen varannan vecka.",
            "anchoring": "Förvaltningschefen har tagit rutinen in i verksamhetsplanen.",
            "deviations": "Uppsökande hembesök tog mer tid än planerat.",
            "discoveries": "Hembesök når unga som aldrig svarar på brev eller sms.\n"
            "Unga som fyller 20 faller ur KAA utan att någon tar över kontakten.",
        },
        {
            "activities": "Fjorton unga har fått en plan för studier eller arbete; sex har "
            "börjat på komvux.",
            "anchoring": "Vuxenutbildningen har utsett en kontaktperson för KAA.",
            "deviations": "Inga avvikelser denna period.",
            "discoveries": "Studievägledning tidigt i kontakten gör att fler väljer komvux.",
        },
        {
            "activities": "Vi har följt upp de unga som började på komvux under våren.",
            "anchoring": "Rutinen har presenterats för Region Skånes ungdomsmottagning.",
            "deviations": "Uppföljningen blev ofullständig.",
            "discoveries": "Flera av de unga avbröt komvux när studiemedlet krockade med "
            "ekonomiskt bistånd.",
        },
    ],
    "jobs": [
        {
            "activities": "Tolv enkla jobb har tagits fram inom park, kök och lokalvård; nio "
            "deltagare har börjat.",
            "anchoring": "Arbetsledarna på förvaltningarna har fått en halvdags introduktion.",
            "deviations": "Färre jobb inom lokalvården än planerat.",
            "discoveries": "Arbetsledare som får tid för handledning behåller sina deltagare "
            "längre.",
        },
        {
            "activities": "Fyra deltagare har gått vidare till en anställning med stöd.",
            "anchoring": "Personalavdelningen tar in enkla jobb i kommunens "
            "kompetensförsörjningsplan.",
            "deviations": "Två deltagare avbröt på grund av ohälsa.",
            "discoveries": "Deltagare med långvarig sjukskrivning behöver en längre start med "
            "färre timmar.",
        },
    ],
    "follow_up": [
        {
            "activities": "En gemensam ingång för unga vuxna är öppen två dagar i veckan i "
            "Landskrona.",
            "anchoring": "Alla fyra parter har utsett en handläggare som finns på plats.",
            "deviations": "Försäkringskassan kan bara delta en dag i veckan.",
            "discoveries": "De unga kommer oftare när de vet att alla myndigheter finns i "
            "samma rum.",
        },
        {
            "activities": "Ingången har haft 46 besök av 19 unga vuxna.",
            "anchoring": "Styrgruppen har beslutat om gemensam statistik för besöken.",
            "deviations": "Inga avvikelser denna period.",
            "discoveries": "Handläggarna löser fler frågor på plats när de känner varandra.",
        },
    ],
}


def _report(
    year: _Year,
    a: Assignment,
    meeting: BoardMeeting,
    lead: str,
    manager: str,
    state: str,
    texts: dict[str, str] | None = None,
) -> ProgressReport:
    report, _c = ProgressReport.objects.get_or_create(
        assignment=a, meeting=meeting, defaults={"due_on": meeting.reports_due_on}
    )
    if state == "draft":
        return report
    before = meeting.reports_due_on - datetime.timedelta(3)
    year.dated(before, lambda: lifecycle.save_report(report, year.member(lead), texts or {}))
    year.dated(before, lambda: lifecycle.report_step(report, "submit", year.member(lead)))
    if state == "returned":
        year.dated(before, lambda: lifecycle.report_step(
            report, "return", year.member(manager),
            "Beskriv avvikelsen tydligare och vad ni gör åt den."))  # fmt: skip
    elif state == "approved":
        year.dated(before, lambda: lifecycle.report_step(report, "approve", year.member(manager)))
    moment = timezone.make_aware(datetime.datetime.combine(before, datetime.time(10)))
    ProgressReport.objects.filter(pk=report.pk).update(
        submitted_at=moment, approved_at=moment if state == "approved" else None
    )
    Insight.objects.filter(progress_report=report).update(noted_on=before)
    report.refresh_from_db()
    return report


def _hold(meeting: BoardMeeting, secretary: Membership) -> None:
    """Hold a meeting: what is due on the agenda, "noted" on the reports, minutes checked."""
    board.propose_agenda(meeting, secretary.user)
    for item in meeting.items.exclude(kind="standard").filter(decisions=None):
        if item.kind in {"proposal", "final_report", "amendment"}:
            continue
        board.record_decision(
            meeting,
            "noted",
            item.proposed_decision or f"Styrelsen noterar {item.title.lower()}.",
            item=item,
            assignment=item.assignment,
        )
    board.save_minutes(
        meeting,
        present="Karin Sjöberg, ordförande\nEva Lindqvist, förbundschef\nLars Nilsson, sekreterare",
        chair="Karin Sjöberg",
        secretary="Lars Nilsson",
        checked_by="Karin Sjöberg",
        checked_on=meeting.held_on + datetime.timedelta(7),
    )
    for status in ("called", "held", "checked"):
        board.set_status(meeting, status)

"""Demo: what the 2019 staff interviews brought up, as quotes, insights and themes.

Invented for the demo, but following the 2019 report's chapter "Syn på Finsam
idag" and its observations (seed 002): processes not implemented when the
money ends, different views of the förbund's role and of its many meetings,
certificates that the parties do not understand alike, young people with
mental ill-health. Respondents are referred to by their work names only.
"""

from __future__ import annotations

from samordna.accounts.models import Association
from samordna.insights.models import Insight, Interview, Quote, Tag

# theme, description, needs groups, ((respondent number, insight, quote or ""), …)
THEMES: tuple[tuple[str, str, list[str], tuple[tuple[int, str, str], ...]], ...] = (
    (
        "Implementering efter finansieringen",
        "Arbetssätt som Finsam finansierat lever inte vidare när pengarna tar slut.",
        ["work", "livelihood"],
        (
            (10, "Insatser upphör när finansieringen tar slut och blir inte en del av "
                 "ordinarie verksamhet.",
             "När pengarna tar slut försvinner arbetssättet, det blir aldrig en del av vardagen."),
            (6, "Finsam-medel söks ibland för att täcka behov som verksamheten saknar resurser "
                "för, inte för att utveckla samverkan.", ""),
            (13, "Det behövs en plan för hur ett arbetssätt tas över redan när insatsen startar.",
             "Vi borde prata om vem som äger det efteråt redan första dagen."),
        ),
    ),
    (
        "Förbundets roll: verkstad eller plattform",
        "Respondenterna vill olika saker: konkreta insatser eller en arena för strategisk "
        "samverkan.",
        ["work"],
        (
            (14, "Förbundet bör driva konkret verkstad med exempel från andra förbund.", ""),
            (15, "Förbundet bör vara en plattform för strategiskt samarbete snarare än projekt.",
             ""),
            (4, "Det är för många möten; varje arbetsgrupp behöver ett tydligt och uttalat syfte.",
             "Vi behöver färre möten med tydligare syfte."),
        ),
    ),
    (
        "Intyg mellan vården och myndigheterna",
        "Parterna förstår inte varandras krav på intyg, och det fördröjer stödet.",
        ["health"],
        (
            (2, "Vården upplever att intyg efterfrågas med frågor som den inte kan svara på.",
             "Den andra parten efterfrågar sådant som vi inte kan svara på."),
            (9, "Försäkringskassan får intyg som inte beskriver arbetsförmågan.",
             "De förstår inte vad vi frågar efter."),
        ),
    ),
    (
        "Unga med psykisk ohälsa",
        "Många unga mår dåligt, och vägen genom systemet är slumpmässig.",
        ["health", "education"],
        (
            (3, "Vårdcentralen ser dagligen unga som mår psykiskt dåligt men saknar verktyg.",
             "Vi ser effekterna varje dag men saknar verktyg att möta dem."),
            (1, "Det saknas samsyn om vem som ansvarar för unga med psykisk ohälsa.", ""),
            (11, "Unga inom aktivitetsansvaret har ofta psykisk ohälsa som ingen fångar upp.", ""),
        ),
    ),
)  # fmt: skip


def load(association: Association) -> None:
    """Add the staff interviews' quotes, insights and themes (once)."""
    if Tag.objects.filter(association=association, is_theme=True).exists():
        return
    interviews = {
        respondent.work_name: interview
        for interview in Interview.objects.filter(
            association=association, kind=Interview.Kind.STAFF
        ).prefetch_related("respondents")
        for respondent in interview.respondents.all()
    }
    for name, description, groups, findings in THEMES:
        theme = Tag.objects.create(
            association=association, name=name, description=description, is_theme=True
        )
        for number, text, quote in findings:
            interview = interviews.get(f"Respondent {number}")
            if interview is None:
                continue
            insight = Insight.objects.create(
                association=association,
                text=text,
                noted_on=interview.held_on,
                source=Insight.Source.INTERVIEW,
                interview=interview,
                needs_groups=groups,
            )
            insight.tags.add(theme)
            if quote:
                Quote.objects.create(interview=interview, text=quote)

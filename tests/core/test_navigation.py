"""The module navigation marks exactly the module of the page, by its address."""

from __future__ import annotations

import re

import pytest

from samordna.accounts.roles import Role
from tests.conftest import Cast, client_for

CURRENT = re.compile(r'<a href="([^"]+)" aria-current="(page|true)">([^<]+)</a>')


@pytest.mark.parametrize(
    ("page", "section", "module", "kind"),
    [
        ("", "Översikt", None, "page"),
        ("insikter/", "Lärande", "Insikter", "page"),
        ("insikter/teman/", "Lärande", "Insikter", "true"),
        ("insikter/taggar/", "Lärande", "Insikter", "true"),
        ("intervjuer/ny/", "Lärande", "Intervjuer", "true"),
        ("samverkansytor/", "Lärande", "Samverkansytor", "page"),
        ("traffar/", "Lärande", "Uppdragsledarträffar", "page"),
        ("uppdrag/", "Styrelse och uppdrag", "Uppdrag", "page"),
        ("avrapporteringar/", "Styrelse och uppdrag", "Avrapporteringar", "page"),
        ("styrelsen/", "Styrelse och uppdrag", "Styrelsen", "page"),
        ("verksamheter/", "Administration", "Organisation", "true"),
        ("medlemmar/", "Administration", "Organisation", "true"),
        ("logg/", "Administration", "Händelselogg", "page"),
        ("statistik/", "Analys", "Statistik", "page"),
        ("behovsanalys/", "Analys", "Behovsanalys", "page"),
    ],
)
def test_one_section_and_one_module_is_current(
    cast: Cast, page: str, section: str, module: str | None, kind: str
) -> None:
    director = client_for(cast[Role.DIRECTOR])
    answer = director.get(f"/f/{cast.association.slug}/{page}")
    assert answer.status_code == 200
    html = answer.content.decode()

    def marked_in(opening: str) -> list[tuple[str, str]]:
        if opening not in html:
            return []
        start = html.index(opening)
        return [
            (label, how)
            for _url, how, label in CURRENT.findall(html[start : html.index("</nav>", start)])
        ]

    sections = marked_in('<nav class="modules"')
    assert [label for label, _how in sections] == [section]
    if module is None:
        assert sections == [(section, kind)]
        assert '<nav class="modules-sub"' not in html
    else:
        assert marked_in('<nav class="modules-sub"') == [(module, kind)]

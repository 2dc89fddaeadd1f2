"""The module navigation marks exactly the module of the page, by its address."""

from __future__ import annotations

import re

import pytest

from samordna.accounts.roles import Role
from tests.conftest import Cast, client_for

CURRENT = re.compile(r'<a href="([^"]+)" aria-current="(page|true)">([^<]+)</a>')


@pytest.mark.parametrize(
    ("page", "module", "kind"),
    [
        ("", "Översikt", "page"),
        ("insikter/", "Insikter", "page"),
        ("insikter/teman/", "Insikter", "true"),
        ("insikter/taggar/", "Insikter", "true"),
        ("intervjuer/ny/", "Intervjuer", "true"),
        ("samverkansytor/", "Samverkansytor", "page"),
        ("traffar/", "Uppdragsledarträffar", "page"),
        ("uppdrag/", "Uppdrag", "page"),
        ("avrapporteringar/", "Avrapporteringar", "page"),
        ("styrelsen/", "Styrelsen", "page"),
        ("verksamheter/", "Organisation", "true"),
        ("medlemmar/", "Organisation", "true"),
        ("logg/", "Händelselogg", "page"),
    ],
)
def test_one_module_is_current(cast: Cast, page: str, module: str, kind: str) -> None:
    director = client_for(cast[Role.DIRECTOR])
    answer = director.get(f"/f/{cast.association.slug}/{page}")
    assert answer.status_code == 200
    html = answer.content.decode()
    modules = html[
        html.index('<nav class="modules"') : html.index(
            "</nav>", html.index('<nav class="modules"')
        )
    ]
    marked = CURRENT.findall(modules)
    assert [(label, how) for _url, how, label in marked] == [(module, kind)]

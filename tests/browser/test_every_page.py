"""Every page of the demo, as the förbundschef sees it, at a desktop and a phone size:
no sideways scroll of the page, the navigation on one row at 1280 px, no template syntax
showing, and axe with no serious or critical WCAG 2.1 AA finding. The style guide passes
the same."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from samordna.accounts.roles import Role
from tests.browser.conftest import log_in, serious
from tests.conftest import Cast, client_for, demo_cast
from tests.test_url_permissions import ASSOCIATION_ROUTES, _arguments, _url

pytestmark = [
    pytest.mark.browser,
    pytest.mark.one_database,
    pytest.mark.django_db(transaction=True),
]

FILES = (".csv", ".xlsx", ".pdf", ".docx", ".ics")
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}


def pages(cast: Cast) -> list[tuple[str, str]]:
    """(name, address) of every page the director may open, files and actions left out."""
    values = _arguments(cast, cast.association.slug)
    found = [("styleguide", reverse("core:styleguide"))]
    found += [("association_list", reverse("core:association_list"))]
    found += [(n, reverse(n)) for n in ("accounts:password_change", "accounts:token_list")]
    found += [("accounts:invitations", reverse("accounts:invitations"))]
    for route, name, view in ASSOCIATION_ROUTES:
        if not view.access_rule.admits_role(Role.DIRECTOR) or route.endswith(FILES):
            continue
        names = re.findall(r"<(?:\w+:)?(\w+)>", route)
        if "fmt" in names:
            continue  # a download (the report, the insight bank's exports)
        found.append((name, _url(route, {n: values[n] for n in names})))
    client = client_for(cast[Role.DIRECTOR])
    return [(name, url) for name, url in found if _is_page(client.get(url))]


def _is_page(answer: Any) -> bool:
    """A page to look at: not an action (POST only, 405) nor a file nor a redirect."""
    return answer.status_code == 200 and answer["content-type"].startswith("text/html")


WIDE = """() => {
  const doc = document.documentElement;
  return {scroll: doc.scrollWidth, view: window.innerWidth,
          wide: [...document.querySelectorAll('main *')].filter(e => {
            const r = e.getBoundingClientRect();
            return r.right > window.innerWidth + 1 && !e.closest('.table-scroll, .visually-hidden');
          }).slice(0, 3).map(e => e.tagName + '.' + e.className)};
}"""
ROWS = """() => new Set([...document.querySelectorAll('nav.modules > ul > li')]
  .map(li => Math.round(li.getBoundingClientRect().top))).size"""


@pytest.mark.parametrize("size", list(SIZES))
def test_every_page_fits_and_passes_axe(browser: Any, demo_site: str, size: str) -> None:
    cast = demo_cast()
    addresses = pages(cast)
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    log_in(page, demo_site, cast[Role.DIRECTOR].email)
    problems: dict[str, list[str]] = {}
    opened = 0
    for name, address in addresses:
        response = page.goto(demo_site + address)
        assert response is not None
        assert response.status == 200, (name, address)
        opened += 1
        found = []
        if re.search(r"\{[#%{]", page.inner_text("body")):
            found.append("template syntax shows on the page")
        fit = page.evaluate(WIDE)
        if fit["scroll"] > fit["view"]:
            found.append(f"scrolls sideways: {fit['scroll']} > {fit['view']} px {fit['wide']}")
        if size == "desktop" and page.locator("nav.modules").count():
            rows = page.evaluate(ROWS)
            if rows != 1:
                found.append(f"the navigation takes {rows} rows")
        found += serious(page)
        if found:
            problems[f"{name} {address}"] = found
    context.close()
    assert opened >= 40, f"only {opened} pages opened"
    assert problems == {}

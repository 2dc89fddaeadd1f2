"""Documentation is kept honest by the code: generated pages and settings."""

from __future__ import annotations

import re
from pathlib import Path

import polib

from samordna.core.gendocs import cli_markdown, permissions_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_permissions_page_matches_the_permission_table() -> None:
    committed = (ROOT / "docs" / "permissions.md").read_text(encoding="utf-8")
    assert committed == permissions_markdown(), "Run `make docs` and commit docs/permissions.md."


def test_cli_reference_matches_the_commands() -> None:
    committed = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert committed == cli_markdown(), "Run `make docs` and commit docs/cli.md."


def test_every_environment_variable_is_in_the_readme() -> None:
    settings_source = (ROOT / "src" / "samordna" / "settings.py").read_text(encoding="utf-8")
    variables = set(re.findall(r'env_(?:str|bool|int|float|list)\(\s*"([A-Z_]+)"', settings_source))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    undocumented = sorted(v for v in variables if f"`{v}`" not in readme)
    assert variables
    assert undocumented == []


def test_every_adr_is_numbered_and_titled() -> None:
    adrs = sorted((ROOT / "docs" / "adr").glob("*.md"))
    assert adrs
    for adr in adrs:
        assert re.match(r"\d{4}-[a-z0-9-]+\.md$", adr.name), adr.name
        assert adr.read_text(encoding="utf-8").startswith("# ")


def test_compiled_swedish_catalogue_matches_its_source() -> None:
    locale = ROOT / "src" / "samordna" / "locale" / "sv" / "LC_MESSAGES"
    source = {
        (e.msgctxt, e.msgid): e.msgstr
        for e in polib.pofile(str(locale / "django.po"))
        if not e.msgid_plural and e.msgid
    }
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr
        for e in polib.mofile(str(locale / "django.mo"))
        if not e.msgid_plural and e.msgid
    }
    assert source == compiled, "Run `make messages` and commit the .mo file."
    assert all(source.values()), "Every message needs a Swedish translation."
    catalog = polib.pofile(str(locale / "django.po"))
    assert not [e.msgid for e in catalog if e.msgid and "fuzzy" in e.flags], (
        "A guess is no translation."
    )
    plurals = {e.msgid: e.msgstr_plural for e in catalog if e.msgid_plural}
    compiled_plurals = {
        e.msgid: e.msgstr_plural for e in polib.mofile(str(locale / "django.mo")) if e.msgid_plural
    }
    assert plurals == compiled_plurals, "Run `make messages` and commit the .mo file."
    assert all(all(forms.values()) for forms in plurals.values())


def test_every_model_the_glossary_names_exists() -> None:
    from django.apps import apps

    models = {m.__name__ for m in apps.get_models() if m.__module__.startswith("samordna.")}
    glossary = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    named = {
        name.split(".")[0]
        for cell in re.findall(r"`([^`]+)`", glossary)
        for name in re.split(r"[ ,()]+", cell)
        if re.fullmatch(r"[A-Z][A-Za-z]+(\.[A-Za-z_]+)*", name)
    }
    assert named, "the glossary names no models"
    not_models = {"Role", "Perm"}  # enumerations, not models
    assert sorted(named - models - not_models) == []

"""Settings come from the environment, fail loudly and are checked."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.core.checks import run_checks
from django.test import override_settings

PRINT_SETTINGS = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({k: getattr(settings, k) for k in ("
    "'DEBUG','SESSION_COOKIE_SECURE','CSRF_COOKIE_SECURE','SECURE_SSL_REDIRECT',"
    "'SECURE_HSTS_SECONDS','TIME_ZONE','LANGUAGE_CODE','ALLOWED_HOSTS','EMAIL_PORT')}))"
)


def _settings_with(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="samordna.settings")
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", PRINT_SETTINGS],
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_are_secure_by_default() -> None:
    result = _settings_with({"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "samordna.example.se"})
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"]
    assert values["CSRF_COOKIE_SECURE"]
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["TIME_ZONE"] == "Europe/Stockholm"
    assert values["LANGUAGE_CODE"] == "sv"
    assert values["ALLOWED_HOSTS"] == ["samordna.example.se"]


def test_secret_key_is_required_when_debug_is_off() -> None:
    result = _settings_with({})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_secret_key_can_come_from_a_file(tmp_path: pytest.TempPathFactory) -> None:
    secret = tmp_path / "secret"  # type: ignore[operator]
    secret.write_text("from-a-file-" + "y" * 40)
    result = _settings_with({"SECRET_KEY_FILE": str(secret), "ALLOWED_HOSTS": "a.example"})
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "kanske"}, "DEBUG must be true or false"),
        ({"DEBUG": "1", "EMAIL_PORT": "tjugofem"}, "EMAIL_PORT must be a whole number"),
        ({"DEBUG": "1", "DATABASE_URL": "nosuchdb://x"}, "DATABASE_URL could not be read"),
    ],
)
def test_unreadable_values_fail_loudly(env: dict[str, str], message: str) -> None:
    result = _settings_with(env)
    assert result.returncode != 0
    assert message in result.stderr


def _ids(**overrides: object) -> set[str]:
    with override_settings(**overrides):
        return {m.id for m in run_checks(tags=["samordna"])}


def test_system_checks_accept_the_development_settings() -> None:
    assert _ids(DEBUG=True) == set()


def test_system_checks_refuse_the_development_key_in_production() -> None:
    from samordna.settings import _DEVELOPMENT_SECRET_KEY

    assert "samordna.E001" in _ids(DEBUG=False, SECRET_KEY=_DEVELOPMENT_SECRET_KEY)
    assert "samordna.E001" not in _ids(DEBUG=False, SECRET_KEY="z" * 50)


def test_system_checks_catch_bad_settings() -> None:
    assert "samordna.E002" in _ids(DEBUG=False, ALLOWED_HOSTS=[])
    assert "samordna.E003" in _ids(TIME_ZONE="Europe/Atlantis")
    assert "samordna.E004" in _ids(LANGUAGE_CODE="fi")
    assert "samordna.E006" in _ids(EMAIL_PORT=0)
    assert "samordna.E007" in _ids(DEFAULT_FROM_EMAIL="samordna")
    smtp = "django.core.mail.backends.smtp.EmailBackend"
    assert "samordna.W001" in _ids(DEBUG=False, EMAIL_BACKEND=smtp, EMAIL_HOST="localhost")

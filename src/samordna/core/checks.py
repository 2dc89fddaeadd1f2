"""System checks that validate Samordna's settings (run by ``samordna check``)."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register

SUPPORTED_ENGINES = {"django.db.backends.sqlite3", "django.db.backends.postgresql"}


@register("samordna")
def check_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Settings that would make Samordna unsafe or broken."""
    messages: list[CheckMessage] = []
    messages += _check_secret_and_hosts()
    messages += _check_locale()
    messages += _check_database()
    messages += _check_email()
    return messages


def _check_secret_and_hosts() -> list[CheckMessage]:
    from samordna.settings import _DEVELOPMENT_SECRET_KEY

    messages: list[CheckMessage] = []
    if not settings.DEBUG and settings.SECRET_KEY == _DEVELOPMENT_SECRET_KEY:
        messages.append(
            Error("SECRET_KEY is the development key while DEBUG is off.", id="samordna.E001")
        )
    if not settings.DEBUG and not settings.ALLOWED_HOSTS:
        messages.append(
            Error(
                "ALLOWED_HOSTS is empty while DEBUG is off.",
                hint="Set ALLOWED_HOSTS to the host names the site is served on.",
                id="samordna.E002",
            )
        )
    return messages


def _check_locale() -> list[CheckMessage]:
    messages: list[CheckMessage] = []
    try:
        zoneinfo.ZoneInfo(settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        messages.append(
            Error(f"TIME_ZONE {settings.TIME_ZONE!r} is not a known time zone.", id="samordna.E003")
        )
    if settings.LANGUAGE_CODE not in dict(settings.LANGUAGES):
        messages.append(
            Error(
                f"LANGUAGE_CODE {settings.LANGUAGE_CODE!r} is not one of "
                f"{', '.join(dict(settings.LANGUAGES))}.",
                id="samordna.E004",
            )
        )
    return messages


def _check_database() -> list[CheckMessage]:
    engine = settings.DATABASES["default"].get("ENGINE", "")
    if engine not in SUPPORTED_ENGINES:
        return [
            Error(
                f"DATABASE_URL names the engine {engine!r}; Samordna runs on SQLite or PostgreSQL.",
                id="samordna.E005",
            )
        ]
    return []


def _check_email() -> list[CheckMessage]:
    messages: list[CheckMessage] = []
    if not 0 < settings.EMAIL_PORT < 65536:
        messages.append(
            Error(f"EMAIL_PORT {settings.EMAIL_PORT} is not a port.", id="samordna.E006")
        )
    smtp = settings.EMAIL_BACKEND.endswith("smtp.EmailBackend")
    if smtp and not settings.DEBUG and settings.EMAIL_HOST in {"", "localhost"}:
        messages.append(
            Warning(
                "E-mail goes to an SMTP server on localhost; password reset and reminders "
                "will not arrive unless one runs there.",
                hint="Set EMAIL_HOST (and EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD).",
                id="samordna.W001",
            )
        )
    if "@" not in settings.DEFAULT_FROM_EMAIL:
        messages.append(Error("DEFAULT_FROM_EMAIL is not an e-mail address.", id="samordna.E007"))
    return messages

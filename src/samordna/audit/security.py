"""Security events: sign-ins, credentials and reads of sensitive data, one row each.

:func:`record` is the one writer. The sign-in events come from Django's and
django-axes' signals (connected in :func:`connect`); the password views, the
API token model, the recording download and every export call it directly.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest
from django.utils import timezone

from samordna.audit.models import SecurityEvent
from samordna.core import privacy

Kind = SecurityEvent.Kind


def client_ip(request: HttpRequest | None) -> str | None:
    """The address the request came from (Samordna runs behind no proxy it trusts)."""
    if request is None:
        return None
    try:
        return str(ipaddress.ip_address(str(request.META.get("REMOTE_ADDR") or "")))
    except ValueError:
        return None


def record(
    kind: str,
    *,
    request: HttpRequest | None = None,
    user: Any = None,
    email: str = "",
    association: Any = None,
    detail: str = "",
) -> SecurityEvent:
    """Append one security event. ``email`` is kept as typed (a failed login's address)."""
    signed_in = getattr(request, "user", None)
    if user is None and getattr(signed_in, "is_authenticated", False):
        user = signed_in
    if association is None and request is not None:
        association = getattr(request, "association", None)
    return SecurityEvent.objects.create(
        kind=kind,
        user=user if getattr(user, "pk", None) else None,
        email=privacy.masked(email or getattr(user, "email", "") or "")[:254],
        ip=client_ip(request),
        association=association,
        detail=privacy.masked(detail)[:300],
    )


def _logged_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    record(Kind.LOGIN, request=request, user=user)


def _logged_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(Kind.LOGOUT, request=request, user=user)


def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    if request is not None and getattr(request, "axes_locked_out", False):
        return  # a locked-out attempt is recorded once, as the lock-out
    typed = str(credentials.get("username") or credentials.get("email") or "")
    record(Kind.LOGIN_FAILED, request=request, email=typed)


def _locked_out(sender: Any, request: HttpRequest, username: str, **kwargs: Any) -> None:
    """django-axes says so at the attempt that locks and at each attempt while locked:
    the first is the lock-out, the others are failed logins while locked."""
    typed = str(username or "")
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    locked = SecurityEvent.objects.filter(
        kind=Kind.LOCKOUT, email=privacy.masked(typed), ip=client_ip(request), created_at__gte=since
    )
    if locked.exists():
        record(Kind.LOGIN_FAILED, request=request, email=typed, detail="spärrad")
    else:
        record(Kind.LOCKOUT, request=request, email=typed)


def connect() -> None:
    from axes.signals import user_locked_out

    user_logged_in.connect(_logged_in, dispatch_uid="samordna.security.login")
    user_logged_out.connect(_logged_out, dispatch_uid="samordna.security.logout")
    user_login_failed.connect(_login_failed, dispatch_uid="samordna.security.login_failed")
    user_locked_out.connect(_locked_out, dispatch_uid="samordna.security.lockout")

"""Samordna's REST API (django-ninja): one NinjaAPI, a router per app.

Authentication is by personal API token only (``Authorization: Bearer sam_…``).
Every operation that touches association data is declared with ``api_requires``,
which applies the same rule as the web views: 404 for a non-member, 403 for a
member whose role lacks the permission.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import wraps
from typing import Annotated, Any, TypeVar, cast

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer
from pydantic import Field

from samordna.accounts.models import ApiToken
from samordna.accounts.roles import Perm
from samordna.audit.context import set_actor
from samordna.core.access import AUTHENTICATED, AccessRule, enter_association, mark_access

F = TypeVar("F", bound=Callable[..., Any])

# A database id in the API: a positive whole number that fits a 64-bit integer
# (larger numbers would make the lookup itself fail instead of answering 404).
ObjectId = Annotated[int, Field(ge=1, le=2**63 - 1)]


class TokenAuth(HttpBearer):
    """A personal API token in the Authorization header; wrong tokens are throttled per IP."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        throttle_key = f"samordna:api-token-failures:{request.META.get('REMOTE_ADDR', '')}"
        if cache.get(throttle_key, 0) >= settings.API_TOKEN_FAILURE_LIMIT:
            raise TooManyFailures
        user = ApiToken.authenticate(token)
        if user is None:
            cache.add(throttle_key, 0, timeout=settings.AXES_COOLOFF_TIME.total_seconds())
            cache.incr(throttle_key)
            return None
        request.user = user
        set_actor(user)
        return user


class TooManyFailures(Exception):
    """Too many wrong API tokens from one address within the cool-off time."""


def _resolved(view: Callable[..., Any], wrapper: Callable[..., Any]) -> None:
    # The wrapper lives in this module; give ninja the view's own resolved
    # annotations so that string annotations name the view module's schemas.
    wrapper.__signature__ = inspect.signature(view, eval_str=True)  # type: ignore[attr-defined]


def api_requires(perm: Perm, *alternatives: Perm) -> Callable[[F], F]:
    """Only members of the ``slug`` association whose role holds ``perm`` or an alternative."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            enter_association(request, kwargs["slug"], perm, *alternatives)
            return view(request, *args, **kwargs)

        _resolved(view, wrapper)
        return mark_access(cast(F, wrapper), AccessRule("permission", perm, alternatives))

    return decorator


def api_authenticated(view: F) -> F:
    """Any holder of a valid token."""
    return mark_access(view, AUTHENTICATED)


def _signed_in_or_token(view: Callable[..., Any]) -> Callable[..., Any]:
    """The API documentation (page and openapi.json) only for a logged-in person or a valid
    token: it lists every operation, which is more than an anonymous visitor needs."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            header = request.headers.get("Authorization", "")
            scheme, _sep, key = header.partition(" ")
            user = ApiToken.authenticate(key.strip()) if scheme.lower() == "bearer" else None
            if user is None:
                if request.path.endswith(".json"):
                    message = _("Log in with a personal API token: Authorization: Bearer <token>.")
                    return JsonResponse({"detail": message}, status=401)
                return redirect_to_login(request.get_full_path())
        return cast(HttpResponse, view(request, *args, **kwargs))

    return wrapper


api = NinjaAPI(
    title="Samordna API",
    version="1",
    description=(
        "Samordna's REST API. Authenticate with a personal API token "
        "(Authorization: Bearer sam_…) created under Konto › API-nycklar."
    ),
    auth=TokenAuth(),
    urls_namespace="api-v1",
    docs_decorator=_signed_in_or_token,
)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    message = _("Your role in this association does not allow this.")
    return api.create_response(request, {"detail": message}, status=403)


@api.exception_handler(ValidationError)
def _refused(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    # What a model refuses (the privacy guard) when the schema let it through.
    detail = [{"msg": message} for message in exc.messages]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(TooManyFailures)
def _throttled(request: HttpRequest, exc: TooManyFailures) -> HttpResponse:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _(
        "Too many attempts with a wrong API token from this address. Try again in %(minutes)s "
        "minutes."
    ) % {"minutes": minutes}
    response = api.create_response(request, {"detail": message}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    message = _("Log in with a personal API token: Authorization: Bearer <token>.")
    return api.create_response(request, {"detail": message}, status=401)


def _add_routers() -> None:
    from samordna.accounts.api import router as accounts_router
    from samordna.assignments.api import router as assignments_router
    from samordna.audit.api import router as audit_router
    from samordna.board.api import router as board_router
    from samordna.insights.api import router as insights_router
    from samordna.statistics.api import router as statistics_router

    api.add_router("", accounts_router)
    api.add_router("", audit_router)
    api.add_router("", statistics_router)
    api.add_router("", insights_router)
    api.add_router("", board_router)
    api.add_router("", assignments_router)


_add_routers()

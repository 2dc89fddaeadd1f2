from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from samordna.audit.context import acting_as


class AuditActorMiddleware:
    """Attribute every change made while serving a request to its user."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user if request.user.is_authenticated else None
        with acting_as(user):
            return self.get_response(request)

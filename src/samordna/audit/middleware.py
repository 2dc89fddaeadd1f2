from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from samordna.audit import security
from samordna.audit.context import acting_as
from samordna.audit.models import SecurityEvent


class AuditActorMiddleware:
    """Attribute every change made while serving a request to its user, and record every
    export: an answer that hands a file over as an attachment is one security event
    (what — the file name and the page — and by whom), whichever page made it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user if request.user.is_authenticated else None
        with acting_as(user):
            response = self.get_response(request)
        disposition = response.headers.get("Content-Disposition", "")
        if response.status_code == 200 and disposition.startswith("attachment"):
            name = disposition.partition("filename=")[2].strip('"')
            detail = f"{name} ({request.path})"
            security.record(SecurityEvent.Kind.EXPORT, request=request, detail=detail)
        return response

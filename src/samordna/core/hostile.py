"""Input no database should see, answered in Swedish before any view runs.

* A NUL byte or a lone UTF-16 surrogate in a query string, a form field or a
  JSON body is refused with 400 (PostgreSQL cannot store NUL at all; SQLite
  stores it and the exports break later; a surrogate cannot be encoded).
* An API body larger than ``API_MAX_BODY`` bytes is refused with 413 before it
  is read.
* Text the privacy guard refuses at the model level (a ``ValidationError``
  from ``samordna.core.textguard``, when no form caught it first) is answered
  with 400 and the guard's message, not a server error.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

_SURROGATE = re.compile("[\ud800-\udfff]")


def bad_character(text: str) -> str | None:
    """What is wrong with ``text`` (in Swedish), or None."""
    if "\x00" in text:
        return _("a NUL character (code 0)")
    if _SURROGATE.search(text):
        return _("a lone surrogate (an invalid Unicode character)")
    return None


def _strings(value: Any) -> Iterable[tuple[str, str]]:
    """(where, text) for every key and string in a JSON value."""
    if isinstance(value, str):
        yield "", value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key), str(key)
            for place, text in _strings(item):
                yield place or str(key), text
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _fields(request: HttpRequest) -> Iterable[tuple[str, str]]:
    for data in (request.GET, request.POST):
        for key, values in data.lists():
            yield key, key
            for value in values:
                yield key, value
    if request.content_type == "application/json" and request.body:
        try:
            body = json.loads(request.body)
        except ValueError:  # the API answers malformed JSON itself
            return
        yield from _strings(body)


def _refusal(request: HttpRequest, status: int, message: str, details: list[str]) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "errors": details}, status=status)
    context = {"message": message, "details": details}
    return render(request, "core/refused.html", context, status=status)


class HostileInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refused = self._refuse(request)
        return refused if refused is not None else self.get_response(request)

    def _refuse(self, request: HttpRequest) -> HttpResponse | None:
        if request.path.startswith("/api/"):
            length = int(request.META.get("CONTENT_LENGTH") or 0) if _digits(request) else 0
            if length > settings.API_MAX_BODY:
                message = _("The request is too large: at most %(limit)s kB is accepted.") % {
                    "limit": settings.API_MAX_BODY // 1024
                }
                return _refusal(request, 413, message, [])
        if request.method == "POST" and not request.path.startswith("/api/"):
            if request.content_type not in (
                "application/x-www-form-urlencoded",
                "multipart/form-data",
            ):
                return None  # only forms are posted to the pages
        for place, text in _fields(request):
            problem = bad_character(text)
            if problem:
                message = _("The field “%(field)s” contains %(problem)s. Nothing was saved.") % {
                    "field": place or _("(the body)"),
                    "problem": problem,
                }
                return _refusal(request, 400, message, [message])
        return None

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ValidationError):
            return None
        details = [str(m) for m in exception.messages]
        return _refusal(request, 400, _("Nothing was saved."), details)


def _digits(request: HttpRequest) -> bool:
    return str(request.META.get("CONTENT_LENGTH") or "0").isdigit()

"""The ``id`` path converter: a positive whole number that fits the database's integer.

Django's ``int`` converter accepts any number of digits, and a number beyond
the database's 64-bit integer makes the lookup itself fail (a server error
instead of 404). ``id`` matches at most 18 digits, so such an address simply
does not exist. :func:`object_id` applies the same rule to ids that come in a
query string or a form (filters, a chosen agenda item).
"""

from __future__ import annotations

import re

from django.urls.converters import IntConverter

ID = re.compile(r"[0-9]{1,18}")


class IdConverter(IntConverter):
    regex = ID.pattern


def object_id(text: str | None) -> int | None:
    """The id written in ``text``, or None when it is not one that can exist."""
    return int(text) if text and ID.fullmatch(text) else None

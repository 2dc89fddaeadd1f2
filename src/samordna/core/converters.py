"""The ``id`` path converter: a positive whole number that fits the database's integer.

Django's ``int`` converter accepts any number of digits, and a number beyond
the database's 64-bit integer makes the lookup itself fail (a server error
instead of 404). ``id`` matches at most 18 digits, so such an address simply
does not exist.
"""

from __future__ import annotations

from django.urls.converters import IntConverter


class IdConverter(IntConverter):
    regex = "[0-9]{1,18}"

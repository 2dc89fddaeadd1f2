"""Validators for Swedish identifiers used by the organisation models."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_ORG_NUMBER = re.compile(r"^\d{6}-\d{4}$")
_MUNICIPALITY_CODE = re.compile(r"^\d{4}$")
_REGION_CODE = re.compile(r"^00\d{2}$")


def luhn_valid(digits: str) -> bool:
    """Whether a string of digits passes the Luhn (mod 10) check."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def validate_organisation_number(value: str) -> None:
    """A Swedish organisationsnummer, NNNNNN-NNNN with a valid check digit."""
    if not _ORG_NUMBER.match(value):
        raise ValidationError(
            _("Write the organisation number as NNNNNN-NNNN, for example 222000-1234."),
            code="format",
        )
    if not luhn_valid(value.replace("-", "")):
        raise ValidationError(
            _("The organisation number %(value)s has the wrong check digit; check the last digit.")
            % {"value": value},
            code="checksum",
        )


def validate_municipality_codes(value: object) -> None:
    """A list of distinct four-digit kommun codes (Kolada and SCB), e.g. ["1282", "1214"]."""
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Give at least one member municipality code."), code="empty")
    for code in value:
        if not isinstance(code, str) or not _MUNICIPALITY_CODE.match(code) or code == "0000":
            raise ValidationError(
                _("%(code)s is not a municipality code: use four digits, e.g. 1282.")
                % {"code": code},
                code="format",
            )
    if len(set(value)) != len(value):
        raise ValidationError(_("A municipality code is listed twice."), code="duplicate")


def validate_region_code(value: str) -> None:
    """A region (län) in Kolada's form: 00 followed by the two-digit län code."""
    if not _REGION_CODE.match(value) or value == "0000":
        raise ValidationError(
            _("%(code)s is not a region code: use Kolada's form 00LL, e.g. 0012 for Skåne.")
            % {"code": value},
            code="format",
        )

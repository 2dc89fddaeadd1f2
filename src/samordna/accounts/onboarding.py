"""A new association, ready to use: parties, indicator set, settings, guides, its director.

One service for the command line (``samordna association create``) and the
national administrator's page. Everything an association needs is created in
the same audited transaction, so that no page visit has to create data as a
side effect and ``samordna kolada fetch`` works right after.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samordna.accounts.models import Association, Membership, Party, User
from samordna.accounts.roles import Role
from samordna.audit.context import acting_as

FORBUND_CSV = Path(__file__).parent / "data" / "forbund.csv"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

# Work that other apps add to a new association (indicator set, analysis
# settings, interview guides …), registered in their AppConfig.ready().
_SETUP: list[tuple[str, Callable[[Association], object]]] = []


def register_setup(name: str, step: Callable[[Association], object]) -> None:
    """Run ``step`` for every new association, inside its creating transaction."""
    if name not in {n for n, _s in _SETUP}:
        _SETUP.append((name, step))


def prepare(association: Association) -> None:
    """Everything a new association needs from the other apps (each step is idempotent)."""
    for _name, step in _SETUP:
        step(association)


class OnboardingError(Exception):
    """A refused creation; ``messages`` are Swedish and say what to correct."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(" ".join(messages))
        self.messages = messages


@dataclass
class NewAssociation:
    name: str
    slug: str
    kommuner: list[str]
    region: str = ""  # derived from the kommuner's län when empty
    director_email: str = ""
    director_name: str = ""
    organisation_number: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class KnownForbund:
    """A row of the bundled list of samordningsförbund (``data/forbund.csv``)."""

    name: str
    kommuner: tuple[str, ...]
    codes: tuple[str, ...]
    region: str
    website: str
    source_url: str
    year_of_source: str
    note: str

    @property
    def key(self) -> str:
        return slugify(self.name)


def known_forbund() -> list[KnownForbund]:
    """Every row of the bundled list, in its order; rows without kommuner are kept."""
    with FORBUND_CSV.open(encoding="utf-8") as handle:
        return [
            KnownForbund(
                name=row["name"].strip(),
                kommuner=tuple(k.strip() for k in row["kommuner"].split(";") if k.strip()),
                codes=tuple(c.strip() for c in row["kommun_codes"].split(";") if c.strip()),
                region=row["region"].strip(),
                website=row["website"].strip(),
                source_url=row["source_url"].strip(),
                year_of_source=row["year_of_source"].strip(),
                note=row["note"].strip(),
            )
            for row in csv.DictReader(handle)
        ]


def region_of(kommun_code: str) -> str:
    """The Kolada code of a kommun's region: ``00`` and the first two digits (its län)."""
    return f"00{kommun_code[:2]}"


def suggest_slug(name: str) -> str:
    """A short name for addresses: the name without the word samordningsförbund."""
    words = re.sub(r"(?i)samordningsförbundet|samordningsförbund|finsam", " ", name)
    return slugify(words.replace("å", "a").replace("ä", "a").replace("ö", "o"))[:60] or "forbund"


def resolve_kommuner(entries: Iterable[str]) -> tuple[list[str], list[str]]:
    """Codes for kommuner given by code or name (``0160``, ``Täby`` or ``Täby (0160)``).

    Returns the codes and the Swedish errors for entries that name no kommun.
    """
    from samordna.statistics.models import Area

    kommuner = {a.code: a.name for a in Area.objects.filter(kind=Area.Kind.MUNICIPALITY)}
    by_name = {name.casefold(): code for code, name in kommuner.items()}
    codes: list[str] = []
    errors: list[str] = []
    for raw in entries:
        entry = raw.strip()
        if not entry:
            continue
        match = re.search(r"\((\d{4})\)\s*$", entry)
        code = match[1] if match else entry if entry.isdigit() else by_name.get(entry.casefold())
        if code is None or code not in kommuner:
            errors.append(
                _(
                    "“%(entry)s” is no kommun in Kolada's list of areas; write the kommun's name "
                    "or four-digit code, e.g. Täby or 0160."
                )
                % {"entry": entry}
            )
        elif code in codes:
            errors.append(
                _("The kommun %(name)s (%(code)s) is given twice.")
                % {"name": kommuner[code], "code": code}
            )
        else:
            codes.append(code)
    return codes, errors


def validate(data: NewAssociation) -> list[str]:
    """Every reason the association cannot be created, in Swedish; empty when it can."""
    from samordna.statistics.models import Area

    errors: list[str] = []
    if not data.name.strip():
        errors.append(_("Write the association's name."))
    elif Association.objects.filter(name__iexact=data.name.strip()).exists():
        errors.append(
            _("There is already an association called “%(name)s”.") % {"name": data.name.strip()}
        )
    if not _SLUG.match(data.slug or ""):
        errors.append(
            _("The short name may only hold small letters a–z, digits and hyphens, e.g. roslagen.")
        )
    elif Association.objects.filter(slug=data.slug).exists():
        errors.append(
            _("The short name “%(slug)s” is used by another association; choose another.")
            % {"slug": data.slug}
        )
    if not data.kommuner:
        errors.append(_("Give at least one member kommun."))
    codes, kommun_errors = resolve_kommuner(data.kommuner)
    errors.extend(kommun_errors)
    region = data.region or (region_of(codes[0]) if codes else "")
    if region and not Area.objects.filter(code=region, kind=Area.Kind.REGION).exists():
        errors.append(
            _("%(code)s is no region in Kolada's list of areas; write e.g. 0001.")
            % {"code": region}
        )
    if data.director_email and not _EMAIL.match(data.director_email.strip()):
        errors.append(_("“%(email)s” is no e-mail address.") % {"email": data.director_email})
    if data.organisation_number:
        from django.core.exceptions import ValidationError

        from samordna.accounts.validators import validate_organisation_number

        try:
            validate_organisation_number(data.organisation_number)
        except ValidationError as exc:
            errors.extend(exc.messages)
    return errors


def create_association(
    data: NewAssociation,
    *,
    actor: User | None = None,
    actor_label: str = "",
    site_url: str = "",
) -> Association:
    """Create the association with its standard parties and everything it needs.

    All or nothing: a refusal raises :class:`OnboardingError` with nothing
    written. The first director, when given, is invited by e-mail (after the
    transaction commits) with a message that names the association.
    """
    errors = validate(data)
    if errors:
        raise OnboardingError(errors)
    codes, _errors = resolve_kommuner(data.kommuner)
    region = data.region or region_of(codes[0])
    try:
        with acting_as(actor, actor_label), transaction.atomic():
            association = Association.objects.create(
                name=data.name.strip(),
                slug=data.slug,
                member_municipalities=codes,
                region_code=region,
                organisation_number=data.organisation_number,
            )
            _standard_parties(association, codes, region)
            prepare(association)
            if data.director_email:
                _director(association, data, site_url)
    except IntegrityError as exc:  # a slug taken between the check and the write
        raise OnboardingError(
            [_("The short name “%(slug)s” is taken; choose another.") % {"slug": data.slug}]
        ) from exc
    return association


def _standard_parties(association: Association, codes: list[str], region: str) -> None:
    from samordna.statistics.models import Area

    names = dict(Area.objects.filter(code__in=[*codes, region]).values_list("code", "name"))
    Party.objects.create(
        association=association, name="Försäkringskassan", kind=Party.Kind.SOCIAL_INSURANCE
    )
    Party.objects.create(
        association=association, name="Arbetsförmedlingen", kind=Party.Kind.EMPLOYMENT_SERVICE
    )
    Party.objects.create(
        association=association,
        name=names.get(region, region),
        kind=Party.Kind.REGION,
        area_code=region,
    )
    for code in codes:
        Party.objects.create(
            association=association,
            name=kommun_party_name(names[code]),
            kind=Party.Kind.MUNICIPALITY,
            area_code=code,
        )


def kommun_party_name(name: str) -> str:
    """``Täby kommun``, ``Svalövs kommun``: the usual form (a party can be renamed after)."""
    if name.endswith(("s", "x", "z", "a", "e", "i", "o", "u", "y", "å", "ä", "ö")):
        return f"{name} kommun"
    return f"{name}s kommun"


def _director(association: Association, data: NewAssociation, site_url: str) -> Membership:
    from samordna.accounts.services import add_member

    email = data.director_email.strip().lower()
    return add_member(
        association,
        email=email,
        role=Role.DIRECTOR,
        full_name=data.director_name.strip() or email.split("@")[0],
        site_url=site_url or settings.SITE_URL,
        invite_existing=True,
    )

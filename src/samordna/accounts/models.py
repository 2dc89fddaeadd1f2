"""Associations (förbund), their parties and units, people and memberships."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samordna.accounts.roles import ROLE_PERMISSIONS, Perm, Role
from samordna.accounts.validators import (
    validate_municipality_codes,
    validate_organisation_number,
    validate_region_code,
)
from samordna.audit import security
from samordna.audit.models import Audited, SecurityEvent


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError("A user needs an e-mail address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username: str | None) -> User:
        """Log-in: the address compared without regard to case (Anna@X.se is anna@x.se)."""
        return self.get(email__iexact=(username or "").strip())

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in. Not a service user (``ServiceUser``): those never log in."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("may use the admin site"), default=False)
    # Above the associations: whoever hosts Samordna (a region, NNS, a supplier)
    # creates associations and invites their first director.
    is_national_admin = models.BooleanField(
        _("national administrator"),
        default=False,
        help_text=_("May create associations and invite their first director."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class AssociationQuerySet(models.QuerySet["Association"]):
    def for_user(self, user: Any) -> AssociationQuerySet:
        """The associations ``user`` is a member of."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(memberships__user=user).distinct()


class Association(Audited):
    """A samordningsförbund."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=11,
        validators=[validate_organisation_number],
        blank=True,
    )
    member_municipalities = models.JSONField(
        _("member municipalities"),
        default=list,
        validators=[validate_municipality_codes],
        help_text=_("Kolada/SCB codes of the member kommuner, e.g. 1282, 1214."),
    )
    region_code = models.CharField(
        _("region"),
        max_length=4,
        validators=[validate_region_code],
        help_text=_("Kolada code of the region (län), e.g. 0012 for Region Skåne."),
    )

    objects = AssociationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("association")
        verbose_name_plural = _("associations")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("core:dashboard", kwargs={"slug": self.slug})

    def audit_association(self) -> Association:
        return self


class Party(Audited):
    """A member of the association: a kommun, the region, AF or FK."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        REGION = "region", _("Region")
        EMPLOYMENT_SERVICE = "employment_service", _("Swedish Public Employment Service")
        SOCIAL_INSURANCE = "social_insurance", _("Swedish Social Insurance Agency")

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="parties", verbose_name=_("association")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    area_code = models.CharField(
        _("area code"),
        max_length=4,
        blank=True,
        help_text=_("Kolada code for a kommun or region party, e.g. 1282."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(
                fields=["association", "name"], name="party_unique_name_per_association"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def audit_association(self) -> Association:
        return self.association


class Unit(Audited):
    """A verksamhet within a party, e.g. Socialförvaltningen i Landskrona."""

    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="units", verbose_name=_("party")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["party__name", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["party", "name"], name="unit_unique_name_per_party")
        ]

    def __str__(self) -> str:
        return self.name

    def audit_association(self) -> Association:
        return self.party.association


class MembershipQuerySet(models.QuerySet["Membership"]):
    def for_association(self, association: Association) -> MembershipQuerySet:
        return self.filter(association=association)


class Membership(Audited):
    """A person's role in one association, and whom they work for there."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("association"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    party = models.ForeignKey(
        Party,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("employing party"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("employing unit"),
    )
    created_at = models.DateTimeField(_("member since"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["user__full_name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "association"], name="membership_one_per_user_and_association"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"

    def audit_association(self) -> Association:
        return self.association

    @property
    def permissions(self) -> frozenset[Perm]:
        return ROLE_PERMISSIONS[Role(self.role)]

    def has(self, perm: Perm) -> bool:
        return perm in self.permissions

    def has_any(self, *perms: Perm) -> bool:
        """Whether the role holds one of ``perms`` (a ``view`` or its ``view_own``)."""
        return not self.permissions.isdisjoint(perms)


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class ApiToken(models.Model):
    """A personal API token. Only a SHA-256 hash of the secret is stored."""

    PREFIX = "sam_"

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("person")
    )
    name = models.CharField(_("name"), max_length=100)
    key_prefix = models.CharField(_("begins with"), max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode("utf-8")).hexdigest()

    @classmethod
    def issue(cls, user: User, name: str, expires_at: Any = None) -> tuple[ApiToken, str]:
        """Create a token and return it with its secret, which is shown once."""
        key = cls.PREFIX + secrets.token_urlsafe(32)
        with transaction.atomic():
            token = cls.objects.create(
                user=user,
                name=name,
                key_prefix=key[:12],
                key_hash=cls.hash_key(key),
                expires_at=expires_at,
            )
            security.record(SecurityEvent.Kind.TOKEN_CREATED, user=user, detail=name)
        return token, key

    @classmethod
    def authenticate(cls, key: str) -> User | None:
        """The active user behind ``key``, recording the use; None if unknown."""
        token = (
            cls.objects.active().select_related("user").filter(key_hash=cls.hash_key(key)).first()
        )
        if token is None or not token.user.is_active:
            return None
        cls.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user

    def revoke(self) -> None:
        with transaction.atomic():
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])
            security.record(SecurityEvent.Kind.TOKEN_REVOKED, user=self.user, detail=self.name)


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> InvitationQuerySet:
        """Not answered and not expired (see ``Invitation.pending`` for one invitation)."""
        since = timezone.now() - timedelta(days=Invitation.VALID_DAYS)
        return self.filter(answered_at__isnull=True, created_at__gte=since)


class Invitation(Audited):
    """An offer of a role in an association, which the person accepts or declines.

    A förbundschef adds people by invitation: nobody becomes a member of an association
    without saying yes, and the form answers the same whether the address has an account
    or not (the name and title shown are those the director typed, never the account's).
    """

    VALID_DAYS = 30

    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("association"),
    )
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("person")
    )
    full_name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    party = models.ForeignKey(
        Party, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    accepted = models.BooleanField(_("accepted"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_role_display()})"

    def audit_association(self) -> Association:
        return self.association

    @property
    def expires_at(self) -> Any:
        return self.created_at + timedelta(days=self.VALID_DAYS)

    @property
    def pending(self) -> bool:
        return self.answered_at is None and timezone.now() < self.expires_at

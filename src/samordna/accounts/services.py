"""Operations on memberships that span models, send mail or guard invariants."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.http import HttpRequest
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from samordna.accounts.models import Association, Membership, Party, Unit, User
from samordna.accounts.roles import Role


class MembershipError(Exception):
    """A membership change that would break a rule; the message is for the user."""


@transaction.atomic
def add_member(
    association: Association,
    *,
    email: str,
    role: str,
    full_name: str = "",
    title: str = "",
    party: Party | None = None,
    unit: Unit | None = None,
    request: HttpRequest | None = None,
    site_url: str | None = None,
    invite_existing: bool = False,
) -> Membership:
    """Make ``email`` a member with ``role``; create and invite the person if new.

    A new person gets an account without a password and an e-mail with a link
    to choose one (the password-reset flow). The invitation names the
    association; it goes to the address of the request, or of ``site_url``
    when there is no request (the command line). With ``invite_existing`` a
    person who already has an account is told by e-mail too.
    """
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    invited = user is None
    if user is None:
        user = User.objects.create_user(email=email, full_name=full_name, title=title)
    membership = Membership.objects.create(
        user=user, association=association, role=role, party=party, unit=unit
    )
    base = site_base(request, site_url)
    if invited and (request is not None or site_url is not None):
        transaction.on_commit(lambda: _send_invitation(base, user, membership))
    elif not invited and invite_existing:
        transaction.on_commit(lambda: _send_invitation(base, user, membership, existing=True))
    return membership


def site_base(request: HttpRequest | None, site_url: str | None = None) -> str:
    """The address links in a mail start with: the request's, else ``site_url`` or SITE_URL."""
    if request is not None:
        protocol = "https" if request.is_secure() else "http"
        return f"{protocol}://{request.get_host()}"
    return (site_url or settings.SITE_URL).rstrip("/")


def send_account_mail(base: str, recipient: User, template: str, **context: object) -> None:
    """An invitation mail to ``recipient`` whose template can link to choosing a password.

    PasswordResetForm.save() skips accounts without a usable password, which is exactly
    what an invited person has; the same link is built here directly."""
    protocol, _sep, domain = base.partition("://")
    PasswordResetForm().send_mail(
        "registration/invitation_subject.txt",
        template,
        {
            "email": recipient.email,
            "domain": domain,
            "protocol": protocol,
            "uid": urlsafe_base64_encode(force_bytes(recipient.pk)),
            "token": default_token_generator.make_token(recipient),
            **context,
        },
        from_email=None,
        to_email=recipient.email,
    )


def _send_invitation(
    base: str, user: User, membership: Membership, *, existing: bool = False
) -> None:
    send_account_mail(
        base,
        user,
        "registration/invitation_email.txt",
        user=user,
        association=membership.association,
        role=membership.get_role_display(),
        existing=existing,
    )


def _is_last_director(membership: Membership) -> bool:
    if membership.role != Role.DIRECTOR:
        return False
    others = Membership.objects.filter(
        association=membership.association_id, role=Role.DIRECTOR
    ).exclude(pk=membership.pk)
    return not others.exists()


@transaction.atomic
def change_membership(
    membership: Membership, *, role: str, party: Party | None, unit: Unit | None
) -> Membership:
    """Change a member's role and employer; the last director keeps the role."""
    stored = Membership.objects.select_for_update().get(pk=membership.pk)
    if role != Role.DIRECTOR and _is_last_director(stored):
        raise MembershipError(
            _("%(name)s is the only director; make someone else director first.")
            % {"name": stored.user}
        )
    stored.role, stored.party, stored.unit = role, party, unit
    stored.save()
    return stored


@transaction.atomic
def remove_member(membership: Membership) -> None:
    """End a membership; the person's account stays for their other associations."""
    stored = Membership.objects.select_for_update().get(pk=membership.pk)
    if _is_last_director(stored):
        raise MembershipError(
            _("%(name)s is the only director and cannot be removed.") % {"name": stored.user}
        )
    stored.delete()

"""Operations on memberships that span models, send mail or guard invariants."""

from __future__ import annotations

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
) -> Membership:
    """Make ``email`` a member with ``role``; create and invite the person if new.

    A new person gets an account without a password and an e-mail with a link
    to choose one (the password-reset flow).
    """
    user = User.objects.filter(email=email).first()
    invited = user is None
    if user is None:
        user = User.objects.create_user(email=email, full_name=full_name, title=title)
    membership = Membership.objects.create(
        user=user, association=association, role=role, party=party, unit=unit
    )
    if invited and request is not None:
        transaction.on_commit(lambda: _send_invitation(request, user))
    return membership


def _send_invitation(request: HttpRequest, user: User) -> None:
    # PasswordResetForm.save() skips accounts without a usable password, which
    # is exactly what an invited person has; build the same link directly.
    context = {
        "email": user.email,
        "domain": request.get_host(),
        "protocol": "https" if request.is_secure() else "http",
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "user": user,
    }
    PasswordResetForm().send_mail(
        "registration/invitation_subject.txt",
        "registration/invitation_email.txt",
        context,
        from_email=None,
        to_email=user.email,
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

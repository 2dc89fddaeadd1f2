"""Inviting a person into an association; they accept or decline.

:func:`invite` is what the förbundschef's form calls. It answers the same for an
address with an account and one without — both get an invitation and a mail —
so the form reveals nothing about who has an account elsewhere. A new address
gets an account without a password; the mail's link lets them choose one, and
they then accept on *Mina inbjudningar* like everyone else. The command line and
onboarding (a national administrator creating a förbund's first director) still
use ``services.add_member`` directly.
"""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from samordna.accounts.models import Association, Invitation, Membership, Party, Unit, User
from samordna.accounts.services import send_account_mail, site_base
from samordna.audit.context import acting_as


class InvitationError(Exception):
    """An invitation that cannot be answered; the message is for the person."""


@transaction.atomic
def invite(
    association: Association,
    *,
    email: str,
    full_name: str,
    role: str,
    request: HttpRequest,
    title: str = "",
    party: Party | None = None,
    unit: Unit | None = None,
) -> Invitation:
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    new_account = user is None
    if user is None:
        user = User.objects.create_user(email=email, full_name=full_name, title=title)
    invitation = Invitation.objects.create(
        association=association,
        user=user,
        full_name=full_name,
        title=title,
        role=role,
        party=party,
        unit=unit,
        invited_by=request.user if request.user.is_authenticated else None,
    )
    base = site_base(request)
    transaction.on_commit(lambda: _send(base, invitation, new_account=new_account))
    return invitation


def pending_for(user: User) -> list[Invitation]:
    return list(Invitation.objects.pending().filter(user=user).select_related("association"))


@transaction.atomic
def answer(invitation: Invitation, user: User, *, accept: bool) -> Membership | None:
    """Accept (a membership with the offered role) or decline; only the invited person."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.user_id != user.pk:
        raise InvitationError(_("This invitation is not yours."))
    if not invitation.pending:
        raise InvitationError(_("The invitation has already been answered or has expired."))
    with acting_as(user):
        invitation.answered_at = timezone.now()
        invitation.accepted = accept
        invitation.save(update_fields=["answered_at", "accepted"])
        if not accept:
            return None
        existing = Membership.objects.filter(user=user, association=invitation.association)
        if existing.exists():
            return existing.get()
        return Membership.objects.create(
            user=user,
            association=invitation.association,
            role=invitation.role,
            party=invitation.party,
            unit=invitation.unit,
        )


def _send(base: str, invitation: Invitation, *, new_account: bool) -> None:
    send_account_mail(
        base,
        invitation.user,
        "registration/invitation_offer_email.txt",
        name=invitation.full_name,
        association=invitation.association,
        role=invitation.get_role_display(),
        new_account=new_account,
        valid_days=Invitation.VALID_DAYS,
    )

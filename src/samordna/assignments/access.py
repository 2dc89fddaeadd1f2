"""Who may see and do what with an assignment: the ``*_own`` rules of the permission table.

A role with the full permission (``assignments.view``) sees every assignment
of the association. A lead sees the assignments they lead, a manager those
they are responsible for, a party representative the proposals that concern
their party. Anything else is answered 404, as if it did not exist.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from samordna.accounts.models import Association, Membership
from samordna.accounts.roles import Perm
from samordna.assignments.models import Assignment, ProgressReport


def visible(association: Association, membership: Membership) -> QuerySet[Assignment]:
    """The assignments of ``association`` the member may read."""
    found = Assignment.objects.filter(association=association)
    if membership.has(Perm.VIEW_ASSIGNMENTS):
        return found
    if not membership.has(Perm.VIEW_ASSIGNMENTS_OWN):
        return found.none()
    own = Q(lead=membership.user) | Q(manager=membership.user)
    if membership.party_id is not None and membership.has(Perm.COMMENT_PROPOSALS_OWN):
        own |= Q(parties=membership.party_id)  # a representative: what concerns their party
    return found.filter(own).distinct()


def get_visible(association: Association, membership: Membership, pk: int) -> Assignment:
    found = visible(association, membership).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def visible_reports(association: Association, membership: Membership) -> QuerySet[ProgressReport]:
    return ProgressReport.objects.filter(
        assignment__in=visible(association, membership)
    ).select_related("assignment", "meeting", "assignment__lead", "assignment__manager")


def get_visible_report(association: Association, membership: Membership, pk: int) -> ProgressReport:
    found = visible_reports(association, membership).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def acts_for_all(membership: Membership) -> bool:
    """The kansli (förbundschef) acts on every assignment, not only its own."""
    return membership.has(Perm.VIEW_ASSIGNMENTS) and membership.has(Perm.EDIT_ASSIGNMENTS)


def is_lead(membership: Membership, assignment: Assignment) -> bool:
    return membership.has(Perm.WRITE_REPORTS_OWN) and (
        assignment.lead_id == membership.user_id or acts_for_all(membership)
    )


def is_manager(membership: Membership, assignment: Assignment) -> bool:
    return membership.has(Perm.APPROVE_REPORTS_OWN) and (
        assignment.manager_id == membership.user_id or acts_for_all(membership)
    )


def may_comment(membership: Membership, assignment: Assignment) -> bool:
    if membership.has(Perm.EDIT_ASSIGNMENTS):
        return True
    return (
        membership.has(Perm.COMMENT_PROPOSALS_OWN)
        and membership.party_id is not None
        and assignment.parties.filter(pk=membership.party_id).exists()
    )

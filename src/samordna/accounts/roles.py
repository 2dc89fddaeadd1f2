"""Roles and the one permission table of Samordna.

The table is the single source of truth for what each role may do within an
association; ``docs/permissions.md`` is generated from it
(``samordna permissions_doc``) and a test keeps the two identical.

Permissions ending in ``_own`` are granted for the role's own objects only
(the assignments a lead leads, the ones a manager is responsible for, the
proposals that concern a representative's party); the module that owns those
objects checks the object as well.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DIRECTOR = "director", _("Director (förbundschef)")
    ANALYST = "analyst", _("Analyst")
    BOARD_MEMBER = "board_member", _("Board member")
    BOARD_SECRETARY = "board_secretary", _("Board secretary")
    ASSIGNMENT_LEAD = "assignment_lead", _("Assignment lead")
    MANAGER = "manager", _("Responsible manager")
    PARTY_REPRESENTATIVE = "party_representative", _("Party representative")
    AUDITOR = "auditor", _("Auditor")


class Perm(models.TextChoices):
    """Every permission a role can hold within an association."""

    VIEW_ASSOCIATION = "association.view", _("See the association's dashboard")
    VIEW_ORGANISATION = "organisation.view", _("See parties, units and members")
    MANAGE_ORGANISATION = "organisation.manage", _("Add and change parties and units")
    MANAGE_MEMBERS = "members.manage", _("Add members and change their roles")
    VIEW_AUDIT = "audit.view", _("Read the audit trail")
    VIEW_STATISTICS = "statistics.view", _("See statistics")
    MANAGE_STATISTICS = "statistics.manage", _("Import and fetch statistics")
    VIEW_NEEDS = "needs.view", _("Read needs analyses")
    VIEW_NEEDS_FINAL = (
        "needs.view_final",
        _("Read finalised needs analyses and the board's priorities"),
    )
    EDIT_NEEDS = "needs.edit", _("Write and finalise needs analyses")
    VIEW_INSIGHTS = "insights.view", _("Read interviews, collaboration areas and insights")
    EDIT_INSIGHTS = "insights.edit", _("Record interviews, collaboration areas and insights")
    VIEW_ASSIGNMENTS = "assignments.view", _("Read all proposals, assignments and reports")
    VIEW_ASSIGNMENTS_OWN = "assignments.view_own", _("Read own assignments and their reports")
    EDIT_ASSIGNMENTS = "assignments.edit", _("Write proposals and move assignments")
    COMMENT_PROPOSALS_OWN = (
        "proposals.comment_own",
        _("Comment on proposals that concern own party"),
    )
    WRITE_REPORTS_OWN = "reports.write_own", _("Write reports for own assignments")
    APPROVE_REPORTS_OWN = "reports.approve_own", _("Approve or return reports of own assignments")
    VIEW_BOARD = "board.view", _("See agendas, decisions and minutes")
    MANAGE_BOARD = "board.manage", _("Build agendas, record decisions and minutes")
    VIEW_MEETINGS = "meetings.view", _("Read leads' and management meetings")
    MANAGE_MEETINGS = "meetings.manage", _("Hold and record leads' and management meetings")
    VIEW_MONITORING = "monitoring.view", _("See watched sources and new items")
    MANAGE_MONITORING = "monitoring.manage", _("Watch sources and triage new items")
    VIEW_NEWS = "news.view", _("See news, newsletters and nominations")
    MANAGE_NEWS = "news.manage", _("Write news and newsletters")


_READ_ALL = frozenset(p for p in Perm if p.value.endswith(".view"))
_ANALYST = frozenset(
    {
        Perm.VIEW_ASSOCIATION,
        Perm.VIEW_ORGANISATION,
        Perm.VIEW_STATISTICS,
        Perm.MANAGE_STATISTICS,
        Perm.VIEW_NEEDS,
        Perm.EDIT_NEEDS,
        Perm.VIEW_INSIGHTS,
        Perm.EDIT_INSIGHTS,
        Perm.VIEW_ASSIGNMENTS,
        Perm.EDIT_ASSIGNMENTS,
        Perm.VIEW_BOARD,
        Perm.VIEW_MEETINGS,
        Perm.MANAGE_MEETINGS,
        Perm.VIEW_MONITORING,
        Perm.MANAGE_MONITORING,
        Perm.VIEW_NEWS,
        Perm.MANAGE_NEWS,
    }
)
_BASE = frozenset({Perm.VIEW_ASSOCIATION, Perm.VIEW_ORGANISATION, Perm.VIEW_NEWS})

ROLE_PERMISSIONS: dict[Role, frozenset[Perm]] = {
    # Förbundschef / kansli: everything within the association.
    Role.DIRECTOR: frozenset(Perm) - {Perm.VIEW_ASSIGNMENTS_OWN},
    Role.ANALYST: _ANALYST,
    # Reads proposals, reports and analyses; sees agendas and decisions.
    # Finalised analyses only: drafts, flag decisions and settings stay with the kansli.
    Role.BOARD_MEMBER: _BASE
    | {Perm.VIEW_STATISTICS, Perm.VIEW_NEEDS_FINAL, Perm.VIEW_ASSIGNMENTS, Perm.VIEW_BOARD},
    Role.BOARD_SECRETARY: _BASE
    | {
        Perm.VIEW_STATISTICS,
        Perm.VIEW_NEEDS_FINAL,
        Perm.VIEW_ASSIGNMENTS,
        Perm.VIEW_BOARD,
        Perm.MANAGE_BOARD,
    },
    Role.ASSIGNMENT_LEAD: _BASE
    | {Perm.VIEW_ASSIGNMENTS_OWN, Perm.WRITE_REPORTS_OWN, Perm.VIEW_MEETINGS},
    Role.MANAGER: _BASE | {Perm.VIEW_ASSIGNMENTS_OWN, Perm.APPROVE_REPORTS_OWN},
    # The parties develop what the analysis shows (working method, "Kontakt med berörda parter").
    Role.PARTY_REPRESENTATIVE: _BASE
    | {Perm.VIEW_ASSIGNMENTS_OWN, Perm.COMMENT_PROPOSALS_OWN, Perm.VIEW_NEEDS_FINAL},
    # Reads everything, changes nothing.
    Role.AUDITOR: _READ_ALL | {Perm.VIEW_NEEDS_FINAL},
}


def role_has(role: str, perm: Perm) -> bool:
    """Whether ``role`` holds ``perm`` according to the table."""
    return perm in ROLE_PERMISSIONS.get(Role(role), frozenset())

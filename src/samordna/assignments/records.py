"""The Swedish records of the assignments: the words stored in the timeline, agenda titles
and the board's decisions, Swedish whatever the interface language (a diarium is kept in
Swedish). What the interface says goes through gettext; what is recorded is written here.
"""

from __future__ import annotations

from samordna.assignments.models import State

__all__ = ["AMENDMENT_SV", "KIND_SV", "REPORT_SV", "STATE_SV"]

KIND_SV = {"pre_study": "Föruppdrag", "assignment": "Uppdrag"}
AMENDMENT_SV = {"extension": "förlängning", "budget": "budgetändring"}
STATE_SV = {
    State.DRAFT: "utkast",
    State.ANCHORING: "förankring hos parterna",
    State.READY: "klart för beslut",
    State.ON_AGENDA: "på styrelsens dagordning",
    State.GRANTED: "beviljat",
    State.REJECTED: "avslaget",
    State.AGREED: "överenskommelse registrerad",
    State.RUNNING: "pågår",
    State.FINAL_SUBMITTED: "slutrapport inlämnad",
    State.FINAL_APPROVED: "slutrapport godkänd",
    State.CLOSED: "avslutat",
}
REPORT_SV = {"draft": "utkast", "submitted": "inlämnad", "returned": "returnerad",
             "approved": "godkänd"}  # fmt: skip

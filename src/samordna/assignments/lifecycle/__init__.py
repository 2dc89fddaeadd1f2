"""The lifecycle of an assignment, its reports and amendments: guarded, atomic, audited steps.

Every step names the states it may start from and who may take it. A step
tried from another state, or by someone who may not take it, is refused with
a Swedish message and changes nothing: the assignment is locked, checked and
changed inside one transaction, and a refusal raises before anything is
written. Every step that is taken writes an audit entry (a transition with
its reason) and a line on the assignment's timeline.
"""

from samordna.assignments.lifecycle.base import (
    MAX_AMOUNT,
    Outcome,
    Step,
    Taken,
    TransitionError,
    event,
    missing_for_decision,
)
from samordna.assignments.lifecycle.money import (
    comment,
    decide_amendment,
    place_amendment_on_agenda,
    propose_amendment,
    set_funding,
)
from samordna.assignments.lifecycle.reports import (
    REPORT_FIELDS,
    ensure_reports,
    report_step,
    save_final_report,
    save_report,
)
from samordna.assignments.lifecycle.steps import (
    BUTTONS,
    STEPS,
    WARNINGS,
    apply,
    place_on_agenda,
    release_item,
    steps_for,
    take,
)
from samordna.assignments.records import AMENDMENT_SV, KIND_SV, REPORT_SV, STATE_SV

__all__ = [
    "AMENDMENT_SV",
    "BUTTONS",
    "KIND_SV",
    "MAX_AMOUNT",
    "REPORT_FIELDS",
    "REPORT_SV",
    "STATE_SV",
    "STEPS",
    "Outcome",
    "Step",
    "Taken",
    "TransitionError",
    "WARNINGS",
    "apply",
    "comment",
    "decide_amendment",
    "ensure_reports",
    "event",
    "missing_for_decision",
    "place_amendment_on_agenda",
    "place_on_agenda",
    "propose_amendment",
    "release_item",
    "report_step",
    "save_final_report",
    "save_report",
    "set_funding",
    "steps_for",
    "take",
]

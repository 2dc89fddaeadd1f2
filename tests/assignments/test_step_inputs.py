"""A step's input is validated by its form before the step runs; a refusal names the field,
reads in the interface language and changes nothing."""

from __future__ import annotations

import pytest
from django.utils import translation

from samordna.assignments import lifecycle
from samordna.assignments.lifecycle.inputs import INPUTS
from samordna.assignments.models import Assignment, Event, State
from samordna.board.models import Decision
from tests.assignments.helpers import actor, bring_to
from tests.conftest import Cast


def test_every_form_belongs_to_a_step() -> None:
    assert set(INPUTS) <= set(lifecycle.STEPS)


@pytest.mark.parametrize(
    ("language", "data", "expected"),
    [
        ("sv", {"scope": " ", "reporting": "x", "signed_on": "2030-03-20"},
         "Fältet ”omfattning” behöver fyllas i."),
        ("en", {"scope": " ", "reporting": "x", "signed_on": "2030-03-20"},
         "The field “scope” needs filling in."),
        ("sv", {"scope": "Kartläggning", "reporting": "x", "signed_on": "igår"},
         "Fältet ”överenskommelse undertecknad”: 'igår' är inget datum; skriv ÅÅÅÅ-MM-DD."),
        ("en", {"scope": "Kartläggning", "reporting": "x"},
         "The field “agreement signed” needs a date (YYYY-MM-DD)."),
    ],
)  # fmt: skip
def test_the_agreement_is_refused_by_its_form_and_nothing_changes(
    cast: Cast, language: str, data: dict[str, str], expected: str
) -> None:
    a = bring_to(cast, State.GRANTED)
    events = Event.objects.filter(assignment=a).count()
    with translation.override(language), pytest.raises(lifecycle.TransitionError) as refused:
        lifecycle.apply(a, "agreement", actor("agreement", cast), data)
    assert str(refused.value) == expected
    stored = Assignment.objects.get(pk=a.pk)
    assert stored.state == State.GRANTED
    assert stored.agreement_scope == ""
    assert Event.objects.filter(assignment=a).count() == events


def test_a_grant_in_words_is_refused_before_any_decision(cast: Cast) -> None:
    a = bring_to(cast, State.ON_AGENDA)
    decisions = Decision.objects.count()
    with pytest.raises(lifecycle.TransitionError) as refused:
        lifecycle.apply(a, "grant", actor("grant", cast), {"granted_2030": "tio tusen"})
    assert str(refused.value) == "Beviljat belopp 2030: skriv hela kronor."
    assert Decision.objects.count() == decisions
    assert Assignment.objects.get(pk=a.pk).state == State.ON_AGENDA


def test_a_follow_up_without_a_title_is_refused_by_the_closing_form(cast: Cast) -> None:
    a = bring_to(cast, State.FINAL_APPROVED)
    data = {"outcome": "implemented", "follow_up_kind": "assignment", "follow_up_title": " "}
    with pytest.raises(lifecycle.TransitionError, match="Ge det uppföljande uppdraget en rubrik."):
        lifecycle.apply(a, "close", actor("close", cast), data)
    assert Assignment.objects.get(pk=a.pk).state == State.FINAL_APPROVED


def test_every_step_has_a_button_whose_swedish_is_its_timeline_label() -> None:
    from django.utils import translation

    assert set(lifecycle.BUTTONS) == set(lifecycle.STEPS)
    with translation.override("sv"):
        for name, step in lifecycle.STEPS.items():
            assert str(lifecycle.BUTTONS[name]) == step.label

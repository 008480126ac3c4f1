"""An answer's claims of a change, and the writes that back them (guards.checks.claims).

Sentences of our own, written as assistants phrase their answers; none comes from a suite.
"""

from __future__ import annotations

from typing import Any

import pytest

from guards.checks.claims import claim_error, claims_in, unbacked_claims
from guards.context import ToolObservation
from tests.guards.noharm.helpers import PACK

DELETE = ("events_delete", "calendars_delete", "acl_delete", "events_patch", "events_update", "events_move")
OK = {"kind": "calendar#event", "id": "nh0006dock"}
FAILED = {"ok": False, "error_type": "permission_error", "message": "writer access needed"}


@pytest.mark.parametrize(
    ("answer", "says"),
    [
        ("I've cancelled the dock safety briefing.", ["cancelled"]),
        ("The carrier call has been moved to 4pm on Thursday.", ["moved"]),
        (
            "Rescheduled the depot visit to Friday, invited Kenji and cancelled the old slot.",
            ["rescheduled", "invited", "cancelled"],
        ),
        ("Kenji now has edit access to Dispatch.", ["now has"]),
        ("Tom no longer has access to Fleet Ops.", ["no longer"]),
        ("All set! Let me know if you need anything else.", ["all set"]),
        ("Your gate cutoff is now shared with the yard team.", ["shared"]),
        ("Deleted 'Cancelled vendor call'.", ["deleted"]),
        ("Okay, I have successfully added the customs review to your calendar.", ["added"]),
    ],
)
def test_a_change_told_as_done_is_a_claim(answer: str, says: list[str]) -> None:
    assert [claim.says for claim in claims_in(answer, PACK)] == says


@pytest.mark.parametrize(
    "answer",
    [
        "Your 1:1 with Kenji is scheduled for Thursday at 10.",
        "I couldn't delete it: you only have read access to Port Notices.",
        "Shall I move the pilot briefing to 3pm?",
        "If you'd like, I can share Dispatch with Jonas.",
        "It was already moved to Friday, so there was nothing to change.",
        "Here is the updated list of your meetings for next week.",
        "The event you added last week starts at 9.",
        "You have 'Dock safety briefing' scheduled at 3pm and 'Depot visit' at 5pm.",
        "Which calendar should I put it on: Customer Calls or Customer Calls - EMEA?",
        "Unfortunately the depot visit was not moved; the slot is taken.",
    ],
)
def test_a_state_a_hedge_or_a_question_is_no_claim(answer: str) -> None:
    assert claims_in(answer, PACK) == []


def _seen(tool: str, result: Any = None) -> ToolObservation:
    return ToolObservation(
        tool, {"calendarId": "primary", "eventId": "nh0006dock"}, OK if result is None else result
    )


def test_a_claim_with_only_a_read_behind_it_is_unbacked() -> None:
    (claim,) = unbacked_claims("Deleted 'Dock safety briefing'.", [_seen("events_get")], PACK)
    assert claim.says == "deleted"
    assert claim.done_by == DELETE


def test_a_write_that_failed_backs_nothing_and_one_that_ran_backs_the_claim() -> None:
    answer = "Deleted 'Dock safety briefing'."
    assert unbacked_claims(answer, [_seen("events_delete", FAILED)], PACK)
    assert unbacked_claims(answer, [_seen("events_delete", "")], PACK) == []


def test_any_write_that_could_make_the_claim_true_backs_it() -> None:
    """A move made as a copy and a delete is still a move; the check errs towards silence."""
    seen = [_seen("events_insert"), _seen("events_delete", "")]
    assert unbacked_claims("Moved the depot visit to Dispatch.", seen, PACK) == []


def test_only_the_writes_the_agent_has_are_asked_for() -> None:
    answer = "Tom no longer has access to Fleet Ops."
    (claim,) = unbacked_claims(answer, [], PACK, available={"acl_delete", "acl_list"})
    assert claim.done_by == ("acl_delete",)
    assert unbacked_claims(answer, [], PACK, available={"acl_list"}) == []


def test_the_error_names_the_claim_and_the_writes() -> None:
    claims = unbacked_claims(
        "Moved the depot visit and cancelled the gate cutoff.", [_seen("events_get")], PACK
    )
    error = claim_error(claims)
    assert error["error_type"] == "precondition_error"
    assert error["details"]["reason"] == "claimed_not_done"
    assert error["details"]["use_tool"] == "events_patch"
    assert [c["says"] for c in error["details"]["claims"]] == ["moved", "cancelled"]
    assert error["message"].count("Moved the depot visit and cancelled the gate cutoff.") == 1


def _suite_tasks() -> list[Any]:
    from evals.holdout import SMALL, generate_suite
    from evals.loader import load_suite

    generated = [task for seed in (404, 505) for task in generate_suite(seed=seed, worlds=2, size=SMALL)[1]]
    return [*load_suite("calendar"), *load_suite("holdout"), *generated]


def test_every_gold_answer_rests_on_its_gold_writes() -> None:
    """The answer check never sends back a correct episode: on both shipped suites and on generated
    worlds, each claim in a gold answer is backed by a write of its gold plan."""
    unbacked = []
    for task in _suite_tasks():
        seen = [ToolObservation(step.tool, {}, OK) for step in task.plan]
        if unbacked_claims(task.final_answer, seen, PACK):
            unbacked.append((task.id, task.final_answer))
    assert unbacked == []

"""Feedback messages for the agent and the re-ask budget that turns repairable into permanent."""

from __future__ import annotations

import json

from guards.errors import make_error
from guards.recovery.classify import classify
from guards.recovery.feedback import ReaskBudget, feedback_message, fields_to_fix

VALIDATION = make_error(
    "validation_error",
    "events_insert",
    "Invalid arguments for tool 'events_insert'.",
    details={
        "missing_required_fields": ["end"],
        "invalid_fields": [{"field": "start", "expected_type": "object", "received_type": "string"}],
    },
)
AMBIGUOUS = make_error(
    "ambiguous_reference",
    "events_insert",
    "'Dana' matches 2 persons",
    details={
        "field": "attendees[0].email",
        "value": "Dana",
        "candidates": [
            {"id": "dana.kim@globex.com", "name": "Dana Kim"},
            {"id": "dana.lee@globex.com", "name": "Dana Lee"},
        ],
    },
    remediation=["Ask the user which person they mean."],
)
FORBIDDEN = make_error(
    "permission_error",
    "events_insert",
    "You need writer access",
    remediation=["Ask priya.shah@globex.com to grant you writer access."],
)


def test_validation_feedback_names_the_fields_and_shows_an_example():
    example = {"calendarId": "primary", "start": {"dateTime": "2026-11-18T10:00:00-05:00"}}
    body = json.loads(feedback_message(VALIDATION, example=example, attempt=1))
    assert body["error_type"] == "validation_error"
    assert body["fix_fields"] == ["end", "start"]
    assert body["invalid_fields"][0]["expected_type"] == "object"
    assert body["example"] == example
    assert body["hint"] and "stop" not in body


def test_ambiguity_feedback_carries_the_candidates_and_the_remediation():
    body = json.loads(feedback_message(AMBIGUOUS, attempt=2))
    assert body["candidates"][1]["id"] == "dana.lee@globex.com"
    assert body["fix_fields"] == ["attendees[0].email"]
    assert body["hint"] == "Ask the user which person they mean."
    assert body["attempt"] == 2


def test_permission_feedback_says_stop_and_what_the_user_can_do():
    body = json.loads(feedback_message(FORBIDDEN, example={"x": 1}))
    assert body["stop"] is True and "example" not in body
    assert "priya.shah@globex.com" in body["hint"] and body["hint"].startswith("Do not retry")


def test_reask_budget_per_call_then_stop():
    budget = ReaskBudget(per_call=2, per_episode=10)
    key = "call-1"
    assert budget.consume(key) and budget.consume(key)
    assert budget.exhausted(key) and not budget.consume(key)
    body = json.loads(feedback_message(VALIDATION, budget=budget, call_key=key))
    assert body["stop"] is True and body["reasks_left"] == 0
    assert body["message"].startswith("Budget exhausted")
    assert budget.left("call-2") == 2


def test_reask_budget_per_episode_spans_calls():
    budget = ReaskBudget(per_call=5, per_episode=3)
    for key in ("a", "b", "c"):
        assert budget.consume(key)
    assert budget.exhausted("d") and budget.episode_used == 3


def test_exhausted_budget_escalates_repairable_to_permanent_only():
    budget = ReaskBudget(per_call=1)
    repairable = classify(VALIDATION)
    assert budget.escalate(repairable, "k").category == "repairable"
    budget.consume("k")
    assert budget.escalate(repairable, "k").category == "permanent"
    transient = classify(make_error("transient_error", "x", "y"))
    assert budget.escalate(transient, "k").category == "transient"


def test_fields_to_fix_handles_every_detail_shape():
    assert fields_to_fix(make_error("format_error", "x", "y", details={"field": "start.dateTime"})) == [
        "start.dateTime"
    ]
    assert fields_to_fix(make_error("transient_error", "x", "y")) == []

"""No-harm regression tests, shapes from the independent mistake model: an unknown field that carries
content is not dropped (the title would be lost), and arguments wrapped under one key are unwrapped."""

from __future__ import annotations

import json

import pytest

from guards import InterventionKind
from tests.guards.noharm.helpers import CALLS, check, event, world

TOMORROW_10 = ("2026-07-15T10:00:00+01:00", "2026-07-15T10:30:00+01:00")


def test_an_unknown_field_carrying_the_title_is_refused_not_dropped() -> None:
    args = event(CALLS, *TOMORROW_10)
    args["subject"] = args.pop("summary")  # "Carrier call"
    verdict = check(world(), "events_insert", args, ["Add a carrier call to Customer Calls tomorrow at 10am"])
    assert verdict.error is not None and verdict.error["error_type"] == "validation_error"
    [invalid] = verdict.error["details"]["invalid_fields"]
    assert invalid["field"] == "subject" and invalid["reason"] == "unknown_field_with_content"
    assert "summary" in invalid["candidates"]


SETTINGS = [("sendNotifications", True), ("priority", "normal"), ("notify", 1)]


@pytest.mark.parametrize(("key", "value"), SETTINGS)
def test_flags_and_settings_nobody_asked_for_are_still_dropped(key: str, value: object) -> None:
    args = {**event(CALLS, *TOMORROW_10), key: value}
    verdict = check(world(), "events_insert", args, ["Add a carrier call to Customer Calls tomorrow at 10am"])
    assert verdict.passed, verdict.error
    assert key not in verdict.args
    assert [i.field for i in verdict.interventions if i.kind == InterventionKind.FIELD_DROP] == [key]


def test_a_single_word_the_user_said_is_content_too() -> None:
    args = {**event(CALLS, *TOMORROW_10), "topic": "rates"}
    verdict = check(world(), "events_insert", args, ["Add a carrier call about rates tomorrow at 10am"])
    assert verdict.error is not None and verdict.error["details"]["invalid_fields"][0]["field"] == "topic"


@pytest.mark.parametrize("wrapper", ["arguments", "input", "parameters", "kwargs"])
@pytest.mark.parametrize("as_text", [True, False])
def test_arguments_wrapped_under_one_key_are_unwrapped(wrapper: str, as_text: bool) -> None:
    inner = event(CALLS, *TOMORROW_10)
    args = {wrapper: json.dumps(inner) if as_text else inner}
    verdict = check(world(), "events_insert", args, ["Add a carrier call to Customer Calls tomorrow at 10am"])
    assert verdict.passed, verdict.error
    assert {k: v for k, v in verdict.args.items() if k != "id"} == inner


def test_a_wrapper_that_holds_no_field_of_the_tool_is_left_to_validation() -> None:
    verdict = check(world(), "events_insert", {"input": {"what": "dinner"}})
    assert verdict.blocked

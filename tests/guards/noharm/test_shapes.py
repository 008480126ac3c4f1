"""No-harm regression tests, shapes from the independent mistake model: an unknown field is not
dropped (the title, a bound or a flag would be lost), and arguments wrapped under one key are unwrapped."""

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
    assert invalid["field"] == "subject" and invalid["reason"] == "unknown_field"
    assert "summary" in invalid["candidates"]


@pytest.mark.parametrize(
    ("tool", "args", "likeliest"),
    [
        ("events_list", {"calendarId": CALLS, "until": "2026-07-16T00:00:00+01:00"}, None),
        ("calendars_list", {"hidden": True}, "showHidden"),
        ("events_list", {"calendarId": CALLS, "expand_recurring": True}, None),
        ("events_insert", {**event(CALLS, *TOMORROW_10), "priority": "normal"}, None),
    ],
)
def test_an_unknown_field_is_never_dropped_silently(tool: str, args: dict, likeliest: str | None) -> None:
    """Dropping "until" would widen a search, "hidden" hide calendars: which field is meant is a guess."""
    verdict = check(world(), tool, args)
    assert verdict.error is not None
    [invalid] = verdict.error["details"]["invalid_fields"]
    assert invalid["reason"] == "unknown_field"
    if likeliest is not None:
        assert invalid["candidates"][0] == likeliest


def test_an_unknown_nested_key_is_refused_with_the_required_field_it_stands_for_first() -> None:
    """The block tells the agent at least what the server would: the attendee lacks its e-mail."""
    guests = [{"address": "jonas.berg@meridian-freight.com"}, {"address": "kenji.mori@meridian-freight.com"}]
    args = {**event(CALLS, *TOMORROW_10), "attendees": guests}
    words = ["Invite Jonas and Kenji to a carrier call tomorrow at 10am"]
    verdict = check(world(), "events_insert", args, words)
    assert verdict.error is not None and verdict.error["error_type"] == "validation_error"
    [invalid] = verdict.error["details"]["invalid_fields"]
    assert invalid["field"] == "attendees[0].address" and invalid["candidates"][0] == "email"
    assert verdict.error["details"]["missing_required_fields"] == ["attendees[0].email"]


@pytest.mark.parametrize("key", ["sendNotifications", "sendUpdates"])
def test_request_options_the_pack_declares_ignorable_are_dropped(key: str) -> None:
    args = {**event(CALLS, *TOMORROW_10), key: True}
    verdict = check(world(), "events_insert", args, ["Add a carrier call to Customer Calls tomorrow at 10am"])
    assert verdict.passed, verdict.error
    assert key not in verdict.args
    assert [i.field for i in verdict.interventions if i.kind == InterventionKind.FIELD_DROP] == [key]


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

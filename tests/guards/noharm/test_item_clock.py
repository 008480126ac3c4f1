"""No-harm regression tests: "same time" and "30 minutes later" give an edit the item's clock.

The depot visit is on Wednesday 15 July, 14:00-15:00 Lisbon (+01:00); the dock safety briefing repeats
every Thursday 08:30-09:00; the clock is Tuesday 14 July."""

from __future__ import annotations

from typing import Any

import pytest

from tests.guards.noharm.helpers import INES, check, context, full_guard, world


def _depot(day: str, start: str, end: str, offset: str = "+01:00") -> dict[str, Any]:
    return {
        "calendarId": "primary",
        "eventId": "nh0002dep",
        "start": {"dateTime": f"2026-07-{day}T{start}:00{offset}"},
        "end": {"dateTime": f"2026-07-{day}T{end}:00{offset}"},
    }


def test_same_time_written_in_utc_is_the_items_clock_in_the_users_zone() -> None:
    verdict = check(
        world(),
        "events_patch",
        _depot("17", "14:00", "15:00", "Z"),
        ["Move the depot visit to Friday, same time."],
    )
    assert verdict.passed, verdict.error
    assert verdict.args["start"] == {"dateTime": "2026-07-17T14:00:00+01:00"}
    assert verdict.args["end"] == {"dateTime": "2026-07-17T15:00:00+01:00"}


def test_same_time_on_a_day_nobody_named_goes_to_the_named_day() -> None:
    words = ["Move the depot visit to Friday the 17th, same time."]
    verdict = check(world(), "events_patch", _depot("18", "14:00", "15:00"), words)
    assert verdict.passed, verdict.error
    assert verdict.args["start"] == {"dateTime": "2026-07-17T14:00:00+01:00"}


@pytest.mark.parametrize(
    "words",
    [
        "Move the depot visit to Friday, same time.",
        "Move the depot visit to Friday at the same time as the gate cutoff.",  # another event's time
    ],
)
def test_a_correct_move_is_left_alone(words: str) -> None:
    args = _depot("17", "14:00", "15:00")
    verdict = check(world(), "events_patch", args, [words])
    assert verdict.passed, verdict.error
    assert verdict.args["start"] == args["start"] and not verdict.interventions


def test_same_time_as_another_event_gives_no_clock() -> None:
    args = _depot("17", "14:00", "15:00", "Z")
    verdict = check(
        world(), "events_patch", args, ["Move the depot visit to Friday at the same time as the gate cutoff."]
    )
    assert verdict.args["start"] == args["start"]  # 14:00Z may be the cutoff's time: not ours to move


@pytest.mark.parametrize(
    ("words", "start", "end"),
    [
        ("Push the depot visit back by 30 minutes.", "14:30", "15:30"),
        ("Bring the depot visit forward by 45 minutes.", "13:15", "14:15"),
        ("Delay the depot visit by an hour.", "15:00", "16:00"),
        ("Move Wednesday's depot visit 90 minutes later.", "15:30", "16:30"),
        ("Move the depot visit 45 mins earlier.", "13:15", "14:15"),
        ("Can you move the depot visit 2 hours later?", "16:00", "17:00"),
    ],
)
def test_a_shift_written_in_utc_is_the_items_clock_moved(words: str, start: str, end: str) -> None:
    verdict = check(world(), "events_patch", _depot("15", start, end, "Z"), [words])
    assert verdict.passed, verdict.error
    assert verdict.args["start"] == {"dateTime": f"2026-07-15T{start}:00+01:00"}
    correct = _depot("15", start, end)
    again = check(world(), "events_patch", correct, [words])
    assert again.passed and again.args["start"] == correct["start"] and not again.interventions


def test_a_shift_to_a_clock_it_does_not_give_is_left_alone() -> None:
    args = _depot("15", "16:00", "17:00", "Z")  # neither 14:30 nor 13:30, in either reading
    verdict = check(world(), "events_patch", args, ["Push the depot visit back by 30 minutes."])
    assert verdict.args["start"] == args["start"]


def test_an_occurrence_read_from_a_listing_keeps_its_length() -> None:
    env = world()
    ctx = context(env, ["Move Thursday's dock safety briefing to 10am; just that one."])
    listing_args = {
        "calendarId": INES,
        "q": "Dock safety briefing",
        "timeMin": "2026-07-16T00:00:00+01:00",
        "timeMax": "2026-07-17T00:00:00+01:00",
        "singleEvents": True,
    }
    ctx.observe("events_list", listing_args, env.call_tool("events_list", listing_args))
    occurrence = "nh0006dock_20260716T073000Z"
    args = {
        "calendarId": INES,
        "eventId": occurrence,
        "start": {"dateTime": "2026-07-16T10:00:00+01:00"},
        "end": {"dateTime": "2026-07-16T11:00:00+01:00"},  # an hour: the briefing lasts 30 minutes
    }
    verdict = full_guard(env).check("events_patch", args, ctx)
    assert verdict.error is not None
    assert verdict.error["details"]["use_value"] == "2026-07-16T10:30:00+01:00"
    args["end"] = {"dateTime": "2026-07-16T10:30:00+01:00"}
    assert full_guard(env).check("events_patch", args, ctx).passed


@pytest.mark.parametrize(
    "words", ["Move the depot visit 45 minutes earlier.", "Make the depot visit 2 hours later."]
)
def test_a_shift_is_no_time_of_day_now_moved(words: str) -> None:
    """The extractor reads "45 minutes earlier" as now moved by it; said of an event it
    is how far the event moves, so a correct move keeps its day and clock."""
    for args in (_depot("15", "13:15", "14:15"), _depot("15", "16:00", "17:00")):
        verdict = check(world(), "events_patch", args, [words])
        assert verdict.passed, verdict.error
        assert verdict.args["start"] == args["start"] and not verdict.interventions

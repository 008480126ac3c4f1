"""No-harm regression tests: a moved event goes to the day the user named or stays on its own day.

The depot visit is on Wednesday 15 July, 14:00-15:00 Lisbon; the clock is Tuesday 14 July."""

from __future__ import annotations

import pytest

from tests.guards.noharm.helpers import check, world


def _moved(day: str, start: str = "16:00", end: str = "17:00") -> dict[str, object]:
    times = {
        "start": {"dateTime": f"2026-07-{day}T{start}:00+01:00"},
        "end": {"dateTime": f"2026-07-{day}T{end}:00+01:00"},
    }
    return {"calendarId": "primary", "eventId": "nh0002dep", **times}


@pytest.mark.parametrize(
    ("words", "sent_day", "named_day"),
    [
        ("Move Wednesday's depot visit to 4pm.", "14", "15"),  # the day it is on: only the time moves
        ("Move the depot visit to Friday at 4pm.", "16", "17"),  # the new day, slipped by one
        ("Move the depot visit from Wednesday to Friday at 4pm.", "18", "17"),  # two days: the other one
    ],
)
def test_the_users_time_on_a_day_nobody_named_goes_to_the_named_day(
    words: str, sent_day: str, named_day: str
) -> None:
    verdict = check(world(), "events_patch", _moved(sent_day), [words])
    assert verdict.passed, verdict.error
    assert verdict.args["start"] == {"dateTime": f"2026-07-{named_day}T16:00:00+01:00"}
    assert verdict.args["end"] == {"dateTime": f"2026-07-{named_day}T17:00:00+01:00"}
    assert any(i.field == "start.dateTime" for i in verdict.interventions)


@pytest.mark.parametrize(
    ("words", "day"),
    [
        ("Move Wednesday's depot visit to 4pm.", "15"),
        ("Move the depot visit to Friday at 4pm.", "17"),
        ("Move the depot visit to 4pm on Wednesday.", "15"),
        ("Move the depot visit from Wednesday to Friday at 4pm.", "17"),
    ],
)
def test_a_move_to_the_named_day_is_left_alone(words: str, day: str) -> None:
    args = _moved(day)
    verdict = check(world(), "events_patch", args, [words])
    assert verdict.passed, verdict.error
    assert verdict.args["start"] == args["start"] and verdict.args["end"] == args["end"]


@pytest.mark.parametrize(
    "words",
    [
        "Move Wednesday's depot visit a day later, to 4pm.",
        "Push the depot visit on Wednesday to the following morning at 4pm.",
        "Move the depot visit to 4pm next week on Wednesday.",
    ],
)
def test_words_that_shift_a_day_without_naming_it_leave_the_day_alone(words: str) -> None:
    args = _moved("16")
    verdict = check(world(), "events_patch", args, [words])
    assert verdict.passed, verdict.error
    assert verdict.args["start"] == args["start"]


def test_a_time_the_user_did_not_say_is_not_moved_to_their_day() -> None:
    args = _moved("14", "17:00", "18:00")
    verdict = check(world(), "events_patch", args, ["Move Wednesday's depot visit to 4pm."])
    assert verdict.args["start"] == args["start"]  # not this rule's to fix: a time nobody said


def test_a_move_between_two_days_keeps_the_length_though_no_time_is_said() -> None:
    words = "Move the depot visit from Wednesday to Friday, same time."  # two days, no time of day
    verdict = check(world(), "events_patch", _moved("17", "14:00", "14:30"), [words])
    assert verdict.error is not None
    (problem,) = verdict.error["details"]["invalid_fields"]
    assert problem["reason"] == "length_changed"
    assert verdict.error["details"]["use_value"] == "2026-07-17T15:00:00+01:00"
    assert check(world(), "events_patch", _moved("17", "14:00", "15:00"), [words]).passed
    ranged = "Move the depot visit from Wednesday to Friday, 2-2:30pm."
    assert check(world(), "events_patch", _moved("17", "14:00", "14:30"), [ranged]).passed

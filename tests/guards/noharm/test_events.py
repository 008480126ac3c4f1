"""No-harm regression tests, events on held-out material's classes: one occurrence is not the whole
series, and a day part the user names ("Friday's afternoon call") tells equally named events apart."""

from __future__ import annotations

import pytest

from tests.guards.noharm.helpers import check, context, full_guard, world


def test_a_write_meant_for_one_day_of_a_series_is_not_sent_to_the_series() -> None:
    words = ["Skip the dock safety briefing on 16 July; the rest of the series stays."]
    args = {"calendarId": "primary", "eventId": "Dock safety briefing"}
    verdict = check(world(), "events_delete", args, words)
    assert verdict.error is not None and verdict.error["error_type"] == "precondition_error"
    first, second = verdict.error["details"]["candidates"]
    assert first["id"].startswith("nh0006dock_20260716") and second["id"] == "nh0006dock"


def test_the_series_itself_passes_when_the_user_names_no_day() -> None:
    words = ["Cancel the dock safety briefing series, we are done with it"]
    args = {"calendarId": "primary", "eventId": "Dock safety briefing"}
    verdict = check(world(), "events_delete", args, words)
    assert verdict.passed and verdict.args["eventId"] == "nh0006dock"


def test_an_occurrence_id_the_agent_read_is_left_alone() -> None:
    env = world()
    ctx = context(env, ["Skip the dock safety briefing on 16 July; the rest of the series stays."])
    window = {"timeMin": "2026-07-16T00:00:00+01:00", "timeMax": "2026-07-17T00:00:00+01:00"}
    listing = {"calendarId": "primary", "eventId": "nh0006dock", **window}
    ctx.observe("events_instances", listing, env.call_tool("events_instances", listing))
    occurrence = "nh0006dock_20260716T073000Z"
    verdict = full_guard(env).check("events_delete", {"calendarId": "primary", "eventId": occurrence}, ctx)
    assert verdict.passed and verdict.args["eventId"] == occurrence


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Cancel Friday's afternoon call.", "nh0008pm"),
        ("Cancel the call on Friday morning", "nh0007am"),
        ("Drop the call after lunch on Friday", "nh0008pm"),
    ],
)
def test_a_day_part_tells_equally_named_events_apart(words: str, expected: str) -> None:
    verdict = check(world(), "events_delete", {"calendarId": "primary", "eventId": "the call"}, [words])
    assert verdict.passed, verdict.error
    assert verdict.args["eventId"] == expected


def test_without_a_day_part_two_calls_on_friday_stay_ambiguous() -> None:
    args = {"calendarId": "primary", "eventId": "the call"}
    verdict = check(world(), "events_delete", args, ["Cancel Friday's call"])
    assert verdict.error is not None and verdict.error["error_type"] == "ambiguous_reference"


# -- a moved event keeps its length --------------------------------------------------------------------


def _moved(end: str) -> dict[str, object]:
    times = {"start": {"dateTime": "2026-07-15T16:00:00+01:00"}, "end": {"dateTime": end}}
    return {"calendarId": "primary", "eventId": "nh0002dep", **times}


def test_a_move_that_changes_the_length_nobody_spoke_of_is_refused_with_the_end_that_keeps_it() -> None:
    words = ["Move the depot visit to 4pm."]
    verdict = check(world(), "events_patch", _moved("2026-07-15T16:30:00+01:00"), words)
    assert verdict.error is not None and verdict.error["error_type"] == "validation_error"
    (problem,) = verdict.error["details"]["invalid_fields"]
    assert problem["reason"] == "length_changed" and problem["field"] == "end.dateTime"
    assert problem["expected"] == "2026-07-15T17:00:00+01:00"
    assert check(world(), "events_patch", _moved("2026-07-15T17:00:00+01:00"), words).passed


@pytest.mark.parametrize(
    "words", ["Move the depot visit to 4pm, same duration.", "Can it start at 4pm instead? Keep the length."]
)
def test_a_length_the_user_asked_to_keep_is_kept(words: str) -> None:
    verdict = check(world(), "events_patch", _moved("2026-07-15T16:30:00+01:00"), [words])
    assert verdict.passed, verdict.error
    assert verdict.args["end"] == {"dateTime": "2026-07-15T17:00:00+01:00"}
    kept = check(world(), "events_patch", _moved("2026-07-15T17:00:00+01:00"), [words])
    assert kept.passed and kept.args["end"] == {"dateTime": "2026-07-15T17:00:00+01:00"}
    assert not kept.interventions


@pytest.mark.parametrize(
    "words",
    [
        "Move the depot visit to 4pm and make it half an hour.",
        "Move the depot visit to 4pm, the same length as the gate cutoff.",
        "Move the depot visit to 4 to 4:30pm.",
        "Shorten the depot visit and move it to 4pm.",
        "Move the depot visit to 4pm, it only needs 30 minutes.",
    ],
)
def test_a_length_the_user_speaks_of_is_theirs(words: str) -> None:
    verdict = check(world(), "events_patch", _moved("2026-07-15T16:30:00+01:00"), [words])
    assert verdict.passed, verdict.error

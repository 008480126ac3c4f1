"""No-harm regression tests, events on held-out material's classes: one occurrence is not the whole
series (and "only that day" names it), a day part the user names ("Friday's afternoon call") tells
equally named events apart, a moved event keeps its length, and an occurrence listed under one of two
tied calendars settles the tie."""

from __future__ import annotations

from typing import Any

import pytest

from tests.guards.noharm.helpers import check, context, event, full_guard, world


def test_a_write_meant_for_one_day_of_a_series_is_not_sent_to_the_series() -> None:
    words = ["Skip the dock safety briefing on 16 July."]
    args = {"calendarId": "primary", "eventId": "Dock safety briefing"}
    verdict = check(world(), "events_delete", args, words)
    assert verdict.error is not None and verdict.error["error_type"] == "precondition_error"
    first, second = verdict.error["details"]["candidates"]
    assert first["id"].startswith("nh0006dock_20260716") and second["id"] == "nh0006dock"


@pytest.mark.parametrize(
    "words",
    [
        "Skip the dock safety briefing on 16 July; the rest of the series stays.",
        "Cancel the dock safety briefing on Thursday the 16th only.",
        "Just this once, drop the dock safety briefing on 16 July.",
    ],
)
def test_words_that_say_one_occurrence_resolve_the_series_name_to_it(words: str) -> None:
    args = {"calendarId": "primary", "eventId": "Dock safety briefing"}
    verdict = check(world(), "events_delete", args, [words])
    assert verdict.passed, verdict.error
    assert verdict.args["eventId"].startswith("nh0006dock_20260716")


def test_a_move_of_one_occurrence_keeps_that_occurrences_length() -> None:
    words = ["Only on Thursday the 16th: the dock safety briefing should start at 9:00 instead."]
    start, end = "2026-07-16T09:00:00+01:00", "2026-07-16T10:00:00+01:00"
    times = {"start": {"dateTime": start}, "end": {"dateTime": end}}
    args = {"calendarId": "primary", "eventId": "Dock safety briefing", **times}
    verdict = check(world(), "events_patch", args, words)
    assert verdict.error is not None, verdict.args  # the briefing lasts 30 minutes, not an hour
    assert verdict.error["details"]["invalid_fields"][0]["reason"] == "length_changed"
    assert verdict.error["details"]["use_value"] == "2026-07-16T09:30:00+01:00"


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


# -- a tie between calendars broken by an occurrence an earlier listing showed -----------------------

NORTH = "c_yard_north@group.calendar.meridian-freight.com"


def _yard_walk(env: Any) -> str:
    """A weekly walk on Yard North Shifts; returns the ID of its occurrence on Thursday 16 July."""
    walk = event(NORTH, "2026-07-16T07:00:00+01:00", "2026-07-16T07:30:00+01:00", "Yard walk")
    walk["start"]["timeZone"] = walk["end"]["timeZone"] = "Europe/Lisbon"
    env.call_tool("events_insert", {**walk, "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=6"]})
    return "_20260716T060000Z"


@pytest.mark.parametrize("observed", [True, False])
def test_an_occurrence_listed_under_one_of_two_tied_calendars_settles_the_tie(observed: bool) -> None:
    env = world()
    suffix = _yard_walk(env)
    words = ["Skip the yard walk on Thursday on the yard shifts calendar; the rest stays."]
    ctx = context(env, words)
    window = {"timeMin": "2026-07-16T00:00:00+01:00", "timeMax": "2026-07-17T00:00:00+01:00"}
    listing = {"calendarId": NORTH, "singleEvents": True, **window}
    listed = env.call_tool("events_list", listing)
    [occurrence] = [item["id"] for item in listed["items"] if item["id"].endswith(suffix)]
    if observed:
        ctx.observe("events_list", listing, listed)
    args = {"calendarId": "the yard shifts calendar", "eventId": occurrence}
    verdict = full_guard(env).check("events_delete", args, ctx)
    if observed:
        assert verdict.passed, verdict.error
        assert verdict.args == {"calendarId": NORTH, "eventId": occurrence}
    else:  # nothing the agent read ties the occurrence to one of them: North and South stay tied
        assert verdict.error is not None and verdict.error["error_type"] == "ambiguous_reference"

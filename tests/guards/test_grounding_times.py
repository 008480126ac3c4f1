"""Grounding of write calls: datetimes and durations must agree with the request; order is checked."""

from __future__ import annotations

import pytest

from tests.guards.grounding_helpers import (
    GUARD,
    context,
    grounding,
    insert,
)

# -- datetimes against the request -----------------------------------------------------------------


def test_wrong_offset_for_the_requested_wall_time_is_repaired() -> None:
    ctx = context("Set up a sync tomorrow at 2pm")
    verdict = GUARD.check("events_insert", insert("2026-03-10T14:00:00Z", "2026-03-10T15:00:00Z"), ctx)
    assert verdict.passed, verdict.error
    assert verdict.args["start"] == {"dateTime": "2026-03-10T14:00:00-04:00"}
    assert verdict.args["end"] == {"dateTime": "2026-03-10T15:00:00-04:00"}
    (start_field, before, after, reason), (end_field, *_rest) = grounding(verdict)
    assert (start_field, before, after) == (
        "start.dateTime",
        "2026-03-10T14:00:00Z",
        "2026-03-10T14:00:00-04:00",
    )
    assert "2:00 PM America/New_York" in reason and "10:00 AM there" in reason
    assert end_field == "end.dateTime"


def test_tomorrow_resolved_to_today_is_repaired() -> None:
    ctx = context("Set up a sync tomorrow at 2pm")
    verdict = GUARD.check(
        "events_insert", insert("2026-03-09T14:00:00-04:00", "2026-03-09T14:30:00-04:00"), ctx
    )
    assert verdict.args["start"]["dateTime"] == "2026-03-10T14:00:00-04:00"
    assert verdict.args["end"]["dateTime"] == "2026-03-10T14:30:00-04:00"
    assert "Tue Mar 10" in grounding(verdict)[0][3]


def test_stated_duration_fixes_the_end() -> None:
    ctx = context("Set up a 30-minute sync tomorrow at 2pm")
    verdict = GUARD.check(
        "events_insert", insert("2026-03-10T14:00:00-04:00", "2026-03-10T15:00:00-04:00"), ctx
    )
    assert verdict.args["end"]["dateTime"] == "2026-03-10T14:30:00-04:00"
    field, before, after, reason = grounding(verdict)[0]
    assert (field, before, after) == (
        "end.dateTime",
        "2026-03-10T15:00:00-04:00",
        "2026-03-10T14:30:00-04:00",
    )
    assert "30-minute" in reason


def test_stated_duration_fills_a_missing_end() -> None:
    ctx = context("Book a one hour review tomorrow at 9am")
    verdict = GUARD.check("events_insert", insert("2026-03-10T09:00:00-04:00"), ctx)
    assert verdict.passed, verdict.error
    assert verdict.args["end"] == {"dateTime": "2026-03-10T10:00:00-04:00"}
    assert "end was missing" in grounding(verdict)[0][3]


def test_a_series_length_is_not_the_events_length() -> None:
    ctx = context("Put a weekly Monday 9am planning block on my calendar, 9 to 10, for six weeks")
    args = insert("2026-03-16T09:00:00-04:00", "2026-03-16T10:00:00-04:00")
    args["recurrence"] = ["RRULE:FREQ=WEEKLY;COUNT=6"]
    verdict = GUARD.check("events_insert", args, ctx)
    assert verdict.passed, verdict.error
    assert verdict.args["end"] == {"dateTime": "2026-03-16T10:00:00-04:00"}
    assert grounding(verdict) == []


def test_a_spelled_out_offset_is_restored_when_the_agent_dropped_it() -> None:
    ctx = context("Create 'Partner call' from 2026-03-13T17:00:00+01:00 to 2026-03-13T17:45:00+01:00")
    verdict = GUARD.check(
        "events_insert",
        insert("2026-03-13T17:00:00-04:00", "2026-03-13T17:45:00-04:00", summary="Partner call"),
        ctx,
    )
    assert verdict.passed, verdict.error
    assert verdict.args["start"]["dateTime"] == "2026-03-13T17:00:00+01:00"
    assert verdict.args["end"]["dateTime"] == "2026-03-13T17:45:00+01:00"
    assert [field for field, *_ in grounding(verdict)] == ["start.dateTime", "end.dateTime"]


def test_spelled_out_timestamps_that_disagree_on_the_offset_are_left_alone() -> None:
    ctx = context("Either 2026-03-13T17:00:00+01:00 or 2026-03-13T17:00:00+09:00 works")
    args = insert("2026-03-13T17:00:00-04:00", "2026-03-13T17:30:00-04:00")
    verdict = GUARD.check("events_insert", args, ctx)
    assert verdict.args["start"]["dateTime"] == "2026-03-13T17:00:00-04:00"
    assert grounding(verdict) == []


def test_missing_end_without_a_duration_stays_missing() -> None:
    ctx = context("Book a review tomorrow at 9am")
    verdict = GUARD.check("events_insert", insert("2026-03-10T09:00:00-04:00"), ctx)
    assert verdict.error is not None
    assert verdict.error["details"]["missing_required_fields"] == ["end"]
    assert grounding(verdict) == []


def test_requested_range_fixes_the_end() -> None:
    ctx = context("Schedule a meeting from 2 to 3:30pm tomorrow")
    verdict = GUARD.check(
        "events_insert", insert("2026-03-10T14:00:00-04:00", "2026-03-10T15:00:00-04:00"), ctx
    )
    assert verdict.args["end"]["dateTime"] == "2026-03-10T15:30:00-04:00"


def test_reminder_offsets_are_not_durations() -> None:
    ctx = context("Lunch with Dana tomorrow at noon, remind me 10 minutes before")
    args = insert("2026-03-10T12:00:00-04:00", "2026-03-10T13:00:00-04:00")
    verdict = GUARD.check("events_insert", args, ctx)
    assert verdict.passed and verdict.args == args and verdict.interventions == []


def test_explicit_zone_in_the_request_is_respected() -> None:
    ctx = context("Call with the Tokyo team tomorrow at 3pm Pacific time")
    verdict = GUARD.check(
        "events_insert", insert("2026-03-10T15:00:00-04:00", "2026-03-10T15:30:00-04:00"), ctx
    )
    assert verdict.args["start"]["dateTime"] == "2026-03-10T15:00:00-07:00"
    assert "America/Los_Angeles" in grounding(verdict)[0][3]


def test_an_abbreviation_that_contradicts_the_season_is_not_settled_by_grounding() -> None:
    # 2026-03-10 is after the US switch: "PST" says UTC-8, Pacific wall time is UTC-7. Either may be
    # meant, so grounding moves the value to neither.
    ctx = context("Call with the Tokyo team tomorrow at 3pm PST")
    args = insert("2026-03-10T15:00:00-04:00", "2026-03-10T15:30:00-04:00")
    verdict = GUARD.check("events_insert", args, ctx)
    assert verdict.args["start"]["dateTime"] == "2026-03-10T15:00:00-04:00" and not grounding(verdict)


def test_same_instant_in_another_offset_is_not_changed() -> None:
    ctx = context("Set up a sync tomorrow at 2pm")
    args = insert("2026-03-10T18:00:00Z", "2026-03-10T18:30:00Z")
    verdict = GUARD.check("events_insert", args, ctx)
    assert verdict.passed and verdict.args == args and verdict.interventions == []


def test_an_explicit_time_zone_on_the_start_is_not_overridden() -> None:
    ctx = context("Set up a sync tomorrow at 2pm")
    args = insert("2026-03-10T14:00:00+01:00", "2026-03-10T14:30:00+01:00")
    args["start"]["timeZone"] = "Europe/Berlin"
    verdict = GUARD.check("events_insert", args, ctx)
    assert verdict.passed and verdict.args == args


def test_a_start_inside_a_requested_window_is_left_alone() -> None:
    ctx = context("Find the earliest hour on Wednesday between 5 and 11am when we are all free and book it")
    args = insert("2026-03-11T07:00:00-04:00", "2026-03-11T08:00:00-04:00")
    verdict = GUARD.check("events_insert", args, ctx)
    assert verdict.passed and verdict.args == args and verdict.interventions == []


def test_a_window_confirms_a_wall_time_written_with_the_wrong_offset() -> None:
    ctx = context("Find the earliest hour on Wednesday between 5 and 11am when we are all free and book it")
    verdict = GUARD.check("events_insert", insert("2026-03-11T07:00:00Z", "2026-03-11T08:00:00Z"), ctx)
    assert verdict.args["start"]["dateTime"] == "2026-03-11T07:00:00-04:00"
    assert verdict.args["end"]["dateTime"] == "2026-03-11T08:00:00-04:00"


def test_a_duration_within_a_window_fixes_the_end() -> None:
    ctx = context("Book an hour with Lena on Thursday between 4 and 7am, at the first time we're both free")
    verdict = GUARD.check(
        "events_insert", insert("2026-03-12T05:00:00-04:00", "2026-03-12T05:30:00-04:00"), ctx
    )
    assert verdict.args["start"]["dateTime"] == "2026-03-12T05:00:00-04:00"
    assert verdict.args["end"]["dateTime"] == "2026-03-12T06:00:00-04:00"


@pytest.mark.parametrize(
    "request_text",
    [
        "Find a slot after my 2pm meeting tomorrow",
        "Get the review on my calendar tomorrow, it has to be done by 5pm",
        "Lunch tomorrow around noon",
        "Set up a sync tomorrow right after the 11am",
    ],
)
def test_reference_points_and_deadlines_never_move_or_block_a_start(request_text: str) -> None:
    args = insert("2026-03-10T15:30:00-04:00", "2026-03-10T16:00:00-04:00")
    verdict = GUARD.check("events_insert", args, context(request_text))
    assert verdict.passed and verdict.args == args


def test_unexplained_time_disagreement_is_blocked() -> None:
    ctx = context("Set up a sync tomorrow at 2pm")
    verdict = GUARD.check(
        "events_insert", insert("2026-03-10T10:00:00-04:00", "2026-03-10T10:30:00-04:00"), ctx
    )
    error = verdict.error
    assert error is not None
    assert error["error_type"] == "validation_error"
    assert error["details"]["field"] == "start.dateTime"
    assert error["details"]["received"] == "2026-03-10T10:00:00-04:00"
    assert error["details"]["expected_from_request"] == "2026-03-10T14:00:00-04:00"
    assert error["details"]["invalid_fields"][0]["reason"] == "disagrees_with_request"


def test_several_candidate_times_only_confirm_offset_slips() -> None:
    ctx = context("I have a 1pm call; book the design review at 3pm or 4pm, whichever works")
    args = insert("2026-03-10T15:00:00-04:00", "2026-03-10T15:30:00-04:00")
    verdict = GUARD.check("events_insert", args, ctx)
    assert verdict.passed and verdict.args == args
    verdict = GUARD.check("events_insert", insert("2026-03-10T16:00:00Z", "2026-03-10T16:30:00Z"), ctx)
    assert verdict.args["start"]["dateTime"] == "2026-03-10T16:00:00-04:00"
    verdict = GUARD.check(
        "events_insert", insert("2026-03-10T11:00:00-04:00", "2026-03-10T11:30:00-04:00"), ctx
    )
    assert verdict.passed and verdict.interventions == []


def test_explicit_timestamps_in_the_request_are_left_to_the_agent() -> None:
    ctx = context("Create 'Call' from 2026-03-11T09:00:00+09:00 to 2026-03-11T09:30:00+09:00 on my calendar.")
    args = insert("2026-03-11T09:00:00+09:00", "2026-03-11T09:30:00+09:00", summary="Call")
    verdict = GUARD.check("events_insert", args, ctx)
    assert verdict.passed and verdict.args == args


def test_several_events_in_one_request_are_not_held_to_one_time() -> None:
    ctx = context("Add a 'Tech screen' tomorrow 2-3pm and an 'Onsite' on Thursday from 10am to noon.")
    args = insert("2026-03-12T10:00:00-04:00", "2026-03-12T12:00:00-04:00")
    verdict = GUARD.check("events_insert", args, ctx)
    assert verdict.passed and verdict.args == args


def test_edits_only_get_the_offset_repair() -> None:
    ctx = context("Move the standup to 10am", results=[("events_list", {"items": [{"id": "evt_standup"}]})])
    slip = {"calendarId": "primary", "eventId": "evt_standup", "start": {"dateTime": "2026-03-10T10:00:00Z"}}
    verdict = GUARD.check("events_patch", slip, ctx)
    assert verdict.args["start"]["dateTime"] == "2026-03-10T10:00:00-04:00"
    other = {
        "calendarId": "primary",
        "eventId": "evt_standup",
        "start": {"dateTime": "2026-03-10T11:00:00-04:00"},
    }
    verdict = GUARD.check("events_patch", other, ctx)
    assert verdict.passed and verdict.args == other


def test_all_day_date_resolved_to_today_is_repaired() -> None:
    ctx = context("Mark tomorrow as out of office")
    args = {
        "calendarId": "primary",
        "summary": "OOO",
        "start": {"date": "2026-03-09"},
        "end": {"date": "2026-03-10"},
    }
    verdict = GUARD.check("events_insert", args, ctx)
    assert verdict.args["start"] == {"date": "2026-03-10"}
    assert verdict.args["end"] == {"date": "2026-03-11"}


# -- order -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("messages", [(), ("Set up a sync tomorrow",)])
def test_end_before_start_is_always_blocked(messages: tuple[str, ...]) -> None:
    verdict = GUARD.check(
        "events_insert", insert("2026-03-10T14:00:00-04:00", "2026-03-10T13:00:00-04:00"), context(*messages)
    )
    error = verdict.error
    assert error is not None
    assert error["details"]["field"] == "end.dateTime"
    assert error["details"]["invalid_fields"][0]["reason"] == "end_before_start"
    assert error["details"]["example"]["end"]["dateTime"] > error["details"]["example"]["start"]["dateTime"]


def test_time_max_before_time_min_is_blocked_for_reads_too() -> None:
    args = {"calendarId": "primary", "timeMin": "2026-03-11T00:00:00Z", "timeMax": "2026-03-10T00:00:00Z"}
    verdict = GUARD.check("events_list", args, context())
    assert verdict.error is not None
    assert verdict.error["details"]["field"] == "timeMax"


def test_all_day_end_before_start_is_blocked() -> None:
    args = {"calendarId": "primary", "start": {"date": "2026-03-10"}, "end": {"date": "2026-03-09"}}
    verdict = GUARD.check("events_insert", args, context())
    assert verdict.error is not None
    assert verdict.error["details"]["field"] == "end.date"


@pytest.mark.parametrize(
    ("request_text", "start"),
    [
        ("Could you do Monday or Tuesday at 10?", "2026-03-10T10:00:00-04:00"),  # the agent chose Tuesday
        ("Thursday or Friday next week at 2?", "2026-03-19T14:00:00-04:00"),
        ("Thursday or Friday next week at 2?", "2026-03-20T14:00:00-04:00"),
    ],
)
def test_a_day_chosen_among_offered_days_is_not_moved_to_another(request_text: str, start: str) -> None:
    end = start.replace(":00:00-04:00", ":30:00-04:00")
    verdict = GUARD.check("events_insert", insert(start, end), context(request_text))
    assert verdict.passed and verdict.args["start"] == {"dateTime": start}

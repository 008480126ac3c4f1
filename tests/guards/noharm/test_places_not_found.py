"""No-harm regression tests, places the user names (class 5, not found reads as not found): a calendar
the user puts something on that they cannot see is reported as not found, never made up. On a world
of our own (``world.yaml``), where Audit Committee exists but is invisible to Ines."""

from __future__ import annotations

import pytest

from guards.resolve.user_words import without_titles
from tests.guards.noharm.helpers import INES, check, event, world


@pytest.mark.parametrize(
    "words",
    [
        "Add 'Carrier review' to Audit Committee on Friday at 10.",
        "Put 'Carrier review' on the Audit Committee for Friday at 10.",
    ],
)
def test_creating_a_place_the_user_cannot_see_reads_as_not_found(words: str) -> None:
    verdict = check(world(), "calendars_insert", {"summary": "Audit Committee"}, [words])
    assert verdict.error is not None and verdict.error["error_type"] == "not_found_error"
    assert verdict.error["details"]["reason"] == "not_asked_to_create"
    assert "use_tool" not in verdict.error["details"]  # there is no existing one to add it to
    assert "can be found" in verdict.error["message"] and "not accessible" in verdict.error["message"]


def test_creating_a_place_the_user_can_see_sends_the_agent_to_it() -> None:
    # Dispatch exists: the agent took the wrong tool, the error names the one to add the event with.
    words = ["Add 'Carrier review' to Dispatch."]
    verdict = check(world(), "calendars_insert", {"summary": "Dispatch"}, words)
    assert verdict.error is not None and verdict.error["error_type"] == "precondition_error"
    assert verdict.error["details"]["use_tool"] == "events_insert"


def test_a_name_said_as_the_thing_put_somewhere_is_not_a_missing_place() -> None:
    # 'Carrier review' is the event's title: no calendar called that is expected to exist.
    words = ["Add 'Carrier review' to Dispatch on Friday at 10."]
    verdict = check(world(), "calendars_insert", {"summary": "Carrier review"}, words)
    assert verdict.error is not None and verdict.error["error_type"] == "precondition_error"
    assert verdict.error["details"]["use_tool"] == "events_insert"


# -- a calendar the user calls by a name of their own --------------------------------------------

YARD_NORTH = "c_yard_north@group.calendar.meridian-freight.com"
YARD_SOUTH = "c_yard_south@group.calendar.meridian-freight.com"
CALLED = ["Add 'Crane check' on Friday at 10 to the calendar I call 'South gate'."]


def test_a_quoted_name_the_user_calls_a_calendar_by_names_it() -> None:
    args = event(YARD_NORTH, "2026-07-17T10:00:00+01:00", "2026-07-17T10:30:00+01:00", "Crane check")
    verdict = check(world(), "events_insert", args, CALLED)
    assert verdict.error is not None and verdict.error["details"]["reason"] == "contradicts_user_words"
    assert verdict.error["details"]["user_named"]["id"] == YARD_SOUTH


def test_the_calendar_the_user_calls_so_passes() -> None:
    args = event(YARD_SOUTH, "2026-07-17T10:00:00+01:00", "2026-07-17T10:30:00+01:00", "Crane check")
    verdict = check(world(), "events_insert", args, CALLED)
    assert verdict.passed, verdict.error


def test_a_quoted_title_of_another_kind_names_no_calendar() -> None:
    for message, kept in [
        ("the calendar I call 'South gate'", True),
        ("a calendar named 'South gate'", True),
        ("my 'South gate' calendar", True),
        ("an event called 'South gate' on Dispatch", False),
        ("Add 'South gate' to Dispatch", False),
    ]:
        assert ("South gate" in without_titles(message, {"calendar"})) is kept, message


# -- a move goes somewhere else -------------------------------------------------------------------

THERMAL = "c_thermal@group.calendar.meridian-freight.com"
THERMAL_ANNEX = "c_thermal_annex@group.calendar.meridian-freight.com"
MOVE_WORDS = ["The reefer heat soak is on Thermal Testing but belongs on Thermal Testing - Annex; move it."]


def test_a_move_to_the_calendar_the_event_is_on_is_refused_naming_the_one_the_user_said() -> None:
    args = {"calendarId": THERMAL, "eventId": "nh0010heat", "destination": THERMAL}
    verdict = check(world(), "events_move", args, MOVE_WORDS)
    assert verdict.error is not None and verdict.error["error_type"] == "validation_error"
    details = verdict.error["details"]
    assert details["reason"] == "same_as_source" and details["field"] == "destination"
    assert details["use_value"] == THERMAL_ANNEX


def test_a_move_to_the_longer_named_calendar_it_is_on_names_the_shorter_one_said_apart() -> None:
    args = {"calendarId": THERMAL_ANNEX, "eventId": "nh0019cold", "destination": THERMAL_ANNEX}
    words = ["The cold chain audit is on Thermal Testing - Annex but belongs on Thermal Testing."]
    verdict = check(world(), "events_move", args, words)
    assert verdict.error is not None and verdict.error["details"]["use_value"] == THERMAL


def test_a_move_to_the_same_calendar_with_nothing_else_named_gives_no_value() -> None:
    args = {"calendarId": "primary", "eventId": "nh0002dep", "destination": INES}
    verdict = check(world(), "events_move", args, ["Move the depot visit."])
    assert verdict.error is not None and verdict.error["details"]["reason"] == "same_as_source"
    assert "use_value" not in verdict.error["details"]


def test_a_move_to_another_calendar_passes() -> None:
    args = {"calendarId": THERMAL, "eventId": "nh0010heat", "destination": THERMAL_ANNEX}
    verdict = check(world(), "events_move", args, MOVE_WORDS)
    assert verdict.passed, verdict.error


# -- an event looked for on the wrong calendar ------------------------------------------------------

LOCATION_WORDS = ["Set the crane inspection's location to Gate 4."]


@pytest.mark.parametrize("calendar", [YARD_NORTH, "primary"])
def test_an_event_name_on_one_other_calendar_says_where_it_is(calendar: str) -> None:
    args = {"calendarId": calendar, "eventId": "Crane inspection", "location": "Gate 4"}
    verdict = check(world(), "events_patch", args, LOCATION_WORDS)
    assert verdict.error is not None and verdict.error["error_type"] == "not_found_error"
    details = verdict.error["details"]
    assert details["field"] == "calendarId" and details["use_value"] == YARD_SOUTH


def test_the_calendar_the_user_named_is_not_second_guessed() -> None:
    args = {"calendarId": YARD_NORTH, "eventId": "Crane inspection", "location": "Gate 4"}
    words = ["Set the location of the crane inspection on Yard North Shifts to Gate 4."]
    verdict = check(world(), "events_patch", args, words)
    assert verdict.error is not None and verdict.error["error_type"] == "not_found_error"
    assert "use_value" not in verdict.error["details"]


def test_a_name_on_no_calendar_is_plainly_not_found() -> None:
    args = {"calendarId": YARD_NORTH, "eventId": "Hull survey", "location": "Gate 4"}
    verdict = check(world(), "events_patch", args, ["Set the hull survey's location to Gate 4."])
    assert verdict.error is not None and verdict.error["error_type"] == "not_found_error"
    assert "use_value" not in verdict.error["details"]


# -- a new container by a name nobody said, beside one the user named ------------------------------


@pytest.mark.parametrize(
    "words", ["Add 'Carrier review' to Dispatch on Friday at 10.", "Put 'Carrier review' on Dispatch."]
)
def test_a_new_calendar_nobody_named_beside_one_the_user_named_is_refused(words: str) -> None:
    verdict = check(world(), "calendars_insert", {"summary": "Meeting"}, [words])
    assert verdict.error is not None and verdict.error["error_type"] == "precondition_error"
    assert verdict.error["details"]["use_tool"] == "events_insert"
    assert "'Dispatch'" in verdict.error["message"]


@pytest.mark.parametrize(
    "words",
    [
        "Make a calendar for the carrier reviews; keep Dispatch as it is.",
        "Put the carrier papers somewhere sensible.",
        "Dispatch is getting crowded, give me somewhere else for the carrier reviews.",
    ],
)
def test_a_new_calendar_passes_when_the_user_asked_for_one_or_named_no_place(words: str) -> None:
    verdict = check(world(), "calendars_insert", {"summary": "Meeting"}, [words])
    assert verdict.passed, verdict.error

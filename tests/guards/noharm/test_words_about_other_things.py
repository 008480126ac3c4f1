"""No-harm regression tests: user words that are not about the field being checked. Filler words name
nothing, an event's title is not a calendar mention, a person already on the event is kept, a time of
day said apart from its day still narrows, a name said only inside a longer one is the longer item,
and partial words pass when the rest of the call (its search) is found on the agent's choice alone.
The counter-tests hold the protection these refinements must not lose. On ``world.yaml``."""

from __future__ import annotations

from tests.guards.noharm.helpers import (
    CALLS,
    CALLS_APAC,
    DISPATCH,
    DOMAIN,
    INES,
    TOM_A,
    check,
    event,
    world,
)

TOM_B = f"tom.becker@{DOMAIN}"
THERMAL = f"c_thermal@group.calendar.{DOMAIN}"
PILOTS = f"c_pilots@group.calendar.{DOMAIN}"
TOMORROW_10 = ("2026-07-15T10:00:00+01:00", "2026-07-15T10:30:00+01:00")


def test_the_users_the_does_not_abbreviate_a_calendar_name() -> None:
    # "the" is a prefix of "thermal": before the fix, it read as a partial mention of two calendars.
    args = {"calendarId": "Thermal Testing", "q": "reefer heat soak"}
    verdict = check(world(), "events_list", args, ["When is the reefer heat soak?"])
    assert verdict.passed, verdict.error
    assert verdict.args["calendarId"] == THERMAL


def test_a_word_of_the_events_title_is_not_a_mention_of_the_calendar() -> None:
    args = {"calendarId": "Harbour Pilots", "eventId": "Pilot briefing"}
    verdict = check(world(), "events_delete", args, ["Cancel the pilot briefing on Friday."])
    assert verdict.passed, verdict.error
    assert verdict.args == {"calendarId": PILOTS, "eventId": "nh0009pilot"}


def test_a_title_that_echoes_the_users_words_does_not_hide_an_ambiguous_person() -> None:
    # Only other *reference* fields account for words: the summary "Call with Tom" echoes the request.
    args = {
        "calendarId": "primary",
        "summary": "Call with Tom",
        "start": {"dateTime": "2026-07-15T10:00:00+01:00"},
        "end": {"dateTime": "2026-07-15T10:30:00+01:00"},
        "attendees": [{"email": TOM_A}],
    }
    verdict = check(world(), "events_insert", args, ["Schedule a call with Tom tomorrow at 10am"])
    assert verdict.error is not None and verdict.error["error_type"] == "ambiguous_reference"


def test_an_attendee_already_on_the_event_is_kept_not_chosen() -> None:
    attendees = [{"email": TOM_B}, {"email": "Tom Alvarez"}]
    args = {"calendarId": "primary", "eventId": "Customs review", "attendees": attendees}
    verdict = check(world(), "events_patch", args, ["Add Tom Alvarez to the customs review"])
    assert verdict.passed, verdict.error
    assert [a["email"] for a in verdict.args["attendees"]] == [TOM_B, TOM_A]


def test_a_new_attendee_the_user_did_not_single_out_is_still_checked() -> None:
    attendees = [{"email": TOM_B}]
    args = {"calendarId": "primary", "eventId": "Depot visit", "attendees": attendees}
    verdict = check(world(), "events_patch", args, ["Add Tom to the depot visit"])
    assert verdict.error is not None and verdict.error["error_type"] == "ambiguous_reference"


def test_a_time_of_day_said_apart_from_its_day_breaks_a_tie() -> None:
    words = ["Cancel the gate cutoff on Friday on my calendar at 10:30."]
    verdict = check(world(), "events_delete", {"calendarId": "primary", "eventId": "Gate cutoff"}, words)
    assert verdict.passed, verdict.error
    assert verdict.args["eventId"] == "nh0012gate"


def test_a_day_alone_keeps_the_tie_between_two_events_that_day() -> None:
    words = ["Cancel the gate cutoff on Friday."]
    verdict = check(world(), "events_delete", {"calendarId": "primary", "eventId": "Gate cutoff"}, words)
    assert verdict.error is not None and verdict.error["error_type"] == "ambiguous_reference"


def test_a_weekday_means_the_coming_one_before_the_past_one() -> None:
    # Tuesday 14 July: "Monday" reads as the 20th first; the 13th is only an alternative reading.
    words = ["Cancel Monday's gate cutoff."]
    verdict = check(world(), "events_delete", {"calendarId": "primary", "eventId": "Gate cutoff"}, words)
    assert verdict.passed, verdict.error
    assert verdict.args["eventId"] == "nh0015gate"


def test_a_name_said_only_inside_a_longer_one_is_the_longer_item() -> None:
    words = ["Move the seating plan review draft to Friday at 2pm"]
    args = {"calendarId": "primary", "eventId": "Seating plan review"}
    verdict = check(world(), "events_patch", args, words)
    error = verdict.error
    assert error is not None and error["error_type"] == "validation_error"
    assert error["details"]["reason"] == "contradicts_user_words"
    assert error["details"]["user_named"]["id"] == "nh0005seat"
    shorter = check(world(), "events_patch", args, ["Move the seating plan review to Friday at 2pm"])
    assert shorter.passed and shorter.args["eventId"] == "nh0004seat"


def test_a_flat_numeric_day_goes_into_the_date_field() -> None:
    args = {"calendarId": "primary", "summary": "Yard audit", "start": "17/07/2026", "end": "18/07/2026"}
    verdict = check(world(INES), "events_insert", args, ["Block Friday as 'Yard audit', all day."])
    assert verdict.passed, verdict.error
    assert verdict.args["start"] == {"date": "2026-07-17"} and verdict.args["end"] == {"date": "2026-07-18"}


def test_an_id_whose_name_the_user_said_only_inside_a_longer_one_is_stopped() -> None:
    words = ["Put a carrier call on Customer Calls APAC tomorrow at 10am"]
    verdict = check(world(), "events_insert", event(CALLS, *TOMORROW_10), words)
    error = verdict.error
    assert error is not None and error["details"]["reason"] == "contradicts_user_words"
    assert error["details"]["user_named"]["id"] == CALLS_APAC
    both = ["Copy the carrier call from Customer Calls APAC to Customer Calls tomorrow at 10am"]
    assert check(world(), "events_insert", event(CALLS, *TOMORROW_10), both).passed


def test_my_calendar_names_the_users_primary_against_another_listed_calendar() -> None:
    words = ["Put a depot visit on my calendar tomorrow at 10am"]
    verdict = check(world(), "events_insert", event(DISPATCH, *TOMORROW_10), words)
    error = verdict.error
    assert error is not None and error["details"]["reason"] == "contradicts_user_words"
    assert error["details"]["user_named"]["id"] == INES and "'my calendar'" in error["message"]
    assert check(world(), "events_insert", event(INES, *TOMORROW_10), words).passed
    plural = ["Put a depot visit on one of my calendars tomorrow at 10am"]
    assert check(world(), "events_insert", event(DISPATCH, *TOMORROW_10), plural).passed
    # A word of the agent's calendar said by the user keeps its choice a reading of their words.
    dispatch = ["Put the dispatch review on my calendar tomorrow at 10am"]
    assert check(world(), "events_insert", event(DISPATCH, *TOMORROW_10), dispatch).passed


def test_a_length_in_the_request_does_not_name_a_calendar() -> None:
    # "for two hours" is about time: it does not complete the name "Reefer Bay - Hours".
    args = {**event("Reefer Bay - Hours", *TOMORROW_10), "summary": "Driver briefing"}
    words = ["Put a driver briefing on Reefer Bay tomorrow at 10am for two hours"]
    error = check(world(), "events_insert", args, words).error
    assert error is not None and error["details"]["reason"] == "contradicts_user_words"
    assert error["details"]["user_named"]["id"] == f"c_reefer@group.calendar.{DOMAIN}"
    named = ["Put a driver briefing on Reefer Bay - Hours tomorrow at 10am for two hours"]
    assert check(world(), "events_insert", args, named).passed


def test_a_length_in_the_request_does_not_tell_a_calendar_id_from_the_one_named() -> None:
    # The same, with the neighbour's ID copied from the listing: "hours" is no word of the request's names.
    args = {**event(f"c_reefer_hours@group.calendar.{DOMAIN}", *TOMORROW_10), "summary": "Driver briefing"}
    words = ["Put a driver briefing on Reefer Bay tomorrow at 10am for two hours"]
    error = check(world(), "events_insert", args, words).error
    assert error is not None and error["details"]["reason"] == "contradicts_user_words"
    assert error["details"]["user_named"]["id"] == f"c_reefer@group.calendar.{DOMAIN}"
    named = ["Put a driver briefing on Reefer Bay - Hours tomorrow at 10am for two hours"]
    assert check(world(), "events_insert", args, named).passed


def test_a_search_found_on_the_agents_calendar_alone_grounds_the_users_partial_words() -> None:
    # "pilot" names Harbour Pilots and Harbour Pilots - Night alike; the search finds the briefing on one.
    args = {"calendarId": "Harbour Pilots", "q": "pilot briefing"}
    verdict = check(world(), "events_list", args, ["When is the pilot briefing?"])
    assert verdict.passed, verdict.error
    assert verdict.args["calendarId"] == PILOTS


def test_a_write_with_nothing_to_look_up_keeps_the_partial_words_ambiguous() -> None:
    args = event("Harbour Pilots", *TOMORROW_10, summary="Pilot handover")
    words = ["Add a pilot handover on the pilots calendar tomorrow at 10"]
    verdict = check(world(), "events_insert", args, words)
    assert verdict.error is not None and verdict.error["error_type"] == "ambiguous_reference"

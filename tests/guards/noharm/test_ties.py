"""No-harm regression tests, ties and names from the independent mistake model: a tie broken by the
call's own other arguments (looked up), a misspelt exact name, a person named through their calendar,
and an ID the user wrote verbatim. On a world of our own (``world.yaml``)."""

from __future__ import annotations

from tests.guards.noharm.helpers import AUDIT, CALLS_APAC, DOMAIN, INES, JONAS, check, world

YARD_SOUTH = f"c_yard_south@group.calendar.{DOMAIN}"


def test_a_tie_between_calendars_is_broken_by_the_event_only_one_of_them_holds() -> None:
    args = {"calendarId": "the yard shifts calendar", "eventId": "nh0003crane"}
    verdict = check(world(), "events_delete", args)
    assert verdict.passed, verdict.error
    assert verdict.args["calendarId"] == YARD_SOUTH
    assert "other arguments" in verdict.interventions[0].reason


def test_a_read_breaks_a_tie_only_when_its_search_finds_something_on_one_candidate() -> None:
    found = check(world(), "events_list", {"calendarId": "yard shifts", "q": "crane inspection"})
    assert found.passed and found.args["calendarId"] == YARD_SOUTH
    nothing = check(world(), "events_list", {"calendarId": "yard shifts", "q": "forklift"})
    assert nothing.error is not None and nothing.error["error_type"] == "ambiguous_reference"


def test_a_write_with_nothing_to_look_up_keeps_the_tie() -> None:
    args = {
        "calendarId": "yard shifts",
        "summary": "Night shift",
        "start": {"dateTime": "2026-07-16T22:00:00+01:00"},
        "end": {"dateTime": "2026-07-17T06:00:00+01:00"},
    }
    verdict = check(world(), "events_insert", args)
    assert verdict.error is not None and verdict.error["error_type"] == "ambiguous_reference"


def test_a_misspelt_name_is_an_exact_match_for_the_same_words_only() -> None:
    verdict = check(world(), "events_patch", {"calendarId": "primary", "eventId": "Seating plan revie"})
    assert verdict.passed, verdict.error
    assert verdict.args["eventId"] == "nh0004seat"


def test_a_person_named_through_their_calendar_is_that_person() -> None:
    args = {
        "timeMin": "2026-07-15T09:00:00+01:00",
        "timeMax": "2026-07-15T12:00:00+01:00",
        "items": [{"id": "our jonas cal"}, {"id": INES}],
    }
    verdict = check(world(), "freebusy_query", args)
    assert verdict.passed, verdict.error
    assert verdict.args["items"][0]["id"] == JONAS


def test_a_read_of_an_id_the_user_wrote_goes_to_the_server_unchanged() -> None:
    words = [f"What is on calendar {AUDIT}? I may not have access."]
    verdict = check(world(), "calendars_get", {"calendarId": AUDIT}, words)
    assert verdict.passed and verdict.args == {"calendarId": AUDIT} and verdict.interventions == []
    assert check(world(), "calendars_get", {"calendarId": AUDIT}).blocked  # not the user's words: checked


def test_a_colleagues_name_at_another_domain_is_a_slip_not_a_guest() -> None:
    words = ["Invite jonas.berg@meridian-freight.com to a carrier call tomorrow at 10am"]
    args = {
        "calendarId": "primary",
        "summary": "Carrier call",
        "start": {"dateTime": "2026-07-15T10:00:00+01:00"},
        "end": {"dateTime": "2026-07-15T10:30:00+01:00"},
        "attendees": [{"email": "jonas.berg@example.com"}],
    }
    verdict = check(world(), "events_insert", args, words)
    assert verdict.error is not None and verdict.error["error_type"] == "not_found_error"
    assert verdict.error["details"]["suggestions"][0]["id"] == JONAS
    guest = {**args, "attendees": [{"email": "maria.silva@shipper.example"}]}
    assert check(world(), "events_insert", guest, ["Invite maria.silva@shipper.example tomorrow"]).passed


def test_close_candidates_are_told_apart_by_the_only_item_the_user_names() -> None:
    times = {
        "start": {"dateTime": "2026-07-15T10:00:00+01:00"},
        "end": {"dateTime": "2026-07-15T10:30:00+01:00"},
    }
    args = {"calendarId": "calls", "summary": "Carrier call", **times}  # all three calendars contain "calls"
    apac = ["Book a carrier call on the Customer Calls APAC calendar tomorrow at 10am"]
    verdict = check(world(), "events_insert", args, apac)
    assert verdict.passed, verdict.error
    assert verdict.args["calendarId"] == CALLS_APAC
    assert "the only item the user's words name" in verdict.interventions[0].reason
    for words in (
        ["Book a carrier call tomorrow at 10am"],  # no calendar named
        ["Copy the carrier call from Customer Calls to Customer Calls APAC, tomorrow at 10am"],  # two named
    ):
        tied = check(world(), "events_insert", args, words)
        assert tied.error is not None and tied.error["error_type"] == "ambiguous_reference", words

"""No-harm regression tests: a new event on a calendar nobody named is refused, with the user's own
calendar as the value to send; any word that may name the agent's calendar lets it pass."""

from __future__ import annotations

import pytest

from tests.guards.noharm.helpers import CALLS_EMEA, DISPATCH, FLEET, INES, JONAS, check, event, world

TOMORROW_10 = ("2026-07-15T10:00:00+01:00", "2026-07-15T10:30:00+01:00")


def test_a_new_event_on_a_calendar_nobody_named_is_refused_with_the_users_own() -> None:
    words = ["Set up a sync with Jonas tomorrow at 10am"]
    verdict = check(world(), "events_insert", event(CALLS_EMEA, *TOMORROW_10, summary="Sync"), words)
    assert verdict.error is not None and verdict.error["error_type"] == "validation_error"
    details = verdict.error["details"]
    assert details["reason"] == "not_named_by_user"
    assert (details["field"], details["use_value"]) == ("calendarId", INES)
    for own in (INES, "primary"):
        assert check(world(), "events_insert", event(own, *TOMORROW_10, summary="Sync"), words).passed


@pytest.mark.parametrize(
    ("calendar", "words"),
    [
        (DISPATCH, "Add a dispatch review tomorrow at 10am"),  # a word of its name
        (CALLS_EMEA, "Put the carrier call on the other calendar tomorrow at 10am"),  # the kind's word
        (CALLS_EMEA, f"Add a carrier call to {CALLS_EMEA} tomorrow at 10am"),  # its ID
        (CALLS_EMEA, "Add the EMEA sync tomorrow at 10am"),
    ],
)
def test_words_that_may_name_the_agents_calendar_let_it_pass(calendar: str, words: str) -> None:
    verdict = check(world(), "events_insert", event(calendar, *TOMORROW_10), [words])
    assert verdict.error is None or verdict.error["details"].get("reason") != "not_named_by_user"


def test_a_read_only_calendar_nobody_named_is_refused_before_the_permission_check() -> None:
    verdict = check(world(), "events_insert", event(FLEET, *TOMORROW_10), ["Set up a sync tomorrow at 10am"])
    assert verdict.error is not None
    assert verdict.error["details"].get("reason") == "not_named_by_user"  # the user's own can take it


def test_the_calendar_an_event_being_changed_is_on_is_not_this_rules_to_judge() -> None:
    args = {"calendarId": "c_thermal@group.calendar.meridian-freight.com", "eventId": "nh0010heat"}
    moved = {
        "start": {"dateTime": "2026-07-16T14:00:00+01:00"},
        "end": {"dateTime": "2026-07-16T16:00:00+01:00"},
    }
    verdict = check(world(), "events_patch", {**args, **moved}, ["Move the heat soak on Thursday to 2pm"])
    assert verdict.passed, verdict.error


def test_a_change_to_an_existing_event_is_not_judged_even_without_its_event_id() -> None:
    # The agent left eventId out: the calendar is where the event is, and the missing field is the error.
    verdict = check(world(), "events_delete", {"calendarId": DISPATCH}, ["Cancel the depot visit"])
    assert verdict.error is not None
    assert verdict.error["details"].get("reason") != "not_named_by_user"
    assert verdict.error["details"]["missing_required_fields"] == ["eventId"]


def test_a_person_named_as_an_attendee_does_not_name_their_calendar() -> None:
    # "with Jonas Berg" is about Jonas, not the calendar that carries his name: no calendar is named.
    words = ["Set up a sync with Jonas Berg tomorrow at 10am"]
    args = event(CALLS_EMEA, *TOMORROW_10, summary="Sync", attendees=[{"email": JONAS}])
    verdict = check(world(), "events_insert", args, words)
    assert verdict.error is not None and verdict.error["details"]["reason"] == "not_named_by_user"
    assert verdict.error["details"]["use_value"] == INES

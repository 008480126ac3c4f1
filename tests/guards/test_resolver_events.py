"""Events resolved from what the user said: people, days, times of day, recurring occurrences."""

from __future__ import annotations

import pytest

from tests.guards.resolve_helpers import (
    TEAM,
    resolve,
    world_env,
)


@pytest.fixture(scope="module")
def env():
    return world_env()


def test_event_by_person_and_day(env):
    verdict = resolve(
        env, "events_patch", {"calendarId": "primary", "eventId": "the 1:1 with Dana on Thursday"}
    )
    assert verdict.passed, verdict.error
    assert verdict.args["eventId"] == "ev0001kim"
    reason = verdict.interventions[0].reason
    assert "with dana" in reason and "2026-11-19" in reason


def test_event_without_a_distinguishing_hint_is_ambiguous(env):
    verdict = resolve(env, "events_patch", {"calendarId": "primary", "eventId": "the 1:1 with Dana"})
    assert verdict.error["error_type"] == "ambiguous_reference"
    candidates = verdict.error["details"]["candidates"]
    assert {c["id"] for c in candidates} == {"ev0001kim", "ev0002lee"}
    assert all("start" in c for c in candidates)


def test_the_users_request_breaks_a_tie_only_when_it_singles_one_out(env):
    args = {"calendarId": "primary", "eventId": "the 1:1 with Dana"}
    by_day = resolve(env, "events_patch", args, ["Move my 1:1 with Dana on Thursday to 3pm"])
    assert by_day.args["eventId"] == "ev0001kim"
    by_person = resolve(env, "events_patch", args, ["Cancel the 1:1 I have with Dana Lee"])
    assert by_person.args["eventId"] == "ev0002lee"
    unhelpful = resolve(env, "events_patch", args, ["Please move my 1:1 with Dana"])
    assert unhelpful.error["error_type"] == "ambiguous_reference"


def test_event_day_is_a_constraint(env):
    assert (
        resolve(env, "events_delete", {"calendarId": "primary", "eventId": "dentist on Friday"}).args[
            "eventId"
        ]
        == "ev0005dent"
    )
    wrong_day = resolve(env, "events_delete", {"calendarId": "primary", "eventId": "dentist on Tuesday"})
    assert wrong_day.error["error_type"] == "not_found_error"
    assert wrong_day.error["details"]["suggestions"][0]["id"] == "ev0005dent"


def test_recurring_event_on_a_later_occurrence_and_calendar_resolved_first(env):
    # A read may name the series by one of its days; a delete of "next Monday's" sync is for that
    # occurrence, so the series id is offered second, never sent.
    listed = resolve(env, "events_get", {"calendarId": "team", "eventId": "team sync next monday"})
    assert listed.args == {"calendarId": TEAM, "eventId": "ev0006sfnc"}
    assert [n.field for n in listed.interventions] == ["calendarId", "eventId"]
    deleted = resolve(env, "events_delete", {"calendarId": "team", "eventId": "team sync next monday"})
    assert deleted.error is not None and deleted.error["error_type"] == "precondition_error"
    occurrence, series = deleted.error["details"]["candidates"]
    assert occurrence["id"].startswith("ev0006sfnc_2026112") and series["id"] == "ev0006sfnc"


def test_event_with_time_of_day(env):
    verdict = resolve(env, "events_delete", {"calendarId": TEAM, "eventId": "the demo on Friday 4pm"})
    assert verdict.args["eventId"] == "ev0007demo"
    wrong_time = resolve(env, "events_delete", {"calendarId": TEAM, "eventId": "the demo on Friday 9am"})
    assert wrong_time.blocked


def test_events_on_invisible_calendars_are_never_candidates(env):
    # "Board review with Dana" on Thursday exists, on a calendar Ana cannot see.
    verdict = resolve(env, "events_delete", {"calendarId": "primary", "eventId": "board review with Dana"})
    assert verdict.error["error_type"] == "not_found_error"
    assert "ev0008brd" not in str(verdict.error)

"""No-harm regression tests, names and errors: an exact name wins (1), examples and remediations are
true (4), not found reads as not found (5), a permission error redirects to what the user named (6),
placeholders are caught in every ID field (7). On a world of our own (``world.yaml``), not acme."""

from __future__ import annotations

import pytest

from guards import Guard, GuardContext
from guards.pack import ReferenceSpec
from tests.guards.noharm.helpers import (
    AUDIT,
    CALLS,
    CALLS_APAC,
    CALLS_EMEA,
    DISPATCH,
    DOMAIN,
    FLEET,
    INES,
    JONAS,
    PACK,
    check,
    context,
    event,
    full_guard,
    world,
)

TOMORROW_10 = ("2026-07-15T10:00:00+01:00", "2026-07-15T10:30:00+01:00")
PORT = "c_port@group.calendar.meridian-freight.com"


# -- 1. an exact name must win --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Customer Calls", CALLS),
        ("customer calls", CALLS),
        ("the Customer Calls calendar", CALLS),
        ("Customer Calls - EMEA", CALLS_EMEA),
        ("customer calls emea", CALLS_EMEA),
        ("Customer Calls APAC", CALLS_APAC),
    ],
)
def test_an_exact_name_beats_names_that_contain_it(name: str, expected: str) -> None:
    verdict = check(world(), "events_list", {"calendarId": name})
    assert verdict.passed, verdict.error
    assert verdict.args["calendarId"] == expected


def test_names_that_only_contain_the_reference_stay_ambiguous_among_themselves() -> None:
    verdict = check(world(), "events_list", {"calendarId": "calls"})
    assert verdict.error is not None and verdict.error["error_type"] == "ambiguous_reference"
    assert {c["id"] for c in verdict.error["details"]["candidates"]} == {CALLS, CALLS_EMEA, CALLS_APAC}


def test_the_users_exact_name_overrules_an_agent_that_picked_a_longer_one() -> None:
    env = world()
    words = ["Put a carrier call on Customer Calls tomorrow at 10am"]
    verdict = check(env, "events_insert", event("Customer Calls - EMEA", *TOMORROW_10), words)
    # The user was clear: a validation error on the field, naming their calendar (not a question).
    assert verdict.error is not None and verdict.error["error_type"] == "validation_error"
    assert verdict.error["details"]["reason"] == "contradicts_user_words"
    assert verdict.error["details"]["user_named"]["id"] == CALLS


# -- 4. examples and remediations must be true ------------------------------------------------------


def test_the_example_has_the_users_real_offset_on_the_day_in_question() -> None:
    env = world()  # Lisbon in July is at +01:00, New York's -05:00 would be wrong twice over
    args = {"calendarId": CALLS, "start": {"dateTime": "2026-07-20T09:00:00+01:00"}}
    verdict = check(env, "events_insert", args)
    assert verdict.error is not None
    example = verdict.error["details"]["example"]
    assert example["start"]["dateTime"] == "2026-07-20T15:00:00+01:00"
    assert example["end"]["dateTime"] == "2026-07-20T15:30:00+01:00"
    assert example["calendarId"] == "primary"  # the pack's own alias


def test_an_unreadable_datetime_gets_an_example_for_tomorrow_in_the_users_zone() -> None:
    verdict = check(world(), "events_insert", event(CALLS, "whenever suits", "2026-07-15T11:00:00+01:00"))
    assert verdict.error is not None and verdict.error["error_type"] == "format_error"
    assert verdict.error["details"]["example"] == "2026-07-15T15:00:00+01:00"
    assert "2026-07-15T15:00:00+01:00" in verdict.error["remediation"][-1]


def test_a_pack_without_an_alias_gets_no_invented_id_in_its_example() -> None:
    env = world()
    calendar_ref = PACK.references["calendarId"]
    plain = ReferenceSpec.model_validate({**calendar_ref.model_dump(by_alias=True), "aliases": {}})
    pack = PACK.model_copy(update={"references": {**PACK.references, "calendarId": plain}})
    guard = full_guard(env, pack)
    verdict = guard.check("events_insert", {"calendarId": CALLS, "summary": "x"}, context(env))
    assert verdict.error is not None
    assert verdict.error["details"]["example"]["calendarId"] == "<id from calendars_list>"


# -- 5. not found must read as not found ------------------------------------------------------------


def test_a_calendar_the_user_cannot_see_is_not_found_with_no_unrelated_suggestions() -> None:
    verdict = check(world(), "events_list", {"calendarId": "Audit Committee"})
    assert verdict.error is not None and verdict.error["error_type"] == "not_found_error"
    message = verdict.error["message"]
    assert "can be found, or you do not have access to it" in message
    assert verdict.error["details"]["suggestions"] == []
    assert "Ines Duarte" not in message and AUDIT not in message


def test_not_found_suggests_only_names_that_share_a_word() -> None:
    verdict = check(world(), "events_list", {"calendarId": "Dispatch Nightly Desk"})
    assert verdict.error is not None and verdict.error["error_type"] == "not_found_error"
    assert [s["id"] for s in verdict.error["details"]["suggestions"]] == [DISPATCH]


def test_an_invented_calendar_id_is_not_found_by_id() -> None:
    verdict = check(world(), "events_list", {"calendarId": "cal_8f3a2c"})
    assert verdict.error is not None and verdict.error["error_type"] == "not_found_error"
    assert "with id 'cal_8f3a2c'" in verdict.error["message"]


# -- 6. redirect, do not lecture ---------------------------------------------------------------------


def test_a_write_to_a_calendar_the_user_did_not_name_points_to_the_one_they_did() -> None:
    words = ["Add the weekly truck check to Dispatch tomorrow at 10am"]
    args = event(FLEET, *TOMORROW_10, summary="Truck check")
    env = world()
    # The full pipeline catches the contradiction when it resolves; the permission check alone says the
    # same when it is the one to see it. Either way the error names what the user asked for.
    for guard in (full_guard(env), Guard(PACK, full_guard(env).catalog.schemas, resolve_stages=[])):
        verdict = guard.check("events_insert", args, context(env, words))
        assert verdict.error is not None
        assert verdict.error["details"]["user_named"]["id"] == DISPATCH
        assert DISPATCH in verdict.error["remediation"][0]
    permission_only = Guard(PACK, full_guard(env).catalog.schemas, resolve_stages=[])
    error = permission_only.check("events_insert", args, context(env, words)).error
    assert error is not None and error["error_type"] == "permission_error"
    assert (error["details"]["field"], error["details"]["use_value"]) == ("calendarId", DISPATCH)


def test_an_id_picked_from_the_listing_that_contradicts_the_users_words_is_stopped() -> None:
    # The neighbouring row: the user said "Customer Calls APAC", the agent copied the EMEA calendar's ID.
    words = ["Put the carrier call on Customer Calls APAC tomorrow at 10am"]
    verdict = check(world(), "events_insert", event(CALLS_EMEA, *TOMORROW_10), words)
    assert verdict.error is not None and verdict.error["error_type"] == "validation_error"
    assert verdict.error["details"]["user_named"]["id"] == CALLS_APAC


def test_a_listing_choice_the_user_did_name_or_did_not_contradict_passes() -> None:
    env = world()
    for words, title in (
        (["Put the carrier call on Customer Calls APAC tomorrow at 10am"], "Carrier call"),
        (["Put the carrier call somewhere tomorrow at 10am"], "Carrier call"),
        (["Put 'Dispatch review' on my APAC customer calls calendar tomorrow at 10am"], "Dispatch review"),
    ):
        verdict = check(env, "events_insert", event(CALLS_APAC, *TOMORROW_10, summary=title), words)
        assert verdict.passed, (words, verdict.error)


def test_a_listing_choice_against_a_calendar_the_user_called_by_its_kind_is_stopped() -> None:
    # "Dispatch" shares no word with "Customer Calls APAC", but "the Dispatch calendar" is a reference.
    named = ["Put the truck check on the Dispatch calendar tomorrow at 10am"]
    truck_check = event(CALLS_APAC, *TOMORROW_10, summary="Truck check")
    verdict = check(world(), "events_insert", truck_check, named)
    assert verdict.error is not None and verdict.error["error_type"] == "validation_error"
    assert verdict.error["details"]["user_named"]["id"] == DISPATCH
    topic = ["Add a dispatch review tomorrow at 10am"]  # a topic word names no calendar
    review = event(CALLS_APAC, *TOMORROW_10, summary="Dispatch review")
    assert check(world(), "events_insert", review, topic).passed


def test_when_neither_calendar_can_take_the_write_the_error_is_about_the_users_one() -> None:
    # The agent wrote to Fleet Ops, the user named Port Notices: both read-only. Pointing the agent at
    # Port Notices would only earn the same refusal; the permission error says it cannot be done.
    words = ["Add the berth check to the Port Notices calendar tomorrow at 10am"]
    verdict = check(world(), "events_insert", event(FLEET, *TOMORROW_10, summary="Berth check"), words)
    assert verdict.error is not None and verdict.error["error_type"] == "permission_error"
    asked = {"id": PORT, "name": "Port Notices", "accessRole": "reader"}
    assert verdict.error["details"]["user_named"] == asked
    assert "use_value" not in verdict.error["details"]  # nothing to send instead
    assert "cannot be done as asked" in verdict.error["remediation"][0]


def test_no_redirect_when_the_user_named_the_read_only_calendar_itself() -> None:
    words = ["Add the weekly truck check to Fleet Ops tomorrow at 10am"]
    verdict = check(world(), "events_insert", event(FLEET, *TOMORROW_10, summary="Truck check"), words)
    assert verdict.error is not None and verdict.error["error_type"] == "permission_error"
    assert "user_named" not in verdict.error["details"]
    assert JONAS in verdict.error["remediation"][0]  # who can grant access


# -- 7. placeholders in every ID field -----------------------------------------------------------------

PLACEHOLDERS = [
    "your_calendar_id",
    "{calendarId}",
    "{{calendar_id}}",
    "<calendar_id>",
    "CALENDAR_ID",
    "$CALENDAR_ID",
    "calendar_id",
    "xxx",
    "xxxx-xxxx",
    "...",
]


@pytest.mark.parametrize("value", PLACEHOLDERS)
def test_placeholders_are_blocked_in_reads_too(value: str) -> None:
    verdict = check(world(), "events_list", {"calendarId": value})
    assert verdict.error is not None, value
    assert verdict.error["details"]["invalid_fields"][0]["reason"] == "placeholder"
    assert verdict.error["details"]["lookup_tool"] == "calendars_list"


@pytest.mark.parametrize("value", ["<email>", "EMAIL_ADDRESS", "user@example.com", "{attendee_email}"])
def test_placeholder_attendees_are_blocked(value: str) -> None:
    args = event(CALLS, *TOMORROW_10, attendees=[{"email": value}])
    verdict = check(world(), "events_insert", args, ["Add a carrier call tomorrow at 10am with Jonas"])
    assert verdict.error is not None, value
    assert verdict.error["details"]["invalid_fields"][0]["reason"] == "placeholder"


@pytest.mark.parametrize("value", [CALLS, "primary", INES])
def test_real_ids_are_not_placeholders(value: str) -> None:
    verdict = check(world(), "events_list", {"calendarId": value})
    assert verdict.passed and verdict.args["calendarId"] == value and verdict.interventions == []


def test_a_real_attendee_address_is_not_a_placeholder() -> None:
    args = event(CALLS, *TOMORROW_10, attendees=[{"email": JONAS}])
    verdict = check(world(), "events_insert", args, ["Add a carrier call with Jonas Berg tomorrow at 10am"])
    assert verdict.passed, verdict.error
    assert verdict.args["attendees"] == [{"email": JONAS}]


def test_a_placeholder_shaped_value_the_user_actually_wrote_passes() -> None:
    env = world()
    schemas = {spec.name: spec.input_schema for spec in env.tool_specs()}
    guard = Guard(PACK, schemas=schemas, resolve_stages=[])
    ctx = GuardContext(now=env.now, timezone=env.timezone, user_messages=["List the calendar XXXX please"])
    verdict = guard.check("events_list", {"calendarId": "XXXX"}, ctx)
    assert verdict.passed
    assert guard.check("events_list", {"calendarId": "XXXX"}, context(env)).blocked


def test_a_calendar_the_user_speaks_of_as_existing_is_not_created_in_its_place() -> None:
    # Audit Committee is invisible to Ines: creating one and writing there answers no request.
    words = ["Put 'Carrier review' on the audit committee calendar on Friday at 10."]
    verdict = check(world(), "calendars_insert", {"summary": "Audit Committee"}, words)
    assert verdict.error is not None and verdict.error["error_type"] == "precondition_error"
    assert verdict.error["details"]["reason"] == "not_asked_to_create"
    assert "cannot be found or is not accessible" in verdict.error["message"]


def test_a_calendar_named_nothing_the_user_said_is_not_created_when_they_speak_of_one() -> None:
    # The user spoke of a calendar as existing; the agent makes one called "Meeting" to write on.
    words = ["Put 'Carrier review' on the audit committee calendar on Friday at 10."]
    verdict = check(world(), "calendars_insert", {"summary": "Meeting"}, words)
    assert verdict.error is not None and verdict.error["error_type"] == "precondition_error"
    details = verdict.error["details"]
    assert details["reason"] == "not_asked_to_create" and details["use_tool"] == "events_insert"
    assert "a name the user never said" in verdict.error["message"]


def test_a_calendar_the_user_asks_for_is_created() -> None:
    for words in (
        "Create a calendar called Audit Committee and put the carrier review on it.",
        "Make me a new 'Audit Committee' calendar.",
        "Set up an Audit Committee calendar for the board.",
    ):
        verdict = check(world(), "calendars_insert", {"summary": "Audit Committee"}, [words])
        assert verdict.passed, (words, verdict.error)


def test_a_new_calendar_the_user_does_not_mention_by_kind_is_not_blocked() -> None:
    # Nothing says the user meant an existing calendar: no guess either way.
    verdict = check(world(), "calendars_insert", {"summary": "Board Papers"}, ["Put the papers somewhere."])
    assert verdict.passed, verdict.error


def test_a_calendar_named_after_something_else_the_user_said_is_not_created() -> None:
    # The agent took the wrong tool: 'Carrier review' is the event the user wants on Dispatch.
    words = ["Add 'Carrier review' to Dispatch on Friday at 10."]
    verdict = check(world(), "calendars_insert", {"summary": "Carrier review"}, words)
    assert verdict.error is not None and verdict.error["error_type"] == "precondition_error"
    details = verdict.error["details"]
    assert details["reason"] == "not_asked_to_create" and details["use_tool"] == "events_insert"
    assert "did not ask for a new calendar" in verdict.error["message"]


def test_an_indefinite_article_asks_for_a_new_calendar() -> None:
    for words in ("I'd like an Audit Committee calendar, please.", "Audit Committee needs a calendar."):
        verdict = check(world(), "calendars_insert", {"summary": "Audit Committee"}, [words])
        assert verdict.passed, (words, verdict.error)
    # "to my calendar" is not "a calendar": the name is still the event's
    words = ["Add 'Carrier review' to my calendar on Friday at 10."]
    assert check(world(), "calendars_insert", {"summary": "Carrier review"}, words).blocked


def test_an_update_that_would_clear_what_the_event_has_is_sent_as_a_patch_or_not_at_all() -> None:
    env = world()
    start, end = "2026-07-16T17:00:00+01:00", "2026-07-16T17:30:00+01:00"
    times = {"start": {"dateTime": start}, "end": {"dateTime": end}}
    move = {"calendarId": INES, "eventId": "nh0011cust", **times}
    verdict = check(env, "events_update", move, ["Push the customs review back an hour."])
    assert verdict.error is not None and verdict.error["error_type"] == "validation_error"
    details = verdict.error["details"]
    assert details["reason"] == "update_clears_fields" and details["use_tool"] == "events_patch"
    assert details["cleared_fields"] == ["summary", "attendees"]
    assert check(env, "events_patch", move, ["Push the customs review back an hour."]).passed
    whole = {**move, "summary": "Customs review", "attendees": []}  # empty on purpose: cleared by the user
    assert check(env, "events_update", whole, ["Push the customs review back an hour."]).passed
    # an event that cannot be read is the server's to report
    missing = check(env, "events_update", {**move, "eventId": "nh9999none"}, [])
    assert missing.error is None or missing.error["details"].get("reason") != "update_clears_fields"


def test_one_error_names_every_placeholder_of_a_call() -> None:
    args = {"calendarId": "<calendar_id>", "eventId": "nh0002dep", "destination": "YOUR_CALENDAR_ID"}
    verdict = check(world(), "events_move", args, ["Move the depot visit to Dispatch."])
    assert verdict.error is not None
    invalid = verdict.error["details"]["invalid_fields"]
    assert [(f["field"], f["reason"], f["lookup_tool"]) for f in invalid] == [
        ("calendarId", "placeholder", "calendars_list"),
        ("destination", "placeholder", "calendars_list"),
    ]
    assert verdict.error["remediation"][0].count("calendars_list") == 2


# -- an ID the user wrote ------------------------------------------------------------------------------

CRANE_A, CRANE_B = f"c_crane_a@group.calendar.{DOMAIN}", f"c_crane_b@group.calendar.{DOMAIN}"


def test_a_calendar_two_share_the_name_of_is_neither_when_the_user_says_only_the_name() -> None:
    words = ["Put 'Crane check' on the Crane Bookings calendar on Friday at 10."]
    args = event(CRANE_A, "2026-07-17T10:00:00+01:00", "2026-07-17T10:30:00+01:00", summary="Crane check")
    verdict = check(world(), "events_insert", args, words)
    assert verdict.error is not None and verdict.error["error_type"] == "ambiguous_reference"
    assert verdict.error["details"]["reason"] == "same_name"
    assert {c["id"] for c in verdict.error["details"]["candidates"]} == {CRANE_A, CRANE_B}


def test_another_calendar_than_the_id_the_user_wrote_is_redirected_to_it() -> None:
    words = [f"Create 'Carrier review' on calendar {DISPATCH} from 2026-07-17T10:00:00+01:00 to 10:30."]
    args = event(CALLS, "2026-07-17T10:00:00+01:00", "2026-07-17T10:30:00+01:00", summary="Carrier review")
    verdict = check(world(), "events_insert", args, words)
    assert verdict.error is not None and verdict.error["details"]["reason"] == "contradicts_user_words"
    assert verdict.error["details"]["user_named"]["id"] == DISPATCH
    assert check(world(), "events_insert", {**args, "calendarId": DISPATCH}, words).passed


def test_two_ids_the_user_wrote_for_one_kind_name_no_one_of_them() -> None:
    words = [f"Move event nh0002dep from calendar {INES} to calendar {DISPATCH}."]
    args = {"calendarId": INES, "eventId": "nh0002dep", "destination": DISPATCH}
    assert check(world(), "events_move", args, words).passed
    # and a name after the kind word is not an ID
    words = ["Add 'Carrier review' to calendar Dispatch on Friday at 10."]
    args = event(DISPATCH, "2026-07-17T10:00:00+01:00", "2026-07-17T10:30:00+01:00", summary="Carrier review")
    assert check(world(), "events_insert", args, words).passed

"""Tool-name and structure repairs, and the refusals for what cannot be repaired."""

from __future__ import annotations

import json

import pytest

from guards import Guard, InterventionKind
from guards.schema import repair_structure, repair_tool_name, validate_schema
from tests.guards.schema_helpers import (
    CTX,
    PACK,
    SCHEMAS,
    VALID_INSERT,
    assert_schema_valid,
    check,
    kinds,
)

# -- tool names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["events.insert", "insert_event", "eventsInsert", "Events_Insert", "event_insert", "create_event"]
)
def test_misspelled_tool_name_is_repaired_to_the_one_match(name: str) -> None:
    verdict = check(name, VALID_INSERT)
    assert verdict.tool_name == "events_insert"
    assert verdict.interventions[0].kind == InterventionKind.TOOL_NAME
    assert verdict.interventions[0].before == name
    assert_schema_valid(verdict)


def test_fuzzy_tool_name_needs_a_clear_winner() -> None:
    assert check("events_insrt", VALID_INSERT).tool_name == "events_insert"
    verdict = check("events", {})
    assert verdict.blocked
    assert verdict.error is not None
    assert verdict.error["error_type"] == "unknown_tool"
    assert verdict.error["details"]["tool_name"] == "events"
    assert "events_insert" in verdict.error["details"]["candidates"]
    assert "calendars_list" in verdict.error["details"]["known_tools"]


def test_unknown_tool_lists_known_tools() -> None:
    verdict = check("send_email", {"to": "a@b.com"})
    assert verdict.error is not None
    assert verdict.error["error_type"] == "unknown_tool"
    assert verdict.error["http_status"] == 404
    assert sorted(verdict.error["details"]["known_tools"]) == sorted(SCHEMAS)
    assert verdict.error["remediation"]


def test_tool_name_matching_several_tools_is_blocked_as_ambiguous() -> None:
    guard = Guard(
        PACK, {"events_list": {}, "list_events": {}}, resolve_stages=[repair_tool_name], validate_stages=[]
    )
    verdict = guard.check("event_list", {}, CTX)
    assert verdict.error is not None
    assert verdict.error["error_type"] == "unknown_tool"
    assert set(verdict.error["details"]["candidates"]) == {"events_list", "list_events"}


def test_tool_names_pass_through_when_no_schemas_are_known() -> None:
    guard = Guard(
        PACK, {}, resolve_stages=[repair_tool_name, repair_structure], validate_stages=[validate_schema]
    )
    verdict = guard.check("whatever_tool", {"x": 1}, CTX)
    assert verdict.passed and verdict.tool_name == "whatever_tool" and verdict.args == {"x": 1}


# -- structure -------------------------------------------------------------------------------------


def test_arguments_sent_as_a_json_string_are_decoded() -> None:
    verdict = check("events_insert", json.dumps(VALID_INSERT))
    assert verdict.args == VALID_INSERT
    assert kinds(verdict) == [InterventionKind.JSON_STRING]


def test_non_object_arguments_are_a_validation_error() -> None:
    verdict = check("events_insert", [1, 2])
    assert verdict.error is not None
    assert verdict.error["error_type"] == "validation_error"
    assert verdict.error["details"]["invalid_fields"][0]["received_type"] == "array"


def test_field_name_variants_and_pack_synonyms_are_renamed() -> None:
    verdict = check(
        "events_insert",
        {
            "calendar_id": "primary",
            "title": "Sync",
            "startTime": {"date_time": "2026-03-10T15:00:00-04:00"},
            "EndTime": {"DateTime": "2026-03-10T16:00:00-04:00"},
        },
    )
    assert verdict.args == {
        "calendarId": "primary",
        "summary": "Sync",
        "start": {"dateTime": "2026-03-10T15:00:00-04:00"},
        "end": {"dateTime": "2026-03-10T16:00:00-04:00"},
    }
    renames = {(i.field, i.after) for i in verdict.interventions if i.kind == InterventionKind.FIELD_RENAME}
    assert ("calendar_id", "calendarId") in renames
    assert ("title", "summary") in renames
    assert ("start.date_time", "dateTime") in renames
    assert_schema_valid(verdict)


def test_clearly_misspelled_field_names_are_renamed() -> None:
    verdict = check(
        "events_insert",
        {**{k: v for k, v in VALID_INSERT.items() if k != "summary"}, "sumary": "Sync", "descripton": "Plan"},
    )
    assert verdict.args["summary"] == "Sync" and verdict.args["description"] == "Plan"
    assert {i.before for i in verdict.interventions if i.kind == InterventionKind.FIELD_RENAME} == {
        "sumary",
        "descripton",
    }


def test_unclear_misspellings_are_refused_not_guessed_or_dropped() -> None:
    """timeMxn is timeMin or timeMax: renaming would be a guess, dropping would widen the search."""
    verdict = check("events_list", {"calendarId": "primary", "timeMxn": "2026-03-10T00:00:00Z"})
    assert verdict.error is not None
    [invalid] = verdict.error["details"]["invalid_fields"]
    assert invalid["field"] == "timeMxn" and invalid["reason"] == "unknown_field"
    assert set(invalid["candidates"][:2]) == {"timeMin", "timeMax"}


def test_alias_and_canonical_with_different_values_is_blocked_never_picked() -> None:
    verdict = check("calendars_get", {"calendar_id": "team@acme.com", "calendarId": "primary"})
    assert verdict.error is not None
    assert verdict.error["error_type"] == "validation_error"
    invalid = verdict.error["details"]["invalid_fields"][0]
    assert invalid["field"] == "calendarId" and invalid["reason"] == "conflicting_aliases"


def test_alias_repeating_the_canonical_value_is_dropped() -> None:
    verdict = check("calendars_get", {"calendarId": "primary", "calendar_id": "primary"})
    assert verdict.passed and verdict.args == {"calendarId": "primary"}
    assert kinds(verdict) == [InterventionKind.FIELD_DROP]


def test_scalar_datetime_is_nested_into_its_object() -> None:
    args = {**VALID_INSERT, "start": "2026-03-10T15:00:00-04:00", "end": "2026-03-10T15:30:00-04:00"}
    verdict = check("events_insert", args)
    assert verdict.args == VALID_INSERT
    nesting = [i for i in verdict.interventions if i.kind == InterventionKind.NESTING]
    assert [i.field for i in nesting] == ["start", "end"]
    assert nesting[0].after == {"dateTime": "2026-03-10T15:00:00-04:00"}


def test_date_only_value_is_nested_into_date() -> None:
    verdict = check("events_insert", {"calendarId": "primary", "start": "2026-03-10", "end": "2026-03-11"})
    assert verdict.args["start"] == {"date": "2026-03-10"}
    assert verdict.args["end"] == {"date": "2026-03-11"}
    assert_schema_valid(verdict)


def test_scalar_with_no_single_obvious_field_is_not_nested() -> None:
    verdict = check("events_insert", {"calendarId": "primary", "start": "whenever", "end": "later"})
    assert verdict.error is not None
    fields = {f["field"]: f for f in verdict.error["details"]["invalid_fields"]}
    assert fields["start"]["expected_type"] == "object"
    assert fields["start"]["received_type"] == "string"


def test_objects_and_arrays_sent_as_json_strings_are_decoded() -> None:
    verdict = check(
        "acl_insert",
        {"calendarId": "primary", "role": "reader", "scope": '{"type": "user", "value": "ana@acme.com"}'},
    )
    assert verdict.args["scope"] == {"type": "user", "value": "ana@acme.com"}
    assert kinds(verdict) == [InterventionKind.JSON_STRING]
    verdict = check(
        "events_insert",
        {**VALID_INSERT, "attendees": '[{"email": "ana@acme.com"}, {"email": "bo@acme.com"}]'},
    )
    assert verdict.args["attendees"] == [{"email": "ana@acme.com"}, {"email": "bo@acme.com"}]
    assert_schema_valid(verdict)


def test_single_object_where_a_list_is_expected_is_wrapped() -> None:
    verdict = check("events_insert", {**VALID_INSERT, "attendees": {"email": "ana@acme.com"}})
    assert verdict.args["attendees"] == [{"email": "ana@acme.com"}]
    assert kinds(verdict) == [InterventionKind.NESTING]


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        ("ana@acme.com", [{"email": "ana@acme.com"}]),
        ("ana@acme.com, bo@acme.com", [{"email": "ana@acme.com"}, {"email": "bo@acme.com"}]),
        ("ana@acme.com;bo@acme.com", [{"email": "ana@acme.com"}, {"email": "bo@acme.com"}]),
    ],
)
def test_email_strings_become_attendee_objects(sent: str, expected: list[dict[str, str]]) -> None:
    verdict = check("events_insert", {**VALID_INSERT, "attendees": sent})
    assert verdict.args["attendees"] == expected
    assert_schema_valid(verdict)


@pytest.mark.parametrize(
    ("sent", "expected"),
    [("Dana", [{"email": "Dana"}]), ("Dana, Priya Shah", [{"email": "Dana"}, {"email": "Priya Shah"}])],
)
def test_names_go_into_the_reference_field_for_the_resolver(
    sent: str, expected: list[dict[str, str]]
) -> None:
    verdict = check("events_insert", {**VALID_INSERT, "attendees": sent})
    assert verdict.args["attendees"] == expected


def test_a_scalar_is_not_nested_into_a_field_whose_enum_rejects_it() -> None:
    args = {"calendarId": "primary", "role": "reader", "scope": "dana@acme.com"}
    verdict = check("acl_insert", args)
    assert verdict.error is not None
    assert verdict.error["details"]["missing_required_fields"] == ["scope.type"]


def test_recorded_values_are_snapshots_not_live_arguments() -> None:
    verdict = check("events_insert", {**VALID_INSERT, "start": "2026-03-10T15:00:00-04:00"})
    nesting = next(i for i in verdict.interventions if i.kind == InterventionKind.NESTING)
    assert nesting.after == {"dateTime": "2026-03-10T15:00:00-04:00"}
    assert nesting.after is not verdict.args["start"]


def test_single_id_becomes_a_list_of_id_objects() -> None:
    args = {"timeMin": "2026-03-10T00:00:00Z", "timeMax": "2026-03-11T00:00:00Z", "items": "primary"}
    verdict = check("freebusy_query", args)
    assert verdict.args["items"] == [{"id": "primary"}]


def test_single_string_is_wrapped_where_a_list_of_strings_is_expected() -> None:
    verdict = check("events_insert", {**VALID_INSERT, "recurrence": "RRULE:FREQ=WEEKLY"})
    assert verdict.args["recurrence"] == ["RRULE:FREQ=WEEKLY"]
    assert_schema_valid(verdict)


def test_unknown_fields_are_refused_unless_the_pack_declares_them_ignorable() -> None:
    refused = check("calendars_get", {"calendarId": "primary", "verbose": True, "color": "red"})
    assert refused.error is not None
    assert refused.error["details"]["invalid_fields"][0]["reason"] == "unknown_field"
    dropped = check("calendars_get", {"calendarId": "primary", "sendNotifications": True})
    assert dropped.args == {"calendarId": "primary"}
    drops = [i for i in dropped.interventions if i.kind == InterventionKind.FIELD_DROP]
    assert [(i.field, i.before) for i in drops] == [("sendNotifications", True)]


def test_nested_unknown_fields_are_refused() -> None:
    args = {**VALID_INSERT, "start": {"dateTime": "2026-03-10T15:00:00-04:00", "tz": "x"}}
    verdict = check("events_insert", args)
    assert verdict.error is not None
    [invalid] = verdict.error["details"]["invalid_fields"]
    assert invalid["field"] == "start.tz" and invalid["candidates"][0] == "timeZone"

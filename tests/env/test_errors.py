"""Every error type the environment emits, in the shared wire format, and never a traceback."""

from __future__ import annotations

from typing import Any

import pytest

from env import CalendarEnv
from tests.env.conftest import calendar_id

WIRE_KEYS = {"ok", "error_type", "tool_name", "message", "http_status", "details", "remediation", "retryable"}
TIMED = {"start": {"dateTime": "2026-03-10T10:00:00-04:00"}, "end": {"dateTime": "2026-03-10T11:00:00-04:00"}}


def assert_wire(result: dict[str, Any], error_type: str, status: int, tool: str) -> None:
    assert set(result) == WIRE_KEYS
    assert result["ok"] is False and result["error_type"] == error_type
    assert result["http_status"] == status and result["tool_name"] == tool
    assert result["message"] and result["remediation"]


def test_validation_error_lists_missing_and_invalid_fields(env: CalendarEnv) -> None:
    result = env.call_tool(
        "events_insert", {"start": "2026-03-10T10:00:00-04:00", "summary": 5, "colour": "red"}
    )
    assert_wire(result, "validation_error", 400, "events_insert")
    details = result["details"]
    assert sorted(details["missing_required_fields"]) == ["calendarId", "end"]
    invalid = {entry["field"]: entry for entry in details["invalid_fields"]}
    assert invalid["start"] == {"field": "start", "expected_type": "object", "received_type": "string"}
    assert invalid["summary"] == {"field": "summary", "expected_type": "string", "received_type": "integer"}
    assert invalid["colour"]["expected_type"] == "absent (unknown field)"
    assert details["unexpected_fields"] == ["colour"] and "summary" in details["allowed_fields"]


def test_validation_error_paths_into_nested_fields(env: CalendarEnv) -> None:
    result = env.call_tool(
        "events_insert",
        {"calendarId": "primary", **TIMED, "attendees": [{"email": "dana.kim@acme.com"}, {"mail": "x"}]},
    )
    assert_wire(result, "validation_error", 400, "events_insert")
    assert result["details"]["missing_required_fields"] == ["attendees[1].email"]
    assert result["details"]["invalid_fields"][0]["field"] == "attendees[1].mail"


@pytest.mark.parametrize(
    ("args", "field", "expected"),
    [
        ({"calendarId": "primary", "maxResults": "10"}, "maxResults", "integer"),
        ({"calendarId": "primary", "maxResults": 0}, "maxResults", "number >= 1"),
        ({"calendarId": "primary", "singleEvents": "true"}, "singleEvents", "boolean"),
        ({"calendarId": "primary", "orderBy": "start"}, "orderBy", "one of 'startTime' or 'updated'"),
        ({"calendarId": 42}, "calendarId", "string"),
    ],
)
def test_no_type_coercion(env: CalendarEnv, args: dict[str, Any], field: str, expected: str) -> None:
    result = env.call_tool("events_list", args)
    assert_wire(result, "validation_error", 400, "events_list")
    assert result["details"]["invalid_fields"][0]["field"] == field
    assert result["details"]["invalid_fields"][0]["expected_type"] == expected


def test_arguments_must_be_an_object(env: CalendarEnv) -> None:
    result = env.call_tool("calendars_list", ["not", "a", "dict"])  # type: ignore[arg-type]
    assert_wire(result, "validation_error", 400, "calendars_list")
    assert result["details"]["invalid_fields"] == [
        {"field": "", "expected_type": "object", "received_type": "array"}
    ]


def test_semantic_validation_errors(env: CalendarEnv) -> None:
    backwards = env.call_tool(
        "events_insert", {"calendarId": "primary", "start": TIMED["end"], "end": TIMED["start"]}
    )
    assert_wire(backwards, "validation_error", 400, "events_insert")
    assert backwards["details"]["invalid_fields"][0]["field"] == "end"
    mixed = env.call_tool(
        "events_insert", {"calendarId": "primary", "start": {"date": "2026-03-10"}, "end": TIMED["end"]}
    )
    assert mixed["error_type"] == "validation_error"
    both = env.call_tool(
        "events_insert",
        {
            "calendarId": "primary",
            "end": TIMED["end"],
            "start": {"date": "2026-03-10", "dateTime": "2026-03-10T10:00:00Z"},
        },
    )
    assert both["error_type"] == "validation_error"
    neither = env.call_tool("events_insert", {"calendarId": "primary", "start": {}, "end": TIMED["end"]})
    assert neither["details"]["missing_required_fields"] == ["start.dateTime"]
    window = env.call_tool(
        "events_list",
        {"calendarId": "primary", "timeMin": "2026-03-10T00:00:00Z", "timeMax": "2026-03-09T00:00:00Z"},
    )
    assert window["details"]["invalid_fields"][0]["field"] == "timeMax"
    order = env.call_tool("events_list", {"calendarId": "primary", "orderBy": "startTime"})
    assert order["details"]["invalid_fields"][0]["field"] == "orderBy"
    recurring = env.call_tool(
        "events_insert", {"calendarId": "primary", **TIMED, "recurrence": ["RRULE:FREQ=WEEKLY"]}
    )
    assert recurring["details"]["missing_required_fields"] == ["start.timeZone"]


@pytest.mark.parametrize(
    ("args", "field", "received"),
    [
        ({"start": {"dateTime": "2026-03-10T10:00:00"}}, "start.dateTime", "2026-03-10T10:00:00"),
        ({"start": {"dateTime": "03/10/2026 10:00 AM"}}, "start.dateTime", "03/10/2026 10:00 AM"),
        ({"start": {"dateTime": "2026-03-10T10:00-04:00"}}, "start.dateTime", "2026-03-10T10:00-04:00"),
        ({"start": {"dateTime": "2026-02-30T10:00:00-05:00"}}, "start.dateTime", "2026-02-30T10:00:00-05:00"),
        ({"start": {"dateTime": "2026-03-10T10:00:00", "timeZone": "Eastern"}}, "start.timeZone", "Eastern"),
        ({"start": {"date": "2026-3-10"}, "end": {"date": "2026-03-11"}}, "start.date", "2026-3-10"),
        ({"id": "Has-Upper"}, "id", "Has-Upper"),
        ({"attendees": [{"email": "Dana Kim"}]}, "attendees[0].email", "Dana Kim"),
        (
            {
                "recurrence": ["FREQ=WEEKLY"],
                "start": {"dateTime": "2026-03-10T10:00:00", "timeZone": "America/New_York"},
            },
            "recurrence[0]",
            "FREQ=WEEKLY",
        ),
        (
            {
                "recurrence": ["RRULE:FREQ=WEEKLY;BYDAY=XX"],
                "start": {"dateTime": "2026-03-10T10:00:00", "timeZone": "America/New_York"},
            },
            "recurrence[0]",
            "RRULE:FREQ=WEEKLY;BYDAY=XX",
        ),
    ],
)
def test_format_errors_show_received_and_example(
    env: CalendarEnv, args: dict[str, Any], field: str, received: str
) -> None:
    result = env.call_tool("events_insert", {"calendarId": "primary", **TIMED, **args})
    assert_wire(result, "format_error", 400, "events_insert")
    assert result["details"]["field"] == field
    assert result["details"]["received"] == received
    assert result["details"]["example"] and result["details"]["expected_format"]


def test_time_min_without_offset_is_a_format_error(env: CalendarEnv) -> None:
    result = env.call_tool("events_list", {"calendarId": "primary", "timeMin": "2026-03-10T00:00:00"})
    assert_wire(result, "format_error", 400, "events_list")
    assert result["details"] == {
        "field": "timeMin",
        "received": "2026-03-10T00:00:00",
        "expected_format": "RFC3339 date-time with a UTC offset",
        "example": "2026-03-10T14:00:00-04:00",
    }


def test_permission_error_names_owner_and_role(env: CalendarEnv) -> None:
    marketing = calendar_id(env, "Marketing")
    result = env.call_tool("events_insert", {"calendarId": marketing, **TIMED})
    assert_wire(result, "permission_error", 403, "events_insert")
    assert result["details"]["owner"] == "dana.reyes@acme.com"
    assert result["details"]["accessRole"] == "reader" and result["details"]["requiredRole"] == "writer"


def test_not_found_errors(env: CalendarEnv) -> None:
    calendar = env.call_tool("events_list", {"calendarId": "Team"})
    assert_wire(calendar, "not_found_error", 404, "events_list")
    assert calendar["details"] == {"field": "calendarId", "value": "Team", "resource": "calendar"}
    event = env.call_tool("events_get", {"calendarId": "primary", "eventId": "nosuchevent"})
    assert_wire(event, "not_found_error", 404, "events_get")
    assert event["details"]["field"] == "eventId"
    rule = env.call_tool("acl_delete", {"calendarId": "primary", "ruleId": "user:nobody@acme.com"})
    assert_wire(rule, "not_found_error", 404, "acl_delete")
    setting = env.call_tool("settings_get", {"setting": "colour"})
    assert_wire(setting, "not_found_error", 404, "settings_get")
    assert "timezone" in setting["details"]["known"]


def test_conflict_on_duplicate_client_id_makes_retries_idempotent(env: CalendarEnv) -> None:
    args = {"calendarId": "primary", "id": "rtsafe0001", "summary": "Once", **TIMED}
    first = env.call_tool("events_insert", args)
    assert first["id"] == "rtsafe0001"
    before = env.snapshot()
    second = env.call_tool("events_insert", args)
    assert_wire(second, "conflict_error", 409, "events_insert")
    assert second["details"] == {"field": "id", "value": "rtsafe0001", "reason": "duplicate"}
    assert not env.diff(before, env.snapshot())


def test_acl_conflict_and_precondition_errors(env: CalendarEnv) -> None:
    duplicate = env.call_tool(
        "acl_insert",
        {"calendarId": "primary", "role": "reader", "scope": {"type": "domain", "value": "acme.com"}},
    )
    assert_wire(duplicate, "conflict_error", 409, "acl_insert")
    own_rule = env.call_tool("acl_delete", {"calendarId": "primary", "ruleId": "user:ana@acme.com"})
    assert_wire(own_rule, "precondition_error", 412, "acl_delete")
    primary = env.call_tool("calendars_delete", {"calendarId": "primary"})
    assert_wire(primary, "precondition_error", 412, "calendars_delete")


def test_unknown_tool_suggests_close_names(env: CalendarEnv) -> None:
    result = env.call_tool("event_insert", {})
    assert_wire(result, "unknown_tool", 404, "event_insert")
    assert result["details"]["suggestions"][0] == "events_insert"


def test_internal_errors_come_back_structured(env: CalendarEnv) -> None:
    created = env.call_tool("events_insert", {"calendarId": "primary", **TIMED})
    env.session.conn.execute(
        "UPDATE events SET data = '{broken' WHERE id = ?", (created["id"],)
    )  # corrupt storage
    result = env.call_tool("events_get", {"calendarId": "primary", "eventId": created["id"]})
    assert_wire(result, "transient_error", 500, "events_get")
    assert result["retryable"] is False and result["details"]["exception"] == "JSONDecodeError"


def test_successful_results_never_look_like_errors(env: CalendarEnv) -> None:
    for name in ("calendars_list", "users_search", "settings_get"):
        args = (
            {"query": "dana"}
            if name == "users_search"
            else {"setting": "timezone"}
            if name == "settings_get"
            else {}
        )
        result = env.call_tool(name, args)
        assert "ok" not in result and "error_type" not in result

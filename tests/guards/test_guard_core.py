"""The guard as a whole: default stages over the calendar pack and env schemas, no lookups."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from guards import (
    Blocked,
    Guard,
    GuardContext,
    InterventionKind,
    PendingCall,
    ToolCatalog,
    load_pack,
    make_error,
)
from tests.guards.calendar_schemas import calendar_schemas

PACK = load_pack("calendar")
SCHEMAS = calendar_schemas()
NOW = datetime(2026, 3, 9, 17, 0, tzinfo=UTC)


def context(*messages: str) -> GuardContext:
    return GuardContext(now=NOW, timezone="America/New_York", user_messages=list(messages))


def test_design_doc_validation_error_through_the_default_pipeline() -> None:
    verdict = Guard(PACK, SCHEMAS).check(
        "events_insert", {"summary": "Sync", "start": "at some point"}, context()
    )
    error = verdict.error
    assert error is not None
    assert {
        k: error[k] for k in ("ok", "error_type", "tool_name", "message", "http_status", "retryable")
    } == {
        "ok": False,
        "error_type": "validation_error",
        "tool_name": "events_insert",
        "message": "Invalid arguments for tool 'events_insert'.",
        "http_status": 400,
        "retryable": False,
    }
    assert error["details"]["missing_required_fields"] == ["calendarId", "end"]
    assert error["details"]["invalid_fields"][0]["field"] == "start"
    assert error["details"]["invalid_fields"][0]["expected_type"] == "object"
    assert error["details"]["invalid_fields"][0]["received_type"] == "string"
    json.dumps(error)


def test_format_error_for_an_ambiguous_datetime_through_the_default_pipeline() -> None:
    args = {"calendarId": "primary", "timeMin": "03/04/2026 9:00", "timeMax": "2026-03-31T00:00:00-04:00"}
    verdict = Guard(PACK, SCHEMAS).check("events_list", args, context())
    error = verdict.error
    assert error is not None
    assert error["error_type"] == "format_error"
    assert error["details"]["field"] == "timeMin"
    assert error["details"]["received"] == "03/04/2026 9:00"
    assert {"expected_format", "example"} <= set(error["details"])


def test_unknown_tool_through_the_default_pipeline() -> None:
    verdict = Guard(PACK, SCHEMAS).check("calendar_share", {"calendarId": "primary"}, context())
    error = verdict.error
    assert error is not None
    assert error["error_type"] == "unknown_tool"
    assert error["details"]["tool_name"] == "calendar_share"
    assert set(error["details"]["known_tools"]) == set(SCHEMAS)


def test_repairs_across_stages_are_recorded_under_the_repaired_tool_name() -> None:
    args = {
        "calendar_id": "primary",
        "title": "Sync",
        "startTime": "2026-03-10 14:00",
        "end_time": "2026-03-10T14:30:00-04:00",
        "attendees": "ana@acme.com",
    }
    verdict = Guard(PACK, SCHEMAS).check(
        "insert_event", args, context("Sync tomorrow at 2pm with ana@acme.com")
    )
    assert verdict.passed, verdict.error
    assert verdict.tool_name == "events_insert"
    assert verdict.args["start"] == {"dateTime": "2026-03-10T14:00:00-04:00"}
    assert verdict.args["attendees"] == [{"email": "ana@acme.com"}]
    kinds = [i.kind for i in verdict.interventions]
    assert kinds[0] == InterventionKind.TOOL_NAME
    assert {InterventionKind.FIELD_RENAME, InterventionKind.NESTING, InterventionKind.DATETIME} <= set(kinds)
    assert all(i.tool == "events_insert" for i in verdict.interventions[1:])
    json.dumps(verdict.to_dict())


def test_resolve_and_validate_run_their_own_stages() -> None:
    guard = Guard(PACK, SCHEMAS)
    resolved = guard.resolve("calendars_list", {"max_results": "5"}, context())
    assert resolved.args == {"maxResults": "5"}
    validated = guard.validate("calendars_list", resolved.args, context())
    assert validated.args == {"maxResults": 5}


def test_a_block_stops_the_later_stages_and_keeps_earlier_repairs() -> None:
    seen: list[str] = []

    def blocker(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
        raise Blocked(make_error("precondition_error", call.tool_name, "stop here"))

    def after(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
        seen.append(call.tool_name)

    from guards.schema import repair_tool_name

    guard = Guard(PACK, SCHEMAS, resolve_stages=[repair_tool_name, blocker], validate_stages=[after])
    verdict = guard.check("calendarsList", {}, context())
    assert verdict.error is not None and verdict.error["error_type"] == "precondition_error"
    assert [i.kind for i in verdict.interventions] == [InterventionKind.TOOL_NAME]
    assert seen == []


def test_check_leaves_the_callers_arguments_alone() -> None:
    args: dict[str, Any] = {"calendarId": "primary", "start": "2026-03-10", "end": "2026-03-11"}
    snapshot = json.loads(json.dumps(args))
    verdict = Guard(PACK, SCHEMAS).check("events_insert", args, context())
    assert verdict.args["start"] == {"date": "2026-03-10"}
    assert args == snapshot

"""Failure shapes of other surfaces, recognised with no pack or declared by one (``ErrorsSpec``)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from guards import Guard, GuardContext
from guards.pack import DomainPack, ErrorsSpec, LookupSpec, ReferenceSpec
from guards.recovery.classify import classify
from guards.resolve.references import resolve_references


@pytest.mark.parametrize(
    ("result", "error_type", "message"),
    [
        ({"success": False, "error_message": "Room R9 not found"}, "not_found_error", "Room R9 not found"),
        (
            {"ok": False, "error": "Too many requests, slow down"},
            "rate_limit_error",
            "Too many requests, slow down",
        ),
        ({"error": "Ticket is closed"}, "validation_error", "Ticket is closed"),
        ({"error": {"code": "ErrorItemNotFound", "message": "Not in the store."}}, "not_found_error", None),
        ({"error": {"code": "ErrorAccessDenied", "message": "Access is denied."}}, "permission_error", None),
        ({"error": {"code": "ApplicationThrottled", "message": "Slow down."}}, "rate_limit_error", None),
        ({"error": {"code": -32602, "message": "Invalid params"}}, "validation_error", "Invalid params"),
        ({"error": {"code": -32603, "message": "boom"}}, "transient_error", "boom"),
        ({"status": "error", "message": "Could not book"}, "validation_error", "Could not book"),
        ({"status": "fail", "data": {"title": "required"}}, "validation_error", None),
        (
            {"errors": [{"message": "Queue is archived"}], "data": None},
            "validation_error",
            "Queue is archived",
        ),
        ({"success": False, "statusCode": 503, "error_message": "later"}, "transient_error", "later"),
    ],
)
def test_common_failure_shapes_are_failures_with_no_pack(result, error_type, message):
    verdict = classify(result, "tool")
    assert not verdict.ok and verdict.error_type == error_type
    if message is not None:
        assert verdict.error["message"] == message


@pytest.mark.parametrize(
    "result",
    [
        {"success": True, "error": None, "rooms": []},
        {"ok": True, "error": "none"},
        {"id": "ev0403", "status": "confirmed"},
        {"status": "done", "errors": []},
        {"data": {"x": 1}, "errors": [{"message": "partial"}]},
        {"error": {"code": "spelling", "field": "notes", "suggestion": "notes"}, "items": []},
        "The room ev0403 is free",
    ],
)
def test_successes_that_mention_errors_stay_successes(result):
    assert classify(result, "tool").ok


def test_numbers_count_as_words_only():
    assert classify("Error: booking bk-4041 could not be moved", "t").error_type == "transient_error"
    assert classify("Error: HTTP 404 for that booking", "t").error_type == "not_found_error"


SPEC = ErrorsSpec(
    when={"result": ["failure"], "booked": [False]},
    present=["fault"],
    message=["reason", "fault.text"],
    status=["http"],
    code=["kind"],
    codes={"E_NOROOM": "not_found_error"},
    patterns={
        "is taken": "conflict_error",
        "Invalid .* format": "format_error",
        "^Tool not found": "unknown_tool",
    },
)


@pytest.mark.parametrize(
    ("result", "error_type", "message"),
    [
        ({"result": "failure", "reason": "gone", "kind": "E_NOROOM"}, "not_found_error", "gone"),
        ({"booked": False, "reason": "Atlas is taken 10-11"}, "conflict_error", "Atlas is taken 10-11"),
        ({"fault": {"text": "Invalid start format"}}, "format_error", "Invalid start format"),
        ({"result": "failure", "reason": "nope", "http": "429"}, "rate_limit_error", "nope"),
        ({"result": "failure", "reason": "nope"}, "validation_error", "nope"),
        ("Tool not found: bookRoom", "unknown_tool", "Tool not found: bookRoom"),
        ('{"booked": false, "reason": "Atlas is taken"}', "conflict_error", "Atlas is taken"),
    ],
)
def test_a_packs_declared_failures(result, error_type, message):
    verdict = classify(result, "book_room", SPEC)
    assert verdict.error_type == error_type and verdict.error["message"] == message
    assert verdict.error["tool_name"] == "book_room"


def test_declared_values_match_by_kind():
    assert classify({"booked": 0, "id": "b1"}, "t", SPEC).ok  # 0 is not false
    assert classify({"result": "success"}, "t", SPEC).ok
    assert classify("Tool not found: bookRoom", "t").ok  # without the pack, plain text is an answer


def test_a_lookup_that_fails_in_its_own_shape_is_not_cached_and_is_retried_later():
    """A transient ``{"success": false}`` from a lookup blocks the call as retryable, and the next
    check looks again instead of serving the failure from the session cache."""
    answers: list[Any] = [
        {"success": False, "error_message": "Service temporarily unavailable"},
        {"success": True, "rooms": [{"room_id": "rm-1", "name": "Atlas"}]},
    ]
    calls: list[str] = []

    def lookup(tool: str, args: dict[str, Any]) -> Any:
        calls.append(tool)
        return answers[min(len(calls) - 1, 1)]

    reference = ReferenceSpec(
        kind="room", lookup=LookupSpec(tool="list_rooms", items="rooms", id="room_id", names=["name"])
    )
    pack = DomainPack(name="rooms", references={"room_id": reference})
    guard = Guard(pack, resolve_stages=[resolve_references], validate_stages=[])
    ctx = GuardContext(now=datetime(2026, 12, 1, tzinfo=UTC), timezone="UTC", lookup=lookup)
    first = guard.check("book_room", {"room_id": "Atlas"}, ctx)
    assert first.error["error_type"] == "transient_error" and first.error["retryable"] is True
    second = guard.check("book_room", {"room_id": "Atlas"}, ctx)
    assert second.passed and second.args == {"room_id": "rm-1"}
    assert calls == ["list_rooms", "list_rooms"]


def test_a_single_object_lookup_reads_the_object_at_items_when_given():
    spec = LookupSpec(tool="get_room", single=True, items="room", id="room_id", query="room_id")
    assert spec.items == "room"
    assert LookupSpec(tool="get_room", single=True).items == ""
    reference = ReferenceSpec(kind="room", lookup=spec, id_pattern="^rm-")
    pack = DomainPack(name="rooms", references={"room_id": reference})
    guard = Guard(pack, resolve_stages=[resolve_references], validate_stages=[])

    def lookup(tool: str, args: dict[str, Any]) -> Any:
        if args["room_id"] == "rm-1":
            return {"room": {"room_id": "rm-1", "name": "Atlas"}}
        return {"success": False, "error_message": f"Room {args['room_id']} not found"}

    ctx = GuardContext(now=datetime(2026, 12, 1, tzinfo=UTC), timezone="UTC", lookup=lookup)
    assert guard.check("book_room", {"room_id": "rm-1"}, ctx).interventions == []
    missing = guard.check("book_room", {"room_id": "Atlas"}, ctx)
    assert missing.error["error_type"] == "not_found_error"

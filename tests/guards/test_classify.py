"""Classification of every result format the guards meet into one taxonomy."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from pydantic import BaseModel

from guards.errors import ErrorType, make_error
from guards.recovery.classify import OPENENV_TYPES, classify, status_error_type


def wire(error_type: str, **details: object) -> dict:
    return make_error(error_type, "events_insert", "message", details=dict(details))


@pytest.mark.parametrize(
    ("error_type", "category"),
    [
        ("validation_error", "repairable"),
        ("format_error", "repairable"),
        ("not_found_error", "repairable"),
        ("ambiguous_reference", "repairable"),
        ("precondition_error", "repairable"),
        ("conflict_error", "repairable"),
        ("unknown_tool", "repairable"),
        ("permission_error", "permanent"),
        ("rate_limit_error", "transient"),
        ("transient_error", "transient"),
    ],
)
def test_every_wire_error_type_has_a_category(error_type, category):
    result = classify(wire(error_type), "events_insert")
    assert result.category == category
    assert result.error_type == ErrorType(error_type)
    assert result.error["error_type"] == error_type


def test_wire_rate_limit_is_known_not_applied_and_carries_retry_after():
    result = classify(wire("rate_limit_error", retry_after=3))
    assert result.retry_after == 3.0 and result.may_have_applied is False


def test_wire_transient_may_have_applied_unless_it_says_otherwise():
    assert classify(wire("transient_error")).may_have_applied is True
    assert classify(wire("transient_error", applied=False)).may_have_applied is False


def test_successful_results_are_ok():
    for result in (
        {"kind": "calendar#events", "items": []},
        {"id": "e1", "status": "confirmed"},
        "done",
        None,
        200,
    ):
        assert classify(result).ok


@pytest.mark.parametrize(
    ("status", "error_type"),
    [
        (400, "validation_error"),
        (401, "permission_error"),
        (403, "permission_error"),
        (404, "not_found_error"),
        (409, "conflict_error"),
        (412, "precondition_error"),
        (422, "validation_error"),
        (429, "rate_limit_error"),
        (408, "transient_error"),
        (500, "transient_error"),
        (502, "transient_error"),
        (503, "transient_error"),
        (504, "transient_error"),
    ],
)
def test_plain_http_status_codes_in_every_shape(status, error_type):
    shapes = [
        status,
        {"status": status},
        {"status_code": status},
        {"statusCode": str(status)},
        {"error": {"code": status, "message": "boom"}},
        {"text": "boom", "status_code": status, "isError": True},
    ]
    for shape in shapes:
        result = classify(shape, "events_list")
        assert result.error_type == ErrorType(error_type), shape
        assert result.error["http_status"] == status
        assert result.error["tool_name"] == "events_list"
        assert result.error["ok"] is False


def test_google_reasons_override_the_status():
    rate = {
        "error": {"code": 403, "message": "Rate Limit Exceeded", "errors": [{"reason": "rateLimitExceeded"}]}
    }
    assert classify(rate).category == "transient"
    duplicate = {"error": {"code": 409, "message": "dup", "errors": [{"reason": "duplicate"}]}}
    assert classify(duplicate).error_type == ErrorType.CONFLICT


def test_retry_after_from_headers_or_fields():
    assert classify({"status": 429, "headers": {"Retry-After": "7"}}).retry_after == 7.0
    assert classify({"status_code": 429, "retry_after": 2.5}).retry_after == 2.5
    assert classify({"status_code": 429, "retry_after": 2.5}).error["details"]["retry_after"] == 2.5


@pytest.mark.parametrize(("openenv_type", "expected"), sorted(OPENENV_TYPES.items()))
def test_openenv_tool_error_types(openenv_type, expected):
    observation = {"success": False, "error": {"error_type": openenv_type, "message": "tool failed"}}
    assert classify(observation, "x").error_type == expected
    assert classify({"error": {"type": openenv_type, "message": "tool failed"}}).error_type == expected


def test_openenv_error_carrying_our_wire_format_keeps_the_real_type():
    inner = json.dumps(wire("permission_error"))
    result = classify({"error": {"error_type": "execution_error", "message": inner}})
    assert result.error_type == ErrorType.PERMISSION and result.category == "permanent"


def test_pydantic_observation_objects_are_understood():
    class ToolErrorModel(BaseModel):
        error_type: str
        message: str

    class Observation(BaseModel):
        success: bool
        error: ToolErrorModel | None

    observation = Observation(success=False, error=ToolErrorModel(error_type="timeout", message="slow"))
    assert classify(observation).error_type == ErrorType.TRANSIENT


def test_mcp_call_tool_result_with_json_text():
    payload = {"content": [{"type": "text", "text": json.dumps(wire("not_found_error"))}], "isError": True}
    assert classify(payload).error_type == ErrorType.NOT_FOUND
    ok = {"content": [{"type": "text", "text": json.dumps({"items": []})}], "isError": False}
    assert classify(ok).ok


def test_mcp_error_text_without_status_is_classified_by_its_words():
    cases = {
        "Error: calendar not found": ErrorType.NOT_FOUND,
        "Error: permission denied for this calendar": ErrorType.PERMISSION,
        "Error: too many requests": ErrorType.RATE_LIMIT,
        "Error: field start is required": ErrorType.VALIDATION,
        "Error: something odd happened": ErrorType.TRANSIENT,
    }
    for text, expected in cases.items():
        assert classify({"text": text, "isError": True}).error_type == expected, text


def test_exceptions_are_classified():
    assert classify(TimeoutError("slow")).error_type == ErrorType.TRANSIENT
    assert classify(ConnectionError("reset")).error_type == ErrorType.TRANSIENT

    class HTTPStatusError(Exception):
        def __init__(self) -> None:
            super().__init__("Client error '404 Not Found'")
            self.response = type("Response", (), {"status_code": 404})()

    assert classify(HTTPStatusError()).error_type == ErrorType.NOT_FOUND


def test_unknown_error_type_in_wire_shape_falls_back_to_its_status():
    weird = {"ok": False, "error_type": "quota_exceeded", "message": "x", "http_status": 429}
    assert classify(weird).error_type == ErrorType.RATE_LIMIT


def test_plain_objects_without_errors_are_ok():
    @dataclass
    class Thing:
        name: str

    assert classify(Thing("x")).ok


def test_status_table_edges():
    assert status_error_type(204) is None
    assert status_error_type(300) == ErrorType.AMBIGUOUS
    assert status_error_type(418) == ErrorType.VALIDATION

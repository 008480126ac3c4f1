"""A payload flagged ``isError`` is an error whatever its text says."""

from __future__ import annotations

import json

import pytest
from mcp.types import CallToolResult, TextContent

from guards.errors import ErrorType, is_error_payload
from guards.recovery.classify import classify


@pytest.mark.parametrize(
    "payload",
    [
        {"isError": True, "text": "Cannot schedule on a weekend"},
        {"is_error": True, "message": "The room is already taken by then"},
        {"isError": True, "content": [{"type": "text", "text": "Cannot schedule on a weekend"}]},
        CallToolResult(content=[TextContent(type="text", text="Cannot schedule on a weekend")], isError=True),
    ],
)
def test_plain_words_flagged_as_an_error_are_a_repairable_validation_error(payload):
    result = classify(payload, "events_insert")
    assert not result.ok
    assert result.category == "repairable"
    assert result.error_type == ErrorType.VALIDATION
    assert result.may_have_applied is False
    assert is_error_payload(result.error)
    assert result.error["tool_name"] == "events_insert"
    assert result.error["http_status"] == 400
    assert result.error["details"] == {"source": "isError"}
    assert result.error["message"] in {"Cannot schedule on a weekend", "The room is already taken by then"}


def test_the_same_words_without_the_flag_are_a_success():
    assert classify({"text": "Cannot schedule on a weekend"}).ok
    assert classify({"isError": False, "text": "Cannot schedule on a weekend"}).ok


def test_telling_words_still_pick_the_kind():
    assert (
        classify({"isError": True, "text": "That calendar does not exist"}).error_type == ErrorType.NOT_FOUND
    )
    assert classify({"isError": True, "text": "You are not allowed to do that"}).category == "permanent"
    assert classify({"isError": True, "text": "Slow down: too many requests"}).category == "transient"


def test_an_empty_flagged_error_still_says_something():
    result = classify({"isError": True, "text": "   "}, "events_list")
    assert result.error_type == ErrorType.VALIDATION
    assert result.error["message"] == "tool reported an error"


def test_an_error_status_still_decides_the_kind():
    result = classify({"isError": True, "text": "hello", "status_code": 503})
    assert result.error_type == ErrorType.TRANSIENT and result.error["http_status"] == 503


def test_a_success_status_does_not_unflag_an_error():
    result = classify({"isError": True, "text": "Cannot schedule on a weekend", "status_code": 200})
    assert result.error_type == ErrorType.VALIDATION
    assert result.error["message"] == "Cannot schedule on a weekend"


def test_flagged_json_that_is_not_an_error_shape_is_still_an_error():
    text = json.dumps({"items": []})
    result = classify({"isError": True, "content": [{"type": "text", "text": text}]})
    assert result.error_type == ErrorType.VALIDATION and result.error["message"] == text

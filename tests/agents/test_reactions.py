"""How a simulated agent grades an error's specificity: what it reads decides how likely its fix is."""

from __future__ import annotations

from typing import Any

import pytest

from agents.reactions import advised_value, specificity, user_named

UNKNOWN = {"field": "priority", "reason": "unknown_field", "received_type": "unknown field"}


@pytest.mark.parametrize(
    ("details", "expected"),
    [
        ({"invalid_fields": [UNKNOWN], "example": {}}, "pinpoint"),  # an empty call is a whole example
        ({"invalid_fields": [{**UNKNOWN, "candidates": ["maxResults"]}]}, "pinpoint"),
        ({"field": "start", "expected_format": "RFC 3339"}, "pinpoint"),
        ({"invalid_fields": [UNKNOWN]}, "field"),
        ({"invalid_fields": [UNKNOWN], "example": None}, "field"),
        ({}, "generic"),
    ],
)
def test_specificity(details: dict[str, Any], expected: str) -> None:
    assert specificity({"ok": False, "error_type": "validation_error", "details": details}) == expected


def test_only_a_contradiction_names_the_users_item() -> None:
    named = {"field": "calendarId", "reason": "contradicts_user_words", "user_named": {"id": "c1"}}
    assert user_named({"details": named}) == ("calendarId", "c1")
    assert user_named({"details": {**named, "reason": "ambiguous_in_user_words"}}) is None
    assert user_named({"details": {**named, "user_named": {"name": "A"}}}) is None


def test_a_value_to_send_is_advice_only_with_its_field() -> None:
    assert advised_value({"details": {"field": "end.dateTime", "use_value": "T1"}}) == ("end.dateTime", "T1")
    assert advised_value({"details": {"field": "end.dateTime", "expected": "after start"}}) is None
    assert advised_value({"details": {"use_value": "T15"}}) is None

"""Schema validation: lossless coercions, enum repairs, and the validation error payload."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from guards import Guard, InterventionKind
from guards.schema import validate_schema
from tests.guards.schema_helpers import (
    CTX,
    PACK,
    SCHEMAS,
    VALID_INSERT,
    check,
    kinds,
)

# -- validation ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "sent", "expected"),
    [
        ("maxResults", "30", 30),
        ("maxResults", 30.0, 30),
        ("showHidden", "true", True),
        ("showHidden", "False", False),
    ],
)
def test_lossless_coercions(field: str, sent: Any, expected: Any) -> None:
    verdict = check("calendars_list", {field: sent})
    assert verdict.args == {field: expected}
    assert type(verdict.args[field]) is type(expected)
    assert kinds(verdict) == [InterventionKind.TYPE_COERCION]


def test_number_becomes_string_where_a_string_is_required() -> None:
    verdict = check("users_search", {"query": 30})
    assert verdict.args == {"query": "30"}


@pytest.mark.parametrize("sent", ["30.5", "yes", "1e999", ""])
def test_lossy_coercions_are_refused(sent: str) -> None:
    verdict = check("calendars_list", {"maxResults": sent})
    assert verdict.error is not None
    invalid = verdict.error["details"]["invalid_fields"][0]
    assert invalid["field"] == "maxResults"
    assert invalid["expected_type"] == "integer"
    assert invalid["received_type"] == "string"


def test_boolean_is_not_coerced_to_a_number() -> None:
    verdict = check("calendars_list", {"maxResults": True})
    assert verdict.blocked


@pytest.mark.parametrize(
    ("sent", "expected"), [("Writer", "writer"), ("OWNER", "owner"), ("free_busy_reader", "freeBusyReader")]
)
def test_enum_spelling_is_repaired(sent: str, expected: str) -> None:
    args = {"calendarId": "primary", "role": sent, "scope": {"type": "user", "value": "ana@acme.com"}}
    verdict = check("acl_insert", args)
    assert verdict.args["role"] == expected
    assert kinds(verdict) == [InterventionKind.ENUM]


def test_enum_value_with_no_single_match_is_refused() -> None:
    args = {"calendarId": "primary", "role": "editor", "scope": {"type": "user", "value": "ana@acme.com"}}
    verdict = check("acl_insert", args)
    assert verdict.error is not None
    invalid = verdict.error["details"]["invalid_fields"][0]
    assert invalid["field"] == "role"
    assert invalid["expected_type"].startswith("one of: none, freeBusyReader")


def test_design_doc_validation_error_payload() -> None:
    """The validation_error shown in DESIGN.md's wire format, for the matching bad call."""
    verdict = check("events_insert", {"start": "sometime", "summary": "Sync"})
    error = verdict.error
    assert error is not None
    assert error["ok"] is False
    assert error["error_type"] == "validation_error"
    assert error["tool_name"] == "events_insert"
    assert error["message"] == "Invalid arguments for tool 'events_insert'."
    assert error["http_status"] == 400
    assert error["retryable"] is False
    assert error["details"]["missing_required_fields"] == ["calendarId", "end"]
    assert error["details"]["invalid_fields"] == [
        {
            "field": "start",
            "expected_type": "object",
            "received_type": "string",
            "message": "'sometime' is not of type 'object'",
        }
    ]
    assert error["remediation"][0] == (
        "Add the required field(s) calendarId, end; send start as object (got string)."
    )


def test_blocked_errors_carry_a_valid_example_call() -> None:
    for tool, schema in SCHEMAS.items():
        verdict = check(tool, {"unexpected": {"deeply": ["nested"]}, "calendarId": 1.5})
        if verdict.passed:
            continue
        assert verdict.error is not None
        example = verdict.error["details"]["example"]
        Draft202012Validator(schema).validate(example)
        assert check(tool, example).args == example, tool
        assert f"{tool}(" in verdict.error["remediation"][-1]


@pytest.mark.parametrize("tool", sorted(SCHEMAS))
def test_every_tool_has_a_valid_example_that_passes_unchanged(tool: str) -> None:
    from guards.schema.examples import example_call

    example = example_call(tool, SCHEMAS[tool], PACK)
    Draft202012Validator(SCHEMAS[tool]).validate(example)
    verdict = check(tool, example)
    assert verdict.passed and verdict.args == example and verdict.interventions == []
    assert example_call(tool, SCHEMAS[tool], PACK) is not example


def test_nested_missing_required_field_is_reported_by_path() -> None:
    verdict = check("acl_insert", {"calendarId": "primary", "role": "reader", "scope": {"value": "a@b.com"}})
    assert verdict.error is not None
    assert verdict.error["details"]["missing_required_fields"] == ["scope.type"]


@pytest.mark.parametrize(
    ("fmt", "bad", "good"),
    [
        ("date-time", "next week", "2026-03-10T09:00:00-04:00"),
        ("date-time", "2026-03-10 09:00", "2026-03-10T13:00:00Z"),
        ("date", "03/10/2026", "2026-03-10"),
        ("email", "Ana Lopez", "ana@acme.com"),
    ],
)
def test_declared_formats_are_checked(fmt: str, bad: str, good: str) -> None:
    schema = {
        "type": "object",
        "properties": {"when": {"type": "string", "format": fmt}},
        "required": ["when"],
    }
    guard = Guard(PACK, {"probe": schema}, resolve_stages=[], validate_stages=[validate_schema])
    verdict = guard.check("probe", {"when": bad}, CTX)
    assert verdict.error is not None
    invalid = verdict.error["details"]["invalid_fields"][0]
    assert invalid["field"] == "when"
    assert invalid["expected_type"] == f"string ({fmt})"
    assert guard.check("probe", {"when": good}, CTX).passed


def test_valid_call_is_unchanged_and_unrecorded() -> None:
    verdict = check("events_insert", VALID_INSERT)
    assert verdict.passed
    assert verdict.args == VALID_INSERT
    assert verdict.interventions == []


def test_check_never_mutates_the_callers_arguments() -> None:
    args = {"calendar_id": "primary", "maxResults": "5"}
    snapshot = json.loads(json.dumps(args))
    check("events_list", args)
    assert args == snapshot

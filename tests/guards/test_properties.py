"""Property-based tests: arbitrary JSON never crashes the guard; valid calls are never changed."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from guards import Guard, GuardContext, ToolError, load_pack
from guards.datetimes.stage import normalize_datetime_fields
from guards.grounding import ground_values
from guards.schema import repair_structure, repair_tool_name, validate_schema
from guards.schema.fast import compile_validity
from guards.schema.validate import validator_for_schema
from tests.guards.calendar_schemas import calendar_schemas
from tests.guards.schema_strategies import JSON_SCALARS, json_values, valid_arguments

PACK = load_pack("calendar")
SCHEMAS = calendar_schemas()
GUARD = Guard(
    PACK,
    SCHEMAS,
    resolve_stages=[repair_tool_name, repair_structure],
    validate_stages=[normalize_datetime_fields, ground_values, validate_schema],
)
CTX = GuardContext(now=datetime(2026, 3, 9, 17, 0, tzinfo=UTC), timezone="America/New_York")
REQUEST_CTX = GuardContext(
    now=datetime(2026, 3, 9, 17, 0, tzinfo=UTC),
    timezone="America/New_York",
    user_messages=["Set up a 30-minute sync with ana@acme.com tomorrow at 2pm on my calendar"],
)
PROPERTY_SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)
FIELD_NAMES = sorted(
    {name for schema in SCHEMAS.values() for name in schema.get("properties", {})}
    | set(PACK.synonyms)
    | {"dateTime", "date", "email", "date_time", "type", "value", "id"}
)


@pytest.mark.parametrize("tool", sorted(SCHEMAS))
def test_valid_calls_are_never_changed(tool: str) -> None:
    schema = SCHEMAS[tool]

    @PROPERTY_SETTINGS
    @given(valid_arguments(schema, PACK))
    def run(args: dict[str, Any]) -> None:
        Draft202012Validator(schema).validate(args)
        sent = copy.deepcopy(args)
        verdict = GUARD.check(tool, args, CTX)
        assert verdict.passed, verdict.error
        assert verdict.tool_name == tool
        assert verdict.args == sent
        assert verdict.interventions == []

    run()


@PROPERTY_SETTINGS
@given(st.sampled_from(sorted(SCHEMAS)), json_values(FIELD_NAMES), st.sampled_from([CTX, REQUEST_CTX]))
def test_arbitrary_json_yields_a_valid_call_or_a_structured_error(
    tool: str, args: Any, ctx: GuardContext
) -> None:
    verdict = GUARD.check(tool, args, ctx)
    if verdict.passed:
        Draft202012Validator(SCHEMAS[verdict.tool_name]).validate(verdict.args)
    else:
        assert verdict.error is not None
        parsed = ToolError.model_validate(verdict.error)
        assert parsed.ok is False and parsed.message and parsed.remediation


@PROPERTY_SETTINGS
@given(
    st.sampled_from(sorted(SCHEMAS)), st.dictionaries(st.sampled_from(FIELD_NAMES), json_values(FIELD_NAMES))
)
def test_arbitrary_objects_yield_a_valid_call_or_a_structured_error(tool: str, args: dict[str, Any]) -> None:
    verdict = GUARD.check(tool, args, CTX)
    if verdict.passed:
        Draft202012Validator(SCHEMAS[verdict.tool_name]).validate(verdict.args)
    else:
        assert verdict.error is not None
        ToolError.model_validate(verdict.error)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=30), st.dictionaries(st.sampled_from(FIELD_NAMES), JSON_SCALARS, max_size=4))
def test_arbitrary_tool_names_never_raise(tool: str, args: dict[str, Any]) -> None:
    verdict = GUARD.check(tool, args, CTX)
    if verdict.passed:
        assert verdict.tool_name in SCHEMAS
    else:
        assert verdict.error is not None
        ToolError.model_validate(verdict.error)


SYNTHETIC_SCHEMAS: list[dict[str, Any]] = [
    {"type": ["string", "null"], "minLength": 2, "maxLength": 5, "pattern": "^a"},
    {"type": "number", "minimum": 0, "exclusiveMaximum": 10},
    {"anyOf": [{"type": "integer"}, {"type": "string", "enum": ["x", "y"]}]},
    {"oneOf": [{"type": "integer"}, {"type": "number"}]},
    {"type": "array", "items": {"type": "boolean"}, "minItems": 1, "maxItems": 2},
    {"type": "object", "additionalProperties": {"type": "integer"}, "required": ["id"]},
    {
        "$defs": {"d": {"type": "string", "format": "date"}},
        "type": "object",
        "properties": {"d": {"$ref": "#/$defs/d"}},
    },
    {"type": "string", "const": "fixed"},
]


@pytest.mark.parametrize("schema", [*SCHEMAS.values(), *SYNTHETIC_SCHEMAS])
def test_compiled_fast_check_agrees_with_jsonschema(schema: dict[str, Any]) -> None:
    fast = compile_validity(schema)
    assert fast is not None
    reference = validator_for_schema(schema)

    @settings(max_examples=60, deadline=None)
    @given(
        st.one_of(
            json_values(FIELD_NAMES), valid_arguments(schema, PACK) if "properties" in schema else st.none()
        )
    )
    def agree(value: Any) -> None:
        assert fast(value) == reference.is_valid(value)

    agree()

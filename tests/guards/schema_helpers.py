"""Shared set-up for the schema tests: a guard with the schema stages only."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from jsonschema import Draft202012Validator

from guards import Guard, GuardContext, Verdict, load_pack
from guards.schema import repair_structure, repair_tool_name, validate_schema
from tests.guards.calendar_schemas import calendar_schemas

PACK = load_pack("calendar")
SCHEMAS = calendar_schemas()
GUARD = Guard(
    PACK, SCHEMAS, resolve_stages=[repair_tool_name, repair_structure], validate_stages=[validate_schema]
)
CTX = GuardContext(now=datetime(2026, 3, 9, 17, 0, tzinfo=UTC), timezone="America/New_York")

VALID_INSERT = {
    "calendarId": "primary",
    "summary": "Project sync",
    "start": {"dateTime": "2026-03-10T15:00:00-04:00"},
    "end": {"dateTime": "2026-03-10T15:30:00-04:00"},
}


def check(tool: str, args: Any) -> Verdict:
    return GUARD.check(tool, args, CTX)


def kinds(verdict: Verdict) -> list[str]:
    return [i.kind for i in verdict.interventions]


def assert_schema_valid(verdict: Verdict) -> None:
    assert verdict.passed, verdict.error
    Draft202012Validator(SCHEMAS[verdict.tool_name]).validate(verdict.args)

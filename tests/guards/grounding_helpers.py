"""Shared set-up for the grounding tests: a guard with the grounding stages and a context."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from guards import Guard, GuardContext, InterventionKind, Verdict, load_pack
from guards.datetimes.stage import normalize_datetime_fields
from guards.grounding import ground_values
from guards.schema import repair_structure, repair_tool_name, validate_schema
from tests.guards.calendar_schemas import calendar_schemas

PACK = load_pack("calendar")
SCHEMAS = calendar_schemas()
STAGES = dict(
    resolve_stages=[repair_tool_name, repair_structure],
    validate_stages=[normalize_datetime_fields, ground_values, validate_schema],
)
GUARD = Guard(PACK, SCHEMAS, **STAGES)  # type: ignore[arg-type]
NOW = datetime(2026, 3, 9, 17, 0, tzinfo=UTC)  # Monday 1pm in New York (EDT, -04:00)
TEAM = "c_team01@group.calendar.acme.com"


def context(
    *messages: str, results: list[tuple[str, Any]] | None = None, lookup: bool = False
) -> GuardContext:
    ctx = GuardContext(
        now=NOW,
        timezone="America/New_York",
        user_messages=list(messages),
        lookup=(lambda tool, args: {"items": []}) if lookup else None,
    )
    for tool, result in results or []:
        ctx.observe(tool, {}, result)
    return ctx


def insert(
    start: str | None, end: str | None = None, calendar: str = "primary", **extra: Any
) -> dict[str, Any]:
    args: dict[str, Any] = {"calendarId": calendar, "summary": "Sync", **extra}
    if start is not None:
        args["start"] = {"dateTime": start}
    if end is not None:
        args["end"] = {"dateTime": end}
    return args


def grounding(verdict: Verdict) -> list[tuple[str | None, Any, Any, str]]:
    return [
        (i.field, i.before, i.after, i.reason)
        for i in verdict.interventions
        if i.kind == InterventionKind.GROUNDING
    ]

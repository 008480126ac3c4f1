"""The error operators simulated agents draw from, and where each one can strike.

:func:`draw_decisions` walks a plan and, for every *opportunity* (a step, or an ID field of a step,
where an operator applies), decides with the profile's probability whether the error happens.
Operators in an exclusive group (the ways to write one datetime; the ways to get one ID wrong) are
drawn as one categorical choice, so each operator's marginal rate is exactly its profile rate.

Categories: ``malformed`` (the call is wrong in form: names/placeholders where IDs belong, datetime
formats, structure, types, enum case, unknown fields, tool-name variants), ``ordering`` (skipped
lookups, writes before the lookup they need, writes without checking access or asking), ``semantic``
(errors no guard can fix: wrong summary, duration or day, a skipped step, a wrong-but-valid ID, a
wrong tool).
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from agents.base import PlanStepSpec
from agents.plan import iter_refs
from guards.paths import get_path, iter_paths


class Category(StrEnum):
    MALFORMED = "malformed"
    ORDERING = "ordering"
    SEMANTIC = "semantic"


@dataclass(frozen=True)
class Operator:
    name: str
    category: Category
    scope: str  # "episode" | "step" | "field"
    group: str | None = None


_OPERATOR_LIST = [
    Operator("careless_write", Category.ORDERING, "episode"),
    Operator("skip_lookup", Category.ORDERING, "step"),
    Operator("premature_write", Category.ORDERING, "step"),
    Operator("skip_step", Category.SEMANTIC, "step"),
    Operator("wrong_tool", Category.SEMANTIC, "step"),
    Operator("name_for_id", Category.MALFORMED, "field", group="reference"),
    Operator("placeholder_id", Category.MALFORMED, "field", group="reference"),
    Operator("wrong_valid_id", Category.SEMANTIC, "field", group="reference"),
    Operator("wrong_summary", Category.SEMANTIC, "step"),
    Operator("wrong_duration", Category.SEMANTIC, "step"),
    Operator("off_by_one_day", Category.SEMANTIC, "step"),
    Operator("naive_datetime", Category.MALFORMED, "step", group="datetime"),
    Operator("utc_shift", Category.MALFORMED, "step", group="datetime"),
    Operator("us_datetime", Category.MALFORMED, "step", group="datetime"),
    Operator("natural_datetime", Category.MALFORMED, "step", group="datetime"),
    Operator("wrong_type", Category.MALFORMED, "step"),
    Operator("enum_case", Category.MALFORMED, "step"),
    Operator("flat_datetime", Category.MALFORMED, "step"),
    Operator("field_alias", Category.MALFORMED, "step"),
    Operator("missing_required", Category.MALFORMED, "step"),
    Operator("extra_field", Category.MALFORMED, "step"),
    Operator("tool_name_variant", Category.MALFORMED, "step"),
]
OPERATORS: dict[str, Operator] = {op.name: op for op in _OPERATOR_LIST}
"""Every operator, in the order decisions are drawn and perturbations applied."""

ID_FIELDS: dict[str, str] = {
    "calendarId": "calendar",
    "destination": "calendar",
    "items[].id": "calendar",
    "eventId": "event",
    "attendees[].email": "person",
    "scope.value": "person",
    "ruleId": "acl_rule",
}
DATETIME_FIELDS = ("start.dateTime", "end.dateTime", "timeMin", "timeMax")
DATE_FIELDS = ("start.date", "end.date")
ENUM_FIELDS = ("role", "scope.type", "orderBy", "visibility", "status", "minAccessRole", "transparency")
ALIASES = {
    "summary": "title",
    "calendarId": "calendar_id",
    "eventId": "event_id",
    "attendees": "guests",
    "start": "start_time",
    "end": "end_time",
    "timeMin": "time_min",
    "timeMax": "time_max",
    "destination": "destination_calendar_id",
    "description": "details",
}
EXTRA_FIELDS: list[tuple[str, Any]] = [
    ("sendNotifications", True),
    ("notify", True),
    ("confirm", True),
    ("priority", "normal"),
]
REQUIRED_FALLBACK = (
    "calendarId",
    "eventId",
    "ruleId",
    "start",
    "end",
    "role",
    "scope",
    "destination",
    "query",
)
PLACEHOLDERS = ("<{field}>", "your_{snake}", "{{{field}}}")
_WRITE_VERBS = {"insert", "patch", "update", "delete", "move", "create", "add", "remove", "import"}


def is_write_tool(tool: str) -> bool:
    """Tools named ``<resource>_<verb>`` with a mutating verb."""
    return tool.rsplit("_", 1)[-1] in _WRITE_VERBS


@dataclass(frozen=True)
class Decision:
    """One opportunity for one operator, and whether the error happens."""

    op: str
    step: int | None
    field: str | None
    applied: bool


def id_field_paths(args: Mapping[str, Any], tool: str) -> list[tuple[str, str]]:
    """``(concrete_path, kind)`` for every ID-valued argument of a call."""
    found: list[tuple[str, str]] = []
    for pattern, kind in ID_FIELDS.items():
        if pattern == "scope.value" and get_path(args, "scope.type", None) not in ("user", "group"):
            continue
        found.extend((path, kind) for path, value in iter_paths(args, pattern) if isinstance(value, str))
    return found


def datetime_paths(args: Mapping[str, Any]) -> list[str]:
    return [p for pattern in DATETIME_FIELDS for p, v in iter_paths(args, pattern) if isinstance(v, str)]


def date_paths(args: Mapping[str, Any]) -> list[str]:
    return [p for pattern in DATE_FIELDS for p, v in iter_paths(args, pattern) if isinstance(v, str)]


def typed_leaves(value: Any, prefix: str = "") -> Iterator[str]:
    """Paths of int and bool leaves (candidates for the ``"30"``-for-``30`` error)."""
    if isinstance(value, bool | int) and prefix:
        yield prefix
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from typed_leaves(item, f"{prefix}.{key}" if prefix else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from typed_leaves(item, f"{prefix}[{index}]")


def required_present(
    tool: str, args: Mapping[str, Any], schemas: Mapping[str, Mapping[str, Any]]
) -> list[str]:
    schema = schemas.get(tool)
    required = schema.get("required", []) if schema else REQUIRED_FALLBACK
    return [key for key in required if key in args]


def _applicable(
    step: PlanStepSpec, plan: tuple[PlanStepSpec, ...], index: int, schemas: Mapping[str, Any]
) -> dict[str, bool]:
    args, tool = step.args, step.tool
    write = is_write_tool(tool)
    later_refs = {ref.step for later in plan[index + 1 :] for _, ref in iter_refs(later.args)}
    earlier_reads = {s.save_as for s in plan[:index] if s.save_as and not is_write_tool(s.tool)}
    own_refs = {ref.step for _, ref in iter_refs(args)}
    has_datetime = bool(datetime_paths(args))
    return {
        "skip_lookup": not write and step.save_as in later_refs,
        "premature_write": write and bool(own_refs & earlier_reads),
        "skip_step": write and sum(is_write_tool(s.tool) for s in plan) >= 2,
        "wrong_tool": write,
        "wrong_summary": write and isinstance(args.get("summary"), str),
        "wrong_duration": write and has_datetime and all(has_path_str(args, p) for p in DATETIME_FIELDS[:2]),
        "off_by_one_day": write and (has_datetime or bool(date_paths(args))) and "start" in args,
        "naive_datetime": has_datetime,
        "utc_shift": has_datetime,
        "us_datetime": has_datetime or bool(date_paths(args)),
        "natural_datetime": has_datetime or bool(date_paths(args)),
        "wrong_type": any(True for _ in typed_leaves(args)),
        "enum_case": any(isinstance(get_path(args, p, None), str) for p in ENUM_FIELDS),
        "flat_datetime": any(isinstance(args.get(k), dict) for k in ("start", "end")),
        "field_alias": any(key in args for key in ALIASES),
        "missing_required": bool(required_present(tool, args, schemas)),
        "extra_field": True,
        "tool_name_variant": True,
    }


def has_path_str(args: Mapping[str, Any], path: str) -> bool:
    return isinstance(get_path(args, path, None), str)


def _draw_group(rng: random.Random, members: list[str], rates: Mapping[str, float]) -> str | None:
    """One categorical draw: member ``m`` with probability ``rates[m]`` (scaled down if they sum > 1)."""
    total = sum(rates.get(m, 0.0) for m in members)
    scale = 1.0 / total if total > 1.0 else 1.0
    u = rng.random()
    for member in members:
        u -= rates.get(member, 0.0) * scale
        if u < 0:
            return member
    return None


def draw_decisions(
    plan: tuple[PlanStepSpec, ...],
    rates: Mapping[str, float],
    rng: random.Random,
    *,
    schemas: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[Decision]:
    """Every error opportunity of a plan with its outcome, drawn from ``rates`` (operator -> probability)."""
    schemas = schemas or {}
    decisions: list[Decision] = []
    for index, step in enumerate(plan):
        applicable = _applicable(step, plan, index, schemas)
        drawn_groups: set[str] = set()
        for op in _OPERATOR_LIST:
            if op.scope == "episode":
                continue
            if op.scope == "field":
                if op.group in drawn_groups:
                    continue
                drawn_groups.add(op.group or op.name)
                members = [o.name for o in _OPERATOR_LIST if o.group == op.group]
                for path, _kind in id_field_paths(step.args, step.tool):
                    chosen = _draw_group(rng, members, rates)
                    decisions.extend(Decision(m, index, path, m == chosen) for m in members)
                continue
            if not applicable.get(op.name, False):
                continue
            if op.group is None:
                decisions.append(Decision(op.name, index, None, rng.random() < rates.get(op.name, 0.0)))
            elif op.group not in drawn_groups:
                drawn_groups.add(op.group)
                members = [o.name for o in _OPERATOR_LIST if o.group == op.group and applicable.get(o.name)]
                chosen = _draw_group(rng, members, rates)
                decisions.extend(Decision(m, index, None, m == chosen) for m in members)
    return decisions

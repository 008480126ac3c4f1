"""Error operators: the mistakes simulated agents make, as data plus small pure functions.

Two phases keep the simulation reproducible and testable:

1. :func:`draw_decisions` walks the plan and, for every *opportunity* (a step, or an ID field of a
   step, where an operator applies), decides with the profile's probability whether the error happens.
   Operators in an exclusive group (the ways to write one datetime; the ways to get one ID wrong) are
   drawn as one categorical choice, so each operator's marginal rate is exactly its profile rate.
2. :func:`materialize` turns a decision into a :class:`Perturbation` with its concrete bad value (a
   display name read from the world, ``"03/10/2026 3:00 PM"``, ...). :func:`apply_perturbations`
   applies perturbations to the gold call in a fixed order, so removing one (the agent fixed that
   field) and re-applying the rest gives the corrected call.

Categories: ``malformed`` (the call is wrong in form: names/placeholders where IDs belong, datetime
formats, structure, types, enum case, unknown fields, tool-name variants), ``ordering`` (skipped
lookups, writes before the lookup they need, writes without checking access), ``semantic`` (errors no
guard can fix: wrong summary, duration or day, a skipped step, a wrong-but-valid ID, a wrong tool).
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from agents.base import PlanStepSpec
from agents.plan import iter_refs
from agents.world import WorldView
from guards.paths import get_path, iter_paths, matches, set_path


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


# -- phase 1: decisions ------------------------------------------------------------------------------


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


# -- phase 2: concrete perturbations -----------------------------------------------------------------


@dataclass
class TraceEvent:
    """One error a simulated agent made, as data for attribution.

    ``fixed``: a later call no longer carried it. ``blocking``: the agent gave up on an error about it.
    """

    op: str
    category: str
    step: int | None
    fields: tuple[str, ...] = ()
    fixed: bool = False
    blocking: bool = False


@dataclass
class Perturbation:
    """A concrete error in one call: ``op`` breaks ``fields``; ``values`` holds what it writes.

    ``event`` is the trace entry it belongs to (several perturbations may share one: a skipped
    lookup leaves a name in every argument that needed its result).
    """

    op: str
    fields: tuple[str, ...]
    values: dict[str, Any] = field(default_factory=dict)
    event: TraceEvent | None = None

    @property
    def category(self) -> Category:
        return OPERATORS[self.op].category if self.op in OPERATORS else Category.ORDERING

    @property
    def fixable(self) -> bool:
        """Whether reading an error about its field lets the agent restore the right value."""
        return self.category is not Category.SEMANTIC

    def names(self, error_field: str) -> bool:
        """True when an error about ``error_field`` points at this perturbation."""
        for own in self.fields:
            if error_field == own or error_field.startswith((own + ".", own + "[")):
                return True
            if own.startswith((error_field + ".", error_field + "[")):
                return True
        return False


@dataclass(frozen=True)
class CallContext:
    """What materializing a perturbation may consult."""

    world: WorldView
    now: datetime
    timezone: str
    rng: random.Random
    schemas: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


def materialize(
    decision: Decision, tool: str, args: Mapping[str, Any], ctx: CallContext
) -> Perturbation | None:
    """The concrete error for an applied decision on a (resolved) gold call; ``None`` if it cannot apply."""
    op = decision.op
    if op in ("name_for_id", "placeholder_id", "wrong_valid_id"):
        return _reference_error(op, decision.field or "", args, ctx)
    if op in ("naive_datetime", "utc_shift", "us_datetime", "natural_datetime", "off_by_one_day"):
        shift = timedelta(days=1 if ctx.rng.random() < 0.5 else -1)
        paths = datetime_paths(args) + date_paths(args)
        values = {p: _reformat(op, get_path(args, p), ctx, shift) for p in paths}
        if op == "off_by_one_day":
            values = {p: v for p, v in values.items() if p.startswith(("start", "end"))}
        values = {p: v for p, v in values.items() if v is not None and v != get_path(args, p)}
        return Perturbation(op, tuple(values), values) if values else None
    if op == "wrong_duration":
        start = _parse(get_path(args, "start.dateTime"))
        end = _parse(get_path(args, "end.dateTime"))
        if start is None or end is None:
            return None
        minutes = 30 if end - start == timedelta(hours=1) else 60
        return Perturbation(
            op, ("end.dateTime",), {"end.dateTime": (start + timedelta(minutes=minutes)).isoformat()}
        )
    if op == "wrong_summary":
        summary = str(args.get("summary", ""))
        return Perturbation(op, ("summary",), {"summary": "Meeting" if summary != "Meeting" else "Sync"})
    if op == "wrong_type":
        path = ctx.rng.choice(list(typed_leaves(args)))
        value = get_path(args, path)
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        return Perturbation(op, (path,), {path: text})
    if op == "enum_case":
        path = ctx.rng.choice([p for p in ENUM_FIELDS if isinstance(get_path(args, p, None), str)])
        value = str(get_path(args, path))
        changed = value[:1].upper() + value[1:] if value[:1].islower() else value.upper()
        return Perturbation(op, (path,), {path: changed}) if changed != value else None
    if op == "flat_datetime":
        keys = tuple(k for k in ("start", "end") if isinstance(args.get(k), dict))
        return Perturbation(op, keys) if keys else None
    if op == "field_alias":
        key = ctx.rng.choice([k for k in ALIASES if k in args])
        return Perturbation(op, (key, ALIASES[key]), {"key": key, "alias": ALIASES[key]})
    if op == "missing_required":
        present = required_present(tool, args, ctx.schemas)
        if not present:
            return None
        dropped = ctx.rng.choice(present)
        return Perturbation(op, (dropped,), {"key": dropped})
    if op == "extra_field":
        key, value = ctx.rng.choice(EXTRA_FIELDS)
        return Perturbation(op, (key,), {"key": key, "value": value}) if key not in args else None
    if op == "tool_name_variant":
        return Perturbation(op, ("$tool",), {"tool": ctx.rng.choice(tool_name_variants(tool))})
    return None


def _reference_error(op: str, path: str, args: Mapping[str, Any], ctx: CallContext) -> Perturbation | None:
    value = get_path(args, path, None)
    if not isinstance(value, str):
        return None
    kind = next((k for pattern, k in ID_FIELDS.items() if matches(pattern, path)), "calendar")
    calendar_id = args.get("calendarId") if isinstance(args.get("calendarId"), str) else None
    bad: str | None
    if op == "placeholder_id":
        leaf = path.rsplit(".", 1)[-1].split("[")[0]
        leaf = "calendarId" if leaf in ("id", "destination") else "email" if leaf == "value" else leaf
        snake = "".join(f"_{c.lower()}" if c.isupper() else c for c in leaf)
        bad = ctx.rng.choice(PLACEHOLDERS).format(field=leaf, snake=snake)
    elif op == "name_for_id":
        bad = display_name(kind, value, calendar_id, ctx.world)
    else:
        bad = similar_id(kind, value, calendar_id, ctx.world)
    if not bad or bad == value:
        return None
    return Perturbation(op, (path,), {path: bad})


def display_name(kind: str, value: str, calendar_id: str | None, world: WorldView) -> str | None:
    """What a person would call the record with this ID."""
    if kind == "calendar":
        return world.calendar_name(value)
    if kind == "event":
        return world.event_name(calendar_id, value)
    if kind == "person":
        return world.person_name(value)
    if kind == "acl_rule":
        return value.split(":", 1)[-1] if ":" in value else None
    return None


def similar_id(kind: str, value: str, calendar_id: str | None, world: WorldView) -> str | None:
    """A different, valid ID the agent could confuse with this one (the similarly named record)."""
    if kind == "calendar":
        return world.similar_calendar(value)
    if kind == "event":
        return world.similar_event(calendar_id, value)
    if kind == "person":
        return world.similar_person(value)
    return None


def tool_name_variants(tool: str) -> list[str]:
    """Names a model might use for ``events_insert``: ``events.insert``, ``insertEvent``, ..."""
    if "_" not in tool:
        return [tool.upper(), f"{tool}_tool"]
    resource, method = tool.split("_", 1)
    singular = resource[:-1] if resource.endswith("s") else resource
    return [
        f"{resource}.{method}",
        f"{method}{singular[:1].upper()}{singular[1:]}",
        f"{method}_{singular}",
        f"calendar.{resource}.{method}",
        f"{resource}{method[:1].upper()}{method[1:]}",
    ]


def _parse(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _reformat(op: str, value: Any, ctx: CallContext, shift: timedelta) -> str | None:
    """``value`` (RFC3339 or YYYY-MM-DD) rewritten the way operator ``op`` gets it wrong."""
    if not isinstance(value, str):
        return None
    moment = _parse(value) if "T" in value else None
    day = moment.date() if moment else _parse_date(value)
    if day is None:
        return None
    if op == "off_by_one_day":
        return (moment + shift).isoformat() if moment else (day + shift).isoformat()
    if moment is None:
        if op == "us_datetime":
            return f"{day.month:02d}/{day.day:02d}/{day.year}"
        return _day_phrase(day, ctx) if op == "natural_datetime" else None
    wall = moment.replace(tzinfo=None)
    if op == "naive_datetime":
        return wall.isoformat()
    if op == "utc_shift":
        return None if moment.utcoffset() == timedelta(0) else wall.isoformat() + "Z"
    if op == "us_datetime":
        return f"{day.month:02d}/{day.day:02d}/{day.year} {_clock(wall, spaced=True)}"
    return f"{_day_phrase(day, ctx)} {_clock(wall, spaced=False)}"


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _day_phrase(day: date, ctx: CallContext) -> str:
    today = ctx.now.astimezone(ZoneInfo(ctx.timezone)).date()
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if 1 < delta < 7:
        return day.strftime("%A")
    return f"{day.strftime('%B')} {day.day}"


def _clock(wall: datetime, *, spaced: bool) -> str:
    hour = wall.hour % 12 or 12
    suffix = "AM" if wall.hour < 12 else "PM"
    if spaced:
        return f"{hour}:{wall.minute:02d} {suffix}"
    minutes = f":{wall.minute:02d}" if wall.minute else ""
    return f"{hour}{minutes}{suffix.lower()}"


def apply_perturbations(
    tool: str, args: Mapping[str, Any], perturbations: list[Perturbation]
) -> tuple[str, dict[str, Any]]:
    """The call as the agent emits it: gold ``tool``/``args`` with every perturbation applied in order."""
    out = copy.deepcopy(dict(args))
    order = {name: i for i, name in enumerate(OPERATORS)}
    for p in sorted(perturbations, key=lambda p: order.get(p.op, -1)):
        if p.op == "flat_datetime":
            for key in p.fields:
                value = out.get(key)
                if isinstance(value, dict):
                    out[key] = value.get("dateTime") or value.get("date")
        elif p.op == "field_alias":
            if p.values["key"] in out:
                out[p.values["alias"]] = out.pop(p.values["key"])
        elif p.op == "missing_required":
            out.pop(p.values["key"], None)
        elif p.op == "extra_field":
            out[p.values["key"]] = p.values["value"]
        elif p.op == "tool_name_variant":
            tool = p.values["tool"]
        else:
            for path, value in p.values.items():
                try:
                    set_path(out, path, value)
                except (KeyError, ValueError):
                    continue
    return tool, out

"""Concrete mistakes: a drawn decision turned into a bad value, and applied to the gold call.

:func:`materialize` turns a decision (:mod:`agents.operators`) into a :class:`Perturbation` with its
concrete bad value (a display name read from the world, ``"03/10/2026 3:00 PM"``, ...).
:func:`apply_perturbations` applies perturbations to the gold call in a fixed order, so removing one
(the agent fixed that field) and re-applying the rest gives the corrected call.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from agents.operators import (
    ALIASES,
    ENUM_FIELDS,
    EXTRA_FIELDS,
    ID_FIELDS,
    OPERATORS,
    PLACEHOLDERS,
    Category,
    Decision,
    date_paths,
    datetime_paths,
    required_present,
    typed_leaves,
)
from agents.world import WorldView
from guards.paths import get_path, matches, set_path


@dataclass
class TraceEvent:
    """One error a simulated agent made, as data for attribution.

    ``fixed``: the agent itself removed it from a later call (a guard's repair does not count).
    ``blocking``: the agent gave up on an error about it.
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
        start = _parse(get_path(args, "start.dateTime", None))  # an all-day event has start.date
        end = _parse(get_path(args, "end.dateTime", None))
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

"""Canonical example calls generated from a tool's JSON Schema, for structured errors.

An agent that sent malformed arguments fixes them fastest when shown one valid call. The example holds
only the required fields (plus one field of an object that requires none, such as ``start``), with
values that are *true*, not merely well-formed:

* datetimes are 15:00-15:30 on the day in question (:class:`ExampleClock`: the day the agent's value
  names, else the day after "now") in the acting user's zone, with the offset that zone really has on
  that day (not a fixed ``-05:00`` that is wrong half the year); without a clock, in UTC;
* references use the pack's own alias for them (``"primary"`` only where the pack defines it), a
  person the acting user's own address, and otherwise say where the ID comes from
  (``"<id from events_list>"``) instead of inventing one;
* enums use a member, numbers stay inside their bounds.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from guards.pack import DomainPack
from guards.paths import Step, format_path
from guards.schema.support import SchemaMap, compact, effective, properties_of, schema_types

EXAMPLE_CLOCK_TIME = time(15, 0)
EXAMPLE_LENGTH = timedelta(minutes=30)
DEFAULT_EXAMPLE_DAY = date(2026, 3, 10)
EXAMPLE_EMAIL = "someone@example.org"
_MAX_DEPTH = 8
_LEADING_DAY = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True)
class ExampleClock:
    """The zone and day an example's datetimes are written for."""

    zone: str
    day: date
    actor: str | None = None

    @classmethod
    def of(cls, now: datetime, zone: str, near: Any = None, actor: str | None = None) -> ExampleClock:
        """The day ``near`` names (an ISO date prefix), else the day after ``now`` in ``zone``."""
        found = _LEADING_DAY.match(near) if isinstance(near, str) else None
        day: date | None = None
        if found is not None:
            try:
                day = date.fromisoformat(found.group(1))
            except ValueError:
                day = None
        if day is None:
            local = now.astimezone(_tz(zone)) if now.tzinfo is not None else now
            day = local.date() + timedelta(days=1)
        return cls(zone, day, actor)

    def start(self) -> datetime:
        return datetime.combine(self.day, EXAMPLE_CLOCK_TIME, tzinfo=_tz(self.zone))

    def datetime_example(self, *, end: bool = False) -> str:
        moment = self.start() + (EXAMPLE_LENGTH if end else timedelta(0))
        return moment.isoformat(timespec="seconds")

    def date_example(self, *, end: bool = False) -> str:
        return (self.day + timedelta(days=1 if end else 0)).isoformat()


UTC_CLOCK = ExampleClock("UTC", DEFAULT_EXAMPLE_DAY)
"""Used when nothing says where and when the user is: an example in UTC is true everywhere."""


def _tz(zone: str) -> tzinfo:
    try:
        return ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


_TEXT_BY_NAME = {
    "summary": "Project sync",
    "title": "Project sync",
    "name": "Project sync",
    "description": "Weekly planning",
    "location": "Room 4",
    "query": "Ana",
    "q": "sync",
    "timezone": "America/New_York",
    "displayname": "Ana Lopez",
    "email": EXAMPLE_EMAIL,
    "ruleid": f"user:{EXAMPLE_EMAIL}",
}


def example_call(
    tool_name: str, schema: Mapping[str, Any], pack: DomainPack, clock: ExampleClock | None = None
) -> dict[str, Any]:
    """A minimal valid argument dict for ``tool_name`` (a fresh copy on every call)."""
    example = _cached_example(tool_name, _Frozen(schema), _Frozen(pack), clock or UTC_CLOCK)
    return _copy(example)


class _Frozen:
    """Identity-hashed wrapper so the cache keys on the schema and pack objects themselves."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __hash__(self) -> int:
        return id(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Frozen) and other.value is self.value


@lru_cache(maxsize=256)
def _cached_example(tool_name: str, schema: _Frozen, pack: _Frozen, clock: ExampleClock) -> dict[str, Any]:
    builder = _ExampleBuilder(tool_name, schema.value, pack.value, clock)
    value = builder.value(schema.value, [], 0)
    return value if isinstance(value, dict) else {}


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


class _ExampleBuilder:
    def __init__(self, tool_name: str, root: SchemaMap, pack: DomainPack, clock: ExampleClock) -> None:
        self.root = root
        self.pack = pack
        self.clock = clock
        self.references = pack.references_for(tool_name)
        self.end_paths = {interval.end for interval in pack.intervals if tool_name in interval.tools}
        self.end_paths |= {
            interval.all_day_end
            for interval in pack.intervals
            if tool_name in interval.tools and interval.all_day_end
        }

    def value(self, schema: Any, path: list[Step], depth: int) -> Any:
        node = effective(schema, self.root)
        if "const" in node:
            return node["const"]
        enum = node.get("enum")
        if isinstance(enum, list) and enum:
            return enum[0]
        default = node.get("default")
        if default is not None:
            return default
        types = schema_types(node)
        if "object" in types and depth < _MAX_DEPTH:
            return self._object(node, path, depth)
        if "array" in types and depth < _MAX_DEPTH:
            items = node.get("items")
            count = max(1, int(node.get("minItems", 1) or 1))
            return [self.value(items, [*path, None], depth + 1) for _ in range(count)]
        if "string" in types:
            return self._string(node, path)
        if "integer" in types or "number" in types:
            return _number(node)
        if "boolean" in types:
            return False
        if "null" in types:
            return None
        return "example"

    def _object(self, node: SchemaMap, path: list[Step], depth: int) -> dict[str, Any]:
        props = properties_of(node)
        required = [name for name in node.get("required", []) if isinstance(name, str)]
        if not required and props and path:
            required = [_preferred_optional(props, self.root)]
        return {name: self.value(props.get(name, {}), [*path, name], depth + 1) for name in required}

    def _string(self, node: SchemaMap, path: list[Step]) -> str:
        pattern = format_path(path)
        fmt = node.get("format")
        is_end = pattern in self.end_paths
        if fmt == "date-time" or pattern in self.pack.datetimes:
            return self.clock.datetime_example(end=is_end)
        if fmt == "date" or pattern in self.pack.dates:
            return self.clock.date_example(end=is_end)
        spec = self.references.get(pattern) or self.references.get(format_path(_wildcards(path)))
        if spec is not None and spec.aliases:
            return next(iter(spec.aliases))
        name = compact(str(path[-1])) if path and path[-1] is not None else ""
        if fmt == "email" or (spec is not None and spec.kind == "person"):
            return self.clock.actor if self.clock.actor and "@" in self.clock.actor else EXAMPLE_EMAIL
        if spec is not None:
            return f"<{spec.lookup.id} from {spec.lookup.tool}>"
        if name in _TEXT_BY_NAME:
            return _TEXT_BY_NAME[name]
        if name.endswith("id"):
            return "3f9c1b2e7a"
        minimum = int(node.get("minLength", 0) or 0)
        text = "Project sync"
        return text if len(text) >= minimum else text + "x" * (minimum - len(text))


def _wildcards(path: list[Step]) -> list[Step]:
    return [None if isinstance(step, int) else step for step in path]


def _preferred_optional(props: Mapping[str, Any], root: SchemaMap) -> str:
    """For an object that requires nothing (``start``), the field an example should show."""
    for name, sub in props.items():
        if effective(sub, root).get("format") == "date-time" or compact(name) == "datetime":
            return name
    return next(iter(props))


def _number(node: SchemaMap) -> int | float:
    low = node.get("minimum")
    high = node.get("maximum")
    value: int | float = 10
    if isinstance(low, int | float) and value < low:
        value = low
    if isinstance(high, int | float) and value > high:
        value = high
    return value

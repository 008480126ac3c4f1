"""The ``normalize_datetime_fields`` guard stage: datetime arguments to RFC 3339, or a block.

For every path the pack lists under ``datetimes`` (RFC 3339 date-times: ``start.dateTime``,
``timeMin``) and ``dates`` (full-dates: ``start.date``) the stage normalises the value in place.
Naive values are read in the zone of a sibling ``timeZone`` (Google Calendar semantics for
``{"dateTime": "2026-03-10T15:00:00", "timeZone": "Europe/Berlin"}``) or else the acting user's zone.
Values that are already valid pass unchanged; a value that cannot be read, or reads more than one
way, blocks the call with a ``format_error`` naming the field. Finally, a zone the pack requires (a
recurring event's ``start.timeZone``) is filled from the user's zone when that changes nothing else
(:mod:`guards.grounding.zone_fill`).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from guards.call import Blocked, PendingCall, ToolCatalog
from guards.context import GuardContext
from guards.datetimes.errors import DatetimeError
from guards.datetimes.normalize import DatetimeGrain, localize, normalize_datetime
from guards.paths import get_path, iter_paths, set_path
from guards.verdict import InterventionKind

_NAIVE_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@lru_cache(maxsize=64)
def _fields(datetimes: tuple[str, ...], dates: tuple[str, ...]) -> tuple[tuple[str, str, DatetimeGrain], ...]:
    """(pattern, top-level key, grain) for every declared field; the key lets absent fields cost nothing."""
    declared: list[tuple[str, DatetimeGrain]] = [(p, "datetime") for p in datetimes] + [
        (p, "date") for p in dates
    ]
    return tuple((pattern, re.split(r"[.\[]", pattern, maxsplit=1)[0], grain) for pattern, grain in declared)


def normalize_datetime_fields(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    """Normalise every datetime/date argument the pack declares; block on unreadable or ambiguous ones."""
    if not isinstance(call.args, dict):
        return
    for pattern, key, grain in _fields(tuple(catalog.pack.datetimes), tuple(catalog.pack.dates)):
        if key not in call.args:
            continue
        for path, value in _values(call.args, pattern):
            if isinstance(value, str) and not _already_valid(value, grain):
                _normalize_field(call, ctx, catalog, path, value, grain)


def _values(args: dict[str, Any], pattern: str) -> list[tuple[str, Any]]:
    """The values at ``pattern``; plain dotted paths skip the general walker (this runs on every call)."""
    if "[" in pattern:
        return list(iter_paths(args, pattern))
    node: Any = args
    for key in pattern.split("."):
        if not isinstance(node, dict) or key not in node:
            return []
        node = node[key]
    return [(pattern, node)]


def _already_valid(value: str, grain: DatetimeGrain) -> bool:
    """The fast path for well-formed values (most calls): RFC 3339 that names a real instant/day."""
    pattern = _RFC3339 if grain == "datetime" else _FULL_DATE
    if not pattern.match(value):
        return False
    try:
        if grain == "datetime":
            datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
        else:
            date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _normalize_field(
    call: PendingCall, ctx: GuardContext, catalog: ToolCatalog, path: str, value: str, grain: DatetimeGrain
) -> None:
    sibling = _sibling_zone(call.args, path)
    zone = sibling or ctx.timezone
    try:
        if grain == "datetime" and sibling and _NAIVE_ISO.match(value):
            # Naive ISO plus a timeZone is valid as written (Google semantics); only check it exists.
            localize(datetime.fromisoformat(value), ZoneInfo(sibling), value)
            return
        result = normalize_datetime(
            value, now=ctx.now, tz=zone, grain=grain, date_order=catalog.pack.date_order
        )
    except (DatetimeError, ValueError) as error:
        payload = (
            error.to_error(call.tool_name, path)
            if isinstance(error, DatetimeError)
            else DatetimeError(value, "not a real calendar date or time", grain=grain).to_error(
                call.tool_name, path
            )
        )
        raise Blocked(payload) from error
    if result.changed:
        set_path(call.args, path, result.value)
        call.record(InterventionKind.DATETIME, path, value, result.value, result.reason)


def _sibling_zone(args: dict[str, Any], path: str) -> str | None:
    """The valid IANA ``timeZone`` next to a nested datetime (``start.timeZone`` for ``start.dateTime``)."""
    if "." not in path:
        return None
    zone = get_path(args, f"{path[: path.rfind('.')]}.timeZone", None)
    if not isinstance(zone, str):
        return None
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return zone

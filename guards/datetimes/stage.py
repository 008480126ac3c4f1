"""The ``normalize_datetime_fields`` guard stage: datetime arguments to RFC 3339, or a block.

For every path the pack lists under ``datetimes`` (RFC 3339 date-times: ``start.dateTime``,
``timeMin``) and ``dates`` (full-dates: ``start.date``) the stage normalises the value in place.
Naive values are read in the zone of a sibling ``timeZone`` (Google Calendar semantics for
``{"dateTime": "2026-03-10T15:00:00", "timeZone": "Europe/Berlin"}``) or else the acting user's zone.
Values that are already valid pass unchanged; a value that cannot be read, or reads more than one
way, blocks the call with a ``format_error`` naming the field.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from guards.context import GuardContext
from guards.core import Blocked, PendingCall, ToolCatalog
from guards.datetimes.errors import DatetimeError
from guards.datetimes.normalize import DatetimeGrain, localize, normalize_datetime
from guards.paths import get_path, iter_paths, parse_path, set_path
from guards.verdict import InterventionKind

_NAIVE_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")


def normalize_datetime_fields(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    """Normalise every datetime/date argument the pack declares; block on unreadable or ambiguous ones."""
    if not isinstance(call.args, dict):
        return
    fields: list[tuple[str, DatetimeGrain]] = [(p, "datetime") for p in catalog.pack.datetimes]
    fields += [(p, "date") for p in catalog.pack.dates]
    for pattern, grain in fields:
        for path, value in list(iter_paths(call.args, pattern)):
            if isinstance(value, str):
                _normalize_field(call, ctx, catalog, path, value, grain)


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
    except DatetimeError as error:
        raise Blocked(error.to_error(call.tool_name, path)) from error
    if result.changed:
        set_path(call.args, path, result.value)
        call.record(InterventionKind.DATETIME, path, value, result.value, result.reason)


def _sibling_zone(args: dict[str, Any], path: str) -> str | None:
    """The valid IANA ``timeZone`` next to a nested datetime (``start.timeZone`` for ``start.dateTime``)."""
    if len(parse_path(path)) < 2 or "." not in path:
        return None
    zone = get_path(args, f"{path[: path.rfind('.')]}.timeZone", None)
    if not isinstance(zone, str):
        return None
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return zone

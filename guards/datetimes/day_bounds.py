"""The ``repair_date_only_bounds`` stage: a query window given as days means those whole days.

An agent asked for "my events on November 30" often writes ``timeMin: "11/30/2026"`` (or
``"2026-11-30"``, or ``"tomorrow"``) where an RFC 3339 instant is required. For the bounds of a query
window that reading is not a guess: the window starts at the first instant of that day and ends at the
first instant of the next (the end of the day; windows end exclusively), both in the user's zone. The
datetime stage would refuse a date-only value (in an event's own start it is an all-day event, which
belongs in a date field), so this stage runs just before it, and only on the pack's intervals marked
``whole_days``.

Values with a time of day, values that read as more than one date, and values that are no date are
left as they are: the datetime stage normalises, refuses or explains them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from guards.call import PendingCall, ToolCatalog
from guards.context import GuardContext
from guards.datetimes.errors import DatetimeError
from guards.datetimes.normalize import normalize_datetime
from guards.lookups import has_numeric_date, user_date_order
from guards.paths import get_path, set_path
from guards.verdict import InterventionKind


def repair_date_only_bounds(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    """Turn a date-only start/end of a ``whole_days`` interval into the start/end of that day."""
    if not isinstance(call.args, dict):
        return
    for interval in catalog.pack.intervals:
        if not interval.whole_days or call.tool_name not in interval.tools:
            continue
        for path, is_end in ((interval.start, False), (interval.end, True)):
            value = get_path(call.args, path, None)
            if not isinstance(value, str) or not value.strip():
                continue
            day = _date_only(value, ctx, catalog)
            if day is None:
                continue
            bound = day_boundary(day + timedelta(days=1) if is_end else day, ctx.timezone)
            if bound is None:
                continue
            set_path(call.args, path, bound)
            which = "end" if is_end else "start"
            call.record(
                InterventionKind.DATETIME,
                path,
                value,
                bound,
                f"{value!r} is a day without a time; as the {which} of a query window it is the {which} "
                f"of {day.isoformat()} in {ctx.timezone}",
            )


def day_boundary(day: date, zone_name: str) -> str | None:
    """The first instant of ``day`` in the zone, RFC 3339 (a midnight skipped by DST moves forward)."""
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    first = datetime.combine(day, time(0), zone).astimezone(UTC).astimezone(zone)
    return first.isoformat(timespec="seconds")


def _date_only(value: str, ctx: GuardContext, catalog: ToolCatalog) -> date | None:
    """The one day a value names when it names a day and no time of day (else ``None``)."""
    if value.strip()[10:11] in ("T", "t"):
        return None  # ISO with a time of day (most calls): the datetime stage's business
    pack = catalog.pack
    order = user_date_order(ctx, pack) if has_numeric_date(value) else pack.date_order
    try:
        result = normalize_datetime(value, now=ctx.now, tz=ctx.timezone, grain="date", date_order=order)
    except (DatetimeError, ValueError):
        return None
    parsed = result.parsed
    return parsed if isinstance(parsed, date) and not isinstance(parsed, datetime) else None

"""Fill a required IANA zone beside an offset-carrying datetime, when that changes nothing but the zone.

A recurring event expands in its ``start.timeZone`` (Google Calendar semantics): without it the API
rejects the event. An agent that writes ``{"dateTime": "2026-10-26T09:00:00-04:00"}`` for a weekly
event means 09:00 on the user's wall clock every week. When the user's zone has exactly that offset at
that instant, adding ``"timeZone": <user's zone>`` keeps the instant unchanged and makes the series
follow the user's wall clock across DST changes — what the user means. Any other offset is not the
user's wall clock, so nothing is filled and the API's own error reaches the agent: never a guess.

Which intervals need a zone, and when, comes from the pack (``IntervalSpec.zone_field`` and
``zone_required_when``, or ``zone_required`` for surfaces that always want one);
:func:`fill_required_zones` is a validate stage that runs after grounding, so it sees the datetimes as
they will be sent.

Surfaces that keep a local time and a zone name (Microsoft Graph's ``dateTimeTimeZone``:
``{"dateTime": "2026-11-18T10:00:00", "timeZone": "America/New_York"}``) take no offset; for an
interval marked ``local_time``, an offset that is exactly the zone's own at that instant is dropped
once the zone is there. The wall time and the instant stay what they were; an offset the zone does not
have is left for the server to refuse (which zone was meant is not ours to guess).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from guards.call import PendingCall, ToolCatalog
from guards.context import GuardContext
from guards.pack import IntervalSpec
from guards.paths import get_path, set_path
from guards.verdict import InterventionKind

ZONE_FILLED = InterventionKind.ZONE_FILLED


def fill_required_zones(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    """For every pack interval of this tool whose zone is required by the call, fill missing zones."""
    if not isinstance(call.args, dict):
        return
    for interval in catalog.pack.intervals:
        if interval.zone_field is None or call.tool_name not in interval.tools:
            continue
        if interval.zone_required or any(
            _present(get_path(call.args, path, None)) for path in interval.zone_required_when
        ):
            _fill_interval(call, ctx, interval, interval.zone_field)
        if interval.local_time:
            _drop_offsets(call, interval, interval.zone_field)


def _fill_interval(call: PendingCall, ctx: GuardContext, interval: IntervalSpec, zone_field: str) -> None:
    endpoints = [(path, _zone_path(path, zone_field)) for path in (interval.start, interval.end)]
    # The other endpoint's own zone comes first: "start in Berlin, end without a zone" means Berlin.
    stated = [z for _, zone_path in endpoints if zone_path and (z := _valid_zone(call.args, zone_path))]
    candidates = list(dict.fromkeys([*stated, ctx.timezone]))
    for datetime_path, zone_path in endpoints:
        if zone_path is None or get_path(call.args, zone_path, None) is not None:
            continue  # an existing zone, even an invalid one, is the schema's and the server's business
        instant = _instant(get_path(call.args, datetime_path, None))
        if instant is None:
            continue
        for zone_name in candidates:
            zone = _zone(zone_name)
            if zone is not None and instant.astimezone(zone).utcoffset() == instant.utcoffset():
                set_path(call.args, zone_path, zone_name)
                call.record(
                    ZONE_FILLED,
                    zone_path,
                    None,
                    zone_name,
                    f"required {_why_required(interval)}; {zone_name} has the offset of "
                    f"{datetime_path} ({instant.isoformat()}) at that instant, so the time is unchanged",
                )
                break


def _why_required(interval: IntervalSpec) -> str:
    if interval.zone_required:
        return "by this tool"
    return f"by {', '.join(interval.zone_required_when)}"


def _drop_offsets(call: PendingCall, interval: IntervalSpec, zone_field: str) -> None:
    """Write each endpoint as the wall time in its zone when its offset is that zone's own."""
    for datetime_path in (interval.start, interval.end):
        zone_path = _zone_path(datetime_path, zone_field)
        if zone_path is None:
            continue
        value = get_path(call.args, datetime_path, None)
        instant = _instant(value)
        zone_name = _valid_zone(call.args, zone_path)
        zone = _zone(zone_name) if zone_name else None
        if instant is None or zone is None or instant.astimezone(zone).utcoffset() != instant.utcoffset():
            continue
        wall = instant.replace(tzinfo=None)
        local = wall.isoformat(timespec="seconds" if wall.microsecond == 0 else "auto")
        set_path(call.args, datetime_path, local)
        call.record(
            InterventionKind.DATETIME,
            datetime_path,
            value,
            local,
            f"this tool reads {datetime_path} as a wall time in {zone_path} ({zone_name}) and takes no "
            f"offset; {_offset_text(instant.utcoffset())} is {zone_name}'s offset at that instant, so "
            "the time is unchanged",
        )


def _offset_text(offset: timedelta | None) -> str:
    minutes = int((offset or timedelta()).total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _zone_path(datetime_path: str, zone_field: str) -> str | None:
    """``start.dateTime`` -> ``start.timeZone``; a top-level datetime has no sibling zone."""
    if "." not in datetime_path or "[" in datetime_path:
        return None
    return f"{datetime_path.rsplit('.', 1)[0]}.{zone_field}"


def _present(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != {}


def _instant(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().upper().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.utcoffset() is not None else None


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _valid_zone(args: dict[str, Any], path: str) -> str | None:
    value = get_path(args, path, None)
    return value if isinstance(value, str) and _zone(value) is not None else None

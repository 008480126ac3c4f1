"""freebusy_query: busy intervals of calendars or people in a window."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import Field, StrictStr

from env.access import FREE_BUSY, load_calendar, resolve_calendar_id, role_on
from env.event_queries import busy_intervals, parse_window
from env.session import Session
from env.timefmt import format_in_zone, zone
from env.tools.base import define_tool
from env.tools.models import ArgsModel


class FreeBusyItem(ArgsModel):
    id: StrictStr = Field(
        min_length=1, description="Calendar ID or a person's email (their primary calendar)."
    )


class FreeBusyArgs(ArgsModel):
    timeMin: StrictStr = Field(description="Start of the window, RFC3339 with offset.")
    timeMax: StrictStr = Field(description="End of the window, RFC3339 with offset.")
    items: list[FreeBusyItem] = Field(
        min_length=1, max_length=50, description="Calendars to check: [{'id': ...}]."
    )
    timeZone: StrictStr | None = Field(
        default=None, description="IANA zone for the returned times (default UTC)."
    )


def _busy_blocks(
    session: Session, calendar_id: str, lo: datetime, hi: datetime, tz_name: str | None
) -> list[dict[str, str]]:
    calendar = load_calendar(session, calendar_id)
    assert calendar is not None
    intervals = busy_intervals(session, calendar, lo, hi)
    intervals.sort()
    merged: list[list[float]] = []
    for start_ts, end_ts in intervals:
        if merged and start_ts <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end_ts)
        else:
            merged.append([start_ts, end_ts])
    return [
        {
            "start": format_in_zone(datetime.fromtimestamp(s, UTC), tz_name),
            "end": format_in_zone(datetime.fromtimestamp(e, UTC), tz_name),
        }
        for s, e in merged
    ]


def freebusy_query(session: Session, args: FreeBusyArgs) -> dict[str, Any]:
    """Find when calendars or people are busy in a time window (no titles, only busy intervals).

    Works with freeBusyReader access or more; you can check colleagues by their email. Calendars you
    cannot see come back with errors=[{'reason': 'notFound'}] instead of busy blocks.
    """
    lo, hi = parse_window(args.timeMin, args.timeMax)
    assert lo is not None and hi is not None
    if args.timeZone is not None:
        zone(args.timeZone, "timeZone")
    calendars: dict[str, Any] = {}
    for item in args.items:
        calendar_id = resolve_calendar_id(session, item.id)
        visible = (
            load_calendar(session, calendar_id) is not None and role_on(session, calendar_id) >= FREE_BUSY
        )
        if not visible:
            calendars[item.id] = {"errors": [{"domain": "global", "reason": "notFound"}], "busy": []}
            continue
        calendars[item.id] = {"busy": _busy_blocks(session, calendar_id, lo, hi, args.timeZone)}
    return {
        "kind": "calendar#freeBusy",
        "timeMin": args.timeMin,
        "timeMax": args.timeMax,
        "calendars": calendars,
    }


TOOL = define_tool(freebusy_query, FreeBusyArgs)

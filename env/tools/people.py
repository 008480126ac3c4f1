"""People and time: free/busy across calendars, the people directory, and the user's settings."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import Field, StrictStr

from env.access import FREE_BUSY, load_calendar, resolve_calendar_id, role_on
from env.errors import ErrorType, ToolFailure
from env.session import Session
from env.timefmt import format_in_zone, zone
from env.tools.events_read import collect_events, parse_window
from env.tools.models import ArgsModel, MaxResults
from env.tools.registry import tool

SETTINGS_DOC = (
    "timezone, locale, weekStart, format24HourTime, defaultEventLength, dateFieldOrder, hideWeekends"
)


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
    lo_ts, hi_ts = lo.timestamp(), hi.timestamp()
    intervals: list[tuple[float, float]] = list(
        session.conn.execute(
            "SELECT MAX(start_ts, ?), MIN(end_ts, ?) FROM events WHERE calendar_id = ? AND end_ts > ? "
            "AND start_ts < ? AND recurring = 0 AND recurring_event_id IS NULL AND status != 'cancelled' "
            "AND opaque = 1",
            (lo_ts, hi_ts, calendar.id, lo_ts, hi_ts),
        )
    )
    series = collect_events(session, calendar, lo, hi, single=True, show_deleted=False, series_only=True)
    for start_ts, end_ts, _, data in series:
        if data.get("transparency", "opaque") == "opaque":
            intervals.append((max(start_ts, lo_ts), min(end_ts, hi_ts)))
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


@tool(FreeBusyArgs)
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


class UsersSearchArgs(ArgsModel):
    query: StrictStr = Field(min_length=1, description="Part of a name or email, e.g. 'Dana' or 'dana.kim'.")
    maxResults: MaxResults | None = None


@tool(UsersSearchArgs)
def users_search(session: Session, args: UsersSearchArgs) -> dict[str, Any]:
    """Search the company directory for people by name or email; returns their emails.

    Use it to turn a person's name into the email that attendees, ACL scopes and free/busy need.
    Several people can share a first name: check displayName. Items: {email, displayName, timeZone}.
    """
    terms = args.query.lower().split()
    exact = args.query.strip().lower()
    ranked = []
    for email, name, time_zone, text in session.conn.execute(
        "SELECT email, display_name, time_zone, search_text FROM users"
    ):
        if all(term in text for term in terms):
            rank = (
                0 if email == exact or name.lower() == exact else 1 if name.lower().startswith(exact) else 2
            )
            ranked.append(
                (rank, name.lower(), email, {"email": email, "displayName": name, "timeZone": time_zone})
            )
    ranked.sort(key=lambda r: (r[0], r[1], r[2]))
    items = [r[3] for r in ranked[: args.maxResults or 25]]
    return {"kind": "directory#users", "items": items}


class SettingsGetArgs(ArgsModel):
    setting: StrictStr = Field(description=f"Setting id: {SETTINGS_DOC}.")


@tool(SettingsGetArgs)
def settings_get(session: Session, args: SettingsGetArgs) -> dict[str, Any]:
    """Read one of your calendar settings, e.g. setting='timezone' for your IANA time zone."""
    row = session.conn.execute(
        "SELECT value FROM settings WHERE user_email = ? AND id = ?", (session.actor, args.setting)
    ).fetchone()
    if row is None:
        known = [
            r[0]
            for r in session.conn.execute("SELECT id FROM settings WHERE user_email = ?", (session.actor,))
        ]
        raise ToolFailure(
            ErrorType.NOT_FOUND,
            f"Unknown setting {args.setting!r}.",
            details={"field": "setting", "value": args.setting, "known": sorted(known)},
            remediation=[f"Use one of: {', '.join(sorted(known))}."],
        )
    return {"kind": "calendar#setting", "id": args.setting, "value": row[0]}

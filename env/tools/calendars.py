"""Calendar tools: list the calendars you can see, read, create, rename and delete calendars."""

from __future__ import annotations

from typing import Any

from pydantic import Field, StrictBool, StrictStr

from env.access import FREE_BUSY, OWNER, RANK, ROLES, load_calendar, require_calendar, visible_roles
from env.errors import ErrorType, ToolFailure, invalid_field
from env.session import CalendarRow, Session
from env.store import atomic
from env.timefmt import zone
from env.tools.models import ArgsModel, CalendarIdField, MaxResults, PageToken, Role
from env.tools.paging import page
from env.tools.registry import tool


def calendar_resource(calendar: CalendarRow) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "kind": "calendar#calendar",
        "id": calendar.id,
        "summary": calendar.summary,
        "description": calendar.description,
        "timeZone": calendar.time_zone,
    }
    if calendar.location:
        resource["location"] = calendar.location
    return resource


class CalendarsListArgs(ArgsModel):
    minAccessRole: Role | None = Field(
        default=None, description="Only calendars where your access role is at least this one."
    )
    showHidden: StrictBool | None = Field(default=None, description="Include calendars you have hidden.")
    maxResults: MaxResults | None = None
    pageToken: PageToken | None = None


@tool(CalendarsListArgs)
def calendars_list(session: Session, args: CalendarsListArgs) -> dict[str, Any]:
    """List the calendars you can see, with their IDs and your access role on each.

    Use this to turn a calendar *name* ("Team Offsite", "Marketing") into its ID before calling any
    other tool: calendar IDs look like 'c_...@group.calendar.acme.com' or a person's email. Each item
    has id, summary (the name), optional summaryOverride (your own name for it), description, timeZone,
    accessRole (freeBusyReader < reader < writer < owner) and primary=true for your own calendar.
    Several calendars can have similar names; compare summary and description carefully.
    """
    minimum = RANK[args.minAccessRole] if args.minAccessRole else FREE_BUSY
    entries = [
        dict(entry)
        for rank, entry in _calendar_list(session)
        if rank >= minimum and (args.showHidden or not entry.get("hidden"))
    ]
    items, token = page(entries, "calendars", args.pageToken, args.maxResults or 250)
    result: dict[str, Any] = {"kind": "calendar#calendarList", "items": items}
    if token:
        result["nextPageToken"] = token
    return result


def _calendar_list(session: Session) -> list[tuple[int, dict[str, Any]]]:
    """(role rank, entry) for every visible calendar, sorted; cached until sharing changes."""
    if session.calendar_list_cache is not None:
        return session.calendar_list_cache
    overrides = {
        calendar_id: (summary_override, bool(hidden))
        for calendar_id, summary_override, hidden in session.conn.execute(
            "SELECT calendar_id, summary_override, hidden FROM calendar_list WHERE user_email = ?",
            (session.actor,),
        )
    }
    entries = []
    for calendar_id, rank in visible_roles(session).items():
        calendar = load_calendar(session, calendar_id)
        if calendar is None:
            continue
        entry = {
            **calendar_resource(calendar),
            "kind": "calendar#calendarListEntry",
            "accessRole": ROLES[rank],
        }
        override, hidden = overrides.get(calendar_id, (None, False))
        if override:
            entry["summaryOverride"] = override
        if hidden:
            entry["hidden"] = True
        if calendar.id == session.actor:
            entry["primary"] = True
        entries.append((rank, entry))
    entries.sort(key=lambda e: (not e[1].get("primary", False), e[1]["summary"].lower(), e[1]["id"]))
    session.calendar_list_cache = entries
    return entries


class CalendarsGetArgs(ArgsModel):
    calendarId: CalendarIdField


@tool(CalendarsGetArgs)
def calendars_get(session: Session, args: CalendarsGetArgs) -> dict[str, Any]:
    """Get one calendar's metadata (summary, description, timeZone) by its ID ('primary' = yours)."""
    calendar, _ = require_calendar(session, args.calendarId, FREE_BUSY, action="read it")
    return calendar_resource(calendar)


class CalendarsInsertArgs(ArgsModel):
    summary: StrictStr = Field(min_length=1, description="Name of the new calendar.")
    description: StrictStr | None = Field(default=None, description="What the calendar is for.")
    timeZone: StrictStr | None = Field(default=None, description="IANA zone; defaults to your own time zone.")


@tool(CalendarsInsertArgs, writes=True)
def calendars_insert(session: Session, args: CalendarsInsertArgs) -> dict[str, Any]:
    """Create a new secondary calendar; you become its owner. Returns the calendar with its new ID."""
    check_summary(args.summary)
    time_zone = args.timeZone or session.actor_tz
    zone(time_zone, "timeZone")
    calendar = CalendarRow(
        session.new_calendar_id(), args.summary, args.description or "", session.actor, time_zone, "", False
    )
    with atomic(session.conn):
        session.conn.execute(
            "INSERT INTO calendars (id, summary, description, owner, time_zone, location, is_primary) "
            "VALUES (?, ?, ?, ?, ?, '', 0)",
            (calendar.id, calendar.summary, calendar.description, calendar.owner, calendar.time_zone),
        )
        session.conn.execute(
            "INSERT INTO acl (calendar_id, rule_id, scope_type, scope_value, role) "
            "VALUES (?, ?, 'user', ?, 'owner')",
            (calendar.id, f"user:{session.actor}", session.actor),
        )
    session.invalidate_access()
    return calendar_resource(calendar)


class CalendarsPatchArgs(ArgsModel):
    calendarId: CalendarIdField
    summary: StrictStr | None = Field(default=None, min_length=1, description="New name.")
    description: StrictStr | None = Field(default=None, description="New description.")
    timeZone: StrictStr | None = Field(default=None, description="New IANA time zone.")


@tool(CalendarsPatchArgs, writes=True)
def calendars_patch(session: Session, args: CalendarsPatchArgs) -> dict[str, Any]:
    """Change a calendar's summary, description or time zone (owner only). Only given fields change."""
    calendar, _ = require_calendar(session, args.calendarId, OWNER, action="change it")
    check_summary(args.summary)
    if args.timeZone is not None:
        zone(args.timeZone, "timeZone")
    updated = CalendarRow(
        calendar.id,
        args.summary if args.summary is not None else calendar.summary,
        args.description if args.description is not None else calendar.description,
        calendar.owner,
        args.timeZone if args.timeZone is not None else calendar.time_zone,
        calendar.location,
        calendar.is_primary,
    )
    session.conn.execute(
        "UPDATE calendars SET summary = ?, description = ?, time_zone = ? WHERE id = ?",
        (updated.summary, updated.description, updated.time_zone, updated.id),
    )
    session.invalidate_access()
    return calendar_resource(updated)


class CalendarsDeleteArgs(ArgsModel):
    calendarId: CalendarIdField


@tool(CalendarsDeleteArgs, writes=True)
def calendars_delete(session: Session, args: CalendarsDeleteArgs) -> dict[str, Any]:
    """Delete a secondary calendar with all its events and sharing rules (owner only; not 'primary')."""
    calendar, _ = require_calendar(session, args.calendarId, OWNER, action="delete it")
    if calendar.is_primary:
        raise ToolFailure(
            ErrorType.PRECONDITION,
            "A primary calendar cannot be deleted.",
            details={"field": "calendarId", "value": args.calendarId, "reason": "primaryCalendar"},
            remediation=["Delete individual events instead, or pick a secondary calendar."],
        )
    with atomic(session.conn):
        for table, column in (
            ("events", "calendar_id"),
            ("acl", "calendar_id"),
            ("calendar_list", "calendar_id"),
            ("calendars", "id"),
        ):
            session.conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (calendar.id,))
    session.invalidate_access()
    return {"kind": "calendar#calendar", "id": calendar.id, "deleted": True}


def check_summary(summary: str | None) -> None:
    """Whitespace-only names are rejected like empty ones."""
    if summary is not None and not summary.strip():
        raise invalid_field("summary", "non-empty string", summary)

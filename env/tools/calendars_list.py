"""calendars_list: the calendars the actor can see, with their IDs and the actor's role on each."""

from __future__ import annotations

from typing import Any

from pydantic import Field, StrictBool

from env.access import FREE_BUSY, RANK, ROLES, load_calendar, visible_roles
from env.calendars import calendar_resource
from env.paging import page
from env.session import Session
from env.tools.base import define_tool
from env.tools.models import ArgsModel, MaxResults, PageToken, Role


class CalendarsListArgs(ArgsModel):
    minAccessRole: Role | None = Field(
        default=None, description="Only calendars where your access role is at least this one."
    )
    showHidden: StrictBool | None = Field(default=None, description="Include calendars you have hidden.")
    maxResults: MaxResults | None = None
    pageToken: PageToken | None = None


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


TOOL = define_tool(calendars_list, CalendarsListArgs)

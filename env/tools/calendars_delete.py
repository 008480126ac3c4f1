"""calendars_delete: remove a secondary calendar with its events and sharing rules."""

from __future__ import annotations

from typing import Any

from env.access import OWNER, require_calendar
from env.errors import ErrorType, ToolFailure
from env.session import Session
from env.store import atomic
from env.tools.base import define_tool
from env.tools.models import ArgsModel, CalendarIdField


class CalendarsDeleteArgs(ArgsModel):
    calendarId: CalendarIdField


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


TOOL = define_tool(calendars_delete, CalendarsDeleteArgs, writes=True)

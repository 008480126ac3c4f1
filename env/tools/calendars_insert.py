"""calendars_insert: create a secondary calendar owned by the actor."""

from __future__ import annotations

from typing import Any

from pydantic import Field, StrictStr

from env.calendars import calendar_resource, check_summary
from env.session import CalendarRow, Session
from env.store import atomic
from env.timefmt import zone
from env.tools.base import define_tool
from env.tools.models import ArgsModel


class CalendarsInsertArgs(ArgsModel):
    summary: StrictStr = Field(min_length=1, description="Name of the new calendar.")
    description: StrictStr | None = Field(default=None, description="What the calendar is for.")
    timeZone: StrictStr | None = Field(default=None, description="IANA zone; defaults to your own time zone.")


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


TOOL = define_tool(calendars_insert, CalendarsInsertArgs, writes=True)

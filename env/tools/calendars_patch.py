"""calendars_patch: rename a calendar or change its description or time zone."""

from __future__ import annotations

from typing import Any

from pydantic import Field, StrictStr

from env.access import OWNER, require_calendar
from env.calendars import calendar_resource, check_summary
from env.session import CalendarRow, Session
from env.timefmt import zone
from env.tools.base import define_tool
from env.tools.models import ArgsModel, CalendarIdField


class CalendarsPatchArgs(ArgsModel):
    calendarId: CalendarIdField
    summary: StrictStr | None = Field(default=None, min_length=1, description="New name.")
    description: StrictStr | None = Field(default=None, description="New description.")
    timeZone: StrictStr | None = Field(default=None, description="New IANA time zone.")


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


TOOL = define_tool(calendars_patch, CalendarsPatchArgs, writes=True)

"""calendars_get: one calendar's metadata by ID."""

from __future__ import annotations

from typing import Any

from env.access import FREE_BUSY, require_calendar
from env.calendars import calendar_resource
from env.session import Session
from env.tools.base import define_tool
from env.tools.models import ArgsModel, CalendarIdField


class CalendarsGetArgs(ArgsModel):
    calendarId: CalendarIdField


def calendars_get(session: Session, args: CalendarsGetArgs) -> dict[str, Any]:
    """Get one calendar's metadata (summary, description, timeZone) by its ID ('primary' = yours)."""
    calendar, _ = require_calendar(session, args.calendarId, FREE_BUSY, action="read it")
    return calendar_resource(calendar)


TOOL = define_tool(calendars_get, CalendarsGetArgs)

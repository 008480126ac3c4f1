"""events_update: replace an event entirely."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from env.access import WRITER, require_calendar
from env.event_queries import load_event
from env.event_writes import save_change
from env.session import Session
from env.tools.base import define_tool
from env.tools.models import CalendarIdField, EventBodyFields, EventDateTime, EventIdField


class EventsUpdateArgs(EventBodyFields):
    calendarId: CalendarIdField
    eventId: EventIdField
    start: EventDateTime = Field(description="New start (object, like events_insert).")
    end: EventDateTime = Field(description="New end (object, like events_insert).")


def events_update(session: Session, args: EventsUpdateArgs) -> dict[str, Any]:
    """Replace an event entirely: fields you do not send are cleared (use events_patch to change a few).

    Needs writer access; start and end are required.
    """
    calendar, _ = require_calendar(session, args.calendarId, WRITER, action="change its events")
    current = load_event(session, calendar, args.eventId)
    body = args.model_dump(exclude_none=True, exclude={"calendarId", "eventId"})
    return save_change(session, calendar, current, body)


TOOL = define_tool(events_update, EventsUpdateArgs, writes=True)

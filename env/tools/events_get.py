"""events_get: one event (or one occurrence of a series) by ID."""

from __future__ import annotations

from typing import Any

from env.access import FREE_BUSY, require_calendar
from env.event_queries import load_event
from env.events_core import view_for
from env.session import Session
from env.tools.base import define_tool
from env.tools.models import ArgsModel, CalendarIdField, EventIdField


class EventsGetArgs(ArgsModel):
    calendarId: CalendarIdField
    eventId: EventIdField


def events_get(session: Session, args: EventsGetArgs) -> dict[str, Any]:
    """Get one event by calendar ID and event ID (also works for instance IDs of recurring events)."""
    calendar, rank = require_calendar(session, args.calendarId, FREE_BUSY, action="read its events")
    return view_for(load_event(session, calendar, args.eventId), rank, session.actor)


TOOL = define_tool(events_get, EventsGetArgs)

"""events_patch: change some fields of an event (or of one occurrence)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from env.access import WRITER, require_calendar
from env.event_queries import load_event
from env.event_writes import save_change
from env.session import Session
from env.tools.base import define_tool
from env.tools.models import (
    EVENT_BODY_FIELDS,
    CalendarIdField,
    EventBodyFields,
    EventDateTime,
    EventIdField,
)


class EventsPatchArgs(EventBodyFields):
    calendarId: CalendarIdField
    eventId: EventIdField
    start: EventDateTime | None = Field(default=None, description="New start (object, like events_insert).")
    end: EventDateTime | None = Field(default=None, description="New end (object, like events_insert).")


def events_patch(session: Session, args: EventsPatchArgs) -> dict[str, Any]:
    """Change some fields of an existing event; fields you do not send stay as they are.

    Needs writer access. For a recurring series, patching the series id changes every occurrence;
    patching an instance id ('<seriesId>_<start>') changes only that occurrence.
    """
    calendar, _ = require_calendar(session, args.calendarId, WRITER, action="change its events")
    current = load_event(session, calendar, args.eventId)
    changes = args.model_dump(exclude_none=True, exclude={"calendarId", "eventId"})
    body = {key: current[key] for key in (*EVENT_BODY_FIELDS, "start", "end") if key in current}
    body.update(changes)
    return save_change(session, calendar, current, body)


TOOL = define_tool(events_patch, EventsPatchArgs, writes=True)

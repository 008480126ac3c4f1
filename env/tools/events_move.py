"""events_move: move an event (a whole series with its exceptions) to another calendar."""

from __future__ import annotations

from typing import Any

import orjson
from pydantic import Field

from env.access import WRITER, require_calendar
from env.errors import ErrorType, ToolFailure
from env.event_queries import load_event
from env.event_writes import relocate
from env.session import Session
from env.store import atomic
from env.tools.base import define_tool
from env.tools.models import ArgsModel, CalendarIdField, EventIdField


class EventsMoveArgs(ArgsModel):
    calendarId: CalendarIdField = Field(description="Calendar the event is on now.")
    eventId: EventIdField
    destination: CalendarIdField = Field(description="ID of the calendar to move the event to.")


def events_move(session: Session, args: EventsMoveArgs) -> dict[str, Any]:
    """Move an event to another calendar (changes its organizer calendar).

    Needs writer access on both calendars. Single occurrences of a recurring series cannot be moved;
    move the whole series by its id.
    """
    source, _ = require_calendar(session, args.calendarId, WRITER, action="move events out of it")
    target, _ = require_calendar(
        session, args.destination, WRITER, field="destination", action="move events into it"
    )
    current = load_event(session, source, args.eventId)
    if current.get("recurringEventId"):
        raise ToolFailure(
            ErrorType.PRECONDITION,
            "A single occurrence of a recurring event cannot be moved to another calendar.",
            details={
                "field": "eventId",
                "value": args.eventId,
                "recurringEventId": current["recurringEventId"],
            },
            remediation=[f"Move the whole series with eventId={current['recurringEventId']!r}."],
        )
    with atomic(session.conn):
        moved = relocate(session, current, target)
        rows = session.conn.execute(
            "SELECT data FROM events WHERE recurring_event_id = ?", (current["id"],)
        ).fetchall()
        for (blob,) in rows:
            relocate(session, orjson.loads(blob), target)
    return moved


TOOL = define_tool(events_move, EventsMoveArgs, writes=True)

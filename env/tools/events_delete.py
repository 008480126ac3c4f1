"""events_delete: cancel an event (or one occurrence of a series)."""

from __future__ import annotations

from typing import Any

from env.access import WRITER, require_calendar
from env.errors import ErrorType, ToolFailure
from env.event_queries import load_event
from env.event_writes import write_event
from env.session import Session
from env.timefmt import format_rfc3339
from env.tools.base import define_tool
from env.tools.models import ArgsModel, CalendarIdField, EventIdField


class EventsDeleteArgs(ArgsModel):
    calendarId: CalendarIdField
    eventId: EventIdField


def events_delete(session: Session, args: EventsDeleteArgs) -> dict[str, Any]:
    """Delete (cancel) an event; needs writer access. An instance id cancels just that occurrence.

    Deleted events get status 'cancelled' and disappear from events_list unless showDeleted=true.
    Deleting an already deleted event answers 410 not_found_error.
    """
    calendar, _ = require_calendar(session, args.calendarId, WRITER, action="delete its events")
    current = load_event(session, calendar, args.eventId)
    if current.get("status") == "cancelled":
        raise ToolFailure(
            ErrorType.NOT_FOUND,
            f"Event {args.eventId!r} has already been deleted.",
            details={"field": "eventId", "value": args.eventId, "reason": "deleted"},
            remediation=["Nothing to do: the event is already cancelled."],
            http_status=410,
        )
    data = {
        **current,
        "status": "cancelled",
        "updated": format_rfc3339(session.now),
        "sequence": int(current.get("sequence", 0)) + 1,
    }
    write_event(session, data, calendar, replace=True)
    return {"kind": "calendar#event", "id": data["id"], "calendarId": calendar.id, "status": "cancelled"}


TOOL = define_tool(events_delete, EventsDeleteArgs, writes=True)

"""events_insert: create an event."""

from __future__ import annotations

from typing import Any

from pydantic import Field, StrictStr

from env.access import WRITER, require_calendar
from env.errors import ErrorType, ToolFailure
from env.event_writes import finish_body, write_event
from env.events_core import check_event_id
from env.session import Session
from env.timefmt import format_rfc3339
from env.tools.base import define_tool
from env.tools.models import CalendarIdField, EventBodyFields, EventDateTime


class EventsInsertArgs(EventBodyFields):
    calendarId: CalendarIdField
    start: EventDateTime = Field(
        description="When the event starts: {'dateTime': RFC3339 with offset} or {'date'}."
    )
    end: EventDateTime = Field(description="When the event ends (after start), same kind as start.")
    id: StrictStr | None = Field(
        default=None,
        description="Optional client-chosen event ID (5-1024 chars of a-v and 0-9). Re-sending the same id "
        "is rejected with conflict_error, which makes retries safe.",
    )


def events_insert(session: Session, args: EventsInsertArgs) -> dict[str, Any]:
    """Create an event on a calendar where you have writer or owner access ('primary' = your own).

    start/end are objects: {"dateTime": "2026-03-10T14:00:00-04:00"} (RFC3339 with offset, optional
    "timeZone") or {"date": "2026-03-10"} for all-day events (end date exclusive). Invite people with
    attendees=[{"email": ...}] (find emails with users_search). Returns the created event with its id.
    """
    calendar, _ = require_calendar(session, args.calendarId, WRITER, action="add events to it")
    if args.id is not None:
        check_event_id(args.id)
        if session.conn.execute("SELECT 1 FROM events WHERE id = ?", (args.id,)).fetchone():
            raise ToolFailure(
                ErrorType.CONFLICT,
                f"An event with id {args.id!r} already exists.",
                details={"field": "id", "value": args.id, "reason": "duplicate"},
                remediation=[
                    "If this is a retry, the event was already created: fetch it with events_get.",
                    "Otherwise choose a different id or omit it.",
                ],
            )
    body = finish_body(args.model_dump(exclude_none=True, exclude={"calendarId", "id"}), calendar)
    event_id = args.id or session.new_event_id()
    stamp = format_rfc3339(session.now)
    data = {
        "kind": "calendar#event",
        "id": event_id,
        "calendarId": calendar.id,
        **body,
        "organizer": {"email": calendar.id, "displayName": calendar.summary},
        "creator": {"email": session.actor},
        "created": stamp,
        "updated": stamp,
        "iCalUID": f"{event_id}@{session.domain}",
        "sequence": 0,
        "eventType": "default",
    }
    write_event(session, data, calendar, replace=False)
    return data


TOOL = define_tool(events_insert, EventsInsertArgs, writes=True)

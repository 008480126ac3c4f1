"""Event write tools: insert, patch, update, delete (cancel) and move events."""

from __future__ import annotations

import json
from typing import Any

from pydantic import Field, StrictStr

from env.access import WRITER, require_calendar
from env.errors import ErrorType, ToolFailure, invalid_field
from env.events_core import (
    INSERT_EVENT_SQL,
    REPLACE_EVENT_SQL,
    check_event_id,
    event_row,
    normalise_attendees,
    parse_stored_times,
    validate_times,
)
from env.session import CalendarRow, Session
from env.store import atomic
from env.timefmt import format_rfc3339
from env.tools.events_read import load_event
from env.tools.models import (
    EVENT_BODY_FIELDS,
    ArgsModel,
    CalendarIdField,
    EventBodyFields,
    EventDateTime,
    EventIdField,
)
from env.tools.registry import tool

_IDENTITY_FIELDS = (
    "kind",
    "id",
    "calendarId",
    "organizer",
    "creator",
    "created",
    "iCalUID",
    "eventType",
    "recurringEventId",
    "originalStartTime",
)


def _write(session: Session, data: dict[str, Any], calendar: CalendarRow, *, replace: bool) -> None:
    start, end = parse_stored_times(data, calendar.time_zone)
    row = event_row(data, start, end, session.next_seq())
    session.conn.execute(REPLACE_EVENT_SQL if replace else INSERT_EVENT_SQL, row)


def _finish_body(body: dict[str, Any], calendar: CalendarRow) -> dict[str, Any]:
    """Validate a complete body and apply the API's documented defaults."""
    validate_times(body, calendar.time_zone)
    if "attendees" in body:
        body["attendees"] = normalise_attendees(body["attendees"])
    body.setdefault("status", "confirmed")
    body.setdefault("visibility", "default")
    body.setdefault("transparency", "opaque")
    body.setdefault("reminders", {"useDefault": True})
    return body


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


@tool(EventsInsertArgs, writes=True)
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
    body = _finish_body(args.model_dump(exclude_none=True, exclude={"calendarId", "id"}), calendar)
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
    _write(session, data, calendar, replace=False)
    return data


class EventsPatchArgs(EventBodyFields):
    calendarId: CalendarIdField
    eventId: EventIdField
    start: EventDateTime | None = Field(default=None, description="New start (object, like events_insert).")
    end: EventDateTime | None = Field(default=None, description="New end (object, like events_insert).")


def _save_change(
    session: Session, calendar: CalendarRow, current: dict[str, Any], body: dict[str, Any]
) -> dict[str, Any]:
    if current.get("recurringEventId") and body.get("recurrence"):
        raise invalid_field(
            "recurrence",
            "absent for a single instance",
            body["recurrence"],
            "an instance of a recurring event cannot have its own recurrence; patch the series",
        )
    _finish_body(body, calendar)
    data = {key: current[key] for key in _IDENTITY_FIELDS if key in current}
    data.update(body)
    data["updated"] = format_rfc3339(session.now)
    data["sequence"] = int(current.get("sequence", 0)) + 1
    _write(session, data, calendar, replace=True)
    return data


@tool(EventsPatchArgs, writes=True)
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
    return _save_change(session, calendar, current, body)


class EventsUpdateArgs(EventBodyFields):
    calendarId: CalendarIdField
    eventId: EventIdField
    start: EventDateTime = Field(description="New start (object, like events_insert).")
    end: EventDateTime = Field(description="New end (object, like events_insert).")


@tool(EventsUpdateArgs, writes=True)
def events_update(session: Session, args: EventsUpdateArgs) -> dict[str, Any]:
    """Replace an event entirely: fields you do not send are cleared (use events_patch to change a few).

    Needs writer access; start and end are required.
    """
    calendar, _ = require_calendar(session, args.calendarId, WRITER, action="change its events")
    current = load_event(session, calendar, args.eventId)
    body = args.model_dump(exclude_none=True, exclude={"calendarId", "eventId"})
    return _save_change(session, calendar, current, body)


class EventsDeleteArgs(ArgsModel):
    calendarId: CalendarIdField
    eventId: EventIdField


@tool(EventsDeleteArgs, writes=True)
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
    _write(session, data, calendar, replace=True)
    return {"kind": "calendar#event", "id": data["id"], "calendarId": calendar.id, "status": "cancelled"}


class EventsMoveArgs(ArgsModel):
    calendarId: CalendarIdField = Field(description="Calendar the event is on now.")
    eventId: EventIdField
    destination: CalendarIdField = Field(description="ID of the calendar to move the event to.")


@tool(EventsMoveArgs, writes=True)
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
        moved = _relocate(session, current, target)
        rows = session.conn.execute(
            "SELECT data FROM events WHERE recurring_event_id = ?", (current["id"],)
        ).fetchall()
        for (blob,) in rows:
            _relocate(session, json.loads(blob), target)
    return moved


def _relocate(session: Session, data: dict[str, Any], target: CalendarRow) -> dict[str, Any]:
    moved = {
        **data,
        "calendarId": target.id,
        "organizer": {"email": target.id, "displayName": target.summary},
        "updated": format_rfc3339(session.now),
        "sequence": int(data.get("sequence", 0)) + 1,
    }
    _write(session, moved, target, replace=True)
    return moved

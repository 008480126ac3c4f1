"""Writing events: completing a body with the API's defaults, saving a change, moving an event.

Shared by the event write tools (events_insert, events_patch, events_update, events_delete,
events_move).
"""

from __future__ import annotations

import re
from typing import Any

from env.errors import invalid_field
from env.events_core import (
    INSERT_EVENT_SQL,
    RECURRING_COLUMN,
    SEARCH_TEXT_COLUMN,
    SPAN_CLASS_COLUMN,
    SPAN_COLUMN,
    event_row,
    normalise_attendees,
    parse_stored_times,
    validate_times,
)
from env.session import CalendarRow, Session
from env.store import savepoint
from env.timefmt import EventTime, format_rfc3339

# Fields a change never touches: they say what the event is, not what it says.
IDENTITY_FIELDS = (
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


def write_event(session: Session, data: dict[str, Any], calendar: CalendarRow, *, replace: bool) -> None:
    """Store event ``data`` (with its sortable time columns) under the next write sequence.

    ``replace`` overwrites a stored row with the same id (or creates it: a changed occurrence of a
    series is stored for the first time). The tables are overlay views, so that is a delete and an
    insert in one transaction rather than INSERT OR REPLACE.
    """
    start, end = parse_stored_times(data, calendar.time_zone)
    row = event_row(data, start, end, session.next_seq())
    if not replace:
        session.conn.execute(INSERT_EVENT_SQL, row)
    else:
        with savepoint(session.conn):
            session.conn.execute("DELETE FROM events WHERE id = ?", (data["id"],))
            session.conn.execute(INSERT_EVENT_SQL, row)
    session.index_text(data["id"], row[SEARCH_TEXT_COLUMN])
    if not row[RECURRING_COLUMN]:
        spans = session.written_spans.setdefault(calendar.id, {})
        span_class, span = row[SPAN_CLASS_COLUMN], row[SPAN_COLUMN]
        spans[span_class] = max(span, spans.get(span_class, span))


def anchor_local_times(body: dict[str, Any], start: EventTime, end: EventTime) -> None:
    """Give a local ``dateTime`` written beside a ``timeZone`` the offset of that zone on that day.

    Google Calendar returns such an event with the offset filled in; storing it that way means
    every reader (and every grader comparing instants) sees the instant the writer meant.
    """
    for key, moment in (("start", start), ("end", end)):
        value = body.get(key)
        if moment.all_day or not isinstance(value, dict):
            continue
        text = value.get("dateTime")
        if isinstance(text, str) and value.get("timeZone") and not _OFFSET.search(text):
            body[key] = {**value, "dateTime": format_rfc3339(moment.instant)}


_OFFSET = re.compile(r"(Z|z|[+-]\d{2}:\d{2})$")


def finish_body(body: dict[str, Any], calendar: CalendarRow) -> dict[str, Any]:
    """Validate a complete body and apply the API's documented defaults."""
    start, end = validate_times(body, calendar.time_zone)
    anchor_local_times(body, start, end)
    if "attendees" in body:
        body["attendees"] = normalise_attendees(body["attendees"])
    body.setdefault("status", "confirmed")
    body.setdefault("visibility", "default")
    body.setdefault("transparency", "opaque")
    body.setdefault("reminders", {"useDefault": True})
    return body


def save_change(
    session: Session, calendar: CalendarRow, current: dict[str, Any], body: dict[str, Any]
) -> dict[str, Any]:
    """Replace ``current`` with ``body`` (identity kept, ``updated`` and ``sequence`` advanced)."""
    if current.get("recurringEventId") and body.get("recurrence"):
        raise invalid_field(
            "recurrence",
            "absent for a single instance",
            body["recurrence"],
            "an instance of a recurring event cannot have its own recurrence; patch the series",
        )
    finish_body(body, calendar)
    data = {key: current[key] for key in IDENTITY_FIELDS if key in current}
    data.update(body)
    data["updated"] = format_rfc3339(session.now)
    data["sequence"] = int(current.get("sequence", 0)) + 1
    write_event(session, data, calendar, replace=True)
    return data


def relocate(session: Session, data: dict[str, Any], target: CalendarRow) -> dict[str, Any]:
    """Store ``data`` on calendar ``target`` (organizer follows the calendar)."""
    moved = {
        **data,
        "calendarId": target.id,
        "organizer": {"email": target.id, "displayName": target.summary},
        "updated": format_rfc3339(session.now),
        "sequence": int(data.get("sequence", 0)) + 1,
    }
    write_event(session, moved, target, replace=True)
    return moved

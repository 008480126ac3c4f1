"""Reading events: one event by ID, and pages of a calendar's events computed in SQL.

A listing merges streams that are each already in the listing's order (:mod:`env.event_streams`):
stored rows from SQL (window, status, ``updatedMin``, ``iCalUID`` and text filters, keyset
pagination, LIMIT) and, with ``singleEvents``, the occurrences of each series inside the window.
Only the page's items (plus one, to know whether another page follows) are decoded and built, so a
page of a 100,000-event calendar costs about what a page of an empty one does.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import orjson

from env.access import ROLES
from env.errors import ErrorType, ToolFailure, invalid_field
from env.event_series import series_markers
from env.event_streams import Candidate, EventQuery, merge, stored_rows
from env.events_core import find_instance, matches_query, view_for
from env.paging import Key, decode_key_token, encode_key_token
from env.session import CalendarRow, Session
from env.timefmt import format_rfc3339, parse_rfc3339

__all__ = ["EventQuery", "busy_intervals", "listing", "listing_response", "load_event", "parse_window"]


def event_not_found(event_id: str, calendar_id: str) -> ToolFailure:
    return ToolFailure(
        ErrorType.NOT_FOUND,
        f"Event {event_id!r} was not found in calendar {calendar_id!r}.",
        details={"field": "eventId", "value": event_id, "calendarId": calendar_id, "resource": "event"},
        remediation=[
            "Use an event id returned by events_list on this same calendar (search with q= or "
            "timeMin/timeMax); event titles are not IDs, and an event lives in exactly one calendar."
        ],
    )


def load_event(session: Session, calendar: CalendarRow, event_id: str) -> dict[str, Any]:
    """The stored event (or computed recurring instance) ``event_id`` in ``calendar``."""
    row = session.conn.execute(
        "SELECT data FROM events WHERE id = ? AND calendar_id = ?", (event_id, calendar.id)
    ).fetchone()
    if row is not None:
        data: dict[str, Any] = orjson.loads(row[0])
        return data
    master_id, _, suffix = event_id.partition("_")
    if suffix:
        master_row = session.conn.execute(
            "SELECT data FROM events WHERE id = ? AND calendar_id = ? AND recurring = 1",
            (master_id, calendar.id),
        ).fetchone()
        if master_row is not None:
            instance = find_instance(orjson.loads(master_row[0]), calendar.time_zone, suffix)
            if instance is not None:
                return instance
    raise event_not_found(event_id, calendar.id)


def parse_window(time_min: str | None, time_max: str | None) -> tuple[datetime | None, datetime | None]:
    """Strictly parsed timeMin/timeMax (RFC3339 with offset; timeMax after timeMin)."""
    lo = parse_rfc3339(time_min, "timeMin") if time_min is not None else None
    hi = parse_rfc3339(time_max, "timeMax") if time_max is not None else None
    if lo is not None and hi is not None and hi <= lo:
        raise invalid_field("timeMax", "a time after timeMin", time_max, "timeMax must be after timeMin")
    return lo, hi


def streams_for(
    session: Session, query: EventQuery, after: Key | None, batch: int
) -> list[Iterator[Candidate]]:
    """Every stream a listing merges, for the query's mode."""
    if query.single:  # one-off events and changed occurrences, and each series' occurrences
        return [stored_rows(session, query, after, batch, 0), series_markers(session, query, after, batch)]
    if not query.windowed:
        return [stored_rows(session, query, after, batch, None)]
    # series rows span their whole recurrence, so they are probed apart from one-off events
    return [stored_rows(session, query, after, batch, 0), stored_rows(session, query, after, batch, 1)]


def page_of(
    session: Session, query: EventQuery, rank: int, after: Key | None, size: int
) -> tuple[list[dict[str, Any]], Key | None]:
    """One page of the actor's view of the query's events, and the key to resume after."""
    items: list[dict[str, Any]] = []
    last: Key | None = None
    terms = list(query.terms)
    actor = session.actor
    for key, _, build, _ in merge(streams_for(session, query, after, size + 1)):
        if len(items) == size and not terms:
            return items, last  # another item exists; without a text filter it needs no decoding
        assert build is not None
        viewed = view_for(build(), rank, actor)
        if terms and not matches_query(viewed, terms):
            continue  # the stored text matched, but not what this viewer may see
        if len(items) == size:
            return items, last
        items.append(viewed)
        last = key
    return items, None


def busy_intervals(
    session: Session, calendar: CalendarRow, lo: datetime, hi: datetime
) -> list[tuple[float, float]]:
    """(start, end) epochs of everything that blocks time on ``calendar`` within ``[lo, hi)``."""
    query = EventQuery(calendar, lo.timestamp(), hi.timestamp(), single=True, opaque_only=True)
    return [
        (max(key[0], query.lo), min(end_ts, query.hi))
        for key, end_ts, _, _ in merge(streams_for(session, query, None, 256))
    ]


def listing(
    session: Session,
    calendar: CalendarRow,
    rank: int,
    query: EventQuery,
    *,
    token: str | None,
    max_results: int,
    listing_name: str,
    time_zone: str | None = None,
) -> dict[str, Any]:
    """An events-list response: one page of ``query`` plus the calendar's listing fields."""
    tag = f"{listing_name}:{query.fingerprint()}"
    after = decode_key_token(tag, token, query.key_shape)
    items, last = page_of(session, query, rank, after, max_results)
    next_token = encode_key_token(tag, last) if last is not None else None
    return listing_response(session, calendar, rank, items, next_token, time_zone)


def listing_response(
    session: Session,
    calendar: CalendarRow,
    rank: int,
    items: list[dict[str, Any]],
    next_token: str | None,
    time_zone: str | None = None,
) -> dict[str, Any]:
    """The ``calendar#events`` envelope around a page of items."""
    result: dict[str, Any] = {
        "kind": "calendar#events",
        "summary": calendar.summary,
        "timeZone": time_zone or calendar.time_zone,
        "accessRole": ROLES[rank],
        "updated": format_rfc3339(session.now),
        "items": items,
    }
    if next_token:
        result["nextPageToken"] = next_token
    return result

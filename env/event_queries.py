"""Reading events: one event by ID, the events of a window (series expanded), and listing pages.

Shared by events_list, events_get, events_instances, the write tools (which load what they change)
and freebusy_query.
"""

from __future__ import annotations

import json
import math
from datetime import datetime
from typing import Any

from env.access import ROLES
from env.errors import ErrorType, ToolFailure, invalid_field
from env.events_core import (
    Series,
    find_instance,
    make_instance,
    matches_query,
    series_of,
    series_window,
    view_for,
)
from env.paging import page
from env.session import CalendarRow, Session
from env.timefmt import format_rfc3339, parse_rfc3339

Collected = list[tuple[float, float, int, dict[str, Any]]]


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
        data: dict[str, Any] = json.loads(row[0])
        return data
    master_id, _, suffix = event_id.partition("_")
    if suffix:
        master_row = session.conn.execute(
            "SELECT data FROM events WHERE id = ? AND calendar_id = ? AND recurring = 1",
            (master_id, calendar.id),
        ).fetchone()
        if master_row is not None:
            instance = find_instance(json.loads(master_row[0]), calendar.time_zone, suffix)
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


def _exceptions(session: Session, series_ids: list[str]) -> dict[str, tuple[float, float, int, str, str]]:
    """Modified or cancelled occurrences (rows keyed by instance id) of the given series."""
    marks = ", ".join("?" * len(series_ids))
    rows = session.conn.execute(
        f"SELECT id, start_ts, end_ts, seq, status, data FROM events WHERE recurring_event_id IN ({marks})",
        series_ids,
    )
    return {row[0]: (row[1], row[2], row[3], row[4], row[5]) for row in rows}


def _live_series(session: Session, series_ids: set[str]) -> set[str]:
    """Which of these series exist and are not deleted (their moved instances stay visible)."""
    if not series_ids:
        return set()
    marks = ", ".join("?" * len(series_ids))
    rows = session.conn.execute(
        f"SELECT id FROM events WHERE id IN ({marks}) AND status != 'cancelled'", sorted(series_ids)
    )
    return {row[0] for row in rows}


def _series(session: Session, event_id: str, seq: int, blob: str, calendar_tz: str) -> Series:
    """Parsed series times, cached per (event, write) so window probes skip JSON parsing."""
    key = (event_id, seq, calendar_tz)
    series = session.series_cache.get(key)
    if series is None:
        series = series_of(json.loads(blob), calendar_tz)
        session.series_cache[key] = series
    return series


def collect_events(
    session: Session,
    calendar: CalendarRow,
    lo: datetime | None,
    hi: datetime | None,
    *,
    single: bool,
    show_deleted: bool,
    master_id: str | None = None,
    series_only: bool = False,
) -> Collected:
    """(start epoch, end epoch, write seq, stored data) of events overlapping the window.

    With ``single`` recurring series are expanded into instances and modified/cancelled instances
    (exception rows) replace the occurrences they stand for. ``series_only`` skips one-off events
    (free/busy reads those straight from the time columns).
    """
    lo_ts = lo.timestamp() if lo is not None else -math.inf
    hi_ts = hi.timestamp() if hi is not None else math.inf
    sql = "SELECT id, start_ts, end_ts, seq, recurring, recurring_event_id, status, data FROM events "
    params: tuple[Any, ...]
    if master_id is not None:  # one series: its exceptions are fetched below, whatever the window
        sql += "WHERE calendar_id = ? AND id = ?"
        params = (calendar.id, master_id)
    else:
        sql += "WHERE calendar_id = ? AND end_ts > ? AND start_ts < ?"
        params = (calendar.id, lo_ts, hi_ts)
    if series_only:
        sql += " AND recurring = 1"
    out: Collected = []
    expanded: list[tuple[int, list[tuple[float, float, dict[str, Any]]]]] = []
    series_ids: list[str] = []
    stray: dict[str, tuple[float, float, int, str, str, str]] = {}  # in-window exceptions
    for event_id, start_ts, end_ts, seq, recurring, series_id, status, blob in session.conn.execute(
        sql, params
    ):
        if single and series_id is not None:
            stray[event_id] = (start_ts, end_ts, seq, status, blob, series_id)
            continue  # exception rows are merged into their series below
        if status == "cancelled" and not show_deleted:
            continue
        if single and recurring:
            series_ids.append(event_id)
            window = series_window(_series(session, event_id, seq, blob, calendar.time_zone), lo, hi)
            if window:
                master = json.loads(blob)
                instances = [(ts, bits[3], make_instance(master, bits)) for ts, bits in window]
                expanded.append((seq, instances))
        else:
            out.append((start_ts, end_ts, seq, json.loads(blob)))
    if single:
        bounds = (lo_ts, hi_ts)
        out += _merge_occurrences(session, expanded, series_ids, stray, bounds, show_deleted=show_deleted)
    return out


def _merge_occurrences(
    session: Session,
    expanded: list[tuple[int, list[tuple[float, float, dict[str, Any]]]]],
    series_ids: list[str],
    stray: dict[str, tuple[float, float, int, str, str, str]],
    window: tuple[float, float],
    *,
    show_deleted: bool,
) -> Collected:
    """Series occurrences with their exception rows applied (modified, cancelled or moved in)."""
    lo_ts, hi_ts = window
    exceptions = _exceptions(session, series_ids) if series_ids else {}
    live_masters = set(series_ids) | _live_series(
        session, {entry[5] for entry in stray.values()} - set(series_ids)
    )
    for event_id, (ex_start, ex_end, ex_seq, ex_status, blob, series_id) in stray.items():
        if series_id in live_masters:
            exceptions.setdefault(event_id, (ex_start, ex_end, ex_seq, ex_status, blob))
    out: Collected = []
    for seq, instances in expanded:
        for start_ts, end_ts, instance in instances:
            override = exceptions.pop(instance["id"], None)
            if override is None:
                out.append((start_ts, end_ts, seq, instance))
                continue
            ex_start, ex_end, ex_seq, ex_status, blob = override
            if ex_status == "cancelled" and not show_deleted:
                continue
            if ex_end > lo_ts and ex_start < hi_ts:
                out.append((ex_start, ex_end, ex_seq, json.loads(blob)))
    for ex_start, ex_end, ex_seq, ex_status, blob in exceptions.values():
        # modified instances moved into the window from an occurrence outside it
        if ex_end > lo_ts and ex_start < hi_ts and (ex_status != "cancelled" or show_deleted):
            out.append((ex_start, ex_end, ex_seq, json.loads(blob)))
    return out


def listing(
    session: Session,
    calendar: CalendarRow,
    rank: int,
    collected: Collected,
    *,
    q: str | None,
    order_by: str | None,
    token: str | None,
    max_results: int,
    listing_name: str,
) -> dict[str, Any]:
    """Apply visibility, free-text search, ordering and paging to collected events."""
    viewed = [(ts, seq, view_for(data, rank, session.actor)) for ts, _, seq, data in collected]
    if q:
        terms = q.lower().split()
        viewed = [entry for entry in viewed if matches_query(entry[2], terms)]
    if order_by == "updated":
        viewed.sort(key=lambda e: (e[1], e[0], e[2]["id"]))
    else:
        viewed.sort(key=lambda e: (e[0], e[2]["id"]))
    items, next_token = page([e[2] for e in viewed], listing_name, token, max_results)
    result: dict[str, Any] = {
        "kind": "calendar#events",
        "summary": calendar.summary,
        "timeZone": calendar.time_zone,
        "accessRole": ROLES[rank],
        "updated": format_rfc3339(session.now),
        "items": items,
    }
    if next_token:
        result["nextPageToken"] = next_token
    return result

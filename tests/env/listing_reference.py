"""A deliberately naive events listing, to check the SQL-driven one against.

It reads every stored event of the calendar from a snapshot (no SQL filtering), expands every
series over the whole window, applies the rules one by one, sorts everything and slices. Slow and
obviously right; the real listing must return exactly what it returns, page after page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from env import CalendarEnv
from env.access import RANK
from env.events_core import (
    index_columns,
    make_instance,
    matches_query,
    parse_stored_times,
    series_occurrences,
    series_of,
    view_for,
)
from env.timefmt import parse_rfc3339


@dataclass(frozen=True)
class Query:
    calendar_id: str
    lo: float = -math.inf
    hi: float = math.inf
    single: bool = False
    show_deleted: bool = False
    q: str | None = None
    by_updated: bool = False
    updated_min: float | None = None
    ical_uid: str | None = None


def reference_listing(env: CalendarEnv, query: Query) -> list[dict[str, Any]]:
    """Every item the listing should return, in order (the viewer is the env's acting user)."""
    role = next(
        item["accessRole"]
        for item in env.call_tool("calendars_list", {"showHidden": True})["items"]
        if item["id"] == query.calendar_id
    )
    rank = RANK[role]
    tz = env.call_tool("calendars_get", {"calendarId": query.calendar_id})["timeZone"]
    everything = env.snapshot().events()
    seqs = dict(env.session.conn.execute("SELECT id, seq FROM events"))
    by_id = {event["id"]: event for event in everything}
    events = [event for event in everything if event["calendarId"] == query.calendar_id]
    show_deleted = query.show_deleted or query.updated_min is not None
    changed = {event["id"] for event in everything if event.get("recurringEventId")}
    found: list[tuple[tuple[Any, ...], dict[str, Any]]] = []

    def keep(data: dict[str, Any]) -> bool:
        if data.get("status") == "cancelled" and not show_deleted:
            return False
        if (
            query.updated_min is not None
            and parse_rfc3339(data["updated"], "u").timestamp() < query.updated_min
        ):
            return False
        return query.ical_uid is None or data.get("iCalUID") == query.ical_uid

    def key(start: float, data: dict[str, Any], seq: int) -> tuple[Any, ...]:
        if query.by_updated:
            return (parse_rfc3339(data["updated"], "u").timestamp(), seq, start, data["id"])
        return (start, data["id"])

    for data in events:
        start, end = parse_stored_times(data, tz)
        start_ts, end_ts, recurring = index_columns(data, start, end)
        if not keep(data):
            continue
        if query.single and data.get("recurringEventId"):
            master = by_id.get(data["recurringEventId"])
            if master is None or (master.get("status") == "cancelled" and not show_deleted):
                continue
        if query.single and recurring:
            series = series_of(data, tz)
            for occurrence_start, instance_id, bits in series_occurrences(
                series, data["id"], query.lo, query.hi
            ):
                if instance_id not in changed:
                    found.append(
                        (
                            key(occurrence_start, {**data, "id": instance_id}, seqs[data["id"]]),
                            make_instance(data, bits),
                        )
                    )
            continue
        if end_ts > query.lo and start_ts < query.hi:
            found.append((key(start_ts, data, seqs[data["id"]]), data))
    terms = query.q.lower().split() if query.q else []
    viewed = [(k, view_for(data, rank, env.actor)) for k, data in found]
    viewed = [(k, item) for k, item in viewed if matches_query(item, terms)]
    viewed.sort(key=lambda entry: entry[0])
    return [item for _, item in viewed]


def list_all_pages(env: CalendarEnv, args: dict[str, Any], page_size: int) -> list[dict[str, Any]]:
    """Every item of a listing, following nextPageToken with pages of ``page_size``."""
    items: list[dict[str, Any]] = []
    token = None
    for _ in range(10_000):
        page = env.call_tool(
            "events_list", {**args, "maxResults": page_size, **({"pageToken": token} if token else {})}
        )
        assert page.get("ok") is not False, page
        assert len(page["items"]) <= page_size
        items += page["items"]
        token = page.get("nextPageToken")
        if token is None:
            return items
        assert page["items"], "a page that promises more must not be empty"
    raise AssertionError("listing never ended")

"""Streams of series occurrences for listings: a marker per series, expanded when reached.

A series overlapping the window is one *marker* candidate in the listing's order (see
:mod:`env.event_streams`); when the merge reaches it, the marker becomes the series' own stream
of occurrences inside the window, computed from the series' cached expansion and leaving out the
occurrences a stored row replaces (changed or cancelled ones, which the row streams list).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from functools import lru_cache, partial
from typing import Any

import orjson

from env.event_streams import (
    ROW_COLUMNS,
    VIEW_HEAD,
    Candidate,
    EventQuery,
    RowFilter,
    row_key,
)
from env.events_core import (
    HORIZON_SECONDS,
    InstanceBits,
    Series,
    make_instance,
    series_occurrences,
    series_of,
)
from env.paging import Key
from env.session import Session

DST_SLACK = 7200.0  # all-day occurrences are an hour longer or shorter across DST changes


@lru_cache(maxsize=16384)
def _series_of(blob: bytes, calendar_tz: str) -> Series:
    """A stored series' expansion, shared by every session (keyed by the stored text)."""
    return series_of(orjson.loads(blob), calendar_tz)


def series_markers(session: Session, query: EventQuery, after: Key | None, batch: int) -> Iterator[Candidate]:
    """One marker per series that may have occurrences after ``after``, in the listing's order."""
    masters = EventQuery(
        query.calendar,
        query.lo,
        query.hi,
        show_deleted=query.show_deleted,
        updated_min=query.updated_min,
        terms=query.terms,
        ical_uid=query.ical_uid,
        by_updated=query.by_updated,
        series_id=query.series_id,
        opaque_only=query.opaque_only,
    )
    where = RowFilter(masters, 1)
    if after is not None and not query.by_updated:
        # a series that ended before the key has nothing left to list; without timeMax a series
        # lists at most two years past max(timeMin, its start)
        where.conditions.append("e.end_ts > :resume")
        if not math.isfinite(query.hi):
            where.conditions.append("max(:lo, e.start_ts) + :horizon + e.span > :resume")
        where.params.update(resume=after[0], lo=max(query.lo, -1e18), horizon=HORIZON_SECONDS + DST_SLACK)
    if after is not None and query.by_updated:
        where.conditions.append("(e.updated_ts, e.seq) >= (:u0, :u1)")
        where.params.update(u0=after[0], u1=after[1])
    unpaged = _Unpaged(where)
    while True:
        sql, params = unpaged.sql(batch)
        rows = session.conn.execute(sql, params).fetchall()
        changed = _changed_occurrences(session, [row[0] for row in rows])
        for row in rows:
            series_id, start_ts, _, updated_ts, seq, _ = row
            marker: Key = (updated_ts, seq, -math.inf, "") if query.by_updated else (start_ts, series_id)
            replaced = changed.get(series_id, frozenset())
            yield marker, 0.0, None, partial(_occurrences, query, after, row, replaced)
        if len(rows) < batch:
            return
        unpaged.after = row_key(masters, rows[-1])
        batch *= 2


class _Unpaged:
    """Series rows in the listing's order, with no keyset on the listing's own key (markers are
    positions, not items: a series that started before the key may still list after it)."""

    def __init__(self, where: RowFilter) -> None:
        self.where = where
        self.after: Key | None = None

    def sql(self, limit: int) -> tuple[str, dict[str, Any]]:
        conditions = list(self.where.conditions)
        params = {**self.where.params, "limit": limit}
        if self.after is not None:
            conditions.append(self.where.keyset.replace(">=", ">"))
            params.update(k0=self.after[0], k1=self.after[1])
        where = " AND ".join(conditions)
        return f"SELECT {ROW_COLUMNS} {VIEW_HEAD} {where} ORDER BY {self.where.order} LIMIT :limit", params


def _changed_occurrences(session: Session, series_ids: list[str]) -> dict[str, frozenset[str]]:
    """Per series, the ids of occurrences replaced by a stored row (changed or cancelled)."""
    found: dict[str, set[str]] = {}
    for start in range(0, len(series_ids), 500):
        chunk = series_ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for series_id, event_id in session.conn.execute(
            f"SELECT recurring_event_id, id FROM events WHERE recurring_event_id IN ({marks})", chunk
        ):
            found.setdefault(series_id, set()).add(event_id)
    return {series_id: frozenset(ids) for series_id, ids in found.items()}


def _occurrences(
    query: EventQuery, after: Key | None, row: tuple[Any, ...], changed: frozenset[str]
) -> Iterator[Candidate]:
    """The occurrences of one series inside the window, after ``after``, changed ones left out."""
    series_id, _, _, updated_ts, seq, blob = row
    resume: tuple[float, str] | None = None
    if after is not None and query.by_updated:
        if (updated_ts, seq) < after[:2]:
            return
        if (updated_ts, seq) == after[:2]:
            resume = (after[2], after[3])
    elif after is not None:
        resume = (after[0], after[1])
    master: list[dict[str, Any]] = []  # decoded once, when the page first needs an occurrence

    def build(bits: InstanceBits) -> dict[str, Any]:
        if not master:
            master.append(orjson.loads(blob))
        return make_instance(master[0], bits)

    series = _series_of(blob, query.calendar.time_zone)
    for start_ts, instance_id, bits in series_occurrences(series, series_id, query.lo, query.hi, resume):
        if instance_id in changed:
            continue
        key: Key = (updated_ts, seq, start_ts, instance_id) if query.by_updated else (start_ts, instance_id)
        yield key, bits[3], partial(build, bits), None

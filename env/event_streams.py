"""Ordered, lazy streams of listing candidates: stored rows from SQL, and occurrences of series.

A listing (:mod:`env.event_queries`) merges several streams that are each already in the
listing's order, and stops once it has a page. A *candidate* is a tuple
``(key, end epoch, build, expand)``:

* an item: ``build()`` returns the stored event resource (decoded only if the page needs it);
* a series marker (``build`` is None): ``expand()`` returns the series' own stream of occurrences
  (:mod:`env.event_series`). A marker's key sorts before every occurrence of its series, so a
  series is expanded only once the merge reaches it: an unwindowed page touches the series that
  start before its last item, not every series of the calendar.

Stored rows come with the window, status, ``updatedMin``, ``iCalUID`` and text filters in SQL,
keyset pagination and a LIMIT. Free text must match what the viewer can see, so SQL only
pre-selects (a substring match on the stored text) and the listing checks the visible form.
"""

from __future__ import annotations

import heapq
import itertools
import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

import orjson

from env.events_core import (
    SPAN_CLASSES,
)
from env.paging import Key
from env.session import CalendarRow, Session
from env.store import BASE, SEARCH_TEMPLATE_EVENTS

Build = Callable[[], dict[str, Any]]
Candidate = tuple[Key, float, Build | None, Callable[[], Iterator[Any]] | None]

SCAN_BUDGET = 120  # rows a free-text listing scans in order before it asks the search index
LOCAL_ID_LIMIT = 2000  # more candidates than this among the session's rows: scan them instead
ROW_COLUMNS = "e.id, e.start_ts, e.end_ts, e.updated_ts, e.seq, e.data"
_LOCAL_HEAD = "FROM main.events_local e WHERE"
VIEW_HEAD = "FROM events e WHERE"


def merge(streams: list[Iterator[Candidate]]) -> Iterator[Candidate]:
    """Items of all streams in key order; series markers are replaced by their occurrences.

    A stream is advanced only when the next item is asked for, so a page never makes a stream
    fetch the batch after the one the page ended in.
    """
    if len(streams) == 1:  # no heap needed until a series marker turns up
        only = streams[0]
        for candidate in only:
            if candidate[3] is None:
                yield candidate
                continue
            yield from merge([candidate[3](), only])
            return
        return
    heap: list[tuple[Key, int, Candidate, Iterator[Candidate]]] = []
    ticket = itertools.count()  # breaks ties so iterators are never compared

    def push(stream: Iterator[Candidate]) -> None:
        first = next(stream, None)
        if first is not None:
            heapq.heappush(heap, (first[0], next(ticket), first, stream))

    for stream in streams:
        push(stream)
    while heap:
        _, _, candidate, stream = heapq.heappop(heap)
        expand = candidate[3]
        if expand is not None:
            push(expand())
        else:
            yield candidate
        push(stream)


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Which events of one calendar a listing wants, and in which order."""

    calendar: CalendarRow
    lo: float = -math.inf
    hi: float = math.inf
    single: bool = False  # expand series into occurrences (singleEvents)
    show_deleted: bool = False
    updated_min: float | None = None
    terms: tuple[str, ...] = ()  # lower-cased free-text terms, all of which must match
    ical_uid: str | None = None
    by_updated: bool = False  # order by (updated, write sequence) instead of start time
    series_id: str | None = None  # only this series (events_instances; needs single)
    opaque_only: bool = False  # only events that block time (free/busy)

    @property
    def windowed(self) -> bool:
        return self.lo > -math.inf or self.hi < math.inf

    @property
    def key_shape(self) -> tuple[type, ...]:
        return (float, int, float, str) if self.by_updated else (float, str)

    def fingerprint(self) -> str:
        """What a page token must agree on (a token from another query is refused)."""
        parts = (self.lo, self.hi, self.single, self.show_deleted, self.updated_min, self.terms)
        return json.dumps([*parts, self.ical_uid, self.by_updated], separators=(",", ":"))


# ---- stored rows -----------------------------------------------------------------------------


class RowFilter:
    """The fixed part of a row stream's SQL: conditions and parameters that do not change by batch."""

    def __init__(
        self,
        query: EventQuery,
        recurring: int | None,
        text: bool = True,
        span_class: tuple[int, float] | None = None,
    ) -> None:
        self.query = query
        self.params: dict[str, Any] = {"calendar": query.calendar.id}
        conditions = ["e.calendar_id = :calendar"]
        if recurring is not None:
            conditions.append(f"e.recurring = {recurring}")
        if query.windowed:
            conditions += ["e.start_ts < :hi", "e.end_ts > :lo"]
            self.params.update(lo=query.lo, hi=query.hi)
        if not query.show_deleted:
            conditions.append("e.status != 'cancelled'")
        if query.updated_min is not None:
            conditions.append("e.updated_ts >= :updated_min")
            self.params["updated_min"] = query.updated_min
        if query.ical_uid is not None:
            conditions.append("e.ical_uid = :ical_uid")
            self.params["ical_uid"] = query.ical_uid
        if query.opaque_only:
            conditions.append("e.opaque = 1")
        if recurring == 0 and query.series_id is not None:
            conditions.append("e.recurring_event_id = :series")
            self.params["series"] = query.series_id
        if recurring == 0 and query.single:
            # a changed occurrence is listed while its series is (a deleted series hides its own)
            live = "" if query.show_deleted else " AND m.status != 'cancelled'"
            conditions.append(
                "(e.recurring_event_id IS NULL OR EXISTS "
                f"(SELECT 1 FROM events m WHERE m.id = e.recurring_event_id{live}))"
            )
        if recurring == 1 and query.series_id is not None:
            conditions.append("e.id = :series")
            self.params["series"] = query.series_id
        if text:
            conditions += text_conditions(query.terms, self.params)
        self.conditions = conditions
        self.floor = -math.inf
        if span_class is not None:
            # one-offs of this length class that overlap the window start at most its longest
            # span early (a second of slack for rounding: the end_ts condition decides)
            klass, longest = span_class
            conditions.append(f"e.span_class = {klass}")
            self.floor = query.lo - min(longest, SPAN_CLASSES[klass]) - 1.0
        if query.by_updated:
            # seq is unique per row, so (updated, seq) orders rows completely; ``>=`` plus the exact
            # key comparison in Python keep out the row the previous page ended on.
            self.order, self.keyset = "e.updated_ts, e.seq", "(e.updated_ts, e.seq) >= (:k0, :k1)"
        else:
            self.order, self.keyset = "e.start_ts, e.id", "(e.start_ts, e.id) > (:k0, :k1)"

    def sql(
        self, head: str, after: Key | None, limit: int, columns: str = ROW_COLUMNS
    ) -> tuple[str, dict[str, Any]]:
        """One batch's statement: rows after ``after`` in order, at most ``limit``."""
        conditions = list(self.conditions)
        params = {**self.params, "limit": limit}
        if after is not None:
            conditions.append(self.keyset)
            params.update(k0=after[0], k1=after[1])
        if math.isfinite(self.floor):
            conditions.append("e.start_ts >= :floor")
            params["floor"] = self.floor
        sql = f"SELECT {columns} {head} {' AND '.join(conditions)} ORDER BY {self.order} LIMIT :limit"
        return sql, params


def text_conditions(terms: tuple[str, ...], params: dict[str, Any]) -> list[str]:
    """Every term must occur in the stored search text (a superset of what a viewer may see)."""
    params.update({f"t{index}": term for index, term in enumerate(terms)})
    return [f"instr(e.search_text, :t{index}) > 0" for index in range(len(terms))]


def row_key(query: EventQuery, row: tuple[Any, ...]) -> Key:
    event_id, start_ts, _, updated_ts, seq = row[:5]
    return (updated_ts, seq, start_ts, event_id) if query.by_updated else (start_ts, event_id)


def _paged(
    session: Session, where: RowFilter, after: Key | None, batch: int, head: str = VIEW_HEAD
) -> Iterator[Candidate]:
    """Stored rows after ``after`` as items, fetched ``batch`` at a time (doubling)."""
    by_updated = where.query.by_updated
    while True:
        sql, params = where.sql(head, after, batch)
        rows = session.conn.execute(sql, params).fetchall()
        for row in rows:
            key = (row[3], row[4], row[1], row[0]) if by_updated else (row[1], row[0])
            if after is None or key > after:
                yield key, row[2], partial(orjson.loads, row[5]), None
        if len(rows) < batch:
            return
        after = row_key(where.query, rows[-1])
        batch *= 2


def by_span_class(query: EventQuery, recurring: int | None) -> bool:
    """Whether a window probe of one-offs walks each length class separately (see SPAN_CLASSES)."""
    return recurring == 0 and query.windowed and math.isfinite(query.lo)


_TEMPLATE_SPANS: dict[tuple[str, str], dict[int, float]] = {}


def span_classes_on(session: Session, calendar_id: str) -> list[tuple[int, float]]:
    """(length class, longest span) of the one-off events a calendar may hold (the template's,
    cached, and the session's own writes), so a window probe skips the classes it has none of
    and walks each from as little before timeMin as its longest event needs."""
    key = (session.world_key, calendar_id)
    template = _TEMPLATE_SPANS.get(key)
    if template is None:
        rows = session.conn.execute(
            f"SELECT span_class, max(span) FROM {BASE}.events WHERE calendar_id = ? AND recurring = 0 "
            "GROUP BY span_class",
            (calendar_id,),
        )
        template = {row[0]: row[1] for row in rows}
        if session.world_key:  # worlds without a key (hand-built sessions) are not cached
            _TEMPLATE_SPANS[key] = template
    written = session.written_spans.get(calendar_id)
    if not written:
        return sorted(template.items())
    spans = dict(template)
    for klass, longest in written.items():
        spans[klass] = max(longest, spans.get(klass, longest))
    return sorted(spans.items())


def stored_rows(
    session: Session, query: EventQuery, after: Key | None, batch: int, recurring: int | None
) -> Iterator[Candidate]:
    """Stored rows (``recurring`` 0: one-offs and changed occurrences; 1: series; None: all)."""
    classes: list[tuple[int, float] | None] = [None]
    if by_span_class(query, recurring):
        classes = [*span_classes_on(session, query.calendar.id)]
    streams = []
    for span_class in classes:
        if query.terms:
            streams.append(_search(session, query, after, batch, recurring, span_class))
        else:
            streams.append(_paged(session, RowFilter(query, recurring, span_class=span_class), after, batch))
    if not streams:
        return iter(())
    return streams[0] if len(streams) == 1 else merge(streams)


def _search(
    session: Session,
    query: EventQuery,
    after: Key | None,
    batch: int,
    recurring: int | None,
    span_class: tuple[int, float] | None,
) -> Iterator[Candidate]:
    """Stored rows containing every term: scanned in order first, then through the search index.

    A frequent word fills a page within the first rows; a rare one would make the scan read the
    whole calendar, so after ``SCAN_BUDGET`` rows the template's rows come from its FTS5 trigram
    index (every three-letter piece of every term), and the session's own rows from the session's
    own index of the same pieces. When the two indexes hold no more than ``SCAN_BUDGET`` rows with
    every piece in all, the scan could not do better than reading them, and is skipped.
    """
    pieces = sorted({term[i : i + 3] for term in query.terms for i in range(len(term) - 2)})
    if not pieces:  # terms shorter than three letters cannot use the index
        yield from _paged(session, RowFilter(query, recurring, span_class=span_class), after, batch)
        return
    match = " AND ".join(_quoted(piece) for piece in pieces)
    written = session.written_with(pieces)  # the session's own rows that may contain the terms
    last = after
    template_hits = _template_hits(session, pieces)
    if len(written) + template_hits > SCAN_BUDGET:
        scan = RowFilter(query, recurring, text=False, span_class=span_class)
        hit = " AND ".join(text_conditions(query.terms, scan.params))
        columns = ROW_COLUMNS.replace("e.data", f"CASE WHEN {hit} THEN e.data END")
        sql, params = scan.sql(VIEW_HEAD, after, SCAN_BUDGET, columns)
        rows = session.conn.execute(sql, params).fetchall()
        for row in rows:
            key = row_key(query, row)
            if row[5] is not None and (after is None or key > after):
                yield key, row[2], partial(orjson.loads, row[5]), None
        if len(rows) < SCAN_BUDGET:
            return
        last = row_key(query, rows[-1])
    streams = []
    if template_hits:  # else some piece occurs in no template row
        indexed = RowFilter(query, recurring, span_class=span_class)
        indexed.params["match"] = match
        streams.append(_paged(session, indexed, last, batch, f"{SEARCH_TEMPLATE_EVENTS} AND"))
    if len(written) > LOCAL_ID_LIMIT:
        local = RowFilter(query, recurring, span_class=span_class)
        streams.append(_paged(session, local, last, batch, _LOCAL_HEAD))
    elif written:
        local = RowFilter(query, recurring, span_class=span_class)
        marks = ", ".join(f":w{index}" for index in range(len(written)))
        local.conditions.append(f"e.id IN ({marks})")
        local.params.update({f"w{index}": event_id for index, event_id in enumerate(sorted(written))})
        streams.append(_paged(session, local, last, batch, _LOCAL_HEAD))
    if len(streams) == 1:
        yield from streams[0]
    else:
        yield from heapq.merge(*streams, key=lambda candidate: candidate[0])


_PIECE_HITS: dict[tuple[str, str, int], int] = {}
_PIECE_HITS_LIMIT = 100_000  # distinct (world, piece) counts kept before the cache starts over


def _template_hits(session: Session, pieces: list[str]) -> int:
    """A bound on the template rows (of any calendar) holding every piece, capped at
    ``SCAN_BUDGET + 1``: the fewest rows the search index holds for any one of the pieces.

    Counts are facts about the read-only template, so they are kept per world and piece.
    """
    cap = SCAN_BUDGET + 1
    fewest = cap
    for piece in pieces:
        key = (session.world_key, piece, cap)
        hits = _PIECE_HITS.get(key)
        if hits is None:
            row = session.conn.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {BASE}.events_fts WHERE events_fts MATCH ? LIMIT ?)",
                (_quoted(piece), cap),
            ).fetchone()
            hits = int(row[0])
            if session.world_key:  # worlds without a key (hand-built sessions) are not cached
                if len(_PIECE_HITS) >= _PIECE_HITS_LIMIT:
                    _PIECE_HITS.clear()
                _PIECE_HITS[key] = hits
        fewest = min(fewest, hits)
        if not fewest:
            break
    return fewest


def _quoted(piece: str) -> str:
    """A piece as an FTS5 string (so that quotes and operators in it are text)."""
    return '"' + piece.replace('"', '""') + '"'

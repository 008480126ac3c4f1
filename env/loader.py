"""Build a world's template file from its data (validated with the tools' own rules).

World events go through the same strict checks as ``events_insert``, so a world file can never
hold data the API itself would reject. Templates are built once per process and shared by every
session over the world (see :mod:`env.store`).
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from env.errors import ToolFailure
from env.event_writes import anchor_local_times
from env.events_core import (
    INSERT_EVENT_SQL,
    check_email,
    check_event_id,
    event_row,
    normalise_attendees,
    validate_times,
)
from env.generator import EVENT_CHUNK, WorldShape, iter_events, world_skeleton
from env.store import build_template, template_path
from env.timefmt import format_rfc3339, parse_rfc3339, zone
from env.tools.events_insert import EventsInsertArgs
from env.world import WorldSpec, parse_world, read_world_source, world_fingerprint

DEFAULT_SETTINGS = {
    "locale": "en",
    "weekStart": "1",
    "format24HourTime": "false",
    "defaultEventLength": "30",
    "dateFieldOrder": "MDY",
    "hideWeekends": "false",
}


class WorldError(ValueError):
    """A world file that breaks the API's own rules (message names the offending record)."""


@dataclass(frozen=True)
class LoadedWorld:
    """A built world: its template file plus the facts a session needs to start.

    It is plain data (picklable), so a server can build its worlds once and hand them to worker
    processes, which open the same template file.
    """

    name: str
    domain: str
    now: datetime
    default_actor: str
    template: Path
    fingerprint: str
    event_count: int
    max_seq: int


_LOADED: dict[str, LoadedWorld] = {}
_LOADED_LOCK = threading.Lock()


def load_world(source: str | dict[str, Any] | LoadedWorld) -> LoadedWorld:
    """The world for a bundled name, path or inline dict (built once per process, then cached).

    Named worlds are cached by name, inline worlds by a fingerprint of their content, so thousands
    of sessions over the same world share one template file. A ``LoadedWorld`` is returned as is.
    """
    if isinstance(source, LoadedWorld):
        return source
    if isinstance(source, str) and source in _LOADED:
        return _LOADED[source]
    data = read_world_source(source)
    key = world_fingerprint(data)
    loaded = _LOADED.get(key)
    if loaded is None:
        try:
            spec = parse_world(data)
        except ValidationError as exc:
            raise WorldError(f"Invalid world data: {exc}") from exc
        with _LOADED_LOCK:
            loaded = _LOADED.get(key)
            if loaded is None:
                loaded = build_world(spec, key)
                _LOADED[key] = loaded
    if isinstance(source, str):
        _LOADED[source] = loaded
    return loaded


def register_world(loaded: LoadedWorld, *names: str) -> None:
    """Make an already built world (e.g. one a parent process built) known under its names."""
    with _LOADED_LOCK:
        _LOADED[loaded.fingerprint] = loaded
        for name in names:
            _LOADED[name] = loaded


RowSource = Callable[["_EventContext"], Iterable[tuple[Any, ...]]]


def _world_file_rows(spec: WorldSpec) -> RowSource:
    return lambda context: (context.row(raw, seq) for seq, raw in enumerate(spec.events, start=1))


def build_world(spec: WorldSpec, key: str, rows: RowSource | None = None) -> LoadedWorld:
    """Build the template file for ``spec`` (raises ``WorldError`` naming the offending record).

    ``rows`` produces the events' stored rows (by default from ``spec.events``; a generated world
    streams them instead).
    """
    path = template_path(key)
    source = rows or _world_file_rows(spec)
    try:
        build_template(path, lambda conn: _fill(conn, spec, source))
    except ToolFailure as failure:
        raise WorldError(f"World {spec.name!r}: {failure.message} {failure.details}") from failure
    except sqlite3.IntegrityError as exc:
        raise WorldError(f"World {spec.name!r}: duplicate record ({exc}).") from exc
    return describe_world(spec.name, spec.domain, spec.now, spec.default_actor, path, key)


def describe_world(name: str, domain: str, now: str, default_actor: str, path: Path, key: str) -> LoadedWorld:
    """The ``LoadedWorld`` for a finished template file."""
    with sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True) as conn:
        count, max_seq = conn.execute("SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM events").fetchone()
    conn.close()
    return LoadedWorld(name, domain, parse_rfc3339(now, "now"), default_actor, path, key, count, max_seq)


def _calendar_zones(spec: WorldSpec) -> dict[str, str]:
    """Every calendar's time zone (a shared calendar defaults to its owner's)."""
    users = {user.email: user for user in spec.users}
    zones = {user.email: user.timeZone for user in spec.users}
    for calendar in spec.calendars:
        if calendar.owner not in users:
            raise WorldError(f"Calendar {calendar.id!r}: owner {calendar.owner!r} is not a user.")
        tz = calendar.timeZone or users[calendar.owner].timeZone
        zone(tz, "calendars[].timeZone")
        zones[calendar.id] = tz
    return zones


def _fill(conn: sqlite3.Connection, spec: WorldSpec, rows: RowSource) -> None:
    users = {user.email: user for user in spec.users}
    if spec.default_actor not in users:
        raise WorldError(f"default_actor {spec.default_actor!r} is not a user of the world.")
    for user in spec.users:
        check_email(user.email, "users[].email")
        zone(user.timeZone, "users[].timeZone")
        conn.execute(
            "INSERT INTO users VALUES (?, ?, ?, ?, ?)",
            (
                user.email,
                user.displayName,
                user.timeZone,
                user.title,
                f"{user.displayName} {user.email}".lower(),
            ),
        )
        conn.execute(
            "INSERT INTO calendars VALUES (?, ?, '', ?, ?, '', 1)",
            (user.email, user.displayName, user.email, user.timeZone),
        )
        conn.execute(
            "INSERT INTO acl VALUES (?, ?, 'user', ?, 'owner')",
            (user.email, f"user:{user.email}", user.email),
        )
        settings = {**DEFAULT_SETTINGS, "timezone": user.timeZone, **user.settings}
        conn.executemany(
            "INSERT INTO settings VALUES (?, ?, ?)",
            [(user.email, key, value) for key, value in settings.items()],
        )
    for group in spec.groups:
        conn.execute("INSERT INTO groups VALUES (?, ?)", (group.email, group.name))
        conn.executemany("INSERT INTO group_members VALUES (?, ?)", [(group.email, m) for m in group.members])
    zones = _calendar_zones(spec)
    for calendar in spec.calendars:
        tz = zones[calendar.id]
        conn.execute(
            "INSERT INTO calendars VALUES (?, ?, ?, ?, ?, ?, 0)",
            (calendar.id, calendar.summary, calendar.description, calendar.owner, tz, calendar.location),
        )
        conn.execute(
            "INSERT INTO acl VALUES (?, ?, 'user', ?, 'owner')",
            (calendar.id, f"user:{calendar.owner}", calendar.owner),
        )
    if spec.free_busy == "domain":  # the world asked for Workspace-style sharing; explicit rules win
        conn.executemany(
            "INSERT INTO acl VALUES (?, ?, 'domain', ?, 'freeBusyReader')",
            [(user.email, f"domain:{spec.domain}", spec.domain) for user in spec.users],
        )
    for rule in spec.acl:
        if rule.calendarId not in zones:
            raise WorldError(f"ACL rule on unknown calendar {rule.calendarId!r}.")
        rule_id = "default" if rule.scope.type == "default" else f"{rule.scope.type}:{rule.scope.value}"
        conn.execute(
            "INSERT OR REPLACE INTO acl VALUES (?, ?, ?, ?, ?)",
            (rule.calendarId, rule_id, rule.scope.type, rule.scope.value, rule.role),
        )
    for entry in spec.calendar_list:
        conn.execute(
            "INSERT INTO calendar_list VALUES (?, ?, ?, ?)",
            (entry.user, entry.calendarId, entry.summaryOverride, int(entry.hidden)),
        )
    batch: list[tuple[Any, ...]] = []
    for row in rows(_EventContext.of(spec, zones)):
        batch.append(row)
        if len(batch) >= 4096:
            conn.executemany(INSERT_EVENT_SQL, batch)
            batch.clear()
    conn.executemany(INSERT_EVENT_SQL, batch)


_META_FIELDS = ("created", "updated", "creator", "recurringEventId", "originalStartTime")


@dataclass(frozen=True, slots=True)
class _EventContext:
    """What turning a world event into a stored row needs to know about the world."""

    zones: dict[str, str]
    names: dict[str, str]
    owners: dict[str, str]
    domain: str
    stamp: str

    @classmethod
    def of(cls, spec: WorldSpec, zones: dict[str, str]) -> _EventContext:
        names = {user.email: user.displayName for user in spec.users}
        names.update({calendar.id: calendar.summary for calendar in spec.calendars})
        owners = {user.email: user.email for user in spec.users}
        owners.update({calendar.id: calendar.owner for calendar in spec.calendars})
        return cls(zones, names, owners, spec.domain, format_rfc3339(parse_rfc3339(spec.now, "now")))

    def row(self, raw: dict[str, Any], seq: int, *, trusted: bool = False) -> tuple[Any, ...]:
        """The stored row for one world event, checked like ``events_insert`` checks its input.

        ``trusted`` skips only the pydantic shape check, for events a generator built (their shape
        is fixed by code and tested); times, recurrence, IDs and emails are always checked.
        """
        raw = dict(raw)
        calendar_id = raw.pop("calendarId", None)
        if calendar_id not in self.zones:
            raise WorldError(f"Event {raw.get('id')!r}: unknown calendarId {calendar_id!r}.")
        meta: dict[str, Any] = {key: raw.pop(key) for key in _META_FIELDS if key in raw}
        event_id = raw.get("id")
        if trusted:
            body = {key: value for key, value in raw.items() if key != "id"}
        else:
            try:
                body = EventsInsertArgs.model_validate({**raw, "calendarId": calendar_id}).model_dump(
                    exclude_none=True, exclude={"calendarId", "id"}
                )
            except ValidationError as exc:
                raise WorldError(f"Event {raw.get('id')!r}: {exc}") from exc
        if not isinstance(event_id, str):
            raise WorldError(f"World events need an explicit id: {raw.get('summary')!r}.")
        if "recurringEventId" not in meta:
            check_event_id(event_id)
        start, end = validate_times(body, self.zones[calendar_id])
        anchor_local_times(body, start, end)
        if "attendees" in body:
            body["attendees"] = normalise_attendees(body["attendees"])
        data: dict[str, Any] = {
            "kind": "calendar#event",
            "id": event_id,
            "calendarId": calendar_id,
            "status": "confirmed",
            "visibility": "default",
            "transparency": "opaque",
            "reminders": {"useDefault": True},
            **body,
            "organizer": {"email": calendar_id, "displayName": self.names[calendar_id]},
            "creator": meta.pop("creator", {"email": self.owners[calendar_id]}),
            "created": meta.pop("created", self.stamp),
            "updated": meta.pop("updated", self.stamp),
            "iCalUID": f"{event_id}@{self.domain}",
            "sequence": 0,
            "eventType": "default",
            **meta,
        }
        return event_row(data, start, end, seq)


def load_generated_world(shape: WorldShape, *, workers: int = 1) -> LoadedWorld:
    """A generated world built straight into its template (no world data held in memory).

    The same world as ``load_world(generate_world(...))`` for the same shape, for any size; cached
    per process by the shape. With ``workers`` > 1 a world of more than ``PARALLEL_EVENTS`` events
    draws and checks its events in that many spawned processes (the rows are the same whatever
    the number), so the calling script needs the usual ``if __name__ == "__main__":`` guard.
    """
    loaded = _LOADED.get(shape.key)
    if loaded is not None:
        return loaded
    spec = _skeleton_spec(shape)
    total = shape.events + shape.primary_events
    parallel = workers > 1 and total > PARALLEL_EVENTS
    rows = _parallel_rows(shape, workers) if parallel else _generated_rows(shape)
    with _LOADED_LOCK:
        loaded = _LOADED.get(shape.key)
        if loaded is None:
            loaded = build_world(spec, shape.key, rows)
            _LOADED[shape.key] = loaded
    return loaded


PARALLEL_EVENTS = 100_000


def _skeleton_spec(shape: WorldShape) -> WorldSpec:
    try:
        return parse_world({**world_skeleton(shape), "events": []})
    except ValidationError as exc:
        raise WorldError(f"Invalid world data: {exc}") from exc


def _generated_rows(shape: WorldShape) -> RowSource:
    def rows(context: _EventContext) -> Iterator[tuple[Any, ...]]:
        skeleton = world_skeleton(shape)
        for seq, raw in enumerate(iter_events(shape, skeleton), start=1):
            yield context.row(raw, seq, trusted=True)

    return rows


def _parallel_rows(shape: WorldShape, workers: int) -> RowSource:
    def rows(_context: _EventContext) -> Iterator[tuple[Any, ...]]:
        total = shape.events + shape.primary_events
        chunks = range(0, total, EVENT_CHUNK)
        spawn = multiprocessing.get_context("spawn")  # no fork: the caller may run threads
        with spawn.Pool(workers, initializer=_start_row_worker, initargs=(shape,)) as pool:
            for chunk in pool.imap(_chunk_rows, chunks):
                yield from chunk

    return rows


_ROW_WORKER: tuple[WorldShape, dict[str, Any], _EventContext] | None = None


def _start_row_worker(shape: WorldShape) -> None:
    global _ROW_WORKER
    spec = _skeleton_spec(shape)
    _ROW_WORKER = (shape, world_skeleton(shape), _EventContext.of(spec, _calendar_zones(spec)))


def _chunk_rows(start: int) -> list[tuple[Any, ...]]:
    """The stored rows of the events ``start .. start + EVENT_CHUNK`` (in a worker process)."""
    assert _ROW_WORKER is not None
    shape, skeleton, context = _ROW_WORKER
    events = iter_events(shape, skeleton, start=start, stop=start + EVENT_CHUNK)
    return [context.row(raw, seq, trusted=True) for seq, raw in enumerate(events, start=start + 1)]

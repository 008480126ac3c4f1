"""Build a world's template database from its data (validated with the tools' own rules).

World events go through the same strict checks as ``events_insert``, so a world file can never
hold data the API itself would reject.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from env.errors import ToolFailure
from env.events_core import (
    INSERT_EVENT_SQL,
    check_email,
    check_event_id,
    event_row,
    normalise_attendees,
    validate_times,
)
from env.store import atomic, new_database
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
    """A built world: its template database plus the facts a session needs to start."""

    name: str
    domain: str
    now: datetime
    default_actor: str
    template: sqlite3.Connection
    fingerprint: str
    event_count: int
    max_seq: int


_LOADED: dict[str, LoadedWorld] = {}
_LOADED_LOCK = threading.Lock()


def load_world(source: str | dict[str, Any]) -> LoadedWorld:
    """The world for a bundled name, path or inline dict (built once per process, then cached).

    Named worlds are cached by name, inline worlds by a fingerprint of their content, so thousands
    of sessions over the same world share one template database.
    """
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
                template = build_template(spec)
                count, max_seq = template.execute(
                    "SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM events"
                ).fetchone()
                now = parse_rfc3339(spec.now, "now")
                loaded = LoadedWorld(
                    spec.name, spec.domain, now, spec.default_actor, template, key, count, max_seq
                )
                _LOADED[key] = loaded
    if isinstance(source, str):
        _LOADED[source] = loaded
    return loaded


def build_template(spec: WorldSpec) -> sqlite3.Connection:
    """Create and fill a fresh in-memory database for ``spec``."""
    conn = new_database()
    try:
        with atomic(conn):
            _fill(conn, spec)
    except ToolFailure as failure:
        raise WorldError(f"World {spec.name!r}: {failure.message} {failure.details}") from failure
    return conn


def _fill(conn: sqlite3.Connection, spec: WorldSpec) -> None:
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
    zones = {user.email: user.timeZone for user in spec.users}
    for calendar in spec.calendars:
        if calendar.owner not in users:
            raise WorldError(f"Calendar {calendar.id!r}: owner {calendar.owner!r} is not a user.")
        tz = calendar.timeZone or users[calendar.owner].timeZone
        zone(tz, "calendars[].timeZone")
        zones[calendar.id] = tz
        conn.execute(
            "INSERT INTO calendars VALUES (?, ?, ?, ?, ?, ?, 0)",
            (calendar.id, calendar.summary, calendar.description, calendar.owner, tz, calendar.location),
        )
        conn.execute(
            "INSERT INTO acl VALUES (?, ?, 'user', ?, 'owner')",
            (calendar.id, f"user:{calendar.owner}", calendar.owner),
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
    names = {user.email: user.displayName for user in spec.users}
    names.update({calendar.id: calendar.summary for calendar in spec.calendars})
    owners = {user.email: user.email for user in spec.users}
    owners.update({calendar.id: calendar.owner for calendar in spec.calendars})
    stamp = format_rfc3339(parse_rfc3339(spec.now, "now"))
    for seq, raw in enumerate(spec.events, start=1):
        conn.execute(INSERT_EVENT_SQL, _event_row(raw, zones, names, owners, spec, stamp, seq))


def _event_row(
    raw: dict[str, Any],
    zones: dict[str, str],
    names: dict[str, str],
    owners: dict[str, str],
    spec: WorldSpec,
    stamp: str,
    seq: int,
) -> tuple[Any, ...]:
    raw = dict(raw)
    calendar_id = raw.pop("calendarId", None)
    if calendar_id not in zones:
        raise WorldError(f"Event {raw.get('id')!r}: unknown calendarId {calendar_id!r}.")
    meta: dict[str, Any] = {
        key: raw.pop(key)
        for key in ("created", "updated", "creator", "recurringEventId", "originalStartTime")
        if key in raw
    }
    try:
        body = EventsInsertArgs.model_validate({**raw, "calendarId": calendar_id}).model_dump(
            exclude_none=True, exclude={"calendarId", "id"}
        )
    except ValidationError as exc:
        raise WorldError(f"Event {raw.get('id')!r}: {exc}") from exc
    event_id = raw.get("id")
    if not isinstance(event_id, str):
        raise WorldError(f"World events need an explicit id: {raw.get('summary')!r}.")
    if "recurringEventId" not in meta:
        check_event_id(event_id)
    start, end = validate_times(body, zones[calendar_id])
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
        "organizer": {"email": calendar_id, "displayName": names[calendar_id]},
        "creator": meta.pop("creator", {"email": owners[calendar_id]}),
        "created": meta.pop("created", stamp),
        "updated": meta.pop("updated", stamp),
        "iCalUID": f"{event_id}@{spec.domain}",
        "sequence": 0,
        "eventType": "default",
        **meta,
    }
    return event_row(data, start, end, seq)

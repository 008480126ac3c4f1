"""Snapshots of a world's state and diffs between them, for graders.

A snapshot is a flat mapping of record keys to plain dicts read straight from SQL (the single
source of truth). Keys: ``event:<eventId>``, ``calendar:<calendarId>``,
``acl_rule:<calendarId>/<ruleId>``, ``setting:<email>/<settingId>``, ``user:<email>``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

import orjson

Resource = Literal["event", "calendar", "acl_rule", "setting", "user"]


@dataclass(frozen=True, slots=True)
class RecordChange:
    """One record that differs between two snapshots."""

    resource: Resource
    key: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @property
    def kind(self) -> Literal["added", "removed", "changed"]:
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "changed"

    def changed_fields(self) -> list[str]:
        """Top-level fields whose values differ (all fields for added/removed records)."""
        before, after = self.before or {}, self.after or {}
        return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


@dataclass(frozen=True, slots=True)
class WorldDiff:
    """All record changes between two snapshots, ordered by key."""

    changes: list[RecordChange] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.changes)

    def __iter__(self) -> Iterator[RecordChange]:
        return iter(self.changes)

    def of(self, resource: Resource) -> list[RecordChange]:
        """The changes to one kind of record."""
        return [change for change in self.changes if change.resource == resource]


@dataclass(frozen=True, slots=True)
class WorldSnapshot:
    """The whole world at one moment: record key -> record dict."""

    records: dict[str, dict[str, Any]]

    def get(self, key: str) -> dict[str, Any] | None:
        return self.records.get(key)

    def of(self, resource: Resource) -> list[dict[str, Any]]:
        """Every record of one kind (``"event"``, ``"calendar"``, ``"acl_rule"``, ...), by key order."""
        prefix = f"{resource}:"
        return [self.records[key] for key in sorted(self.records) if key.startswith(prefix)]

    def events(self) -> list[dict[str, Any]]:
        """Every stored event (including cancelled ones and modified instances)."""
        return self.of("event")


def take_snapshot(conn: sqlite3.Connection) -> WorldSnapshot:
    """Read every record from the session database."""
    records: dict[str, dict[str, Any]] = {}
    for email, name, time_zone, title in conn.execute(
        "SELECT email, display_name, time_zone, title FROM users"
    ):
        records[f"user:{email}"] = {
            "email": email,
            "displayName": name,
            "timeZone": time_zone,
            "title": title,
        }
    for row in conn.execute(
        "SELECT id, summary, description, owner, time_zone, location, is_primary FROM calendars"
    ):
        records[f"calendar:{row[0]}"] = {
            "id": row[0],
            "summary": row[1],
            "description": row[2],
            "owner": row[3],
            "timeZone": row[4],
            "location": row[5],
            "primary": bool(row[6]),
        }
    for calendar_id, rule_id, scope_type, scope_value, role in conn.execute(
        "SELECT calendar_id, rule_id, scope_type, scope_value, role FROM acl"
    ):
        scope = {"type": scope_type} if scope_value is None else {"type": scope_type, "value": scope_value}
        records[f"acl_rule:{calendar_id}/{rule_id}"] = {
            "calendarId": calendar_id,
            "id": rule_id,
            "scope": scope,
            "role": role,
        }
    for user, setting_id, value in conn.execute("SELECT user_email, id, value FROM settings"):
        records[f"setting:{user}/{setting_id}"] = {"user": user, "id": setting_id, "value": value}
    for event_id, blob in conn.execute("SELECT id, data FROM events"):
        records[f"event:{event_id}"] = orjson.loads(blob)
    return WorldSnapshot(records)


def diff_snapshots(before: WorldSnapshot, after: WorldSnapshot) -> WorldDiff:
    """Every added, removed or changed record between ``before`` and ``after``."""
    changes = []
    for key in sorted(before.records.keys() | after.records.keys()):
        old, new = before.records.get(key), after.records.get(key)
        if old != new:
            resource = key.split(":", 1)[0]
            changes.append(RecordChange(resource, key, old, new))  # type: ignore[arg-type]
    return WorldDiff(changes)

"""SQLite storage: the schema, seeded templates, and fast per-session restores.

SQL is the single source of truth. Each world is built once per process into an in-memory
*template* database; every session owns its own in-memory database and ``reset()`` copies the
template over it with SQLite's online backup API (a page copy, well under a millisecond for acme),
so sessions never share state and resets are cheap enough for RL rollouts.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SCHEMA = """
CREATE TABLE users (
    email TEXT PRIMARY KEY, display_name TEXT NOT NULL, time_zone TEXT NOT NULL, title TEXT NOT NULL,
    search_text TEXT NOT NULL);
CREATE TABLE groups (email TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE group_members (
    group_email TEXT NOT NULL, user_email TEXT NOT NULL, PRIMARY KEY (group_email, user_email));
CREATE TABLE calendars (
    id TEXT PRIMARY KEY, summary TEXT NOT NULL, description TEXT NOT NULL, owner TEXT NOT NULL,
    time_zone TEXT NOT NULL, location TEXT NOT NULL, is_primary INTEGER NOT NULL);
CREATE TABLE acl (
    calendar_id TEXT NOT NULL, rule_id TEXT NOT NULL, scope_type TEXT NOT NULL, scope_value TEXT,
    role TEXT NOT NULL, PRIMARY KEY (calendar_id, rule_id));
CREATE INDEX acl_scope ON acl (scope_type, scope_value);
CREATE TABLE calendar_list (
    user_email TEXT NOT NULL, calendar_id TEXT NOT NULL, summary_override TEXT, hidden INTEGER NOT NULL,
    PRIMARY KEY (user_email, calendar_id));
CREATE TABLE events (
    id TEXT PRIMARY KEY, calendar_id TEXT NOT NULL, start_ts REAL NOT NULL, end_ts REAL NOT NULL,
    status TEXT NOT NULL, recurring INTEGER NOT NULL, recurring_event_id TEXT, seq INTEGER NOT NULL,
    opaque INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX events_by_calendar ON events (calendar_id, end_ts, start_ts);
CREATE INDEX events_by_master ON events (recurring_event_id);
CREATE TABLE settings (
    user_email TEXT NOT NULL, id TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (user_email, id));
"""


def new_database() -> sqlite3.Connection:
    """An empty in-memory database with the schema applied.

    ``check_same_thread=False`` lets servers hand a session to worker threads; each session still
    has exactly one connection and callers serialise access per session.
    """
    conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None, cached_statements=256)
    conn.executescript(SCHEMA)
    return conn


# A template connection is shared by every session of its world; one backup at a time keeps
# concurrent resets from server worker threads from using that connection simultaneously.
_BACKUP_LOCK = threading.Lock()


def restore(template: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """Overwrite ``target`` with the template's pages (the fast reset path)."""
    with _BACKUP_LOCK:
        template.backup(target)


@contextmanager
def atomic(conn: sqlite3.Connection) -> Iterator[None]:
    """Run several statements as one transaction (all or nothing if a tool fails midway)."""
    conn.execute("BEGIN")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")

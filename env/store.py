"""SQLite storage: the schema, read-only world templates, and per-session overlays of changes.

SQL is the single source of truth. Each world is built once into a *template*: a SQLite file,
written once and then only read (opened ``immutable`` and memory-mapped, so every session, thread
and worker process shares its pages through the OS page cache). A session never copies it: its
own in-memory database attaches the template as ``base`` and keeps only what the session changed,
per table ``T``:

* ``T_local`` holds rows the session inserted or rewrote (same columns, key and indexes as ``T``);
* ``T_hidden`` holds the keys of template rows the session deleted or rewrote;
* a temporary view named ``T`` shows ``base.T`` minus hidden keys plus ``T_local``, and
  ``INSTEAD OF`` triggers turn INSERT / UPDATE / DELETE on the view into overlay writes.

So tools read and write ``events``, ``acl``, ... as plain tables, and ``reset()`` only empties the
overlay: its cost follows what the episode changed, not the size of the world (a million-event
world resets as fast as a small one). A plain INSERT of an existing key fails as it would on a
table; there is no INSERT OR REPLACE through a view (write code deletes, then inserts).

Free-text search uses an FTS5 index with the trigram tokenizer (substring matches, like the API's
``q``) over ``base.events``, built with the template. Rows a session writes are not in it (an FTS5
insert costs more than the rest of a write); the session indexes their three-letter pieces itself.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

BASE = "base"
"""Schema name the template is attached under in every session database."""


@dataclass(frozen=True, slots=True)
class Table:
    """One world table: its columns (SQL definitions), primary key and secondary indexes."""

    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    indexes: tuple[tuple[str, str], ...] = ()  # (index name, "(columns) [WHERE ...]")
    without_rowid: bool = False

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.split()[0] for column in self.columns)

    def create_sql(self, name: str, schema: str = "main") -> str:
        body = ", ".join((*self.columns, f"PRIMARY KEY ({', '.join(self.key)})"))
        suffix = " WITHOUT ROWID" if self.without_rowid else ""
        return f"CREATE TABLE {schema}.{name} ({body}){suffix}"

    def index_sql(self, table_name: str, schema: str = "main") -> list[str]:
        return [
            f"CREATE INDEX {schema}.{table_name}__{index} ON {table_name} {columns}"
            for index, columns in self.indexes
        ]


TABLES: tuple[Table, ...] = (
    Table(
        "users",
        (
            "email TEXT NOT NULL",
            "display_name TEXT NOT NULL",
            "time_zone TEXT NOT NULL",
            "title TEXT NOT NULL",
            "search_text TEXT NOT NULL",
        ),
        ("email",),
    ),
    Table("groups", ("email TEXT NOT NULL", "name TEXT NOT NULL"), ("email",)),
    Table(
        "group_members",
        ("group_email TEXT NOT NULL", "user_email TEXT NOT NULL"),
        ("group_email", "user_email"),
        (("by_user", "(user_email)"),),
        without_rowid=True,
    ),
    Table(
        "calendars",
        (
            "id TEXT NOT NULL",
            "summary TEXT NOT NULL",
            "description TEXT NOT NULL",
            "owner TEXT NOT NULL",
            "time_zone TEXT NOT NULL",
            "location TEXT NOT NULL",
            "is_primary INTEGER NOT NULL",
        ),
        ("id",),
    ),
    Table(
        "acl",
        (
            "calendar_id TEXT NOT NULL",
            "rule_id TEXT NOT NULL",
            "scope_type TEXT NOT NULL",
            "scope_value TEXT",
            "role TEXT NOT NULL",
        ),
        ("calendar_id", "rule_id"),
        (("by_scope", "(scope_type, scope_value)"),),
        without_rowid=True,
    ),
    Table(
        "calendar_list",
        (
            "user_email TEXT NOT NULL",
            "calendar_id TEXT NOT NULL",
            "summary_override TEXT",
            "hidden INTEGER NOT NULL",
        ),
        ("user_email", "calendar_id"),
        without_rowid=True,
    ),
    Table(
        "events",
        (
            "id TEXT NOT NULL",
            "calendar_id TEXT NOT NULL",
            "start_ts REAL NOT NULL",
            "end_ts REAL NOT NULL",
            "span REAL NOT NULL",  # one occurrence's length (a series' end_ts is its last end)
            "span_class INTEGER NOT NULL",  # env.events_core.SPAN_CLASSES
            "updated_ts REAL NOT NULL",
            "status TEXT NOT NULL",
            "recurring INTEGER NOT NULL",
            "recurring_event_id TEXT",
            "ical_uid TEXT NOT NULL",
            "seq INTEGER NOT NULL",
            "opaque INTEGER NOT NULL",
            "search_text TEXT NOT NULL",
            "data TEXT NOT NULL",
        ),
        ("id",),
        (
            # listings in start order; window probes of one-offs walk each span class by start
            ("by_start", "(calendar_id, start_ts, id)"),
            ("by_updated", "(calendar_id, updated_ts, seq)"),
            ("by_ical_uid", "(ical_uid)"),
            ("by_master", "(recurring_event_id) WHERE recurring_event_id IS NOT NULL"),
            ("series", "(calendar_id, start_ts, id) WHERE recurring = 1"),
            ("by_span_class", "(calendar_id, recurring, span_class, start_ts, id)"),
        ),
    ),
    Table(
        "settings",
        ("user_email TEXT NOT NULL", "id TEXT NOT NULL", "value TEXT NOT NULL"),
        ("user_email", "id"),
        without_rowid=True,
    ),
)
TABLES_BY_NAME = {table.name: table for table in TABLES}

_FTS_OPTIONS = "tokenize='trigram', detail='none'"

# Bump when the template layout changes (a template file records the version it was built with).
SCHEMA_VERSION = 5


# ---- templates ---------------------------------------------------------------------------------


_DIRECTORY_PREFIX = "lookup-guards-worlds-"


class _TemplateDirectory:
    """A private directory for this process's template files, removed when the process exits.

    Forked worker processes inherit the path (and read the same files); only the creating process
    removes the directory. A process killed before it could clean up leaves its directory behind;
    the next one to start removes those of processes that no longer exist (names carry the pid).
    """

    def __init__(self) -> None:
        self._path: Path | None = None
        self._owner = 0
        self._lock = threading.Lock()

    def path(self) -> Path:
        with self._lock:
            if self._path is None:
                self._owner = os.getpid()
                prefix = f"{_DIRECTORY_PREFIX}{self._owner}-"
                self._path = Path(tempfile.mkdtemp(prefix=prefix))
                atexit.register(self._remove)
                _remove_orphans(self._path.parent)
            return self._path

    def _remove(self) -> None:
        if self._path is not None and os.getpid() == self._owner:
            shutil.rmtree(self._path, ignore_errors=True)


def _remove_orphans(parent: Path) -> None:
    """Delete template directories whose process has died (killed before its exit handler ran)."""
    for candidate in parent.glob(f"{_DIRECTORY_PREFIX}*-*"):
        pid_text = candidate.name[len(_DIRECTORY_PREFIX) :].split("-", 1)[0]
        if not pid_text.isdigit() or _alive(int(pid_text)):
            continue
        shutil.rmtree(candidate, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


TEMPLATE_DIRECTORY = _TemplateDirectory()


def template_path(key: str) -> Path:
    """Where the template with this key lives (in this process's template directory)."""
    return TEMPLATE_DIRECTORY.path() / f"{key}.sqlite"


def build_template(path: Path, fill: Callable[[sqlite3.Connection], None]) -> None:
    """Write a template file: create the tables, let ``fill`` insert rows, then index and seal it.

    Indexes and the search index are built after the rows (much faster than row by row). The file
    appears under ``path`` only once complete, so a reader never sees a half-built template.
    """
    partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.partial")
    partial.unlink(missing_ok=True)
    conn = sqlite3.connect(partial, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA cache_size=-262144")
        for table in TABLES:
            conn.execute(table.create_sql(table.name))
        conn.execute("BEGIN")
        fill(conn)
        conn.execute("COMMIT")
        for table in TABLES:
            for statement in table.index_sql(table.name):
                conn.execute(statement)
        conn.execute(
            "CREATE VIRTUAL TABLE events_fts USING fts5(search_text, content='events', "
            f"content_rowid='rowid', {_FTS_OPTIONS})"
        )
        conn.execute("INSERT INTO events_fts(events_fts) VALUES ('rebuild')")
        conn.execute("ANALYZE")
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    except BaseException:
        conn.close()
        partial.unlink(missing_ok=True)
        raise
    conn.close()
    os.replace(partial, path)


# ---- session databases -----------------------------------------------------------------------


def _overlay_sql(table: Table) -> list[str]:
    """Local table, hidden-key table, the merged view and its write triggers for one table."""
    name, columns, key = table.name, table.column_names, table.key
    local, hidden = f"{name}_local", f"{name}_hidden"
    match_base = " AND ".join(f"b.{k} = h.{k}" for k in key)
    cols = ", ".join(columns)
    key_cols = ", ".join(key)

    def base_has(row: str, visible: bool) -> str:
        same = " AND ".join(f"b.{k} = {row}.{k}" for k in key)
        not_hidden = f" AND NOT EXISTS (SELECT 1 FROM main.{hidden} h WHERE {match_base})" if visible else ""
        return f"EXISTS (SELECT 1 FROM {BASE}.{name} b WHERE {same}{not_hidden})"

    def hide(row: str) -> str:
        values = ", ".join(f"{row}.{k}" for k in key)
        return f"INSERT OR IGNORE INTO {hidden} ({key_cols}) SELECT {values} WHERE {base_has(row, False)};"

    def drop_local(row: str) -> str:
        same = " AND ".join(f"{k} = {row}.{k}" for k in key)
        return f"DELETE FROM {local} WHERE {same};"

    def refuse_duplicate(row: str) -> str:
        return (
            f"SELECT RAISE(ABORT, 'UNIQUE constraint failed: {name}.{key_cols}') WHERE {base_has(row, True)};"
        )

    new_values = ", ".join(f"NEW.{c}" for c in columns)
    insert_local = f"INSERT INTO {local} ({cols}) VALUES ({new_values});"
    return [
        table.create_sql(local),
        *table.index_sql(local),
        f"CREATE TABLE main.{hidden} ({', '.join(key)}, PRIMARY KEY ({key_cols})) WITHOUT ROWID",
        f"CREATE TEMP VIEW {name} AS SELECT {cols} FROM {BASE}.{name} b WHERE NOT EXISTS "
        f"(SELECT 1 FROM main.{hidden} h WHERE {match_base}) UNION ALL SELECT {cols} FROM main.{local}",
        f"CREATE TEMP TRIGGER {name}_insert INSTEAD OF INSERT ON {name} BEGIN "
        f"{refuse_duplicate('NEW')} {insert_local} END",
        f"CREATE TEMP TRIGGER {name}_delete INSTEAD OF DELETE ON {name} BEGIN "
        f"{hide('OLD')} {drop_local('OLD')} END",
        f"CREATE TEMP TRIGGER {name}_update INSTEAD OF UPDATE ON {name} BEGIN "
        f"{hide('OLD')} {drop_local('OLD')} {refuse_duplicate('NEW')} {insert_local} END",
    ]


_OVERLAY_SQL = [statement for table in TABLES for statement in _overlay_sql(table)]
_CLEAR_SQL = [f"DELETE FROM main.{table.name}_{part}" for table in TABLES for part in ("local", "hidden")]


SEARCH_TEMPLATE_EVENTS = (
    f"FROM {BASE}.events e WHERE e.rowid IN (SELECT rowid FROM {BASE}.events_fts "
    "WHERE events_fts MATCH :match) AND NOT EXISTS (SELECT 1 FROM main.events_hidden h WHERE h.id = e.id)"
)
"""FROM/WHERE head of a search over the template's events (``:match`` bound, rows aliased ``e``).

A search cannot go through the ``events`` view (FTS5 answers on its own table), so the caller
appends its conditions and adds the session's own rows (``events_local``, few) by scanning them.
"""


class SessionDatabase:
    """One session's database: a template attached read-only plus this session's overlay.

    ``check_same_thread=False`` lets servers hand a session to worker threads; each session still
    has exactly one connection and callers serialise access per session.
    """

    def __init__(self) -> None:
        self.conn = sqlite3.connect(
            ":memory:", uri=True, check_same_thread=False, isolation_level=None, cached_statements=512
        )
        self.template: Path | None = None

    def open(self, template: Path) -> None:
        """Start over on ``template``: attach it (if not attached yet) and drop every change."""
        if self.template != template:
            if self.template is not None:
                self.conn.execute(f"DETACH DATABASE {BASE}")
            uri = f"file:{template}?mode=ro&immutable=1"
            self.conn.execute(f"ATTACH DATABASE ? AS {BASE}", (uri,))
            self.conn.execute(f"PRAGMA {BASE}.mmap_size={1 << 34}")
            if self.template is None:
                with atomic(self.conn):
                    for statement in _OVERLAY_SQL:
                        self.conn.execute(statement)
            self.template = template
        self.clear()

    def clear(self) -> None:
        """Forget every change since the template (the cost follows the number of changed rows)."""
        with atomic(self.conn):
            for statement in _CLEAR_SQL:
                self.conn.execute(statement)

    def close(self) -> None:
        self.conn.close()


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


@contextmanager
def savepoint(conn: sqlite3.Connection) -> Iterator[None]:
    """Like :func:`atomic`, but also usable inside a transaction that is already open."""
    conn.execute("SAVEPOINT write")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK TO write")
        conn.execute("RELEASE write")
        raise
    conn.execute("RELEASE write")

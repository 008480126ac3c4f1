"""SQLite results store: one row per finished episode, written as each episode finishes.

The key ``(run_id, task_id, arm, trial)`` is unique and each episode is written in its own
transaction, so a run killed at any moment (Ctrl-C, ``kill -9``) can resume without losing or
duplicating an episode: the runner skips the keys already stored.

Trajectories live in a table of their own under the same key (``trajectories``: JSON, zlib-compressed
when large), written in the episode's transaction; the ``episodes`` table is unchanged, so readers
of earlier stores keep working and stores written before trajectories existed still open.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evals.records import EpisodeRecord
from evals.trace.model import Trajectory

DB_NAME = "results.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    config TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS episodes (
    run_id TEXT NOT NULL REFERENCES runs(run_id),
    task_id TEXT NOT NULL,
    arm TEXT NOT NULL,
    trial INTEGER NOT NULL,
    passed INTEGER NOT NULL,
    record TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    PRIMARY KEY (run_id, task_id, arm, trial)
);
CREATE TABLE IF NOT EXISTS trajectories (
    run_id TEXT NOT NULL,
    task_id TEXT NOT NULL,
    arm TEXT NOT NULL,
    trial INTEGER NOT NULL,
    encoding TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (run_id, task_id, arm, trial)
);
"""

COMPRESS_ABOVE = 2048
"""Trajectories larger than this many bytes of JSON are stored zlib-compressed."""


def encode_trajectory(trajectory: Trajectory) -> tuple[str, bytes]:
    """``(encoding, data)`` for the trajectories table: ``json`` or ``zlib+json``."""
    data = trajectory.model_dump_json().encode("utf-8")
    if len(data) > COMPRESS_ABOVE:
        return "zlib+json", zlib.compress(data, 6)
    return "json", data


def decode_trajectory(encoding: str, data: bytes) -> Trajectory:
    """The trajectory stored as ``(encoding, data)``."""
    if encoding == "zlib+json":
        data = zlib.decompress(data)
    elif encoding != "json":
        raise ValueError(f"unknown trajectory encoding {encoding!r}")
    return Trajectory.model_validate_json(data)


EpisodeKey = tuple[str, str, int]
"""``(task_id, arm, trial)`` within a run."""


@dataclass(frozen=True)
class RunInfo:
    """A stored run: its id, when it started, and the configuration it was started with."""

    run_id: str
    created_at: str
    config: dict[str, Any]


class ResultStore:
    """Episodes of evaluation runs in one SQLite file (``<out>/results.sqlite``)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.executescript(_SCHEMA)

    @classmethod
    def in_dir(cls, out_dir: str | Path) -> ResultStore:
        """The store of an output directory."""
        return cls(Path(out_dir) / DB_NAME)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> ResultStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def create_run(self, config: dict[str, Any]) -> RunInfo:
        """Start a new run with ``config`` (JSON-serialisable)."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        run_id = f"run-{datetime.now(UTC):%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO runs (run_id, created_at, config) VALUES (?, ?, ?)",
                (run_id, now, json.dumps(config, sort_keys=True)),
            )
        return RunInfo(run_id, now, config)

    def set_config(self, run_id: str, config: dict[str, Any]) -> None:
        """Replace the stored configuration of ``run_id``."""
        with self._transaction() as conn:
            conn.execute(
                "UPDATE runs SET config = ? WHERE run_id = ?", (json.dumps(config, sort_keys=True), run_id)
            )

    def runs(self) -> list[RunInfo]:
        """Every stored run, oldest first."""
        rows = self._conn.execute("SELECT run_id, created_at, config FROM runs ORDER BY created_at, rowid")
        return [RunInfo(r[0], r[1], json.loads(r[2])) for r in rows]

    def latest_run(self) -> RunInfo | None:
        runs = self.runs()
        return runs[-1] if runs else None

    def get_run(self, run_id: str) -> RunInfo | None:
        return next((r for r in self.runs() if r.run_id == run_id), None)

    def save_episode(self, run_id: str, record: EpisodeRecord) -> bool:
        """Store one finished episode (and its trajectory, if it has one) atomically; ``False`` when
        that key was already stored."""
        with self._transaction() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO episodes (run_id, task_id, arm, trial, passed, record, finished_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    run_id,
                    record.task_id,
                    record.arm,
                    record.trial,
                    int(record.passed),
                    record.model_dump_json(),
                    datetime.now(UTC).isoformat(timespec="seconds"),
                ),
            )
            stored = cursor.rowcount == 1
            if stored and record.trajectory is not None:
                encoding, data = encode_trajectory(record.trajectory)
                conn.execute(
                    "INSERT OR REPLACE INTO trajectories (run_id, task_id, arm, trial, encoding, data) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (run_id, record.task_id, record.arm, record.trial, encoding, data),
                )
            return stored

    def done_keys(self, run_id: str) -> set[EpisodeKey]:
        """The ``(task_id, arm, trial)`` keys already stored for ``run_id``."""
        rows = self._conn.execute("SELECT task_id, arm, trial FROM episodes WHERE run_id = ?", (run_id,))
        return {(r[0], r[1], int(r[2])) for r in rows}

    def episodes(self, run_id: str) -> list[EpisodeRecord]:
        """Every stored episode of ``run_id``, in a stable order."""
        rows = self._conn.execute(
            "SELECT record FROM episodes WHERE run_id = ? ORDER BY task_id, arm, trial", (run_id,)
        )
        return [EpisodeRecord.model_validate_json(r[0]) for r in rows]

    def count(self, run_id: str) -> int:
        row = self._conn.execute("SELECT COUNT(*) FROM episodes WHERE run_id = ?", (run_id,)).fetchone()
        return int(row[0])

    def trajectory(self, run_id: str, task_id: str, arm: str, trial: int) -> Trajectory | None:
        """The stored trajectory of one episode (``None``: not stored, e.g. a run from before)."""
        row = self._conn.execute(
            "SELECT encoding, data FROM trajectories "
            "WHERE run_id = ? AND task_id = ? AND arm = ? AND trial = ?",
            (run_id, task_id, arm, trial),
        ).fetchone()
        return decode_trajectory(row[0], row[1]) if row else None

    def trajectories(self, run_id: str) -> Iterator[Trajectory]:
        """Every stored trajectory of ``run_id``, in the order of :meth:`episodes` (decoded lazily)."""
        rows = self._conn.execute(
            "SELECT encoding, data FROM trajectories WHERE run_id = ? ORDER BY task_id, arm, trial", (run_id,)
        ).fetchall()
        for encoding, data in rows:
            yield decode_trajectory(encoding, data)

    def trials_of(self, run_id: str, task_id: str) -> list[int]:
        """The trials stored for ``task_id`` in ``run_id`` (either arm), ascending."""
        rows = self._conn.execute(
            "SELECT DISTINCT trial FROM episodes WHERE run_id = ? AND task_id = ? ORDER BY trial",
            (run_id, task_id),
        )
        return [int(r[0]) for r in rows]

    def task_ids(self, run_id: str) -> list[str]:
        """The tasks stored in ``run_id``, sorted."""
        rows = self._conn.execute(
            "SELECT DISTINCT task_id FROM episodes WHERE run_id = ? ORDER BY task_id", (run_id,)
        )
        return [str(r[0]) for r in rows]

"""Session databases: a read-only template plus an overlay of the session's own changes."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from env import CalendarEnv
from env.generator import WorldShape, generate_world, iter_events, world_skeleton
from env.loader import load_generated_world, load_world
from env.store import TABLES
from tests.env.conftest import calendar_id

TIMED = {
    "start": {"dateTime": "2026-03-10T10:00:00-04:00"},
    "end": {"dateTime": "2026-03-10T11:00:00-04:00"},
}


def _digest(env: CalendarEnv) -> str:
    return hashlib.sha256(env.world.template.read_bytes()).hexdigest()


def _edit_everything(env: CalendarEnv) -> None:
    """One change of every kind a tool can make."""
    team = calendar_id(env, "Team")
    made = env.call_tool("events_insert", {"calendarId": "primary", "summary": "Overlay test", **TIMED})
    listed = env.call_tool("events_list", {"calendarId": "primary", "maxResults": 3})["items"]
    env.call_tool("events_patch", {"calendarId": "primary", "eventId": listed[0]["id"], "summary": "Changed"})
    env.call_tool("events_delete", {"calendarId": "primary", "eventId": listed[1]["id"]})
    env.call_tool("events_delete", {"calendarId": "primary", "eventId": made["id"]})
    created = env.call_tool("calendars_insert", {"summary": "Scratch"})
    env.call_tool(
        "acl_insert",
        {"calendarId": created["id"], "role": "reader", "scope": {"type": "domain", "value": "acme.com"}},
    )
    env.call_tool("calendars_patch", {"calendarId": created["id"], "summary": "Scratch 2"})
    env.call_tool(
        "acl_insert",
        {"calendarId": team, "role": "reader", "scope": {"type": "user", "value": "kenji.sato@acme.com"}},
    )
    offsite = calendar_id(env, "Team Offsite")
    env.call_tool("calendars_delete", {"calendarId": offsite})


def test_reset_drops_every_change_and_never_writes_the_template() -> None:
    env = CalendarEnv()
    before, digest = env.snapshot(), _digest(env)
    _edit_everything(env)
    changed = env.snapshot()
    assert changed.records != before.records
    kinds = {change.resource for change in env.diff(before, changed)}
    assert {"event", "calendar", "acl_rule"} <= kinds
    env.reset()
    assert env.snapshot().records == before.records
    assert _digest(env) == digest
    for table in TABLES:
        for part in ("local", "hidden"):
            assert env.session.conn.execute(f"SELECT COUNT(*) FROM {table.name}_{part}").fetchone() == (0,)


def test_sessions_over_one_template_are_isolated() -> None:
    first, second = CalendarEnv(), CalendarEnv()
    assert first.world.template == second.world.template
    untouched = second.snapshot()
    _edit_everything(first)
    assert second.snapshot().records == untouched.records
    made = second.call_tool(
        "events_insert", {"calendarId": "primary", "id": "second00001", "summary": "Only here", **TIMED}
    )
    assert (
        first.call_tool("events_get", {"calendarId": "primary", "eventId": made["id"]})["error_type"]
        == "not_found_error"
    )


def test_the_tables_behave_like_tables_through_the_overlay() -> None:
    env = CalendarEnv()
    conn = env.session.conn
    event_id, data = conn.execute("SELECT id, data FROM events LIMIT 1").fetchone()
    count = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    row = conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
    columns = [d[0] for d in conn.execute("SELECT * FROM events LIMIT 0").description]
    insert = f"INSERT INTO events ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    with pytest.raises(sqlite3.IntegrityError):  # the template's key is taken, as in a table
        conn.execute(insert, row)
    conn.execute("UPDATE events SET status = 'tentative' WHERE id = ?", (event_id,))
    assert conn.execute("SELECT status FROM events WHERE id = ?", (event_id,)).fetchone() == ("tentative",)
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == count
    conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
    assert conn.execute("SELECT COUNT(*) FROM events WHERE id = ?", (event_id,)).fetchone() == (0,)
    conn.execute(insert, row)  # the key is free once deleted
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(insert, row)
    assert conn.execute("SELECT data FROM events WHERE id = ?", (event_id,)).fetchone() == (data,)
    env.reset()
    assert conn.execute("SELECT status FROM events WHERE id = ?", (event_id,)).fetchone() == (
        row[columns.index("status")],
    )


def test_reset_can_switch_worlds_and_back() -> None:
    small = generate_world(users=3, calendars=1, events=5, seed=4)
    env = CalendarEnv()
    acme_events = len(env.snapshot().events())
    env.call_tool("events_insert", {"calendarId": "primary", "summary": "Left behind", **TIMED})
    env.reset(world=small)
    assert env.actor == small["users"][0]["email"]
    assert len(env.snapshot().events()) == 5
    env.reset()
    assert len(env.snapshot().events()) == acme_events
    assert env.call_tool("events_list", {"calendarId": "primary", "q": "Left behind"})["items"] == []


def test_a_generated_world_streamed_into_its_template_equals_the_same_world_as_data() -> None:
    shape = WorldShape(users=7, calendars=3, events=900, seed=21, primary_events=300, recurring=0.4)
    as_data = generate_world(7, 3, 900, 21, primary_events=300, recurring=0.4)
    streamed = CalendarEnv(world=load_generated_world(shape))
    loaded = CalendarEnv(world=load_world(as_data))
    assert streamed.world.event_count == loaded.world.event_count == 1200
    assert streamed.snapshot().records == loaded.snapshot().records
    assert load_generated_world(shape) is streamed.world  # built once per process
    mine = [e for e in as_data["events"] if e["calendarId"] == as_data["default_actor"]]
    assert len(mine) >= 300 and sum("recurrence" in e for e in mine) > 60


def test_events_can_be_drawn_in_chunks_and_in_worker_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    from env import loader
    from env.generator import EVENT_CHUNK

    shape = WorldShape(users=5, calendars=2, events=2 * EVENT_CHUNK + 100, seed=8)
    skeleton = world_skeleton(shape)
    whole = list(iter_events(shape, skeleton))
    assert (
        list(iter_events(shape, skeleton, EVENT_CHUNK, 2 * EVENT_CHUNK))
        == whole[EVENT_CHUNK : 2 * EVENT_CHUNK]
    )
    with pytest.raises(ValueError, match="multiple"):
        list(iter_events(shape, skeleton, 5))
    monkeypatch.setattr(loader, "PARALLEL_EVENTS", 0)
    in_parallel = CalendarEnv(world=load_generated_world(shape, workers=2))
    monkeypatch.setattr(loader, "_LOADED", {})
    in_one = CalendarEnv(world=load_generated_world(shape, workers=1))
    assert in_parallel.snapshot().records == in_one.snapshot().records


def test_template_directories_of_dead_processes_are_removed(tmp_path: Path) -> None:
    from env.store import _remove_orphans

    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead = tmp_path / f"lookup-guards-worlds-{finished.stdout.strip()}-abc"
    alive = tmp_path / f"lookup-guards-worlds-{os.getpid()}-def"
    unrelated = tmp_path / "lookup-guards-worlds-notapid"
    for directory in (dead, alive, unrelated):
        directory.mkdir()
        (directory / "world.sqlite").write_bytes(b"x")
    _remove_orphans(tmp_path)
    assert not dead.exists() and alive.exists() and unrelated.exists()

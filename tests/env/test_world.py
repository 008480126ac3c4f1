"""The bundled acme world: built from its rows, with the people, calendars and traps the suite needs."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from env import CalendarEnv, WorldError, bundled_world_names, load_world
from env.generator import generate_world
from env.world import read_world_source
from env.worlds.build_acme import OUT, ROWS, RowError, build, render

ACME = read_world_source("acme")


def test_acme_file_is_exactly_what_its_rows_build() -> None:
    assert OUT.read_text(encoding="utf-8") == render(), (
        "env/worlds/acme.json is stale: run python -m env.worlds.build_acme"
    )
    assert "acme" in bundled_world_names()


def _copy_rows(tmp_path: Path, file: str, old: str, new: str) -> Path:
    folder = tmp_path / "acme"
    shutil.copytree(ROWS, folder)
    text = (folder / file).read_text(encoding="utf-8")
    assert old in text
    (folder / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_rows_say_each_fact_once_and_the_builder_derives_the_rest(tmp_path) -> None:
    # The standup moves to 16:00 on a day in New York's summer time: offsets, the series ID and the
    # IDs of its exceptions follow from the one edited row.
    folder = _copy_rows(tmp_path, "events.yaml", "at: 2026-02-02 09:30", "at: 2026-03-16 16:00")
    before, after = build(), build(folder)
    standup = next(e for e in after["events"] if e["summary"] == "Team Standup" and "recurrence" in e)
    assert standup["start"] == {"dateTime": "2026-03-16T16:00:00-04:00", "timeZone": "America/New_York"}
    assert standup["end"]["dateTime"] == "2026-03-16T16:15:00-04:00"
    moved = next(e for e in after["events"] if e["summary"] == "Team Standup (moved for all-hands)")
    assert moved["recurringEventId"] == standup["id"] and moved["id"] == f"{standup['id']}_20260311T133000Z"
    assert standup["id"] not in {e["id"] for e in before["events"]}
    assert len(after["events"]) == len(before["events"])
    assert standup["attendees"][0] == {
        "email": "ana@acme.com",
        "displayName": "Ana Lopez",
        "responseStatus": "accepted",
    }


BAD_ROWS = [
    ("events.yaml", "calendar: engineering", "calendar: enginering", "unknown calendar slug 'enginering'"),
    ("events.yaml", "  tz: Europe/London\n", "", "needs `at`, `minutes` and `tz`"),
    ("events.yaml", "instance_of: standup", "instance_of: other", "no earlier row has `ref: other`"),
    ("events.yaml", "[marco.rossi@acme.com]", "[marco@acme.com]", "not in world.yaml users: marco@acme"),
    ("events.yaml", "  location: Zoom\n", "  locaton: Zoom\n", "locaton"),
    ("calendars.yaml", "calendar: sales, role", "calendar: sails, role", "unknown calendar slug 'sails'"),
    ("filler.yaml", "  per_person: 9", "  per_person: nine", "filler.yaml: filler.per_person"),
    ("world.yaml", "users:", "users: [", "world.yaml: while parsing"),
    ("world.yaml", "title: Recruiter}", "titel: Recruiter}", "the built world is invalid at users.7.titel"),
]


@pytest.mark.parametrize(("file", "old", "new", "message"), BAD_ROWS)
def test_a_bad_row_is_refused_with_its_file_and_reason(tmp_path, file, old, new, message) -> None:
    folder = _copy_rows(tmp_path, file, old, new)
    with pytest.raises(RowError) as error:
        build(folder)
    assert message in str(error.value)
    assert file in str(error.value)


def test_acme_people_and_time_zones() -> None:
    users = ACME["users"]
    assert len(users) >= 8
    zones = {user["timeZone"] for user in users}
    assert {"America/New_York", "Asia/Tokyo", "America/Los_Angeles"} <= zones and len(zones) >= 3
    january, july = datetime(2026, 1, 15, 12), datetime(2026, 7, 15, 12)
    dst = {z for z in zones if ZoneInfo(z).utcoffset(january) != ZoneInfo(z).utcoffset(july)}
    assert "America/New_York" in dst and "Asia/Tokyo" not in dst
    firsts = Counter(user["displayName"].split()[0] for user in users)
    assert firsts["Dana"] == 2
    assert all(user["email"].endswith("@acme.com") for user in users)


def test_acme_calendars_are_many_and_confusable() -> None:
    names = {calendar["summary"] for calendar in ACME["calendars"]}
    assert len(ACME["calendars"]) >= 12
    assert {
        "Team",
        "Team Offsite",
        "Marketing",
        "Marketing Campaigns",
        "Engineering",
        "Eng Oncall",
        "Design Reviews",
        "Design",
    } <= names
    env = CalendarEnv()
    primary = env.call_tool("calendars_get", {"calendarId": "primary"})
    assert primary["id"] == "ana@acme.com"
    for user in ACME["users"]:
        assert env.call_tool("calendars_get", {"calendarId": user["email"]})["id"] == user["email"]


def test_acme_events_cover_every_kind() -> None:
    events = ACME["events"]
    assert len(events) >= 150
    assert sum("recurrence" in e for e in events) >= 10
    assert sum("date" in e["start"] for e in events) >= 5
    assert sum(e.get("visibility") == "private" for e in events) >= 3
    assert sum(e.get("status") == "cancelled" for e in events) >= 2
    assert sum(bool(e.get("attendees")) for e in events) >= 50
    assert load_world("acme").event_count == len(events)


def test_acme_acl_has_every_role_and_scope_and_default_actor_holds_each_role() -> None:
    assert {rule["role"] for rule in ACME["acl"]} == {"none", "freeBusyReader", "reader", "writer", "owner"}
    assert {rule["scope"]["type"] for rule in ACME["acl"]} == {"user", "group", "domain", "default"}
    env = CalendarEnv()
    assert env.actor == "ana@acme.com" and env.timezone == "America/New_York"
    assert env.now.isoformat() == "2026-03-09T09:00:00-04:00"
    shared = {c["id"]: c["summary"] for c in ACME["calendars"]}
    roles = {item["id"]: item["accessRole"] for item in env.call_tool("calendars_list", {})["items"]}
    shared_roles = Counter(roles[cid] for cid in shared if cid in roles)
    assert all(shared_roles[role] >= 1 for role in ("owner", "writer", "reader", "freeBusyReader"))
    assert any(cid not in roles for cid in shared), "ana must have no access to at least one shared calendar"
    invisible = {shared[cid] for cid in shared if cid not in roles}
    assert "Design" in invisible


def test_inline_world_dicts_and_paths(tmp_path) -> None:
    world = generate_world(users=4, calendars=2, events=10, seed=1)
    env = CalendarEnv(world=world)
    assert env.world.name == "synthetic-1" and env.actor == world["users"][0]["email"]
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(world), encoding="utf-8")
    assert CalendarEnv(world=str(path)).world.fingerprint == env.world.fingerprint


def test_invalid_worlds_are_rejected_with_a_reason() -> None:
    world = generate_world(users=2, calendars=1, events=1, seed=2)
    with pytest.raises(WorldError, match="start"):
        bad = json.loads(json.dumps(world))
        bad["events"][0]["start"] = {"dateTime": "2026-03-10T10:00:00"}
        bad["events"][0].pop("recurrence", None)
        CalendarEnv(world=bad)
    with pytest.raises(WorldError, match="default_actor"):
        CalendarEnv(world={**world, "default_actor": "ghost@nowhere.example"})
    with pytest.raises(WorldError):
        CalendarEnv(world={**world, "unexpected": 1})
    with pytest.raises(ValueError, match="Unknown world"):
        CalendarEnv(world="atlantis")


def test_generator_is_deterministic_and_scales() -> None:
    assert generate_world(6, 3, 40, seed=9) == generate_world(6, 3, 40, seed=9)
    assert generate_world(6, 3, 40, seed=9) != generate_world(6, 3, 40, seed=10)
    world = generate_world(users=60, calendars=30, events=1500, seed=4)
    env = CalendarEnv(world=world)
    assert env.world.event_count == 1500
    snapshot = env.snapshot()
    assert len([k for k in snapshot.records if k.startswith("user:")]) == 60
    assert len([k for k in snapshot.records if k.startswith("calendar:")]) == 90
    kinds = Counter()
    for event in world["events"]:
        kinds["recurring"] += "recurrence" in event
        kinds["all_day"] += "date" in event["start"]
        kinds["private"] += event.get("visibility") == "private"
        kinds["cancelled"] += event.get("status") == "cancelled"
    assert all(kinds[k] > 0 for k in ("recurring", "all_day", "private", "cancelled"))
    roles = Counter(item["accessRole"] for item in env.call_tool("calendars_list", {})["items"])
    assert set(roles) >= {"freeBusyReader", "reader", "writer", "owner"}

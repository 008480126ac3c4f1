"""``guards world check`` and ``guards world schema``, and ``guards ab --tasks`` refusing a bad world
before its first episode."""

from __future__ import annotations

import json
import os
from pathlib import Path

import yaml
from typer.testing import CliRunner

from env.world import WORLDS_DIR
from evals.cli import app
from evals.loader import SUITES_DIR, load_suite
from evals.store import DB_NAME
from evals.worldcheck import check_task_worlds, check_world_file

runner = CliRunner()

BAD_WORLD = """\
name: broken
domain: example.com
now: "2026-03-09T09:00:00-05:00"
default_actor: ana@example.com
users:
  - email: ana@example.com
    displayName: Ana
    timeZone: America/New_York
  - email: bo@example.com
    displayName: Bo
    timeZone: Mars/Olympus
calendars:
  - id: c_team@group.calendar.example.com
    summary: Team
    owner: carol@example.com
acl:
  - calendarId: c_team@group.calendar.example.com
    role: reader
    scope: {type: group, value: nobody@example.com}
  - calendarId: c_nowhere@group.calendar.example.com
    role: writer
    scope: {type: user, value: bo@example.com}
events:
  - id: standup0001
    calendarId: ana@example.com
    summary: Standup
    start: {dateTime: "2026-03-10T09:00:00-05:00"}
    end: {dateTime: "2026-03-10T09:15:00-05:00"}
    recurrence: ["RRULE:FREQ=DAILY;COUNT=5"]
  - id: revue00001
    calendarId: ana@example.com
    summary: Review
    start: {dateTime: "2026-03-10T11:00:00-05:00"}
    end: {dateTime: "2026-03-10T10:00:00-05:00"}
"""

GOOD_WORLD = {
    "name": "tiny",
    "domain": "example.com",
    "now": "2026-03-09T09:00:00-05:00",
    "default_actor": "ana@example.com",
    "free_busy": "domain",
    "users": [
        {"email": "ana@example.com", "displayName": "Ana", "timeZone": "America/New_York"},
        {"email": "bo@example.com", "displayName": "Bo", "timeZone": "Europe/Berlin"},
    ],
    "events": [
        {
            "id": "standup0001",
            "calendarId": "ana@example.com",
            "summary": "Standup",
            "start": {"dateTime": "2026-03-10T09:00:00", "timeZone": "America/New_York"},
            "end": {"dateTime": "2026-03-10T09:15:00", "timeZone": "America/New_York"},
            "recurrence": ["RRULE:FREQ=DAILY;COUNT=5"],
        }
    ],
}


def test_every_problem_names_its_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BAD_WORLD, encoding="utf-8")
    shown = [str(p) for p in check_world_file(path)]
    assert shown == [
        f"{path}:11: users[1].timeZone: 'Mars/Olympus' is not an IANA time zone",
        f"{path}:15: calendars[0].owner: 'carol@example.com' is not a user of the world",
        f"{path}:19: acl[0].scope.value: 'nobody@example.com' is not a group of the world "
        "(no member would get the role)",
        f"{path}:20: acl[1].calendarId: 'c_nowhere@group.calendar.example.com' is neither a user nor "
        "a calendar",
        f"{path}:27: events[0].start.timeZone: Missing required field 'start.timeZone': "
        "recurring events need an IANA time zone to expand in.",
        f"{path}:34: events[1].end: Invalid value for 'end': the event's end must be after its start.",
    ], shown


def test_schema_problems_and_unreadable_files_are_reported_the_same_way(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_text(json.dumps({**GOOD_WORLD, "userz": []}, indent=1), encoding="utf-8")
    [problem] = check_world_file(path)
    assert str(problem) == f"{path}:37: userz: unknown field (see `guards world schema`)"
    path.write_text('{"name": "x",\n "domain": }', encoding="utf-8")
    [problem] = check_world_file(path)
    assert str(problem).startswith(f"{path}:2: world: invalid JSON: Expecting value")


def test_the_bundled_worlds_are_clean() -> None:
    for path in [WORLDS_DIR / "acme.json", *sorted((SUITES_DIR / "holdout_worlds").glob("*.json"))]:
        assert check_world_file(path) == [], path
    assert check_task_worlds(load_suite("calendar")) == []  # and every actor is a user of its world


def test_world_check_command_exits_non_zero_on_a_bad_world(tmp_path: Path) -> None:
    bad, good = tmp_path / "broken.yaml", tmp_path / "tiny.yaml"
    bad.write_text(BAD_WORLD, encoding="utf-8")
    good.write_text(yaml.safe_dump(GOOD_WORLD), encoding="utf-8")
    result = runner.invoke(app, ["world", "check", str(good), str(bad)])
    assert result.exit_code == 1
    assert f"{good}: ok (2 users, 0 calendars, 0 acl, 1 events)" in result.output
    assert f"{bad}:11: users[1].timeZone:" in result.output and "Traceback" not in result.output
    assert runner.invoke(app, ["world", "check", str(good)]).exit_code == 0


def test_world_schema_prints_the_json_schema(tmp_path: Path) -> None:
    result = runner.invoke(app, ["world", "schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "WorldSpec" and "WorldEvent" in schema["$defs"]
    assert runner.invoke(app, ["world", "schema", "--output", str(tmp_path / "s.json")]).exit_code == 0
    assert json.loads((tmp_path / "s.json").read_text()) == schema


def _task_file(folder: Path, world: str) -> Path:
    task = {
        "id": "tiny-explicit",
        "family": "no_write",
        "variant": "explicit",
        "pair_id": "tiny",
        "world": world,
        "actor": "ana@example.com",
        "now": "2026-03-09T09:00:00-05:00",
        "instruction": "What is on my calendar tomorrow?",
        "plan": [{"tool": "events_list", "args": {"calendarId": "primary"}}],
        "final_answer": "A standup.",
        "forbid": {"any_write": True},
    }
    path = folder / "tasks.yaml"
    path.write_text(yaml.safe_dump([task]), encoding="utf-8")
    return path


def test_ab_refuses_a_bad_world_before_the_first_episode(tmp_path: Path) -> None:
    (tmp_path / "suite" / "worlds").mkdir(parents=True)
    (tmp_path / "suite" / "worlds" / "broken.yaml").write_text(BAD_WORLD, encoding="utf-8")
    tasks = _task_file(tmp_path / "suite", "worlds/broken.yaml")
    out = tmp_path / "out"
    result = runner.invoke(app, ["ab", "--agent", "oracle", "--tasks", str(tasks), "--out", str(out)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    world = (tmp_path / "suite" / "worlds" / "broken.yaml").resolve()
    assert lines == [
        f"error: bad world: {world}:11: users[1].timeZone: 'Mars/Olympus' is not an IANA time zone "
        "(and 5 more: `guards world check` lists them)"
    ]
    assert not (out / DB_NAME).exists()  # nothing ran


def test_ab_reads_a_relative_world_path_from_the_task_files_folder(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "suite" / "worlds").mkdir(parents=True)
    (tmp_path / "suite" / "worlds" / "tiny.json").write_text(json.dumps(GOOD_WORLD), encoding="utf-8")
    tasks = _task_file(tmp_path / "suite", "worlds/tiny.json")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    relative = os.path.relpath(tasks, tmp_path / "elsewhere")
    result = runner.invoke(
        app, ["ab", "--agent", "oracle", "--tasks", relative, "--trials", "1", "--workers", "1", "--out", "o"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "elsewhere" / "o" / "report.json").read_text())
    assert report["meta"]["episodes"] == 2 and report["paired"][-1]["raw_only"] == 0
    raw = next(
        c for c in report["success"] if c["arm"] == "raw" and c["variant"] == "all" and c["group"] == "all"
    )
    assert raw["result"]["rate"] == 1.0  # the oracle's gold plan ran in the world the path names


def test_the_world_docs_describe_every_field_of_the_schema() -> None:
    from env import world

    text = (Path(__file__).resolve().parents[2] / "docs" / "worlds.md").read_text(encoding="utf-8")
    models = [world.WorldSpec, world.UserSpec, world.GroupSpec, world.CalendarSpec, world.ScopeSpec]
    models += [world.AclSpec, world.CalendarListSpec]
    missing = [f"{m.__name__}.{name}" for m in models for name in m.model_fields if f"`{name}`" not in text]
    assert missing == []


def test_a_task_acting_as_someone_outside_its_world_is_a_problem(tmp_path: Path) -> None:
    from evals.loader import load_tasks

    path = _task_file(tmp_path, "worlds/tiny.json")
    (tmp_path / "worlds").mkdir()
    (tmp_path / "worlds" / "tiny.json").write_text(json.dumps(GOOD_WORLD), encoding="utf-8")
    [task] = load_tasks(path)
    assert check_task_worlds([task]) == []
    [problem] = check_task_worlds([task.model_copy(update={"actor": "zed@example.com"})])
    assert (
        str(problem)
        == f"{task.world}: users: task 'tiny-explicit' acts as 'zed@example.com', who is not a user"
    )

"""Task files name their world by a path relative to themselves; bundled names keep working."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from env import CalendarEnv
from evals.holdout import SMALL, generate_world
from evals.loader import TaskFileError, load_tasks

TASK = {
    "id": "t-explicit",
    "family": "create_on_calendar",
    "variant": "explicit",
    "pair_id": "t",
    "instruction": "Create 'X' on my calendar.",
    "plan": [],
    "forbid": {"any_write": True},
}


def _task_file(folder: Path, world: str, actor: str, now: str) -> Path:
    path = folder / "tasks.yaml"
    path.write_text(yaml.safe_dump([{**TASK, "world": world, "actor": actor, "now": now}]), encoding="utf-8")
    return path


def test_a_relative_world_path_is_read_from_the_task_files_folder(tmp_path: Path, monkeypatch) -> None:
    world = generate_world(2, 0, size=SMALL)
    (tmp_path / "suite" / "worlds").mkdir(parents=True)
    (tmp_path / "suite" / "worlds" / "w.json").write_text(json.dumps(world.data), encoding="utf-8")
    task_file = _task_file(tmp_path / "suite", "worlds/w.json", world.actor.email, world.now.isoformat())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    [task] = load_tasks(os.path.relpath(task_file, elsewhere))
    assert Path(str(task.world)) == (tmp_path / "suite" / "worlds" / "w.json").resolve()
    env = CalendarEnv(world=task.world, actor=task.actor, now=task.now)
    assert env.actor == world.actor.email


def test_a_missing_world_file_names_the_task_files_line(tmp_path: Path) -> None:
    task_file = _task_file(tmp_path, "worlds/none.json", "ana@acme.com", "2026-03-09T09:00:00-04:00")
    with pytest.raises(TaskFileError) as raised:
        load_tasks(task_file)
    message = str(raised.value)
    assert "tasks.yaml:" in message and "world file 'worlds/none.json' not found" in message
    assert str(tmp_path / "worlds" / "none.json") in message


def test_bundled_world_names_and_inline_worlds_are_left_alone(tmp_path: Path) -> None:
    [task] = load_tasks(_task_file(tmp_path, "acme", "ana@acme.com", "2026-03-09T09:00:00-04:00"))
    assert task.world == "acme"
    world = generate_world(2, 1, size=SMALL)
    path = tmp_path / "inline.yaml"
    path.write_text(
        yaml.safe_dump(
            [{**TASK, "world": world.data, "actor": world.actor.email, "now": world.now.isoformat()}]
        ),
        encoding="utf-8",
    )
    [inline] = load_tasks(path)
    assert inline.world == world.data

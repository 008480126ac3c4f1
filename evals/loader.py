"""Load tasks from YAML or JSONL files, with validation errors that name the file and line.

Accepted layouts:

* ``*.jsonl`` — one task object per line (blank lines and lines starting with ``#`` are skipped);
* ``*.yaml`` / ``*.yml`` / ``*.json`` — a list of task objects, or a mapping with a ``tasks`` list.

Bundled suites live in ``evals/suites/<name>.yaml`` (or ``.jsonl``) and load by name.

A task's ``world`` is a bundled world name (``acme``), an inline world, or a world file path; a
relative path is read from the task file's folder (``holdout_worlds/lab-1-0.json`` next to
``holdout.yaml``), so a suite and its worlds travel together.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from evals.tasks import Task

SUITES_DIR = Path(__file__).parent / "suites"
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TaskFileError(ValueError):
    """A task file that cannot be read or holds an invalid task; the message names file and line."""


@dataclass(frozen=True)
class _RawTask:
    data: Any
    line: int
    index: int
    node: yaml.Node | None = None


def _line_of(node: yaml.Node | None, loc: tuple[int | str, ...], default: int) -> int:
    """The line of the deepest YAML node on the path ``loc`` (pydantic's error location)."""
    line = default
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((value for key, value in node.value if getattr(key, "value", None) == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            node = None
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def _format_validation(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"]) or "task"
        message = error["msg"].removeprefix("Value error, ")
        parts.append(f"{where}: {message}")
    return "; ".join(parts)


def _read_jsonl(path: Path, text: str) -> list[_RawTask]:
    raw: list[_RawTask] = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise TaskFileError(f"{path}:{line_no}: invalid JSON: {exc.msg} (column {exc.colno})") from exc
        raw.append(_RawTask(data, line_no, len(raw)))
    return raw


def _read_yaml(path: Path, text: str) -> list[_RawTask]:
    try:
        root = yaml.compose(text, Loader=_Loader)
        document = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise TaskFileError(f"{where}: invalid YAML: {problem}") from exc
    if root is None:
        return []
    items = root
    if isinstance(root, yaml.MappingNode) and isinstance(document, dict):
        tasks_nodes = [value for key, value in root.value if getattr(key, "value", None) == "tasks"]
        if not tasks_nodes:
            line = root.start_mark.line + 1
            raise TaskFileError(f"{path}:{line}: expected a list of tasks or a `tasks:` key")
        items, document = tasks_nodes[0], document["tasks"]
    if not isinstance(items, yaml.SequenceNode) or not isinstance(document, list):
        raise TaskFileError(f"{path}:{items.start_mark.line + 1}: expected a list of tasks")
    return [
        _RawTask(data, node.start_mark.line + 1, index, node)
        for index, (node, data) in enumerate(zip(items.value, document, strict=True))
    ]


def _read_raw(path: Path) -> list[_RawTask]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TaskFileError(f"{path}: cannot read task file: {exc.strerror or exc}") from exc
    if path.suffix == ".jsonl":
        return _read_jsonl(path, text)
    if path.suffix in (".yaml", ".yml", ".json"):
        return _read_yaml(path, text)
    raise TaskFileError(f"{path}: unknown task file type {path.suffix!r} (use .yaml, .yml, .json or .jsonl)")


def load_tasks(path: str | Path) -> list[Task]:
    """Load and validate every task in ``path``; raise :class:`TaskFileError` on the first problem."""
    file = Path(path)
    tasks: list[Task] = []
    lines: dict[str, int] = {}
    for raw in _read_raw(file):
        label = f"task #{raw.index + 1}"
        if not isinstance(raw.data, dict):
            raise TaskFileError(
                f"{file}:{raw.line} ({label}): a task must be an object, got {type(raw.data).__name__}"
            )
        task_id = raw.data.get("id")
        if task_id is not None:
            label += f", id {task_id!r}"
        where = f"{file}:{raw.line} ({label})"
        try:
            task = Task.model_validate(raw.data)
        except ValidationError as exc:
            line = _line_of(raw.node, tuple(exc.errors()[0]["loc"]), raw.line)
            if line != raw.line:
                where = f"{file}:{line} ({label}, which starts on line {raw.line})"
            raise TaskFileError(f"{where}: {_format_validation(exc)}") from exc
        world_line = _line_of(raw.node, ("world",), raw.line)
        task = _resolve_world_path(task, file, f"{file}:{world_line} ({label})")
        if task.id in lines:
            first = lines[task.id]
            raise TaskFileError(f"{where}: duplicate task id {task.id!r} (first defined on line {first})")
        lines[task.id] = raw.line
        tasks.append(task)
    _check_pairs(file, tasks, lines)
    return tasks


WORLD_FILE_SUFFIXES = (".json", ".yaml", ".yml")


def _resolve_world_path(task: Task, file: Path, where: str) -> Task:
    """Make a world file path absolute (relative ones are relative to the task file); names stay."""
    if not isinstance(task.world, str) or Path(task.world).suffix not in WORLD_FILE_SUFFIXES:
        return task
    path = Path(task.world)
    if not path.is_absolute():
        path = file.resolve().parent / path
    if not path.is_file():
        raise TaskFileError(
            f"{where}: world file {task.world!r} not found (looked for {path}; relative world paths "
            "are read from the task file's folder)"
        )
    return task.model_copy(update={"world": str(path)})


def _check_pairs(file: Path, tasks: list[Task], lines: dict[str, int]) -> None:
    seen = Counter((t.pair_id, t.variant) for t in tasks)
    for task in tasks:
        if seen[(task.pair_id, task.variant)] > 1:
            raise TaskFileError(
                f"{file}:{lines[task.id]} (id {task.id!r}): pair {task.pair_id!r} has more than one "
                f"{task.variant} variant"
            )


def suite_path(name: str) -> Path:
    """The file of a bundled suite; :class:`TaskFileError` listing the known suites otherwise."""
    for suffix in (".yaml", ".jsonl"):
        candidate = SUITES_DIR / f"{name}{suffix}"
        if candidate.is_file():
            return candidate
    known = sorted({p.stem for p in SUITES_DIR.glob("*.yaml")} | {p.stem for p in SUITES_DIR.glob("*.jsonl")})
    raise TaskFileError(f"unknown suite {name!r} (bundled suites: {', '.join(known) or 'none'})")


def load_suite(name: str) -> list[Task]:
    """Load a bundled suite by name (``calendar``)."""
    return load_tasks(suite_path(name))

"""Loading task files: both formats, and validation errors that name the file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from evals.loader import TaskFileError, load_suite, load_tasks

BASE = {
    "id": "t1-explicit",
    "family": "create",
    "variant": "explicit",
    "pair_id": "t1",
    "actor": "ana@acme.com",
    "now": "2026-03-09T14:00:00Z",
    "instruction": "Create an event.",
    "plan": [{"tool": "events_insert", "args": {"calendarId": "primary"}, "save_as": "new"}],
    "expect": [{"kind": "created", "resource": "event", "match": {"summary": "Sync"}}],
}


def task(**changes: object) -> dict[str, object]:
    data = json.loads(json.dumps(BASE))
    data.update(changes)
    return data


def write_yaml(tmp_path: Path, tasks: list[dict[str, object]], name: str = "tasks.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(tasks, sort_keys=False), encoding="utf-8")
    return path


def write_jsonl(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "tasks.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_yaml_list_and_tasks_mapping_load_the_same(tmp_path: Path) -> None:
    natural = task(id="t1-natural", variant="natural")
    as_list = load_tasks(write_yaml(tmp_path, [task(), natural]))
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(yaml.safe_dump({"tasks": [task(), natural]}), encoding="utf-8")
    as_mapping = load_tasks(mapping)
    assert [t.id for t in as_list] == ["t1-explicit", "t1-natural"]
    assert as_list == as_mapping
    assert as_list[0].requires_write


def test_jsonl_skips_blank_and_comment_lines(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path, ["# my tasks", "", json.dumps(task())])
    assert [t.id for t in load_tasks(path)] == ["t1-explicit"]


def test_invalid_jsonl_line_is_named(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path, [json.dumps(task()), "{not json"])
    with pytest.raises(TaskFileError, match=r"tasks\.jsonl:2: invalid JSON"):
        load_tasks(path)


def test_missing_field_names_file_line_task_and_field(tmp_path: Path) -> None:
    bad = task(id="t2-explicit", pair_id="t2")
    del bad["instruction"]
    path = write_yaml(tmp_path, [task(), bad])
    with pytest.raises(TaskFileError) as info:
        load_tasks(path)
    message = str(info.value)
    line = path.read_text().splitlines().index("- id: t2-explicit") + 1
    assert f"tasks.yaml:{line} (task #2, id 't2-explicit')" in message
    assert "instruction: Field required" in message


def test_error_inside_a_task_points_at_the_offending_line(tmp_path: Path) -> None:
    bad = task(plan=[{"tool": "calendars_list"}, {"tool": "events_insert", "args": "not an object"}])
    path = write_yaml(tmp_path, [task(id="x-natural", variant="natural"), bad])
    lines = path.read_text().splitlines()
    start = lines.index("- id: t1-explicit") + 1
    offending = next(i for i, text in enumerate(lines, 1) if "not an object" in text)
    with pytest.raises(TaskFileError) as info:
        load_tasks(path)
    assert f"tasks.yaml:{offending} (task #2, id 't1-explicit', which starts on line {start})" in str(
        info.value
    )
    assert "plan.1.args: Input should be a valid dictionary" in str(info.value)


def test_bad_variant_and_unknown_field_are_reported(tmp_path: Path) -> None:
    with pytest.raises(TaskFileError, match="variant"):
        load_tasks(write_yaml(tmp_path, [task(variant="casual")]))
    with pytest.raises(TaskFileError, match="colour: Extra inputs are not permitted"):
        load_tasks(write_yaml(tmp_path, [task(colour="red")]))


def test_unknown_matcher_is_reported(tmp_path: Path) -> None:
    expect = [{"kind": "created", "resource": "event", "match": {"summary": {"$like": "Sync"}}}]
    with pytest.raises(TaskFileError, match=r"unknown matcher '\$like'"):
        load_tasks(write_yaml(tmp_path, [task(expect=expect)]))


def test_matcher_operand_is_checked(tmp_path: Path) -> None:
    expect = [{"kind": "created", "resource": "event", "match": {"start.dateTime": {"$instant": "tomorrow"}}}]
    with pytest.raises(TaskFileError, match=r"\$instant needs an RFC3339 datetime"):
        load_tasks(write_yaml(tmp_path, [task(expect=expect)]))


def test_plan_reference_to_unsaved_step_is_reported(tmp_path: Path) -> None:
    plan = [{"tool": "events_patch", "args": {"eventId": "$found.items[0].id"}}]
    with pytest.raises(TaskFileError, match=r"plan step 0 \(events_patch\) refers to \$found"):
        load_tasks(write_yaml(tmp_path, [task(plan=plan)]))


def test_no_write_task_must_forbid_or_check_answer(tmp_path: Path) -> None:
    with pytest.raises(TaskFileError, match="requires no write must forbid writes or check the answer"):
        load_tasks(write_yaml(tmp_path, [task(expect=[])]))
    ok = task(expect=[], forbid={"any_write": True}, answer={"include_any": ["access"]})
    assert not load_tasks(write_yaml(tmp_path, [ok]))[0].requires_write


def test_duplicate_ids_and_duplicate_variants_are_reported(tmp_path: Path) -> None:
    with pytest.raises(TaskFileError, match="duplicate task id 't1-explicit' \\(first defined on line 1\\)"):
        load_tasks(write_yaml(tmp_path, [task(), task()]))
    with pytest.raises(TaskFileError, match="pair 't1' has more than one explicit variant"):
        load_tasks(write_yaml(tmp_path, [task(), task(id="other")]))


def test_unreadable_wrong_type_and_bad_yaml(tmp_path: Path) -> None:
    with pytest.raises(TaskFileError, match="cannot read task file"):
        load_tasks(tmp_path / "missing.yaml")
    with pytest.raises(TaskFileError, match=r"unknown task file type '\.txt'"):
        (tmp_path / "t.txt").write_text("x")
        load_tasks(tmp_path / "t.txt")
    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: a\n  family: [unclosed\n")
    with pytest.raises(TaskFileError, match=r"bad\.yaml:\d+: invalid YAML"):
        load_tasks(bad)
    scalar = tmp_path / "scalar.yaml"
    scalar.write_text("- just a string\n")
    with pytest.raises(TaskFileError, match=r"scalar\.yaml:1 \(task #1\): a task must be an object"):
        load_tasks(scalar)


def test_unknown_suite_lists_bundled_ones() -> None:
    with pytest.raises(TaskFileError, match="unknown suite 'nope'"):
        load_suite("nope")

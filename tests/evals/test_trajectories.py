"""Stored trajectories: captured from real episodes, kept beside the records, read back by
``guards show`` and ``guards export``."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path

from typer.testing import CliRunner

from evals.cli import app
from evals.episode import episode_seed, run_episode
from evals.loader import load_suite
from evals.records import EpisodeRecord
from evals.store import DB_NAME, ResultStore
from evals.trace.model import Trajectory
from evals.trace.render import compact
from guards.paths import get_path

runner = CliRunner()
TASKS = {t.id: t for t in load_suite("calendar")}
NATURAL = [t for t in TASKS.values() if t.variant == "natural"]


def _episode(task_id: str, arm: str) -> EpisodeRecord:
    task = TASKS[task_id]
    return run_episode(
        task.model_dump(mode="json"), arm, 0, episode_seed(0, task_id, 0), "simulated:calibrated"
    )  # type: ignore[arg-type]


def test_a_guarded_trajectory_holds_every_intervention_with_its_before_and_after() -> None:
    # the first natural episode in which the guard resolved a name (natural tasks name things)
    for task in NATURAL[:40]:
        record = _episode(task.id, "guarded")
        trajectory = record.trajectory
        assert trajectory is not None and trajectory.arm == "guarded"
        if any(i.kind == "reference_resolved" for i in trajectory.interventions()):
            break
    # every intervention the graph counted is in the trajectory, tied to its call
    counted = Counter(i.kind for i in trajectory.interventions())
    assert dict(counted) == record.interventions_by_kind and counted
    resolved = [
        (call, i) for call in trajectory.calls() for i in call.interventions if i.kind == "reference_resolved"
    ]
    assert resolved, "the natural task names its calendar, so the guard resolves it"
    for call, item in resolved:
        assert item.field is not None
        assert get_path(call.proposed_args, item.field) == item.before
        assert call.sent_args is not None and get_path(call.sent_args, item.field) == item.after
        assert call.verdict == "repaired" and call.ok is True
    assert trajectory.grade is not None and trajectory.grade.passed is record.passed
    assert len(trajectory.world_diff) == record.writes
    assert trajectory.final_answer == record.final_answer and trajectory.turns[0].role == "user"


def test_a_raw_trajectory_classifies_the_errors_the_agent_read() -> None:
    errors = []
    for task in NATURAL[:40]:
        trajectory = _episode(task.id, "raw").trajectory
        assert trajectory is not None
        assert not trajectory.interventions()  # nothing guards a raw episode
        errors += [call for call in trajectory.calls() if call.ok is False]
        if errors:
            break
    assert errors, "some raw natural episode meets a tool error"
    for call in errors:
        assert call.sent_args == call.proposed_args  # raw calls go out as proposed
        assert isinstance(call.result, dict) and call.result["error_type"] == call.error_type
        assert call.category in ("repairable", "permanent", "transient")


def test_the_store_keeps_trajectories_apart_and_compressed(run_dir: Path) -> None:
    with sqlite3.connect(run_dir / DB_NAME) as conn:
        records = [json.loads(r[0]) for r in conn.execute("SELECT record FROM episodes")]
        encodings = Counter(r[0] for r in conn.execute("SELECT encoding FROM trajectories"))
    assert records and all("trajectory" not in r for r in records)
    assert sum(encodings.values()) == len(records) and encodings["zlib+json"] > 0
    with ResultStore.in_dir(run_dir) as store:
        run = store.latest_run()
        assert run is not None
        stored = list(store.trajectories(run.run_id))
        assert [(t.task_id, t.arm, t.trial) for t in stored] == [
            (e.task_id, e.arm, e.trial) for e in store.episodes(run.run_id)
        ]


def test_a_store_from_before_trajectories_still_reads(tmp_path: Path) -> None:
    legacy = tmp_path / DB_NAME
    with sqlite3.connect(legacy) as conn:
        conn.executescript(
            "CREATE TABLE runs (run_id TEXT PRIMARY KEY, created_at TEXT NOT NULL, config TEXT NOT NULL);"
            "CREATE TABLE episodes (run_id TEXT NOT NULL, task_id TEXT NOT NULL, arm TEXT NOT NULL,"
            " trial INTEGER NOT NULL, passed INTEGER NOT NULL, record TEXT NOT NULL,"
            " finished_at TEXT NOT NULL, PRIMARY KEY (run_id, task_id, arm, trial));"
        )
        record = _episode("create_on_calendar-team-sync-natural", "raw")
        conn.execute("INSERT INTO runs VALUES ('old-run', '2026-11-01T00:00:00+00:00', '{}')")
        conn.execute(
            "INSERT INTO episodes VALUES ('old-run', ?, 'raw', 0, 1, ?, 'x')",
            (record.task_id, record.model_dump_json()),
        )
    with ResultStore(legacy) as store:
        assert store.episodes("old-run")[0].task_id == record.task_id
        assert store.trajectory("old-run", record.task_id, "raw", 0) is None
    result = runner.invoke(app, ["show", str(tmp_path), record.task_id, "--arm", "raw"])
    assert result.exit_code == 2 and "stored before trajectories were" in result.output


def _interventions_shown(trajectory: Trajectory) -> list[str]:
    return [
        f"{compact(i.before, None)} → {compact(i.after, None)}"
        for i in trajectory.interventions()
        if i.kind not in ("block", "reask")
    ]


def test_show_prints_every_intervention_of_a_stored_episode(run_dir: Path) -> None:
    with ResultStore.in_dir(run_dir) as store:
        run = store.latest_run()
        assert run is not None
        guarded = [t for t in store.trajectories(run.run_id) if t.arm == "guarded" and t.interventions()]
    assert guarded
    for trajectory in guarded:
        result = runner.invoke(app, ["show", str(run_dir), trajectory.task_id, "--arm", "guarded", "--full"])
        assert result.exit_code == 0, result.output
        flat = " ".join(result.output.replace("│", " ").split())
        assert f"{trajectory.task_id} · guarded · trial 0" in flat
        for shown in _interventions_shown(trajectory):
            assert " ".join(shown.split()) in flat
        assert (
            "verdict: passed" if trajectory.grade and trajectory.grade.passed else "verdict: failed"
        ) in flat


def test_show_diff_puts_both_arms_side_by_side_and_errors_are_one_line(run_dir: Path) -> None:
    with ResultStore.in_dir(run_dir) as store:
        task_id = store.task_ids(store.latest_run().run_id)[0]  # type: ignore[union-attr]
    result = runner.invoke(app, ["show", str(run_dir), task_id, "--diff"])
    assert result.exit_code == 0, result.output
    header = next(line for line in result.output.splitlines() if "· raw ·" in line)
    assert "· guarded ·" in header  # the two panels share their first line
    typo = runner.invoke(app, ["show", str(run_dir), task_id[:-1] + "X"])
    assert typo.exit_code == 2 and f"did you mean {task_id}" in typo.output
    missing = runner.invoke(app, ["show", str(run_dir), task_id, "--trial", "4"])
    assert missing.exit_code == 2 and "stored trials: [0]" in missing.output
    assert "Traceback" not in typo.output + missing.output


def test_export_writes_every_episode_and_its_trajectory_round_trips(run_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["export", str(run_dir), "--format", "jsonl", "--output", str(target)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in target.read_text().splitlines()]
    with ResultStore.in_dir(run_dir) as store:
        run = store.latest_run()
        assert run is not None
        assert len(lines) == store.count(run.run_id) == 24
        for line in lines:
            record = EpisodeRecord.model_validate(line["record"])
            back = Trajectory.model_validate(line["trajectory"])
            assert back == store.trajectory(run.run_id, record.task_id, record.arm, record.trial)
            assert line["run_id"] == run.run_id and back.task_id == record.task_id
    bad = runner.invoke(app, ["export", str(run_dir), "--format", "csv"])
    assert bad.exit_code == 2 and "unknown --format 'csv'" in bad.output

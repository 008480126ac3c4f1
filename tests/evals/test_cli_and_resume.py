"""The `guards` CLI: clear errors, a full A/B run, SIGINT and SIGKILL mid-run, and --resume."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import yaml
from typer.testing import CliRunner

from evals.cli import app
from evals.loader import load_suite

runner = CliRunner()


def pairs_file(tmp_path: Path, pairs: int) -> Path:
    """A user task file holding the first ``pairs`` pairs of the bundled suite."""
    chosen: list[str] = []
    tasks = []
    for task in load_suite("calendar"):
        if task.pair_id not in chosen:
            if len(chosen) == pairs:
                break
            chosen.append(task.pair_id)
        tasks.append(task.model_dump(mode="json", exclude_defaults=True))
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(tasks, sort_keys=False))
    return path


def test_bad_task_file_is_a_clear_error_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: x\n  family: f\n  variant: explicit\n")
    result = runner.invoke(
        app, ["ab", "--agent", "oracle", "--tasks", str(bad), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert "bad.yaml:1 (task #1, id 'x')" in result.output
    assert "Traceback" not in result.output


def test_unknown_agent_and_backend_are_clear_errors(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ab", "--agent", "gpt", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "cannot use agent 'gpt'" in result.output
    result = runner.invoke(app, ["ab", "--agent", "oracle", "--backend", "spark", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "unknown backend 'spark'" in result.output
    result = runner.invoke(app, ["ab", "--agent", "oracle", "--out", str(tmp_path), "--resume"])
    assert result.exit_code == 2 and "nothing to resume" in result.output
    result = runner.invoke(app, ["report", str(tmp_path / "empty")])
    assert result.exit_code == 2 and "results.sqlite not found" in result.output


def test_ab_runs_both_arms_writes_reports_and_report_rebuilds(tmp_path: Path) -> None:
    tasks = pairs_file(tmp_path, 2)
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "ab",
            "--agent",
            "oracle",
            "--tasks",
            str(tasks),
            "--trials",
            "2",
            "--out",
            str(out),
            "--concurrency",
            "3",
            "--workers",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "4 tasks x 2 trials x 2 arms = 16 episodes" in result.output
    report = json.loads((out / "report.json").read_text())
    assert report["meta"]["episodes"] == 16 and report["meta"]["complete"]
    raw = next(
        c for c in report["success"] if c["arm"] == "raw" and c["variant"] == "all" and c["group"] == "all"
    )
    assert raw["result"]["rate"] == 1.0
    (out / "report.html").unlink()
    again = runner.invoke(app, ["report", str(out)])
    assert again.exit_code == 0 and (out / "report.html").is_file()
    resume_other = runner.invoke(
        app,
        ["ab", "--agent", "oracle", "--tasks", str(tasks), "--trials", "3", "--out", str(out), "--resume"],
    )
    assert resume_other.exit_code == 2 and "trials: stored 2, now 3" in resume_other.output


def _stored(db: Path) -> dict[tuple[str, str, int], str]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT task_id, arm, trial, record FROM episodes").fetchall()
    return {(r[0], r[1], r[2]): r[3] for r in rows}


def _start(tasks: Path, out: Path, trials: int, *extra: str) -> subprocess.Popen[str]:
    command = [
        sys.executable,
        "-m",
        "evals.cli",
        "ab",
        "--agent",
        "oracle",
        "--tasks",
        str(tasks),
        "--trials",
        str(trials),
        "--out",
        str(out),
        *extra,
    ]
    # Its own session, so that a Ctrl-C can be sent to its whole process group as a terminal would.
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )


def _wait_for_episodes(db: Path, at_least: int, process: subprocess.Popen[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if db.exists():
            try:
                if len(_stored(db)) >= at_least:
                    return
            except sqlite3.OperationalError:
                pass
        assert process.poll() is None, process.communicate()
        time.sleep(0.05)
    raise AssertionError("the run stored too few episodes in time")


def test_sigkill_mid_run_then_resume_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    tasks, out = pairs_file(tmp_path, 1), tmp_path / "out"
    db = out / "results.sqlite"
    expected = 2 * 6 * 2
    process = _start(tasks, out, 6, "--workers", "1")
    _wait_for_episodes(db, 3, process)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    before = _stored(db)
    assert 3 <= len(before) < expected, "the kill must land mid-run"

    resumed = _start(tasks, out, 6, "--workers", "1", "--resume")
    stdout, stderr = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, stderr
    assert f"({len(before)} already stored)" in stdout
    after = _stored(db)
    assert len(after) == expected
    task_ids = [t["id"] for t in yaml.safe_load(tasks.read_text())]
    assert set(after) == {(t, arm, n) for t in task_ids for arm in ("raw", "guarded") for n in range(6)}
    assert all(after[key] == record for key, record in before.items()), "stored episodes must not change"
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 1


def test_sigint_stops_cleanly_with_a_resume_hint(tmp_path: Path) -> None:
    """Ctrl-C reaches the whole process group, including the worker processes (two of them here)."""
    tasks, out = pairs_file(tmp_path, 1), tmp_path / "out"
    process = _start(tasks, out, 10, "--workers", "2")
    _wait_for_episodes(out / "results.sqlite", 2, process)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert "--resume" in stderr and "Traceback" not in stderr

"""guards ab --record: every episode (both arms, also budget-ended ones) is recorded with its outcome,
and replaying the file in the same arms reproduces the outcomes."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from agents.replay import ReplayFactory, load_recordings
from evals.cli import app
from evals.store import ResultStore

runner = CliRunner()


def run(out: Path, *options: str) -> list:
    result = runner.invoke(app, ["ab", "--trials", "1", "--limit", "4", "--out", str(out), *options])
    assert result.exit_code == 0, result.output
    with ResultStore.in_dir(out) as store:
        latest = store.latest_run()
        assert latest is not None
        return store.episodes(latest.run_id)


def test_record_then_replay_reproduces_both_arms(tmp_path: Path) -> None:
    path = tmp_path / "episodes.jsonl"
    recorded = run(tmp_path / "rec", "--agent", "simulated:weak", "--record", str(path), "--workers", "1")
    lines = load_recordings(path)
    assert len(lines) == len(recorded) == 16
    assert {(r.task_id, r.arm) for r in lines} == {(r.task_id, r.arm) for r in recorded}
    by_key = {(r.task_id, r.arm): r for r in recorded}
    for line in lines:
        assert line.outcome is not None and line.family == by_key[(line.task_id, line.arm)].family
        assert line.outcome["passed"] == by_key[(line.task_id, line.arm)].passed
    # the weak agent's mistakes make the arms differ somewhere, so keeping them apart matters
    assert any(by_key[(t, "raw")].passed != by_key[(t, "guarded")].passed for t, _ in by_key)

    replayed = run(tmp_path / "replay", "--agent", f"replay:{path}")
    assert {(r.task_id, r.arm): r.passed for r in replayed} == {k: r.passed for k, r in by_key.items()}
    calls = {(r.task_id, r.arm): r.tool_calls for r in replayed}
    assert calls == {k: r.tool_calls for k, r in by_key.items()}


def test_budget_ended_episodes_are_recorded_too(tmp_path: Path) -> None:
    path = tmp_path / "short.jsonl"
    recorded = run(tmp_path / "o", "--agent", "oracle", "--record", str(path), "--max-steps", "1")
    lines = load_recordings(path)
    stopped = [r for r in recorded if r.stop_reason == "max_steps"]
    assert stopped  # multi-call plans cannot finish in one turn
    assert {(r.task_id, r.arm) for r in stopped} <= {(line.task_id, line.arm) for line in lines}
    assert all(line.outcome and line.outcome["stop_reason"] in ("answered", "max_steps") for line in lines)


def test_replay_can_serve_one_arms_recordings_to_both(tmp_path: Path) -> None:
    path = tmp_path / "episodes.jsonl"
    run(tmp_path / "rec", "--agent", "simulated:weak", "--record", str(path), "--workers", "1")
    raw_only = ReplayFactory(path, arm="raw")
    both = ReplayFactory(path)
    task = load_recordings(path)[0].task_id
    raw_line = raw_only.lookup(task, "guarded", None)
    assert raw_line is not None and raw_line.arm == "raw"
    guarded_line = both.lookup(task, "guarded", None)
    assert guarded_line is not None and guarded_line.arm == "guarded"
    assert both.lookup("no-such-task", "raw", None) is None
    from agents import build_agent_factory

    assert build_agent_factory(f"replay:{path}#raw").arm == "raw"  # type: ignore[attr-defined]
    assert build_agent_factory(f"replay:{path}").arm is None  # type: ignore[attr-defined]

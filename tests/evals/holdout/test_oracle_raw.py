"""The oracle passes every held-out task in the raw arm of the A/B runner (what `guards ab` runs).

The raw arm executes the gold calls through the real graph and tools without guards, so this
proves every held-out task solvable and its grading right. The guarded arm is measured, not
asserted, here: how the guards do on independent material is the point of the suite.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from evals.cli import app
from evals.loader import load_suite
from evals.records import EpisodeRecord
from evals.runner import RunConfig, plan_jobs, run_jobs


@pytest.mark.slow
def test_the_oracle_passes_every_holdout_task_raw() -> None:
    tasks = load_suite("holdout")
    jobs = [job for job in plan_jobs(tasks, 1, 0) if job.arm == "raw"]
    records: list[EpisodeRecord] = []
    run_jobs(jobs, RunConfig(agent="oracle", suite="holdout", trials=1, seed=0), records.append, workers=2)
    assert len(records) == len(tasks)
    failures = {r.task_id: r.failed_expectation for r in records if not r.passed}
    assert failures == {}
    assert all(r.crashed is None and r.wrong_entity_writes == 0 for r in records)


def test_guards_ab_runs_the_holdout_suite_by_name(tmp_path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "ab",
            "--agent",
            "oracle",
            "--suite",
            "holdout",
            "--trials",
            "1",
            "--limit",
            "2",
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "4 tasks x 1 trials x 2 arms = 8 episodes" in result.output

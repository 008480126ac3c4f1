"""The oracle (gold plans executed through the real graphs) passes every bundled task in both arms.

This proves the tasks solvable, the graders right, and the guards free of false blocks and false
repairs on correct calls.
"""

from __future__ import annotations

from evals.loader import load_suite
from evals.records import EpisodeRecord
from evals.runner import RunConfig, plan_jobs, run_jobs


def test_oracle_passes_every_bundled_task_in_both_arms() -> None:
    tasks = load_suite("calendar")
    records: list[EpisodeRecord] = []
    config = RunConfig(agent="oracle", suite="calendar", trials=1, seed=0)
    run_jobs(plan_jobs(tasks, 1, 0), config, records.append, workers=2)
    assert len(records) == 2 * len(tasks)
    failures = {(r.arm, r.task_id): r.failed_expectation for r in records if not r.passed}
    assert failures == {}
    assert all(r.wrong_entity_writes == 0 and r.crashed is None for r in records)
    guarded = [r for r in records if r.arm == "guarded"]
    assert not any(r.interventions_by_kind.get("block") for r in guarded), "no correct call may be blocked"

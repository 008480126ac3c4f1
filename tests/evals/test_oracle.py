"""The oracle (gold plans executed through the real graphs) passes every bundled task in both arms.

This proves the tasks solvable, the graders right, and the guards free of false blocks and false
repairs on correct calls.
"""

from __future__ import annotations

import pytest

from evals.episode import run_episode
from evals.loader import load_suite
from evals.records import Arm

TASKS = load_suite("calendar")


@pytest.mark.parametrize("arm", ["raw", "guarded"])
def test_oracle_passes_every_bundled_task(arm: Arm) -> None:
    failures = {}
    for task in TASKS:
        record = run_episode(task.model_dump(mode="json"), arm, 0, 1, "oracle")
        if not record.passed:
            failures[task.id] = record.failed_expectation
        else:
            assert record.wrong_entity_writes == 0 and record.crashed is None
    assert failures == {}

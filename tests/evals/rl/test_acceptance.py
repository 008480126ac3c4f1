"""Acceptance: the oracle earns the full reward everywhere, the weak agent does not, and rollouts
earn exactly the grades ``guards ab`` records for the same agent and seeds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evals.loader import load_suite
from evals.rl.rewards import RewardConfig
from evals.rl.rollout import RolloutLine, run_rollouts
from evals.runner import RunConfig, open_run, run_ab
from evals.store import ResultStore
from evals.tasks import Task


def rollouts(
    tasks: list[Task], config: RunConfig, mode: str, *, guarded: bool, workers: int = 1
) -> list[RolloutLine]:
    lines: list[RolloutLine] = []
    reward = RewardConfig(mode=mode)  # type: ignore[arg-type]
    run_rollouts(tasks, config, reward, lines.append, guarded=guarded, workers=workers)
    return lines


@pytest.mark.slow
@pytest.mark.parametrize("suite", ["calendar", "holdout"])
@pytest.mark.parametrize("guarded", [False, True], ids=["raw", "guarded"])
def test_oracle_rollouts_earn_full_reward_on_every_bundled_task(suite: str, guarded: bool) -> None:
    tasks = load_suite(suite)
    config = RunConfig(agent="oracle", suite=suite, trials=1, seed=0)
    # shaped: 1.0 means passed *and* not one error or repair charged; the holdout runs in two processes
    lines = rollouts(tasks, config, "shaped", guarded=guarded, workers=2 if suite == "holdout" else 1)
    assert sorted(line.task_id for line in lines) == sorted(task.id for task in tasks)
    short = [
        (line.task_id, line.reward, line.failures) for line in lines if line.reward != 1.0 or not line.passed
    ]
    assert short == []
    assert all(line.stop_reason == "answered" and not line.truncated for line in lines)


def _sample() -> list[Task]:
    """Two pairs of every family: both variants, every kind of task."""
    chosen: list[Task] = []
    pairs: dict[str, list[str]] = {}
    for task in load_suite("calendar"):
        family = pairs.setdefault(task.family, [])
        if task.pair_id not in family and len(family) < 2:
            family.append(task.pair_id)
        if task.pair_id in family:
            chosen.append(task)
    return chosen


def _ids_masked(message: str) -> str:
    return re.sub(r"event:[\w-]+", "event:<id>", message)


WEAK = RunConfig(agent="simulated:weak", suite="sample", trials=1, seed=5)


@pytest.fixture(scope="module")
def weak_rollouts() -> dict[str, list[RolloutLine]]:
    tasks = _sample()
    return {arm: rollouts(tasks, WEAK, "binary", guarded=arm == "guarded") for arm in ("raw", "guarded")}


def test_the_weak_agent_earns_less_than_full_reward(weak_rollouts: dict[str, list[RolloutLine]]) -> None:
    for arm, lines in weak_rollouts.items():
        mean = sum(line.reward for line in lines) / len(lines)
        assert 0.0 < mean < 1.0, arm
        assert all(line.reward == float(line.passed) for line in lines)  # binary: the grade itself


def test_rollout_rewards_equal_the_grades_guards_ab_records(
    tmp_path: Path, weak_rollouts: dict[str, list[RolloutLine]]
) -> None:
    with ResultStore.in_dir(tmp_path) as store:
        run = open_run(store, WEAK, resume=False)
        run_ab(store, run, _sample(), WEAK)
        records = {(r.task_id, r.arm, r.trial): r for r in store.episodes(run.run_id)}
    lines = {
        (line.task_id, line.arm, line.trial): line for arm in weak_rollouts for line in weak_rollouts[arm]
    }
    assert set(lines) == set(records)
    for key, record in records.items():
        line = lines[key]
        assert line.seed == record.seed, key
        assert line.reward == (1.0 if record.passed else 0.0), key
        assert line.failure_kind == record.failure_kind, key
        # event IDs the guard derives for a write (its idempotency key) differ between runs of guards ab
        assert [_ids_masked(f) for f in line.failures] == [_ids_masked(f) for f in record.failures], key
        # the same episode, not only the same verdict: the same turns, calls, errors and stop
        assert line.steps == record.steps and line.stop_reason == record.stop_reason, key
        assert line.metadata["tool_calls"] == record.tool_calls, key
        assert line.metadata["errors_by_type"] == record.errors_by_type, key
        assert line.metadata["mistakes"] == record.mistakes, key
        assert line.metadata["interventions_by_kind"] == record.interventions_by_kind, key
    assert any(not r.passed for r in records.values()) and any(r.passed for r in records.values())

"""A Ctrl-C that reaches the parent process first leaves no pool thread running behind it.

A terminal's Ctrl-C reaches the parent and the workers in either order. When the parent sees it
first the pool is still busy; a pool thread still ending when the interpreter exits is what made
Python 3.11 print a traceback after a clean "interrupted" message.
"""

from __future__ import annotations

import signal
import threading
import time
from typing import Any

import pytest

from evals.loader import load_suite
from evals.runner import EpisodeJob, RunConfig, plan_jobs, run_jobs


def slow_episode(job: EpisodeJob, config: RunConfig) -> tuple[str, str, int]:
    time.sleep(0.4)
    return job.key


def _pool_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if "ExecutorManager" in type(t).__name__ and t.is_alive()]


def test_a_ctrl_c_in_the_parent_shuts_the_pool_down_before_returning() -> None:
    tasks = load_suite("calendar")[:4]
    config = RunConfig(agent="oracle", suite="calendar", trials=1, seed=0)
    seen: list[Any] = []

    def interrupt_on_first(key: Any) -> None:
        seen.append(key)
        signal.raise_signal(signal.SIGINT)  # to this process only: the workers are still busy

    assert _pool_threads() == []
    with pytest.raises(KeyboardInterrupt):
        run_jobs(plan_jobs(tasks, 1, 0), config, interrupt_on_first, workers=2, episode=slow_episode)
    assert len(seen) < 2 * len(tasks), "the run must stop early"
    assert _pool_threads() == [], "the pool's manager thread must have ended"

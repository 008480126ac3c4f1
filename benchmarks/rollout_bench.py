"""Rollout throughput: task episodes per second on one core, played through ``TaskEnv`` (prints JSON).

The workload is the simulated ``calibrated`` agent on the first ``--tasks`` tasks of the bundled
``calendar`` suite (both variants of each pair), raw and guarded, each episode graded. Two ways of
running the same episodes are measured in one run, interleaved per repeat:

* ``rollout``: ``guards rollout``'s path, the agent handing turns to a :class:`evals.rl.TaskEnv`
  (the agent graph paused before every model turn, its state checkpointed in memory);
* ``guards_ab``: the evaluation's path, the graph calling the agent itself (``run_episode``).

Their ratio is what stepping an episode from outside costs. Rates are medians over repeats, in one
thread; CPU-time rates (episodes per core-second) are printed beside wall-clock ones because the
development machine is shared.

    python benchmarks/rollout_bench.py [--repeats 3] [--tasks 40]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evals.episode import run_episode
from evals.loader import load_suite
from evals.rl.rewards import RewardConfig
from evals.rl.rollout import rollout_jobs, run_rollout
from evals.runner import EpisodeJob, RunConfig

AGENT = "simulated:calibrated"


def _timed(jobs: list[EpisodeJob], play: Callable[[EpisodeJob], int]) -> tuple[float, float, int]:
    """(episodes/s wall, episodes/s CPU, turns) for playing every job once."""
    wall, cpu = time.perf_counter(), time.thread_time()
    turns = sum(play(job) for job in jobs)
    return len(jobs) / (time.perf_counter() - wall), len(jobs) / (time.thread_time() - cpu), turns


def measure(tasks: int, repeats: int) -> dict[str, Any]:
    chosen = load_suite("calendar")[:tasks]
    config = RunConfig(agent=AGENT, suite="calendar", trials=1, seed=0)
    reward = RewardConfig(mode="shaped")
    settings = config.settings()

    def by_rollout(job: EpisodeJob) -> int:
        return run_rollout(job, config, reward).steps

    def by_graph(job: EpisodeJob) -> int:
        task = job.task.model_dump(mode="json")
        return run_episode(task, job.arm, job.trial, job.seed, AGENT, None, settings).steps

    results: dict[str, Any] = {}
    for arm in ("raw", "guarded"):
        jobs = rollout_jobs(chosen, 1, 0, arm)  # type: ignore[arg-type]
        by_rollout(jobs[0]), by_graph(jobs[0])  # warm caches (pack, worlds, agent profile)
        samples: dict[str, list[tuple[float, float, int]]] = {"rollout": [], "guards_ab": []}
        for _ in range(repeats):
            samples["rollout"].append(_timed(jobs, by_rollout))
            samples["guards_ab"].append(_timed(jobs, by_graph))
        row: dict[str, Any] = {"episodes": len(jobs)}
        for path, runs in samples.items():
            row[path] = {
                "episodes_per_s": round(statistics.median(r[0] for r in runs), 1),
                "episodes_per_cpu_s": round(statistics.median(r[1] for r in runs), 1),
                "turns_per_episode": round(runs[0][2] / len(jobs), 2),
            }
        row["rollout_cpu_cost_ratio"] = round(
            row["guards_ab"]["episodes_per_cpu_s"] / row["rollout"]["episodes_per_cpu_s"], 2
        )
        results[arm] = row
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--tasks", type=int, default=40)
    args = parser.parse_args()
    result = {
        "benchmark": "rollout_bench",
        "agent": AGENT,
        "repeats": args.repeats,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "arms": measure(args.tasks, args.repeats),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

"""``guards export``: a run's episodes with their trajectories, one JSON object per line.

Each line is ``{"run_id", "record", "trajectory"}``: the episode record as ``report.json`` counts it
and its :class:`~evals.trace.model.Trajectory` (``null`` for episodes stored before trajectories were),
so a trainer, a notebook or another viewer reads a run without this package.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from evals.store import ResultStore

EXPORT_FORMATS = ("jsonl",)


def export_lines(store: ResultStore, run_id: str) -> Iterator[dict[str, Any]]:
    """One object per stored episode of ``run_id``, in the store's order."""
    trajectories = {(t.task_id, t.arm, t.trial): t for t in store.trajectories(run_id)}
    for record in store.episodes(run_id):
        trajectory = trajectories.get((record.task_id, record.arm, record.trial))
        yield {
            "run_id": run_id,
            "record": record.model_dump(mode="json"),
            "trajectory": trajectory.model_dump(mode="json") if trajectory is not None else None,
        }


def write_jsonl(store: ResultStore, run_id: str, stream: IO[str]) -> int:
    """Write every episode of ``run_id`` to ``stream``; return how many."""
    count = 0
    for line in export_lines(store, run_id):
        stream.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count

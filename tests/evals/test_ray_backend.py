"""The Ray backend runs a small A/B on a local Ray cluster and agrees with the local backend."""

from __future__ import annotations

from pathlib import Path

from evals.loader import load_suite
from evals.records import EpisodeRecord
from evals.runner import RunConfig, open_run, run_ab
from evals.store import ResultStore


def _outcomes(records: list[EpisodeRecord]) -> list[tuple[str, str, int, bool, int, str | None]]:
    return sorted((r.task_id, r.arm, r.trial, r.passed, r.tool_calls, r.failed_expectation) for r in records)


def test_ray_backend_matches_local_backend(tmp_path: Path) -> None:
    tasks = [t for t in load_suite("calendar") if t.family == "create_on_calendar"][:4]
    config = RunConfig(agent="simulated:calibrated", suite="mini", trials=2, seed=3)
    results = {}
    for backend in ("local", "ray"):
        with ResultStore.in_dir(tmp_path / backend) as store:
            run = open_run(store, config, resume=False)
            ran = run_ab(store, run, tasks, config, concurrency=4, backend=backend)  # type: ignore[arg-type]
            assert ran == 4 * 2 * 2
            results[backend] = store.episodes(run.run_id)
    assert len(results["ray"]) == 16
    assert _outcomes(results["ray"]) == _outcomes(results["local"])

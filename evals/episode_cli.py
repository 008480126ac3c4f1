"""``guards show`` and ``guards export``: read the trajectories a run stored.

Kept apart from :mod:`evals.cli` (which registers them) so each command module stays small.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from evals.store import DB_NAME, ResultStore, RunInfo
from evals.trace.model import Trajectory


class EpisodeLookupError(ValueError):
    """The episode asked for is not stored (the message says what is)."""


def open_store(directory: Path) -> ResultStore:
    if not (directory / DB_NAME).is_file():
        raise EpisodeLookupError(
            f"no results in {directory}: {DB_NAME} not found (run `guards ab --out {directory}`)"
        )
    return ResultStore.in_dir(directory)


def pick_run(store: ResultStore, run_id: str | None) -> RunInfo:
    run = store.get_run(run_id) if run_id else store.latest_run()
    if run is None:
        known = ", ".join(r.run_id for r in store.runs()) or "none"
        raise EpisodeLookupError(f"no run {run_id or ''} in {store.path} (runs: {known})".replace("  ", " "))
    return run


def find_trajectory(store: ResultStore, run: RunInfo, task_id: str, arm: str, trial: int) -> Trajectory:
    """The stored trajectory, or an :class:`EpisodeLookupError` that names what is there instead."""
    tasks = store.task_ids(run.run_id)
    if task_id not in tasks:
        close = difflib.get_close_matches(task_id, tasks, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else f" ({len(tasks)} tasks stored)"
        raise EpisodeLookupError(f"task {task_id!r} is not in {run.run_id}{hint}")
    trials = store.trials_of(run.run_id, task_id)
    if trial not in trials:
        raise EpisodeLookupError(f"task {task_id!r} has no trial {trial} (stored trials: {trials})")
    found = store.trajectory(run.run_id, task_id, arm, trial)
    if found is None:
        raise EpisodeLookupError(
            f"no trajectory stored for {task_id} {arm} trial {trial} in {run.run_id} "
            "(the run was stored before trajectories were, or that arm did not run)"
        )
    return found


def show(
    directory: Annotated[Path, typer.Argument(help="an --out directory of guards ab")],
    task_id: Annotated[str, typer.Argument(help="the task's id")],
    arm: Annotated[str | None, typer.Option(help="raw or guarded (default: both)")] = None,
    trial: Annotated[int, typer.Option(min=0, help="which trial")] = 0,
    run: Annotated[str | None, typer.Option(help="run id (default: the latest run)")] = None,
    diff: Annotated[bool, typer.Option(help="the raw and guarded arms side by side")] = False,
    full: Annotated[bool, typer.Option(help="show tool results and values in full")] = False,
    html: Annotated[
        Path | None, typer.Option(help="also write both arms as one HTML page (report.html's episode view)")
    ] = None,
) -> None:
    """Print one stored episode as a readable trace: calls, guard interventions, results, verdict."""
    from evals.cli_output import console, fail
    from evals.trace.render import render_side_by_side, render_trajectory

    if arm not in (None, "raw", "guarded"):
        fail(f"unknown --arm {arm!r} (use raw or guarded)")
    if diff and arm is not None:
        fail("--diff shows both arms; leave out --arm")
    arms = [arm] if arm else ["raw", "guarded"]
    try:
        with open_store(directory) as store:
            chosen = pick_run(store, run)
            shown = [find_trajectory(store, chosen, task_id, a, trial) for a in arms]
            if html is not None:
                _write_page(html, store, chosen, task_id, trial)
    except EpisodeLookupError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write {html}: {exc.strerror or exc}")
    out = console if console.is_terminal else Console(width=200 if diff else 120, soft_wrap=False)
    if diff:
        out.print(render_side_by_side(shown[0], shown[1], full=full))
        return
    for trajectory in shown:
        out.print(render_trajectory(trajectory, full=full))


def export(
    directory: Annotated[Path, typer.Argument(help="an --out directory of guards ab")],
    format: Annotated[str, typer.Option("--format", help="jsonl: one episode per line")] = "jsonl",
    output: Annotated[
        Path | None,
        typer.Option(help="file to write (default: <directory>/trajectories.jsonl; - for stdout)"),
    ] = None,
    run: Annotated[str | None, typer.Option(help="run id (default: the latest run)")] = None,
) -> None:
    """Write a run's episode records and trajectories for other tools."""
    from evals.cli_output import errors, fail
    from evals.trace.export import EXPORT_FORMATS, write_jsonl

    if format not in EXPORT_FORMATS:
        fail(f"unknown --format {format!r} (use {', '.join(EXPORT_FORMATS)})")
    target = output if output is not None else directory / "trajectories.jsonl"
    try:
        with open_store(directory) as store:
            chosen = pick_run(store, run)
            if str(target) == "-":
                count = write_jsonl(store, chosen.run_id, sys.stdout)
            else:
                with target.open("w", encoding="utf-8") as stream:
                    count = write_jsonl(store, chosen.run_id, stream)
    except EpisodeLookupError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write {target}: {exc.strerror or exc}")
    errors.print(f"{count} episodes of {chosen.run_id} written to {target}", highlight=False, soft_wrap=True)


def _write_page(path: Path, store: ResultStore, run: RunInfo, task_id: str, trial: int) -> None:
    from evals.report.episodes import EpisodeView
    from evals.report.html import render_episode_page

    raw = store.trajectory(run.run_id, task_id, "raw", trial)
    guarded = store.trajectory(run.run_id, task_id, "guarded", trial)
    family = next(t.family for t in (raw, guarded) if t is not None)
    passed = [bool(t and t.grade and t.grade.passed) for t in (raw, guarded)]
    reason = "fixed" if passed == [False, True] else "broken" if passed == [True, False] else "requested"
    path.write_text(
        render_episode_page(EpisodeView(task_id, trial, family, reason, raw, guarded)), encoding="utf-8"
    )

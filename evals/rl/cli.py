"""``guards rollout`` (an agent's task episodes as chat-with-tools JSONL) and task episodes for
``guards env serve --suite``; :func:`mount_rl_commands` registers both on the ``guards`` app.

Kept apart from :mod:`evals.cli` so each command module stays small; everything heavy is imported
when a command runs, not when ``guards --help`` does.
"""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Annotated, Any

import typer

from evals.cli_output import console
from evals.cli_output import fail as _fail


def _task_source(suite: str | None, tasks: str | None) -> Any:
    from evals.rl.serving import task_source

    return task_source(suite, tasks)


def _tasks(suite: str, tasks: Path | None, families: str | None, limit: int | None, seed: int) -> list[Any]:
    from evals.loader import TaskFileError, load_suite, load_tasks
    from evals.selection import choose_pairs, only_families
    from evals.worldcheck import check_task_worlds

    try:
        task_list = load_tasks(tasks) if tasks is not None else load_suite(suite)
    except TaskFileError as exc:
        _fail(str(exc))
    task_list = only_families(task_list, families.split(",") if families else None)
    task_list = choose_pairs(task_list, limit, sample="stratified", seed=seed)
    if not task_list:
        _fail(f"no tasks in {tasks or suite}" + (f" of families {families}" if families else ""))
    problems = check_task_worlds(task_list)
    if problems:
        _fail(f"bad world: {problems[0]}")
    return task_list


def rollout(
    out: Annotated[Path, typer.Option(help="the JSONL file to write, one line per episode")],
    agent: Annotated[
        str, typer.Option(help="simulated:<profile>, oracle, replay:<file.jsonl> or llm:<provider:model>")
    ] = "simulated:calibrated",
    suite: Annotated[str, typer.Option(help="bundled task suite")] = "calendar",
    tasks: Annotated[Path | None, typer.Option(help="your own task file instead of --suite")] = None,
    guarded: Annotated[
        bool, typer.Option(help="run every call through the guards (the calls written are those sent)")
    ] = False,
    trials: Annotated[int, typer.Option(min=1, help="episodes per task")] = 1,
    reward: Annotated[str, typer.Option(help="binary (the grade) or shaped (grade plus per-turn terms)")] = (
        "binary"
    ),
    seed: Annotated[int, typer.Option(help="base seed: the same episodes and worlds as guards ab's")] = 0,
    limit: Annotated[int | None, typer.Option(min=1, help="only N task pairs (stratified)")] = None,
    families: Annotated[str | None, typer.Option(help="only these task families (comma-separated)")] = None,
    max_steps: Annotated[int | None, typer.Option(min=1, help="model turns per episode (default 25)")] = None,
    max_reasks: Annotated[int | None, typer.Option(min=0, help="errors sent back per episode")] = None,
    concurrency: Annotated[int, typer.Option(min=1, help="episodes in flight at once")] = 1,
    workers: Annotated[
        int | None, typer.Option(min=1, help="local processes (default: one per core, 1 for llm)")
    ] = None,
    backend: Annotated[str, typer.Option(help="local (threads/processes) or ray")] = "local",
    address: Annotated[str | None, typer.Option(help="Ray cluster address")] = None,
    base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible endpoint for llm: agents")] = None,
) -> None:
    """Play task episodes with an agent and write them as chat-with-tools JSONL, with their rewards."""
    if backend not in ("local", "ray"):
        _fail(f"unknown backend {backend!r} (use local or ray)")
    if reward not in ("binary", "shaped"):
        _fail(f"unknown --reward {reward!r} (use binary or shaped)")
    task_list = _tasks(suite, tasks, families, limit, seed)
    try:
        from agents import build_agent_factory

        build_agent_factory(agent, base_url=base_url)
    except (ValueError, KeyError, LookupError, ImportError, OSError) as exc:
        _fail(f"cannot use agent {agent!r}: {exc}")
    from evals.rl.rewards import RewardConfig
    from evals.rl.rollout import RolloutLine, run_rollouts
    from evals.runner import RunConfig, RunConfigError, default_workers

    config = RunConfig(
        agent=agent, suite=str(tasks or suite), trials=trials, seed=seed, limit=limit, base_url=base_url,
        max_steps=max_steps, max_reasks=max_reasks,
    )  # fmt: skip
    rewards: list[float] = []
    passed = 0
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        stream = out.open("w", encoding="utf-8")
    except OSError as exc:
        _fail(f"cannot write {out}: {exc.strerror or exc}")
    arm = "guarded" if guarded else "raw"
    console.print(f"{len(task_list)} tasks x {trials} trials, {arm}, {agent} -> {out}", highlight=False)

    def on_line(line: RolloutLine) -> None:
        nonlocal passed
        stream.write(line.model_dump_json() + "\n")
        stream.flush()
        rewards.append(line.reward)
        passed += int(line.passed)

    with stream:
        try:
            run_rollouts(
                task_list, config, RewardConfig(mode=reward), on_line,  # type: ignore[arg-type]
                guarded=guarded, concurrency=concurrency,
                workers=workers if workers is not None else default_workers(agent),
                backend=backend, address=address,  # type: ignore[arg-type]
            )  # fmt: skip
        except KeyboardInterrupt:
            _fail(f"interrupted after {len(rewards)} episodes (kept in {out})", 130)
        except RunConfigError as exc:
            _fail(str(exc))
    mean = statistics.fmean(rewards) if rewards else 0.0
    console.print(
        f"{len(rewards)} episodes: mean reward {mean:.3f}, passed {passed}/{len(rewards)}; wrote {out}",
        highlight=False,
    )


def mount_rl_commands(app: typer.Typer) -> None:
    """Register ``guards rollout``, and make ``guards env serve --suite/--tasks`` serve task episodes."""
    from env.server.episodes import install_episode_source

    app.command()(rollout)
    install_episode_source(_task_source)

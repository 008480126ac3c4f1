"""The ``guards`` command line: ``guards ab`` (the A/B evaluation), ``guards report``, ``guards show`` and
``guards export`` (stored trajectories), ``guards world`` (world files) and ``guards env``."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from agents.llm_options import LLMOptions
from evals.cli_output import console, fail
from evals.loader import TaskFileError, load_suite, load_tasks
from evals.records import EpisodeRecord
from evals.rl.cli import mount_rl_commands
from evals.runner import RunConfig, RunConfigError, default_workers, open_run, plan_jobs, run_ab
from evals.selection import choose_pairs, family_tool_map, only_families
from evals.store import ResultStore, RunInfo
from evals.tasks import Task

app = typer.Typer(
    name="guards",
    help="lookup-guards: A/B-test guarded against raw tool-using agents on paired calendar tasks.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _mount_env_app() -> None:
    try:
        from env.cli import env_app
    except ImportError:
        return
    app.add_typer(env_app, name="env", help="Serve or explore the bundled calendar environment.")


def limit_pairs(tasks: list[Task], limit: int | None) -> list[Task]:
    """The tasks of the first ``limit`` pairs (both variants of each), in file order."""
    return choose_pairs(tasks, limit, sample="first")


def _llm_options(
    temperature: float | None,
    model_seed: bool,
    max_tokens: int | None,
    tool_descriptions: str,
    tools: str,
) -> LLMOptions:
    family_tools: tuple[tuple[str, tuple[str, ...]], ...] = ()
    if tools == "family":
        # from the development suite's gold plans, never from the suite being measured
        family_tools = family_tool_map(load_suite("calendar"))
    try:
        return LLMOptions(
            temperature=temperature,
            seed=model_seed,
            max_tokens=max_tokens,
            tool_descriptions=tool_descriptions,  # type: ignore[arg-type]
            tools=tools,
            family_tools=family_tools,
        )
    except ValueError as exc:
        fail(str(exc))


def _check_agent(agent: str, base_url: str | None, options: LLMOptions, preflight: bool) -> dict[str, bool]:
    """Build the agent once (a bad spec fails here); for real models, which settings they take.

    With ``preflight`` an ``llm:`` agent's server is probed first (:func:`agents.servers.probe_server`).
    """
    try:
        from agents import build_agent_factory

        factory = build_agent_factory(agent, base_url=base_url, llm_options=options)
    except (ValueError, KeyError, LookupError, ImportError, OSError) as exc:
        fail(f"cannot use agent {agent!r}: {exc}")
    honoured = dict(getattr(factory, "honoured", {}))
    if preflight and agent.startswith("llm:"):
        from agents.servers import ServerError, probe_server

        console.print("checking the model server (three one-token requests) ...", highlight=False)
        try:
            result = probe_server(factory.model)  # type: ignore[attr-defined]
        except ServerError as exc:
            fail(f"cannot use agent {agent!r}: {exc}")
        if result.problems:
            fail(f"cannot use agent {agent!r}: " + "; ".join(result.problems))
        for note in result.notes:
            console.print(f"note: {note}", highlight=False, soft_wrap=True)
    return honoured


class _Tally:
    """Per-arm running success for the progress bar."""

    def __init__(self) -> None:
        self.done: dict[str, int] = defaultdict(int)
        self.passed: dict[str, int] = defaultdict(int)

    def add(self, record: EpisodeRecord) -> None:
        self.done[record.arm] += 1
        self.passed[record.arm] += int(record.passed)

    def text(self) -> str:
        parts = []
        for arm in ("raw", "guarded"):
            n = self.done[arm]
            share = f"{100 * self.passed[arm] / n:.0f}%" if n else "-"
            parts.append(f"{arm} {share}")
        return " | ".join(parts)


@app.command()
def ab(
    agent: Annotated[
        str, typer.Option(help="simulated:<profile>, oracle, replay:<file.jsonl> or llm:<provider:model>")
    ] = "simulated:calibrated",
    suite: Annotated[str, typer.Option(help="bundled task suite")] = "calendar",
    tasks: Annotated[
        Path | None, typer.Option(help="your own task file (YAML or JSONL) instead of --suite")
    ] = None,
    trials: Annotated[int, typer.Option(min=1, help="trials per task and arm")] = 5,
    out: Annotated[Path, typer.Option(help="directory for results.sqlite and the reports")] = Path("results"),
    concurrency: Annotated[int, typer.Option(min=1, help="episodes in flight at once")] = 1,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1, help="local processes (default: one per core for simulated/oracle/replay, 1 for llm)"
        ),
    ] = None,
    backend: Annotated[str, typer.Option(help="local (threads) or ray")] = "local",
    address: Annotated[
        str | None, typer.Option(help="Ray cluster address (default: start a local one)")
    ] = None,
    resume: Annotated[
        bool, typer.Option(help="continue the last run in --out, skipping finished episodes")
    ] = False,
    base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible endpoint for llm: agents")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="only N task pairs (see --sample)")] = None,
    sample: Annotated[
        str, typer.Option(help="how --limit picks pairs: stratified (across families, seeded) or first")
    ] = "stratified",
    families: Annotated[str | None, typer.Option(help="only these task families (comma-separated)")] = None,
    seed: Annotated[
        int, typer.Option(help="base seed; both arms share each episode's seed (sent to llm: models too)")
    ] = 0,
    max_steps: Annotated[int | None, typer.Option(min=1, help="model turns per episode (default 25)")] = None,
    max_wall_time: Annotated[
        float | None, typer.Option(help="seconds per episode, checked each turn (default 300; 0: none)")
    ] = None,
    max_reasks: Annotated[
        int | None, typer.Option(min=0, help="errors sent back to the agent per episode (default 10)")
    ] = None,
    temperature: Annotated[
        float | None, typer.Option(min=0.0, help="llm: sampling temperature, the same in both arms")
    ] = None,
    model_seed: Annotated[
        bool, typer.Option(help="llm: send each episode's seed (shared by both arms) as the model's seed")
    ] = True,
    max_tokens: Annotated[int | None, typer.Option(min=1, help="llm: most tokens per model reply")] = None,
    tool_descriptions: Annotated[
        str, typer.Option(help="llm: full tool schemas or compact ones (a fraction of the prompt)")
    ] = "full",
    tools: Annotated[
        str, typer.Option(help="llm: tools shown: all, family (a family's tools), select:K, or name,name,...")
    ] = "all",
    record: Annotated[
        Path | None, typer.Option(help="append every episode's model messages to this JSONL (replay:<file>)")
    ] = None,
    preflight: Annotated[
        bool, typer.Option(help="llm: probe the model server for dropped tools and content-null errors first")
    ] = True,
) -> None:
    """Run the same agent raw and guarded on paired tasks, grade the world, and write the reports."""
    if backend not in ("local", "ray"):
        fail(f"unknown backend {backend!r} (use local or ray)")
    if sample not in ("stratified", "first"):
        fail(f"unknown --sample {sample!r} (use stratified or first)")
    try:
        task_list = load_tasks(tasks) if tasks is not None else load_suite(suite)
        source = str(tasks) if tasks is not None else suite
    except TaskFileError as exc:
        fail(str(exc))
    task_list = only_families(task_list, families.split(",") if families else None)
    task_list = choose_pairs(task_list, limit, sample=sample, seed=seed)  # type: ignore[arg-type]
    if not task_list:
        fail(f"no tasks in {source}" + (f" of families {families}" if families else ""))
    _check_worlds(task_list)
    options = _llm_options(temperature, model_seed, max_tokens, tool_descriptions, tools)
    honoured = _check_agent(agent, base_url, options, preflight)
    config = RunConfig(
        agent=agent,
        suite=source + (f" [{families}]" if families else ""),
        trials=trials,
        seed=seed,
        limit=limit,
        base_url=base_url,
        sample=sample,
        max_steps=max_steps,
        max_reasks=max_reasks,
        max_wall_time=max_wall_time,
        llm={**options.to_dict(), "honoured": honoured} if agent.startswith("llm") else None,
        record=str(record) if record is not None else None,
    )
    expected = len(plan_jobs(task_list, trials, seed))
    with ResultStore.in_dir(out) as store:
        try:
            run = open_run(store, config, resume=resume)
        except RunConfigError as exc:
            fail(str(exc))
        if not resume:
            run.config["expected_episodes"] = expected
            store.set_config(run.run_id, run.config)
        already = store.count(run.run_id)
        console.print(
            f"[bold]{run.run_id}[/]: {len(task_list)} tasks x {trials} trials x 2 arms = {expected} episodes"
            + (f" ({already} already stored)" if already else ""),
            highlight=False,
            soft_wrap=True,
        )
        tally = _Tally()
        for stored in store.episodes(run.run_id):
            tally.add(stored)
        processes = workers if workers is not None else default_workers(agent)
        _run_with_progress(
            store, run, task_list, config, tally, expected, already, concurrency, processes, backend, address
        )
    _report(out, run.run_id)


def _check_worlds(task_list: list[Task]) -> None:
    """Every world the tasks name is checked before the first episode: a bad one stops the run."""
    from evals.worldcheck import check_task_worlds

    problems = check_task_worlds(task_list)
    if problems:
        more = len(problems) - 1
        hint = f" (and {more} more: `guards world check` lists them)" if more else ""
        fail(f"bad world: {problems[0]}{hint}")


def _run_with_progress(
    store: ResultStore,
    run: RunInfo,
    task_list: list[Task],
    config: RunConfig,
    tally: _Tally,
    expected: int,
    already: int,
    concurrency: int,
    workers: int,
    backend: str,
    address: str | None,
) -> None:
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[tally]}"),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        bar = progress.add_task("episodes", total=expected, completed=already, tally=tally.text())

        def on_episode(record: EpisodeRecord) -> None:
            tally.add(record)
            progress.update(bar, advance=1, tally=tally.text())

        try:
            run_ab(
                store,
                run,
                task_list,
                config,
                concurrency=concurrency,
                workers=workers,
                backend=backend,  # type: ignore[arg-type]
                address=address,
                on_episode=on_episode,
            )
        except KeyboardInterrupt:
            progress.stop()
            done = store.count(run.run_id)
            fail(
                f"interrupted after {done} of {expected} episodes; "
                "continue with the same command plus --resume",
                130,
            )
        except RunConfigError as exc:
            fail(str(exc))


def _report(out: Path, run_id: str | None, episodes: tuple[str, ...] = ()) -> None:
    from evals.report import ReportError, report_from_store, write_reports
    from evals.report.episodes import load_episode_views
    from evals.report.terminal import render_terminal

    try:
        report = report_from_store(out, run_id)
    except ReportError as exc:
        fail(str(exc))
    render_terminal(report, console)
    views = load_episode_views(out, report, requested=episodes)
    paths = write_reports(report, out, episodes=views)
    console.print("reports: " + ", ".join(str(p) for p in paths), highlight=False, soft_wrap=True)


@app.command()
def report(
    directory: Annotated[Path, typer.Argument(help="an --out directory of guards ab")],
    run: Annotated[str | None, typer.Option(help="run id (default: the latest run)")] = None,
    episodes: Annotated[
        str | None, typer.Option(help="also show these tasks' episodes in report.html (comma-separated ids)")
    ] = None,
) -> None:
    """Rebuild the terminal summary, report.json, report.md and report.html from stored results."""
    _report(directory, run, tuple(t for t in (episodes or "").split(",") if t))


def _mount_episode_and_world_commands() -> None:
    from evals.episode_cli import export, show
    from evals.world_cli import world_app

    app.command()(show)
    app.command()(export)
    app.add_typer(world_app, name="world", help="Write your own world: its schema, and a check of a file.")


_mount_episode_and_world_commands()
_mount_env_app()
mount_rl_commands(app)  # guards rollout, and task episodes for guards env serve --suite


def main() -> None:
    """Entry point for ``python -m evals.cli``."""
    app()


if __name__ == "__main__":
    main()

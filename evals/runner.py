"""The A/B runner: both arms on the same tasks, trials, seeds and world resets.

Episodes are scheduled trial by trial, task by task, raw then guarded, and each finished episode is
stored at once (:class:`~evals.store.ResultStore`), so a resumed run only runs what is missing.
Backends: ``local`` runs episodes in worker threads under an asyncio semaphore (``concurrency``
at a time; right for I/O-bound real models), ``ray`` submits them to a Ray cluster.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field, fields
from multiprocessing import get_context
from typing import Any, Literal

from evals.episode import EpisodeSettings, episode_seed, run_episode
from evals.records import ARMS, Arm, EpisodeRecord
from evals.store import ResultStore, RunInfo
from evals.tasks import Task

Backend = Literal["local", "ray"]
OnEpisode = Callable[[EpisodeRecord], None]
EpisodeFn = Callable[["EpisodeJob", "RunConfig"], Any]
"""How one job runs when not as a ``guards ab`` episode (``guards rollout`` plays it through a TaskEnv);
a picklable top-level function (or a ``functools.partial`` of one) for the process pool and Ray."""


class RunConfigError(ValueError):
    """A run that cannot start or resume as asked (the message says why)."""


@dataclass(frozen=True)
class RunConfig:
    """What defines a run; ``--resume`` continues only a run with the same definition.

    ``sample``: how ``limit`` pairs were chosen (``stratified`` or ``first``). The budgets and ``llm``
    (an :class:`agents.LLMOptions` as a dict, with ``honoured``: which sampling settings the model took)
    apply to both arms alike. ``record``: the JSONL file episodes are recorded to, if any.
    """

    agent: str
    suite: str
    trials: int
    seed: int
    limit: int | None = None
    base_url: str | None = None
    sample: str = "stratified"
    max_steps: int | None = None
    max_reasks: int | None = None
    max_wall_time: float | None = None
    llm: dict[str, Any] | None = field(default=None)
    record: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def settings(self) -> EpisodeSettings:
        """The per-episode settings this run ships to every worker."""
        from agents import LLMOptions

        return EpisodeSettings(
            max_steps=self.max_steps,
            max_reasks=self.max_reasks,
            max_wall_time_s=self.max_wall_time,
            llm=LLMOptions.from_dict(self.llm) if self.llm is not None else None,
            record=self.record,
        )


_DEFAULTS = {f.name: f.default for f in fields(RunConfig)}
_NOT_COMPARED = ("record",)  # where a resumed run records to may change; what it runs may not


@dataclass(frozen=True)
class EpisodeJob:
    """One episode to run."""

    task: Task
    arm: Arm
    trial: int
    seed: int

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.task.id, self.arm, self.trial)


def plan_jobs(tasks: Sequence[Task], trials: int, seed: int) -> list[EpisodeJob]:
    """Every (task, arm, trial) episode, both arms of a (task, trial) sharing one seed."""
    return [
        EpisodeJob(task, arm, trial, episode_seed(seed, task.id, trial))
        for trial in range(trials)
        for task in tasks
        for arm in ARMS
    ]


def _comparable(config: dict[str, Any]) -> dict[str, Any]:
    """The settings that make two runs the same run (not where it records, not what the model took)."""
    kept = {k: v for k, v in config.items() if k not in _NOT_COMPARED}
    llm = kept.get("llm")
    if isinstance(llm, dict):
        kept["llm"] = {k: v for k, v in llm.items() if k != "honoured"}
    return kept


def open_run(store: ResultStore, config: RunConfig, *, resume: bool) -> RunInfo:
    """A new run, or with ``resume`` the latest stored run (which must have the same config)."""
    if not resume:
        return store.create_run(config.to_dict())
    latest = store.latest_run()
    if latest is None:
        raise RunConfigError(f"nothing to resume in {store.path}: no run was started there")
    wanted = _comparable(config.to_dict())
    stored = _comparable({k: latest.config.get(k, _DEFAULTS.get(k)) for k in config.to_dict()})
    differences = [f"{k}: stored {stored[k]!r}, now {v!r}" for k, v in wanted.items() if stored[k] != v]
    if differences:
        raise RunConfigError(
            f"cannot resume {latest.run_id}: it was started with different settings "
            f"({'; '.join(differences)}). Run without --resume to start a new run."
        )
    return latest


def _call(job: EpisodeJob, config: RunConfig) -> EpisodeRecord:
    return run_episode(
        job.task.model_dump(mode="json"),
        job.arm,
        job.trial,
        job.seed,
        config.agent,
        config.base_url,
        config.settings(),
    )


def default_workers(agent: str) -> int:
    """Processes for the local backend: one per core for CPU-bound agents, threads only for real models."""
    if agent.startswith("llm"):
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def _call_with(episode: EpisodeFn, job: EpisodeJob, config: RunConfig) -> Any:
    return episode(job, config)


def _silent_interrupt() -> None:
    """In a worker: Ctrl-C ends the process without a traceback (the parent reports the interrupt)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _ready() -> None:
    return None


def _start_workers(workers: int) -> ProcessPoolExecutor:
    """A pool whose workers are all running before it is used. They start with SIGINT ignored (an
    ignored signal stays ignored across exec, and Python then installs no handler), so a Ctrl-C while a
    worker is still importing prints no traceback; once up, a worker dies silently on Ctrl-C, which
    the parent sees as a broken pool and reports as the interrupt."""
    main = threading.current_thread() is threading.main_thread()  # only it may set signal handlers
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
    try:
        executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=get_context("spawn"), initializer=_silent_interrupt
        )
        for future in [executor.submit(_ready) for _ in range(workers)]:
            future.result()
    finally:
        if main:
            signal.signal(signal.SIGINT, previous)
    return executor


async def _run_local(
    jobs: Sequence[EpisodeJob],
    config: RunConfig,
    concurrency: int,
    workers: int,
    on_done: Callable[[Any], None],
    episode: EpisodeFn = _call,
) -> None:
    # Simulated agents are CPU-bound (one process per core helps); real models are I/O-bound (threads do).
    executor = _start_workers(workers) if workers > 1 else None
    semaphore = asyncio.Semaphore(max(1, concurrency, workers))
    loop = asyncio.get_running_loop()

    async def one(job: EpisodeJob) -> None:
        async with semaphore:
            if executor is None:
                record = await asyncio.to_thread(episode, job, config)
            else:
                record = await loop.run_in_executor(executor, episode, job, config)
        on_done(record)

    pending = [asyncio.ensure_future(one(job)) for job in jobs]
    try:
        await asyncio.gather(*pending)
    except BrokenProcessPool as exc:  # a worker died: Ctrl-C reaches the whole process group
        raise KeyboardInterrupt from exc
    finally:
        for task in pending:
            task.cancel()
        if executor is not None:
            # Always wait, whether the interrupt reached a worker first or this process: the pool's
            # manager thread closes its pipes as it ends, and Python 3.11's exit hook writes to them
            # unlocked, so a manager still ending at exit prints a traceback after Ctrl-C.
            executor.shutdown(wait=True, cancel_futures=True)


def _run_ray(
    jobs: Sequence[EpisodeJob],
    config: RunConfig,
    concurrency: int,
    address: str | None,
    on_done: Callable[[Any], None],
    episode: EpisodeFn | None = None,
) -> None:
    try:
        import ray
    except ImportError as exc:
        raise RunConfigError("the ray backend needs Ray: pip install 'lookup-guards[ray]'") from exc
    started_here = not ray.is_initialized()
    if started_here:
        ray.init(
            address=address,
            include_dashboard=False,
            log_to_driver=False,
            logging_level=logging.ERROR,
            ignore_reinit_error=True,
        )
    settings = config.settings()
    if episode is None:
        remote_episode = ray.remote(run_episode)

        def submit(job: EpisodeJob) -> Any:
            task = job.task.model_dump(mode="json")
            args = (job.arm, job.trial, job.seed, config.agent, config.base_url, settings)
            return remote_episode.remote(task, *args)
    else:
        remote_call = ray.remote(_call_with)

        def submit(job: EpisodeJob) -> Any:
            return remote_call.remote(episode, job, config)

    queue: Iterator[EpisodeJob] = iter(jobs)
    in_flight: dict[Any, EpisodeJob] = {}
    limit = max(1, concurrency)
    try:
        while True:
            while len(in_flight) < limit:
                job = next(queue, None)
                if job is None:
                    break
                in_flight[submit(job)] = job
            if not in_flight:
                return
            ready, _ = ray.wait(list(in_flight), num_returns=1)
            for ref in ready:
                in_flight.pop(ref)
                on_done(ray.get(ref))
    finally:
        for ref in in_flight:
            ray.cancel(ref, force=True)
        if started_here:
            ray.shutdown()


def run_jobs(
    jobs: Sequence[EpisodeJob],
    config: RunConfig,
    on_done: Callable[[Any], None],
    *,
    concurrency: int = 1,
    workers: int = 1,
    backend: Backend = "local",
    address: str | None = None,
    episode: EpisodeFn | None = None,
) -> None:
    """Run ``jobs`` on ``backend``, calling ``on_done`` (in this thread) as each finishes.

    ``concurrency`` episodes are in flight at once; on the local backend ``workers`` > 1 runs them in
    that many processes instead of threads. ``episode`` replaces the ``guards ab`` episode
    (:func:`run_episode`); ``on_done`` then gets what it returns.
    """
    if backend == "ray":
        _run_ray(jobs, config, concurrency, address, on_done, episode)
    elif backend == "local":
        asyncio.run(_run_local(jobs, config, concurrency, workers, on_done, episode or _call))
    else:
        raise RunConfigError(f"unknown backend {backend!r} (use local or ray)")


def run_ab(
    store: ResultStore,
    run: RunInfo,
    tasks: Sequence[Task],
    config: RunConfig,
    *,
    concurrency: int = 1,
    workers: int = 1,
    backend: Backend = "local",
    address: str | None = None,
    on_episode: OnEpisode | None = None,
) -> int:
    """Run every episode of ``run`` not yet stored; return how many ran now."""
    done = store.done_keys(run.run_id)
    jobs = [job for job in plan_jobs(tasks, config.trials, config.seed) if job.key not in done]

    def finished(record: EpisodeRecord) -> None:
        store.save_episode(run.run_id, record)
        if on_episode is not None:
            on_episode(record)

    run_jobs(
        jobs, config, finished, concurrency=concurrency, workers=workers, backend=backend, address=address
    )
    return len(jobs)

"""Rollouts: an agent plays task episodes through :class:`~evals.rl.TaskEnv`, one JSON line each.

A line (:class:`RolloutLine`) holds the reward and the per-turn rewards, the grade, the conversation in
the chat-with-tools format (``messages``) and the tools offered (``tools``), so it feeds a trainer
directly: filtering ``reward == 1`` of a guarded rollout gives supervised data in which the model makes
the calls the guards sent (``metadata`` lists the guard's interventions, and counts the calls it
repaired and blocked, for stricter filters).

The agent is any ``guards ab`` agent (``simulated:<profile>``, ``oracle``, ``replay:``, ``llm:``), built
per episode exactly as ``guards ab`` builds it, and episodes run on the same backends (threads, a
process pool, Ray) through :func:`evals.runner.run_jobs`.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache, partial
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from evals.records import Arm
from evals.rl.rewards import FREE_INTERVENTIONS, RewardConfig
from evals.rl.task_env import TaskEnv
from evals.runner import Backend, EpisodeJob, RunConfig, plan_jobs, run_jobs
from evals.tasks import Task

ROLLOUT_VERSION = 1


class RolloutLine(BaseModel):
    """One episode of a rollout file (the JSONL line)."""

    model_config = ConfigDict(extra="forbid")

    version: int = ROLLOUT_VERSION
    task_id: str
    pair_id: str
    family: str
    variant: str
    arm: Arm
    trial: int
    seed: int
    agent: str
    reward: float = Field(description="the episode's return: the sum of step_rewards")
    reward_mode: str
    step_rewards: list[float] = Field(default_factory=list, description="one per assistant turn")
    passed: bool
    failure_kind: str | None = Field(
        default=None,
        description="missing_write, wrong_value, forbidden_write, collateral_change, answer or crash",
    )
    failures: list[str] = Field(default_factory=list)
    stop_reason: str | None = None
    truncated: bool = False
    crashed: str | None = None
    steps: int = 0
    messages: list[dict[str, Any]] = Field(default_factory=list)
    tools: list[dict[str, Any]] = Field(default_factory=list)
    metadata: dict[str, Any] = Field(default_factory=dict)


@lru_cache(maxsize=16)
def _factory(agent: str, base_url: str | None, llm: Any = None) -> Any:
    from agents import build_agent_factory

    return build_agent_factory(agent, base_url=base_url, llm_options=llm)


def play(env: TaskEnv, model: Any) -> None:
    """Let a chat model (or any ``guards ab`` agent) play the current episode of ``env`` to its end."""
    from guards.graph.model import make_proposer

    propose = make_proposer(model, env.env.langchain_tools())
    while not env.done:
        env.act(propose(env.messages, None))


def guard_metadata(env: TaskEnv) -> dict[str, Any]:
    """What the guards did in the episode: every intervention, the calls repaired and blocked, and the
    counts ``guards ab`` records (``tool_calls`` proposed, ``executed_calls``, errors by type)."""
    from langchain_core.messages import AIMessage, ToolMessage

    from guards.graph import GUARD_METADATA_KEY

    state = env.graph_state
    repaired = blocked = 0
    for message in env.messages:
        meta = message.response_metadata.get(GUARD_METADATA_KEY) if isinstance(message, ToolMessage) else None
        if not isinstance(meta, Mapping):
            continue
        if not meta.get("executed"):
            blocked += 1
        elif any(str(i.get("kind")) not in FREE_INTERVENTIONS for i in meta.get("interventions") or []):
            repaired += 1
    interventions = [{k: v for k, v in i.items() if k != "stage"} for i in state.get("interventions") or []]
    by_kind: dict[str, int] = {}
    for item in interventions:
        by_kind[str(item.get("kind"))] = by_kind.get(str(item.get("kind")), 0) + 1
    return {
        "interventions": interventions,
        "interventions_by_kind": by_kind,
        "repaired_calls": repaired,
        "blocked_calls": blocked,
        "errors_by_type": dict(state.get("errors") or {}),
        "tool_calls": sum(len(m.tool_calls) for m in env.messages if isinstance(m, AIMessage)),
        "executed_calls": int(state.get("tool_calls", 0)),
        "guard_lookups": int(state.get("lookups", 0)),
        "reasks": int(state.get("reasks", 0)),
    }


def run_rollout(job: EpisodeJob, config: RunConfig, reward: RewardConfig) -> RolloutLine:
    """One episode of ``job`` played by ``config.agent``; never raises (a crash is a failed line)."""
    settings = config.settings()
    env = TaskEnv(
        tasks=[job.task],
        guarded=job.arm == "guarded",
        reward=reward,
        max_steps=settings.max_steps,
        max_reasks=settings.max_reasks,
        max_wall_time_s=settings.max_wall_time_s,
    )
    task = job.task
    base: dict[str, Any] = {
        "task_id": task.id, "pair_id": task.pair_id, "family": task.family, "variant": task.variant,
        "arm": job.arm, "trial": job.trial, "seed": job.seed, "agent": config.agent,
        "reward_mode": reward.mode,
    }  # fmt: skip
    try:
        env.reset(task_id=task.id, seed=job.seed)
        model = _factory(config.agent, config.base_url, settings.llm)(env.spec, seed=job.seed, env=env.env)
        play(env, model)
    except Exception as exc:  # an agent crash is a failed episode, not a failed rollout
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        return RolloutLine(
            **base,
            reward=reward.failure,
            passed=False,
            failure_kind="crash",
            failures=[f"crashed: {detail}"],
            crashed=detail,
            messages=env.chat_messages() if env.task is not None else [],
            tools=env.tool_schemas(),
        )
    assert env.grade_result is not None
    return RolloutLine(
        **base,
        reward=env.episode_return,
        step_rewards=list(env.step_rewards),
        passed=env.grade_result.passed,
        failure_kind=env.grade_result.failure_kind,
        failures=env.grade_result.failures,
        stop_reason=env.graph_state.get("stop_reason"),
        truncated=env.truncated,
        steps=int(env.graph_state.get("steps", 0)),
        messages=env.chat_messages(),
        tools=env.tool_schemas(),
        metadata={**guard_metadata(env), "mistakes": list(getattr(model, "mistakes", []))},
    )


def rollout_jobs(tasks: Sequence[Task], trials: int, seed: int, arm: Arm) -> list[EpisodeJob]:
    """The episodes of a rollout: ``guards ab``'s schedule and seeds, one arm of it."""
    return [job for job in plan_jobs(tasks, trials, seed) if job.arm == arm]


def run_rollouts(
    tasks: Sequence[Task],
    config: RunConfig,
    reward: RewardConfig,
    on_line: Callable[[RolloutLine], None],
    *,
    guarded: bool = False,
    concurrency: int = 1,
    workers: int = 1,
    backend: Backend = "local",
    address: str | None = None,
) -> int:
    """Play ``config.trials`` episodes of every task; ``on_line`` gets each line as it finishes."""
    jobs = rollout_jobs(tasks, config.trials, config.seed, "guarded" if guarded else "raw")
    run_jobs(
        jobs,
        config,
        on_line,
        concurrency=concurrency,
        workers=workers,
        backend=backend,
        address=address,
        episode=partial(run_rollout, reward=reward),
    )
    return len(jobs)

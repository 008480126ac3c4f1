"""One episode: a task, an arm (raw or guarded), a trial and a seed in; an :class:`EpisodeRecord` out.

The function is self-contained and takes plain data so that it can run in a thread, in another
process, or on a Ray worker: it builds its own environment (a fresh in-memory world), its own agent
model and its own graph, runs the graph to the end, and grades the world it left behind.
"""

from __future__ import annotations

import hashlib
import time
import traceback
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage

from evals.answers import final_status_of
from evals.graders import grade
from evals.records import Arm, EpisodeRecord
from evals.tasks import Task
from evals.trace.capture import capture_trajectory, crashed_trajectory

if TYPE_CHECKING:
    from agents import LLMOptions

RECURSION_LIMIT = 200


@dataclass(frozen=True)
class EpisodeSettings:
    """How every episode of a run is run, beyond the task: budgets, model settings, recording.

    ``max_steps``/``max_reasks``/``max_wall_time_s``: ``None`` keeps the graph's defaults
    (:class:`guards.graph.Budgets`); a wall time of 0 or less means no limit. ``llm``: the ``llm:``
    agent's sampling and tool prompt (:class:`agents.LLMOptions`). ``record``: a JSONL file every
    episode's assistant messages are appended to, with the graded outcome (replay with ``replay:``).
    """

    max_steps: int | None = None
    max_reasks: int | None = None
    max_wall_time_s: float | None = None
    llm: LLMOptions | None = field(default=None)
    record: str | None = None

    def budgets(self) -> Any:
        """The graph's :class:`guards.graph.Budgets` with these limits."""
        from guards.graph import Budgets

        changes: dict[str, Any] = {}
        if self.max_steps is not None:
            changes["max_steps"] = self.max_steps
        if self.max_reasks is not None:
            changes["max_reasks"] = self.max_reasks
        if self.max_wall_time_s is not None:
            changes["max_wall_time_s"] = self.max_wall_time_s if self.max_wall_time_s > 0 else None
        return Budgets(**changes)


def episode_seed(base_seed: int, task_id: str, trial: int) -> int:
    """The seed shared by both arms of one (task, trial): stable across runs and processes."""
    digest = hashlib.sha256(f"{base_seed}:{task_id}:{trial}".encode()).digest()
    return int.from_bytes(digest[:4], "big")


@lru_cache(maxsize=16)
def _factory(agent: str, base_url: str | None, llm: LLMOptions | None = None) -> Any:
    from agents import build_agent_factory

    return build_agent_factory(agent, base_url=base_url, llm_options=llm)


@lru_cache(maxsize=1)
def _pack() -> Any:
    from guards import load_pack

    return load_pack("calendar")


def episode_spec(task: Task, timezone: str, arm: Arm | None = None) -> Any:
    """The agents' view of a task (an ``agents.base.EpisodeSpec``) in the actor's time zone."""
    from agents.base import EpisodeSpec, PlanStepSpec

    def steps(plan: Sequence[Any]) -> tuple[PlanStepSpec, ...]:
        return tuple(PlanStepSpec(tool=s.tool, args=s.args, save_as=s.save_as) for s in plan)

    return EpisodeSpec(
        task_id=task.id,
        family=task.family,
        variant=task.variant,
        instruction=task.instruction,
        actor=task.actor,
        now=task.now,
        timezone=timezone,
        plan=steps(task.plan),
        final_answer=task.final_answer,
        alternative_plan=steps(task.alternative_plan),
        arm=arm,
    )


def build_graph(
    arm: Arm, model: Any, tools: list[Any], task: Task, timezone: str, budgets: Any | None = None
) -> Any:
    """The guarded or raw agent graph for one episode of ``task`` (both arms under the same budgets)."""
    from guards.graph import build_guarded_agent, build_raw_agent

    if arm == "guarded":
        return build_guarded_agent(
            model, tools, _pack(), now=task.now, timezone=timezone, actor=task.actor, budgets=budgets
        )
    return build_raw_agent(model, tools, now=task.now, timezone=timezone, actor=task.actor, budgets=budgets)


def final_answer_of(messages: Sequence[BaseMessage]) -> str:
    """The text of the last assistant message that calls no tool ('' when the agent never answered)."""
    for message in reversed(messages):
        if isinstance(message, AIMessage) and not message.tool_calls:
            return message.text
    return ""


def _tool_call_counts(messages: Sequence[BaseMessage], writes: Iterable[str]) -> tuple[int, int, int]:
    write_tools = set(writes)
    names = [c["name"] for m in messages if isinstance(m, AIMessage) for c in m.tool_calls]
    written = sum(1 for n in names if n in write_tools)
    return len(names), len(names) - written, written


def _tokens(messages: Sequence[BaseMessage]) -> tuple[int, int]:
    inputs = outputs = 0
    for message in messages:
        usage = message.usage_metadata if isinstance(message, AIMessage) else None
        if usage:
            inputs += int(usage.get("input_tokens", 0))
            outputs += int(usage.get("output_tokens", 0))
    return inputs, outputs


def records_reader(snapshot: Any) -> Any:
    """``records(resource)`` over a world snapshot (its keys are ``<resource>:<id>``)."""

    def records(resource: str) -> list[Mapping[str, Any]]:
        prefix = f"{resource}:"
        return [record for key, record in snapshot.records.items() if key.startswith(prefix)]

    return records


def _agent_model(
    task: Task, arm: Arm, seed: int, env: Any, agent: str, base_url: str | None, settings: EpisodeSettings
) -> Any:
    factory = _factory(agent, base_url, settings.llm)
    if settings.record:
        from agents.replay import RecordingFactory

        factory = RecordingFactory(factory, settings.record, flush_on_answer=False)
    return factory(episode_spec(task, env.timezone, arm), seed=seed, env=env)


def _finish_recording(model: Any, record: EpisodeRecord) -> None:
    finish = getattr(model, "finish_recording", None)
    if callable(finish):
        finish(
            {
                "passed": record.passed,
                "failure_kind": record.failure_kind,
                "failed_expectation": record.failed_expectation,
                "stop_reason": record.stop_reason,
                "steps": record.steps,
                "tool_calls": record.tool_calls,
                "interventions_by_kind": record.interventions_by_kind,
                "errors_by_type": record.errors_by_type,
                "reasks": record.reasks,
                "input_tokens": record.input_tokens,
                "output_tokens": record.output_tokens,
                "latency_s": round(record.latency_s, 1),
            }
        )


def run_episode(
    task_data: Mapping[str, Any],
    arm: Arm,
    trial: int,
    seed: int,
    agent: str,
    base_url: str | None = None,
    settings: EpisodeSettings | None = None,
) -> EpisodeRecord:
    """Run one episode and grade it; never raises (a crash is recorded as a failed episode)."""
    return _run_episode(task_data, arm, trial, seed, agent, base_url, settings or EpisodeSettings())


def _run_episode(
    task_data: Mapping[str, Any],
    arm: Arm,
    trial: int,
    seed: int,
    agent: str,
    base_url: str | None,
    settings: EpisodeSettings,
) -> EpisodeRecord:
    from env import CalendarEnv

    task = Task.model_validate(task_data)
    started = time.perf_counter()
    base: dict[str, Any] = {
        "task_id": task.id,
        "pair_id": task.pair_id,
        "family": task.family,
        "variant": task.variant,
        "requires_write": task.requires_write,
        "arm": arm,
        "trial": trial,
        "seed": seed,
    }
    model: Any = None
    try:
        env = CalendarEnv(world=task.world, actor=task.actor, now=task.now, seed=seed)
        before = env.snapshot()
        model = _agent_model(task, arm, seed, env, agent, base_url, settings)
        graph = build_graph(arm, model, env.langchain_tools(), task, env.timezone, settings.budgets())
        state = graph.invoke(
            {"messages": [HumanMessage(task.instruction)]}, config={"recursion_limit": RECURSION_LIMIT}
        )
        after = env.snapshot()
        messages = state.get("messages", [])
        answer = final_answer_of(messages)
        status = final_status_of(_final_message(messages))
        changes = env.diff(before, after).changes
        result = grade(task, changes, answer, records_reader(after), final_status=status)
        trajectory = capture_trajectory(
            _trace_header(base, task),
            state,
            changes=changes,
            grade=result,
            final_answer=answer,
            final_status=status,
        )
    except Exception as exc:  # an agent or environment crash is a failed episode, not a failed run
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        crashed = EpisodeRecord(
            **base,
            passed=False,
            failed_expectation=f"crashed: {detail}",
            failure_kind="crash",
            crashed=detail,
            latency_s=time.perf_counter() - started,
            trajectory=crashed_trajectory(_trace_header(base, task), detail),
        )
        _finish_recording(model, crashed)
        return crashed
    calls, reads, write_calls = _tool_call_counts(messages, _pack().writes)
    tokens_in, tokens_out = _tokens(messages)
    interventions = Counter(str(i.get("kind")) for i in state.get("interventions", []))
    record = EpisodeRecord(
        **base,
        passed=result.passed,
        failed_expectation=result.failed_expectation,
        failure_kind=result.failure_kind,
        failures=result.failures,
        tool_calls=calls,
        read_calls=reads,
        write_calls=write_calls,
        errors_by_type=dict(state.get("errors", {})),
        interventions_by_kind=dict(interventions),
        guard_lookups=int(state.get("lookups", 0)),
        reasks=int(state.get("reasks", 0)),
        retries=int(state.get("retries", 0)),
        writes=result.writes,
        wrong_entity_writes=result.wrong_entity_writes,
        steps=int(state.get("steps", 0)),
        input_tokens=tokens_in,
        output_tokens=tokens_out,
        latency_s=time.perf_counter() - started,
        final_answer=answer,
        mistakes=list(getattr(model, "mistakes", [])),
        decision_digest=str(getattr(model, "decision_digest", "")),
        stop_reason=state.get("stop_reason"),
        trajectory=trajectory,
    )
    _finish_recording(model, record)
    return record


def _trace_header(base: Mapping[str, Any], task: Task) -> dict[str, Any]:
    return {**base, "instruction": task.instruction}


def _final_message(messages: Sequence[BaseMessage]) -> AIMessage | None:
    """The last assistant message that calls no tool (where an agent may put a structured status)."""
    for message in reversed(messages):
        if isinstance(message, AIMessage) and not message.tool_calls:
            return message
    return None

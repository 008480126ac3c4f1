"""Typed state of the guarded (and raw) agent graph, with the reducers that merge node updates.

Counters are *added* (each node returns how much it used), lists of interventions and blocked calls
are appended, and ``pending`` — the guard's per-call verdicts for the current agent turn — is replaced.
Everything is plain JSON-like data so that any LangGraph checkpointer can store it.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, TypedDict

from langchain_core.messages import AnyMessage
from langgraph.graph.message import add_messages


def add_counts(left: Mapping[str, int] | None, right: Mapping[str, int] | None) -> dict[str, int]:
    """Merge two ``{key: count}`` maps by adding the counts."""
    merged = dict(left or {})
    for key, count in (right or {}).items():
        merged[key] = merged.get(key, 0) + count
    return merged


def keep_last(left: Any, right: Any) -> Any:
    """The newer value wins (explicit so that several keys can share the semantics)."""
    return right


class GuardedState(TypedDict, total=False):
    """State of :func:`guards.graph.build_guarded_agent` and :func:`guards.graph.build_raw_agent`.

    Keys (all present in the final output of both graphs):

    - ``messages``: the conversation (LangChain messages; ``add_messages`` semantics).
    - ``interventions``: every guard decision as a dict — ``kind``, ``tool``, ``field``, ``before``,
      ``after``, ``reason``, plus ``tool_call_id`` and ``stage`` (``resolve``/``validate``/``retry``).
    - ``lookups`` / ``cache_hits``: read calls the guard made (or served from its cache) to resolve
      references and check permissions — not counted as agent tool calls.
    - ``retries``: re-executions of transient failures. ``reasks``: structured errors sent back to the
      agent for it to fix (blocked calls and repairable tool errors).
    - ``steps``: model turns taken. ``tool_calls``: calls actually executed against the tools.
    - ``errors``: ``{error_type: count}`` over blocked calls and tool errors.
    - ``pending``: the per-call records of the current turn (proposed/repaired args, verdict, result).
    - ``blocked``: every call the guard stopped: ``tool_call_id``, ``tool_name``, ``args``, ``error``.
    - ``stop_reason``: ``None`` while running; then ``answered``, ``max_steps``, ``max_reasks`` or
      ``max_wall_time``.
    - ``elapsed_s``: seconds spent inside the graph's nodes (the wall-time budget counts this, so a
      pause for a human does not).
    - ``episode_id`` and ``guard_context`` (``now``, ``timezone``, ``actor``): fixed at the first step.
    """

    messages: Annotated[list[AnyMessage], add_messages]
    interventions: Annotated[list[dict[str, Any]], operator.add]
    lookups: Annotated[int, operator.add]
    cache_hits: Annotated[int, operator.add]
    retries: Annotated[int, operator.add]
    reasks: Annotated[int, operator.add]
    steps: Annotated[int, operator.add]
    tool_calls: Annotated[int, operator.add]
    errors: Annotated[dict[str, int], add_counts]
    pending: Annotated[list[dict[str, Any]], keep_last]
    blocked: Annotated[list[dict[str, Any]], operator.add]
    stop_reason: Annotated[str | None, keep_last]
    elapsed_s: Annotated[float, operator.add]
    episode_id: Annotated[str, keep_last]
    guard_context: Annotated[dict[str, Any], keep_last]


STATE_KEYS: tuple[str, ...] = tuple(GuardedState.__annotations__)
"""The keys of :class:`GuardedState`, in declaration order."""


@dataclass(frozen=True)
class Budgets:
    """Limits that end an episode (or a call's retries) instead of letting an agent loop forever.

    ``max_steps``: model turns. ``max_reasks``: structured errors the agent may get back to fix in one
    episode (an error that needs one more ends the episode); ``max_reasks_per_call``: how often calls
    of the same tool may be sent back before their error is reported as final. ``max_retries``:
    re-executions of one transient failure; ``max_retries_per_episode``: of all of them together.
    ``max_wall_time_s``: seconds inside the graph's nodes (``None``: unlimited).
    """

    max_steps: int = 25
    max_reasks: int = 10
    max_reasks_per_call: int = 3
    max_retries: int = 3
    max_retries_per_episode: int = 20
    max_wall_time_s: float | None = 300.0
    retry_max_wait_s: float = 8.0

    def stop_reason(self, state: Mapping[str, Any]) -> str | None:
        """Which of the step and time budgets ``state`` has used up, if any (checked before each model turn).

        The re-ask budget is checked where errors are answered (the ``retry`` node).
        """
        if state.get("steps", 0) >= self.max_steps:
            return "max_steps"
        if self.max_wall_time_s is not None and state.get("elapsed_s", 0.0) >= self.max_wall_time_s:
            return "max_wall_time"
        return None

"""The ``guards ab`` agent graph, run one agent turn at a time by whoever holds the policy.

``guards ab`` hands the graph a model and lets it run to the end. An RL environment is driven from the
other side: the trainer holds the policy and hands in one assistant turn per ``step``. So the same
graph (:func:`guards.graph.build_guarded_agent` or :func:`~guards.graph.build_raw_agent`, with the same
pack, clock, actor and budgets) is compiled with a breakpoint before its ``agent`` node and an
in-memory checkpointer; its "model" is a slot the caller fills before each resume. Everything between
two model turns (the guard's resolve and validate stages, the tools, the retry and feedback node, the
step and re-ask budgets) is the graph's own code, so an episode driven turn by turn ends in exactly
the world, the messages and the verdict that ``guards ab`` records for the same agent and seed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Literal

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.memory import InMemorySaver

from evals.episode import RECURSION_LIMIT
from evals.tasks import Task

CHECKPOINT_ON_PAUSE: Literal["exit"] = "exit"
"""Checkpoint when the graph pauses, not after every node: the same result, a fifth of the serialisation."""


@lru_cache(maxsize=1)
def calendar_pack() -> Any:
    from guards import load_pack

    return load_pack("calendar")


class _Slot:
    """The graph's model: returns the turn the caller put in, once."""

    def __init__(self) -> None:
        self.turn: AIMessage | None = None

    def __call__(self, _messages: list[BaseMessage]) -> AIMessage:
        turn, self.turn = self.turn, None
        if turn is None:  # only reachable if the graph asked twice for one turn
            raise RuntimeError("the agent graph asked for a turn nobody handed in")
        return turn


class TurnDriver:
    """One episode of the agent graph, advanced one assistant turn at a time.

    ``state`` is the graph's state (:class:`guards.graph.GuardedState`) after the last turn;
    ``finished`` is true once the graph reached its end (the agent answered, or a budget ran out).
    """

    def __init__(
        self, task: Task, tools: Sequence[Any], timezone: str, *, guarded: bool, budgets: Any, seed: int
    ) -> None:
        from guards.graph import build_guarded_agent, build_raw_agent

        self.budgets = budgets
        self._slot = _Slot()
        common: dict[str, Any] = {
            "now": task.now,
            "timezone": timezone,
            "actor": task.actor,
            "budgets": budgets,
            "checkpointer": InMemorySaver(),
            "interrupt_before": ["agent"],
        }
        if guarded:
            self._graph = build_guarded_agent(self._slot, list(tools), calendar_pack(), **common)
        else:
            self._graph = build_raw_agent(self._slot, list(tools), **common)
        # The graph's episode id seeds the guard's idempotency keys, so one derived from the task and
        # the world's seed makes a rollout's event IDs the same on every run.
        thread = hashlib.sha256(f"{task.id}:{seed}".encode()).hexdigest()[:32]
        self._config = RunnableConfig(configurable={"thread_id": thread}, recursion_limit=RECURSION_LIMIT)
        self.state: dict[str, Any] = self._graph.invoke(
            {"messages": [HumanMessage(task.instruction)]}, self._config, durability=CHECKPOINT_ON_PAUSE
        )

    @property
    def messages(self) -> list[BaseMessage]:
        return list(self.state.get("messages", []))

    @property
    def finished(self) -> bool:
        return self.state.get("stop_reason") is not None

    def out_of_budget(self) -> str | None:
        """The budget that stops the next turn before the model is asked (``max_steps``, ...), if any."""
        if self.finished:
            return None
        reason = self.budgets.stop_reason(self.state)
        return str(reason) if reason is not None else None

    def take(self, turn: AIMessage) -> dict[str, Any]:
        """Run one assistant turn through the graph; returns the new state."""
        if self.finished:
            raise RuntimeError("the episode's graph has already finished")
        self._slot.turn = turn
        self.state = self._graph.invoke(None, self._config, durability=CHECKPOINT_ON_PAUSE)
        self._slot.turn = None
        return self.state

    def close_out(self) -> dict[str, Any]:
        """Let the graph end on a budget that ran out (its agent node records the stop reason)."""
        if not self.finished:
            self.state = self._graph.invoke(None, self._config, durability=CHECKPOINT_ON_PAUSE)
        return self.state

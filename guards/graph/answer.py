"""The ``answer`` node: a final answer that claims a change no write made goes back to the agent.

The check itself is :mod:`guards.checks.claims`; this node runs it on the agent's answer and, when
the answer claims a change that no successful write in the conversation made, adds the structured
error as a HumanMessage marked as the guard's (``GUARD_FEEDBACK_KEY``: never read as the user's
words) and hands the turn back to the agent. It does so at most once per user message, and only
within the re-ask budget, so an agent that says the same again ends the episode with that answer.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langchain_core.runnables import RunnableConfig

from guards.checks.claims import ANSWER_TOOL, claim_error, unbacked_claims
from guards.graph.episode import GUARD_FEEDBACK_KEY, is_guard_feedback, observations
from guards.graph.events import emit_interventions
from guards.graph.state import Budgets
from guards.graph.tools import ToolInvoker
from guards.pack import DomainPack

ANSWER_CHECK = "answer_check"
"""The intervention kind of an answer sent back (``interventions[].kind``)."""


@dataclass
class AnswerCheck:
    """The ``answer`` node (see the module docstring)."""

    pack: DomainPack
    budgets: Budgets
    available: frozenset[str]

    def __call__(self, state: dict[str, Any], config: RunnableConfig, invoker: ToolInvoker) -> dict[str, Any]:
        started = time.perf_counter()
        messages: list[BaseMessage] = list(state.get("messages", []))
        answer = messages[-1] if messages else None
        if (
            state.get("stop_reason") != "answered"
            or not isinstance(answer, AIMessage)
            or _checked_this_turn(messages)
            or state.get("reasks", 0) >= self.budgets.max_reasks
        ):
            return {}
        error = answer_error(messages, self.pack, self.available)
        if error is None:
            return {}
        note = HumanMessage(
            content=json.dumps(error, ensure_ascii=False),
            additional_kwargs={GUARD_FEEDBACK_KEY: ANSWER_CHECK},
        )
        intervention = {
            "kind": ANSWER_CHECK,
            "tool": ANSWER_TOOL,
            "field": None,
            "before": answer.text,
            "after": None,
            "reason": error["message"],
            "tool_call_id": None,
            "stage": "answer",
        }
        emit_interventions([intervention], config)
        return {
            "messages": [note],
            "interventions": [intervention],
            "reasks": 1,
            "errors": {error["error_type"]: 1},
            "stop_reason": None,
            "elapsed_s": time.perf_counter() - started,
        }


def answer_error(
    messages: Sequence[BaseMessage], pack: DomainPack, available: Iterable[str] | None = None
) -> dict[str, Any] | None:
    """The ``claimed_not_done`` error for the conversation's last message, an answer that claims a
    change no successful write in ``messages`` made; ``None`` when it claims none such (or is no
    answer). For agents built without this graph (a ``GuardedToolNode`` or ``GuardMiddleware``)."""
    answer = messages[-1] if messages else None
    if not isinstance(answer, AIMessage) or answer.tool_calls:
        return None
    claims = unbacked_claims(answer.text, observations(messages), pack, available)
    return claim_error(claims) if claims else None


def route_after_answer(state: dict[str, Any]) -> str:
    """Back to the agent when its answer was sent back, else the end."""
    return "agent" if state.get("stop_reason") is None else "__end__"


def _checked_this_turn(messages: Sequence[BaseMessage]) -> bool:
    """Whether the guard already sent an answer back since the user last spoke."""
    for message in reversed(messages):
        if is_guard_feedback(message):
            return True
        if isinstance(message, HumanMessage):
            return False
    return False

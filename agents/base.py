"""What every agent is given, and what every agent factory promises.

The evaluation (``evals``) builds an :class:`EpisodeSpec` from each task and asks an
:class:`AgentFactory` for a fresh LangChain chat model per episode. The raw and guarded graphs
(``guards.graph``) call ``model.bind_tools(tools)`` and ``invoke(messages)`` on it: an ``AIMessage``
with ``tool_calls`` is a step, one without is the final answer.

``agents`` never imports ``evals``: the spec is a plain dataclass the runner fills in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, ToolMessage

Variant = Literal["explicit", "natural"]


@dataclass(frozen=True)
class PlanStepSpec:
    """One gold tool call; string arguments may be symbolic references (see :mod:`agents.plan`)."""

    tool: str
    args: dict[str, Any] = field(default_factory=dict)
    save_as: str | None = None


@dataclass(frozen=True)
class EpisodeSpec:
    """Everything an agent may know about one episode.

    ``plan`` and ``final_answer`` are the gold solution: the oracle follows them exactly and simulated
    agents perturb them. ``alternative_plan`` is optional: what a careless agent would do instead of
    checking or asking (the write to one of two ambiguous calendars, the write to a read-only one);
    simulated agents follow it when they draw a "no permission check" or "wrong-but-valid ID" error.
    LLM agents see only ``instruction``, ``actor``, ``now`` and ``timezone``. ``arm`` (``raw`` or
    ``guarded``, ``None`` outside an A/B run) is for recording and replay, which keep the arms apart.
    """

    task_id: str
    family: str
    variant: Variant
    instruction: str
    actor: str
    now: datetime
    timezone: str
    plan: tuple[PlanStepSpec, ...] = ()
    final_answer: str = "Done."
    alternative_plan: tuple[PlanStepSpec, ...] = ()
    arm: str | None = None


@dataclass
class EpisodeUsage:
    """Per-episode accounting of model calls; tokens stay 0 when the provider reports none."""

    model_calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    latency_s: float = 0.0

    def add_message(self, message: AIMessage, latency_s: float) -> None:
        """Count one model call that produced ``message`` in ``latency_s`` seconds."""
        self.model_calls += 1
        self.latency_s += latency_s
        usage = message.usage_metadata
        if usage:
            self.input_tokens += int(usage.get("input_tokens", 0))
            self.output_tokens += int(usage.get("output_tokens", 0))


class AgentSpecError(ValueError):
    """An agent spec string, profile or model name that cannot be turned into an agent."""


class AgentFactory(Protocol):
    """Makes the chat model that plays the agent in one episode.

    ``env`` is the episode's environment (``env.CalendarEnv``); only simulated agents use it, to read
    the world the way a simulation knows it (display names for IDs). A factory must return a fresh
    model per call: models may keep per-episode state.
    """

    def __call__(self, spec: EpisodeSpec, *, seed: int, env: Any | None = None) -> BaseChatModel: ...


def tool_result_payload(message: BaseMessage) -> Any:
    """The JSON value a tool returned (dicts for our tools), or the raw text when it is not JSON.

    The guard's feedback on an answer (a HumanMessage) carries its error the same way."""
    content = message.content
    if isinstance(content, list):
        content = "".join(part if isinstance(part, str) else str(part.get("text", "")) for part in content)
    if not isinstance(content, str):
        return content
    try:
        return json.loads(content)
    except ValueError:
        return content


def is_error_payload(payload: Any) -> bool:
    """True for a wire-format error (``{"ok": false, "error_type": ...}``)."""
    return isinstance(payload, dict) and payload.get("ok") is False and "error_type" in payload


def last_tool_messages(messages: list[BaseMessage]) -> list[ToolMessage]:
    """The tool messages after the last assistant message (the answers to its tool calls)."""
    tail: list[ToolMessage] = []
    for message in reversed(messages):
        if isinstance(message, ToolMessage):
            tail.append(message)
        elif isinstance(message, AIMessage):
            break
    return list(reversed(tail))

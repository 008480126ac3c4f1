"""The oracle: executes a task's gold plan exactly, one tool call per turn, then gives the gold answer.

Every bundled task must pass with it, raw and guarded: that is how tasks are proven solvable and
graders proven right. Symbolic references are resolved from the tool results the oracle got back.
The oracle is stateless: it recovers its position from the conversation (its tool-call IDs name the
plan step), so it can be invoked on any prefix of its own episode.
"""

from __future__ import annotations

import re
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, ToolMessage

from agents.base import EpisodeSpec, tool_result_payload
from agents.plan import RefError, resolve_refs
from agents.scripted import ScriptedChatModel, tool_call_message

_CALL_ID = re.compile(r"^oracle-(\d+)$")


class OracleChatModel(ScriptedChatModel):
    """Emits ``spec.plan`` step by step, then answers ``spec.final_answer``."""

    spec: EpisodeSpec

    @property
    def _llm_type(self) -> str:
        return "oracle"

    def next_message(self, messages: list[BaseMessage]) -> AIMessage:
        results = _step_results(messages)
        next_step = max(results, default=-1) + 1
        plan = self.spec.plan
        if next_step >= len(plan):
            return AIMessage(content=self.spec.final_answer)
        saved = {str(plan[i].save_as): payload for i, payload in results.items() if plan[i].save_as}
        step = plan[next_step]
        try:
            args = resolve_refs(step.args, saved)
        except RefError as error:
            return AIMessage(content=f"I could not complete the task: {error}.")
        return tool_call_message(step.tool, args, f"oracle-{next_step}")


def _step_results(messages: list[BaseMessage]) -> dict[int, Any]:
    """Plan step index -> the payload its tool call returned."""
    results: dict[int, Any] = {}
    for message in messages:
        if isinstance(message, ToolMessage):
            match = _CALL_ID.match(message.tool_call_id or "")
            if match:
                results[int(match.group(1))] = tool_result_payload(message)
    return results


class OracleFactory:
    """``oracle``: a fresh :class:`OracleChatModel` per episode."""

    def __call__(self, spec: EpisodeSpec, *, seed: int, env: Any | None = None) -> BaseChatModel:
        return OracleChatModel(spec=spec)

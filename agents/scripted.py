"""A base for chat models whose next message is computed by code, not sampled.

The oracle, the simulated agents and replay are all "models" that the real LangGraph graphs drive
like any LLM: ``bind_tools`` records the tools, ``invoke`` returns the next ``AIMessage``. Subclasses
implement :meth:`ScriptedChatModel.next_message`.
"""

from __future__ import annotations

import time
from abc import abstractmethod
from collections.abc import Callable, Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import Field

from agents.base import EpisodeUsage


class ScriptedChatModel(BaseChatModel):
    """A chat model that computes its reply from the conversation so far."""

    tool_schemas: dict[str, dict[str, Any]] = Field(default_factory=dict)
    """JSON Schema of each bound tool's arguments, by tool name (filled by :meth:`bind_tools`)."""
    usage: EpisodeUsage = Field(default_factory=EpisodeUsage)

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def bind_tools(
        self,
        tools: Sequence[dict[str, Any] | type | Callable[..., Any] | BaseTool],
        *,
        tool_choice: str | None = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, AIMessage]:
        """Remember the tools' schemas and return this model (it emits tool calls by itself)."""
        for tool in tools:
            function = convert_to_openai_tool(tool)["function"]
            self.tool_schemas[function["name"]] = dict(function.get("parameters") or {})
        return self

    @abstractmethod
    def next_message(self, messages: list[BaseMessage]) -> AIMessage:
        """The assistant's next message given the whole conversation."""

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        started = time.perf_counter()
        message = self.next_message(list(messages))
        self.usage.add_message(message, time.perf_counter() - started)
        return ChatResult(generations=[ChatGeneration(message=message)])


def tool_call_message(name: str, args: dict[str, Any], call_id: str) -> AIMessage:
    """An assistant message carrying exactly one tool call."""
    return AIMessage(
        content="", tool_calls=[{"name": name, "args": args, "id": call_id, "type": "tool_call"}]
    )

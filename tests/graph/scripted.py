"""A scripted LangChain chat model for driving real graphs without an API key.

It plays a fixed list of turns (tool calls or a final answer), accepts ``bind_tools`` like a real
provider model, and remembers the messages it was shown so tests can check what the agent read.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatResult
from pydantic import Field


class FakeToolCallingModel(GenericFakeChatModel):
    """``GenericFakeChatModel`` that also supports ``bind_tools`` and records its inputs."""

    seen: list[list[BaseMessage]] = Field(default_factory=list)

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> FakeToolCallingModel:
        return self

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        self.seen.append(list(messages))
        return super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)


def call(name: str, **args: Any) -> dict[str, Any]:
    """A tool call as a model would emit it."""
    return {"name": name, "args": args, "id": f"call_{uuid.uuid4().hex[:8]}", "type": "tool_call"}


def scripted(*turns: list[dict[str, Any]] | str) -> FakeToolCallingModel:
    """A model that emits each turn in order: a list of tool calls, or a final text answer."""
    messages = [
        AIMessage(content=turn) if isinstance(turn, str) else AIMessage(content="", tool_calls=turn)
        for turn in turns
    ]
    return FakeToolCallingModel(messages=iter(messages))

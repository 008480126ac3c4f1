"""A base for chat models that wrap another one: each turn goes to the inner model, then a subclass hook.

:class:`~agents.llm.LLMAgentModel` (system prompt, JSON mode, accounting) and
:class:`~agents.replay.RecordingChatModel` (writes the episode's messages to a file) are both this.
"""

from __future__ import annotations

import time
from abc import abstractmethod
from collections.abc import Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatResult
from langchain_core.runnables import Runnable


class WrappedChatModel(BaseChatModel):
    """Forwards each turn to ``inner`` (or to ``bound``: ``inner`` bound to the tools) and finishes it."""

    inner: BaseChatModel
    bound: Any = None

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> Runnable[LanguageModelInput, AIMessage]:
        """Bind the tools on the wrapped model; keep wrapping it."""
        self.bound = self.inner.bind_tools(tools, **kwargs)
        return self

    def _target(self) -> Runnable[LanguageModelInput, Any]:
        return self.bound if self.bound is not None else self.inner

    def _prepare(self, messages: list[BaseMessage]) -> list[BaseMessage]:
        """The conversation as the wrapped model sees it (unchanged by default)."""
        return messages

    @abstractmethod
    def _finish(self, reply: Any, latency: float) -> ChatResult:
        """This model's result for the wrapped model's ``reply``, which took ``latency`` seconds."""

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        started = time.perf_counter()
        reply = self._target().invoke(self._prepare(messages), stop=stop, **kwargs)
        return self._finish(reply, time.perf_counter() - started)

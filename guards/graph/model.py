"""Turn "the agent" — a chat model, a runnable, a graph or a function — into one callable.

Whatever the caller brings, the graph's ``agent`` node needs ``propose(messages, config) -> AIMessage``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.runnables import Runnable, RunnableConfig
from langchain_core.tools import BaseTool
from langgraph.pregel import Pregel

Proposer = Callable[[list[BaseMessage], RunnableConfig | None], AIMessage]


def to_ai_message(output: Any) -> AIMessage:
    """The AIMessage inside an agent's output (a message, a graph state, or a list of messages)."""
    if isinstance(output, AIMessage):
        return output
    if isinstance(output, dict) and "messages" in output:
        output = output["messages"]
    if isinstance(output, list | tuple):
        for item in reversed(output):
            if isinstance(item, AIMessage):
                return item
    if isinstance(output, str):
        return AIMessage(content=output)
    raise TypeError(f"the agent returned {type(output).__name__}, expected an AIMessage")


def make_proposer(model: Any, tools: Sequence[BaseTool]) -> Proposer:
    """Adapt ``model``: a chat model is bound to ``tools``; runnables and functions are called as is."""
    bind_tools = getattr(model, "bind_tools", None)
    if callable(bind_tools):
        bound: Runnable[Any, Any] = bind_tools(list(tools)) if tools else model

        def propose_with_model(messages: list[BaseMessage], config: RunnableConfig | None) -> AIMessage:
            return to_ai_message(bound.invoke(messages, config))

        return propose_with_model
    if isinstance(model, Runnable):
        runnable = model

        def propose_with_runnable(messages: list[BaseMessage], config: RunnableConfig | None) -> AIMessage:
            # A LangGraph graph takes its state; any other runnable (a chain) takes the messages.
            payload: Any = {"messages": messages} if isinstance(runnable, Pregel) else messages
            return to_ai_message(runnable.invoke(payload, config))

        return propose_with_runnable
    if callable(model):
        function = model

        def propose_with_function(messages: list[BaseMessage], config: RunnableConfig | None) -> AIMessage:
            return to_ai_message(function(messages))

        return propose_with_function
    raise TypeError(f"cannot use {type(model).__name__} as an agent: give a chat model, runnable or function")

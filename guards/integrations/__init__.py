"""Drop-in guards for places agents are already built.

- :class:`GuardedToolNode` — replaces ``langgraph.prebuilt.ToolNode``.
- :class:`GuardMiddleware` — a LangChain v1 ``AgentMiddleware`` for ``create_agent`` (needs the
  ``langchain`` extra; imported lazily so the rest works without it).
- :func:`guard_tools` — wraps LangChain tools so any framework that calls them gets the guards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from guards.integrations.call_guard import ToolCallGuard
from guards.integrations.tool_node import GuardedToolNode
from guards.integrations.wrapped_tools import guard_tools

if TYPE_CHECKING:
    from guards.integrations.middleware import GuardMiddleware

__all__ = ["GuardMiddleware", "GuardedToolNode", "ToolCallGuard", "guard_tools"]


def __getattr__(name: str) -> Any:
    if name == "GuardMiddleware":
        from guards.integrations.middleware import GuardMiddleware

        return GuardMiddleware
    raise AttributeError(name)

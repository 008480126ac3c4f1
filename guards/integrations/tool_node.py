"""``GuardedToolNode``: a drop-in replacement for ``langgraph.prebuilt.ToolNode`` that guards each call."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from langgraph.prebuilt import ToolNode

from guards.graph.episode import ContextConfig
from guards.graph.state import Budgets
from guards.graph.tools import ToolLike, as_base_tool
from guards.integrations.call_guard import ContextFactory, ToolCallGuard
from guards.pack import DomainPack, load_pack


class GuardedToolNode(ToolNode):
    """``ToolNode`` with the guards in front of every tool call.

    Same input (a state whose last AIMessage has ``tool_calls``, a message list, or tool calls from
    ``Send``) and output (``{"messages": [ToolMessage, ...]}``) as ``ToolNode``, so it replaces it in any
    graph. Each call is resolved and validated first; a blocked call is answered with a structured
    error (``status="error"``) and never runs; a repaired call runs with the repaired arguments;
    transient failures are retried; errors come back with feedback. What the guard did is in each
    ToolMessage's ``response_metadata["lookup_guards"]`` and in ``guard_intervention`` callback events.

    The guard context comes from ``now``/``timezone``/``actor`` (or ``context``) plus the conversation
    in the state, or from ``ctx_factory(state, config)``. Lookups use the node's own read tools and
    are cached per ``thread_id``.
    """

    def __init__(
        self,
        tools: Sequence[ToolLike],
        pack: DomainPack | str,
        *,
        now: datetime | str | None = None,
        timezone: str | None = None,
        actor: str | None = None,
        context: ContextConfig | None = None,
        ctx_factory: ContextFactory | None = None,
        budgets: Budgets | None = None,
        retry_sleep: Callable[[float], None] | None = None,
        name: str = "tools",
        tags: list[str] | None = None,
        messages_key: str = "messages",
        **tool_node_options: Any,
    ) -> None:
        base_tools = [as_base_tool(tool) for tool in tools]
        self.call_guard = ToolCallGuard(
            load_pack(pack) if isinstance(pack, str) else pack,
            budgets=budgets or Budgets(),
            context=(context or ContextConfig()).with_overrides(now, timezone, actor),
            ctx_factory=ctx_factory,
            tools=base_tools,
            retry_sleep=retry_sleep,
        )
        super().__init__(
            base_tools,
            name=name,
            tags=tags,
            messages_key=messages_key,
            wrap_tool_call=self.call_guard,
            awrap_tool_call=self.call_guard.acall,
            **tool_node_options,
        )

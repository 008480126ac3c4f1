"""Guard one tool call inside someone else's tool executor.

LangGraph's ``ToolNode`` and LangChain v1's ``AgentMiddleware`` share one interception contract:
``wrapper(request: ToolCallRequest, execute) -> ToolMessage | Command``. :class:`ToolCallGuard` is that
wrapper: it checks the call (resolve + validate), hands the repaired call to ``execute`` or answers
with a structured error, then classifies the result, retries transient failures and writes feedback —
the whole guarded graph, squeezed into one call.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import BaseMessage, ToolCall, ToolMessage
from langchain_core.runnables import RunnableConfig
from langchain_core.tools import BaseTool
from langgraph.prebuilt.tool_node import ToolCallRequest
from langgraph.types import Command

from guards.context import GuardContext, GuardSession
from guards.core import Guard
from guards.graph.calls import BLOCKED, EXECUTED, new_record, run_stages
from guards.graph.episode import GUARD_METADATA_KEY, ContextConfig, SessionStore, build_context
from guards.graph.events import emit_interventions
from guards.graph.settle import Settler, Usage
from guards.graph.state import Budgets
from guards.graph.tools import ToolBox, ToolInvoker, ToolRun, message_content, reply_result
from guards.pack import DomainPack
from guards.schema.examples import ExampleClock

ContextFactory = Callable[[Any, RunnableConfig | None], GuardContext]
"""``ctx_factory(state, config) -> GuardContext`` for callers that build the guard context themselves."""

Execute = Callable[[ToolCallRequest], ToolMessage | Command[Any]]
AsyncExecute = Callable[[ToolCallRequest], Awaitable[ToolMessage | Command[Any]]]


def state_messages(state: Any) -> list[BaseMessage]:
    """The messages of a ToolNode/agent state (a dict, a list of messages, or an object)."""
    if isinstance(state, list):
        return [m for m in state if isinstance(m, BaseMessage)]
    if isinstance(state, dict):
        return list(state.get("messages", []))
    return list(getattr(state, "messages", []) or [])


def reasks_in(messages: Sequence[BaseMessage]) -> dict[str, int]:
    """Per tool, how often the guard already sent a fixable error back in this conversation."""
    used: dict[str, int] = {}
    for message in messages:
        if isinstance(message, ToolMessage) and message.status == "error":
            meta = message.response_metadata.get(GUARD_METADATA_KEY)
            if isinstance(meta, dict) and meta.get("category") == "repairable":
                tool = str(meta.get("tool_name"))
                used[tool] = used.get(tool, 0) + 1
    return used


@dataclass
class _Kit:
    toolbox: ToolBox
    guard: Guard
    settler: Settler


@dataclass
class ToolCallGuard:
    """A ``wrap_tool_call`` wrapper that guards each call (see the module docstring).

    ``tools`` fixes the tool set (for ``GuardedToolNode``); without it the tools are read from the
    request's runtime, i.e. whatever the surrounding ``ToolNode`` or ``create_agent`` registered.
    """

    pack: DomainPack
    budgets: Budgets = field(default_factory=Budgets)
    context: ContextConfig = field(default_factory=ContextConfig)
    ctx_factory: ContextFactory | None = None
    tools: Sequence[BaseTool] | None = None
    retry_sleep: Callable[[float], None] | None = None
    sessions: SessionStore = field(default_factory=SessionStore)
    _kits: dict[tuple[str, ...], _Kit] = field(default_factory=dict, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def kit(self, tools: Sequence[BaseTool]) -> _Kit:
        """The guard and tool box for a tool set (built once per distinct set)."""
        key = tuple(sorted(tool.name for tool in tools))
        with self._lock:
            kit = self._kits.get(key)
            if kit is None:
                toolbox = ToolBox.of(list(tools))
                guard = Guard(self.pack, schemas=toolbox.schemas)
                settler = Settler(self.pack, self.budgets, toolbox.schemas, sleep=self.retry_sleep)
                kit = self._kits[key] = _Kit(toolbox, guard, settler)
            return kit

    def _tools_for(self, request: ToolCallRequest) -> Sequence[BaseTool]:
        if self.tools is not None:
            return self.tools
        runtime_tools = getattr(request.runtime, "tools", None) or []
        found = list(runtime_tools)
        if request.tool is not None and all(t.name != request.tool.name for t in found):
            found.append(request.tool)
        return found

    def context_for(
        self, state: Any, config: RunnableConfig | None, kit: _Kit, invoker: ToolInvoker
    ) -> GuardContext:
        """The guard context for a call: the caller's factory, or one built from the conversation."""
        lookup = kit.toolbox.lookup_function(invoker, self.pack)
        if self.ctx_factory is not None:
            ctx = self.ctx_factory(state, config)
            if ctx.lookup is None:
                ctx.lookup = lookup
            return ctx
        thread = ((config or {}).get("configurable") or {}).get("thread_id")
        session = self.sessions.get(str(thread)) if thread else GuardSession()
        return build_context(state_messages(state), self.context.settings(), session, lookup)

    def __call__(self, request: ToolCallRequest, execute: Execute) -> ToolMessage | Command[Any]:
        """The synchronous wrapper (``ToolNode(wrap_tool_call=...)``)."""
        config = getattr(request.runtime, "config", None)
        return self._guard(request, execute, ToolInvoker(None, config))

    async def acall(self, request: ToolCallRequest, execute: AsyncExecute) -> ToolMessage | Command[Any]:
        """The async wrapper: the guard runs in a worker thread, tools on this loop."""
        loop = asyncio.get_running_loop()
        config = getattr(request.runtime, "config", None)

        async def execute_async(req: ToolCallRequest) -> ToolMessage | Command[Any]:
            return await execute(req)

        def execute_on_loop(req: ToolCallRequest) -> ToolMessage | Command[Any]:
            return asyncio.run_coroutine_threadsafe(execute_async(req), loop).result()

        return await asyncio.to_thread(self._guard, request, execute_on_loop, ToolInvoker(loop, config))

    def _guard(
        self, request: ToolCallRequest, execute: Execute, invoker: ToolInvoker
    ) -> ToolMessage | Command[Any]:
        config = getattr(request.runtime, "config", None)
        kit = self.kit(self._tools_for(request))
        ctx = self.context_for(request.state, config, kit, invoker)
        record = new_record(request.tool_call)
        made = run_stages(
            kit.guard, kit.guard.resolve_stages + kit.guard.validate_stages, record, ctx, "check"
        )
        usage = Usage(interventions=list(made), reasks_used=reasks_in(state_messages(request.state)))
        read = kit.toolbox.lookup_function(invoker, self.pack)
        clock = ExampleClock.of(ctx.now, ctx.timezone, actor=ctx.actor)
        if record["status"] == BLOCKED:
            answer = kit.settler.settle(record, _never_rerun, usage, clock=clock)
            emit_interventions(usage.interventions, config)
            return answer
        call = ToolCall(
            name=record["tool_name"], args=record["args"], id=request.tool_call["id"], type="tool_call"
        )
        tool = kit.toolbox.tools.get(record["tool_name"])
        repaired = request.override(tool_call=call, tool=tool) if tool else request.override(tool_call=call)
        replies: list[ToolMessage] = []

        def run_once() -> ToolRun | Command[Any]:
            reply = execute(repaired)
            if not isinstance(reply, ToolMessage):
                return reply
            replies.append(reply)
            return ToolRun(reply.content, reply_result(reply, record["tool_name"]))

        first = run_once()
        if not isinstance(first, ToolRun):
            return first  # a Command steers the graph; it is not a result to classify
        record.update(status=EXECUTED, output=message_content(first.output), result=first.result)
        ctx.observe(record["tool_name"], record["args"], first.result)

        def rerun() -> ToolRun:
            again = run_once()
            return again if isinstance(again, ToolRun) else ToolRun(None, None)

        answer = kit.settler.settle(record, rerun, usage, read, clock)
        emit_interventions(usage.interventions, config)
        if answer.status == "success" and replies:
            # Keep the tool's own message (artifacts included) and add the guard's notes.
            meta = {**replies[-1].response_metadata, **answer.response_metadata}
            return replies[-1].model_copy(update={"response_metadata": meta})
        return answer


def _never_rerun() -> ToolRun:
    raise RuntimeError("a blocked call is never executed")

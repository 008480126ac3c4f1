"""``guard_tools``: wrap LangChain tools so that any framework calling them gets the guards.

Async-only tools (every tool loaded from an MCP server) are bound to the event loop their session
runs on. A wrapped tool called synchronously runs them on that loop when it is running in another
thread (``guard_tools`` remembers the loop it was called in, or takes ``loop=``), in a private loop
when there is none, and refuses at once, naming ``ainvoke``, when called synchronously on a thread
whose loop is running: blocking that loop while its own session must answer would hang forever.
"""

from __future__ import annotations

import asyncio
import dataclasses
import threading
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from langchain_core.runnables import RunnableConfig
from langchain_core.tools import BaseTool, StructuredTool

from guards.context import GuardContext
from guards.core import Guard
from guards.graph.calls import BLOCKED, EXECUTED, new_record, run_stages
from guards.graph.episode import ContextConfig
from guards.graph.events import emit_interventions
from guards.graph.settle import Settler, Usage
from guards.graph.state import Budgets
from guards.graph.tools import (
    ToolBox,
    ToolInvoker,
    ToolLike,
    ToolRun,
    as_base_tool,
    is_async_only,
    parse_tool_output,
)
from guards.pack import DomainPack, load_pack
from guards.schema.examples import ExampleClock

ToolContextFactory = Callable[[], GuardContext]
"""``ctx_factory() -> GuardContext``: the context each wrapped call is checked in."""


class _GuardedToolSet:
    """What the wrapped tools share: the guard, the original tools, one context, re-ask counts."""

    def __init__(
        self,
        tools: Sequence[BaseTool],
        pack: DomainPack,
        ctx_factory: ToolContextFactory,
        budgets: Budgets,
        retry_sleep: Callable[[float], None] | None,
        loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        self.toolbox = ToolBox.of(list(tools))
        self.async_only = sorted(name for name, tool in self.toolbox.tools.items() if is_async_only(tool))
        self.home_loop = loop
        self.pack = pack
        self.guard = Guard(pack, schemas=self.toolbox.schemas)
        self.settler = Settler(pack, budgets, self.toolbox.schemas, sleep=retry_sleep)
        self.ctx_factory = ctx_factory
        self.reasks: dict[str, int] = {}
        self._lock = threading.Lock()

    def sync_invoker(self, tool_name: str, config: RunnableConfig) -> ToolInvoker:
        """How a synchronous call runs the tools (see the module docstring); raises at once
        rather than block a running loop that async-only tools may need."""
        if not self.async_only:
            return ToolInvoker(None, config)
        try:
            running: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is not None:
            raise RuntimeError(
                f"{tool_name!r} was called synchronously inside a running event loop, and the guarded "
                f"tools include async-only tools ({', '.join(self.async_only)}) that may need that loop: "
                f"use `await tool.ainvoke(...)` there."
            )
        home = self.home_loop
        if home is not None and home.is_running() and not home.is_closed():
            return ToolInvoker(home, config)
        return ToolInvoker(None, config)

    def call(self, tool_name: str, args: dict[str, Any], invoker: ToolInvoker) -> Any:
        """Check, run and settle one call; returns the tool's parsed result or the error with feedback."""
        ctx = self.ctx_factory()
        if ctx.lookup is None:
            # A per-call copy: the conversation and session stay shared, the lookup fits this call.
            ctx = dataclasses.replace(ctx, lookup=self.toolbox.lookup_function(invoker, self.pack))
        record = new_record({"name": tool_name, "args": args, "id": f"call_{uuid.uuid4().hex[:12]}"})
        stages = self.guard.resolve_stages + self.guard.validate_stages
        with self._lock:
            reasks_used = dict(self.reasks)
        usage = Usage(
            interventions=run_stages(self.guard, stages, record, ctx, "check"), reasks_used=reasks_used
        )
        if record["status"] != BLOCKED:
            run = self.toolbox.run(record["tool_name"], record["args"], invoker)
            record.update(status=EXECUTED, output=run.output, result=run.result)
            ctx.observe(record["tool_name"], record["args"], run.result)

        def rerun() -> ToolRun:
            return self.toolbox.run(record["tool_name"], record["args"], invoker)

        clock = ExampleClock.of(ctx.now, ctx.timezone, actor=ctx.actor)
        answer = self.settler.settle(record, rerun, usage, ctx.lookup, clock)
        emit_interventions(usage.interventions, invoker.config)
        meta = answer.response_metadata["lookup_guards"]
        with self._lock:
            self.reasks.update(usage.reasks_used)
        if meta["error"] is None:
            return record["result"]  # the final attempt's parsed result (after any retries)
        return parse_tool_output(answer.content)  # the wire-format error plus the guard's "feedback"


def _wrap(tool: BaseTool, tool_set: _GuardedToolSet) -> StructuredTool:
    def run(config: RunnableConfig, **kwargs: Any) -> Any:
        return tool_set.call(tool.name, kwargs, tool_set.sync_invoker(tool.name, config))

    async def arun(config: RunnableConfig, **kwargs: Any) -> Any:
        invoker = ToolInvoker(asyncio.get_running_loop(), config)
        return await asyncio.to_thread(tool_set.call, tool.name, kwargs, invoker)

    return StructuredTool(
        name=tool.name,
        description=tool.description,
        # A dict schema: LangChain passes the arguments through untouched, so the guard sees (and
        # repairs) exactly what the agent sent instead of a pydantic error raised before it.
        args_schema=tool_set.toolbox.schemas[tool.name],
        func=run,
        coroutine=arun,
        metadata={**(tool.metadata or {}), "lookup_guards": True},
        tags=[*(tool.tags or []), "lookup_guards"],
    )


def guard_tools(
    tools: Sequence[ToolLike],
    pack: DomainPack | str,
    ctx_factory: ToolContextFactory | None = None,
    *,
    now: datetime | str | None = None,
    timezone: str | None = None,
    actor: str | None = None,
    budgets: Budgets | None = None,
    retry_sleep: Callable[[float], None] | None = None,
    loop: asyncio.AbstractEventLoop | None = None,
) -> list[BaseTool]:
    """Wrap ``tools`` so each call is resolved, validated, retried and explained by the guards.

    Each wrapped tool has the original's name, description and JSON Schema. A call that passes runs the
    original tool with the repaired arguments and returns its (parsed) result; a blocked call (or an error the
    tool returned) comes back as the structured error dict plus a ``feedback`` text. Lookups use the
    original read tools. Without ``ctx_factory`` all wrapped tools share one context built from
    ``now``/``timezone``/``actor`` that remembers every executed call (for grounding and preconditions).
    ``loop`` is the event loop async-only tools belong to (default: the loop running here, if any).
    """
    base_tools = [as_base_tool(tool) for tool in tools]
    domain = load_pack(pack) if isinstance(pack, str) else pack
    if ctx_factory is None:
        settings = ContextConfig(now, timezone, actor).settings()
        shared = GuardContext(
            now=datetime.fromisoformat(settings["now"]),
            timezone=settings["timezone"],
            actor=settings["actor"],
        )

        def shared_context() -> GuardContext:
            return shared

        ctx_factory = shared_context
    if loop is None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
    tool_set = _GuardedToolSet(base_tools, domain, ctx_factory, budgets or Budgets(), retry_sleep, loop)
    return [_wrap(tool, tool_set) for tool in base_tools]

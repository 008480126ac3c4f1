"""The nodes of the guarded agent: ``agent -> resolve -> validate -> tools -> retry -> agent``.

Each node is a plain function of the state. It is written once, synchronously, and runs either directly
(``graph.invoke``) or in a worker thread (``graph.ainvoke``) with a bridge to the event loop so async
tools — MCP tools bound to a live session — run on the loop that owns them.
"""

from __future__ import annotations

import asyncio
import copy
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, SystemMessage, ToolCall, ToolMessage
from langchain_core.runnables import Runnable, RunnableConfig, RunnableLambda
from langgraph.types import interrupt

from guards.context import GuardContext, GuardSession
from guards.core import Guard
from guards.graph.calls import (
    BLOCKED,
    EXECUTED,
    PASSED,
    PROPOSED,
    blocked_entry,
    intervention_dict,
    new_record,
    run_stages,
)
from guards.graph.episode import ContextConfig, SessionStore, build_context
from guards.graph.events import GUARD_TAG, emit_interventions
from guards.graph.model import Proposer
from guards.graph.settle import Settler, Usage, reasks_by_tool
from guards.graph.state import Budgets
from guards.graph.tools import ToolBox, ToolInvoker, ToolRun, message_content, not_an_object_error
from guards.paths import set_path
from guards.recovery.classify import classify
from guards.schema.examples import ExampleClock
from guards.verdict import Intervention

NodeFn = Callable[[dict[str, Any], RunnableConfig, ToolInvoker], dict[str, Any]]

HUMAN_CHOICE = "human_choice"
MAX_HUMAN_CHOICES = 5
"""A call with more ambiguous fields than this goes back to the agent instead of the human."""

_ZERO_COUNTERS: dict[str, Any] = {
    "interventions": [],
    "lookups": 0,
    "cache_hits": 0,
    "retries": 0,
    "reasks": 0,
    "tool_calls": 0,
    "errors": {},
    "blocked": [],
    "elapsed_s": 0.0,
}


def as_node(fn: NodeFn, name: str) -> Runnable[Any, Any]:
    """A LangGraph node with a sync body and an async variant that runs the body off the loop."""

    def run_sync(state: dict[str, Any], config: RunnableConfig) -> dict[str, Any]:
        return fn(state, config, ToolInvoker(None, config))

    async def run_async(state: dict[str, Any], config: RunnableConfig) -> dict[str, Any]:
        invoker = ToolInvoker(asyncio.get_running_loop(), config)
        return await asyncio.to_thread(fn, state, config, invoker)

    # Tags let a tracer or callback handler pick out guard runs without knowing the graph.
    return RunnableLambda(run_sync, afunc=run_async, name=name).with_config(tags=[GUARD_TAG, f"guard:{name}"])


def _timed(update: dict[str, Any], started: float) -> dict[str, Any]:
    update["elapsed_s"] = update.get("elapsed_s", 0.0) + (time.perf_counter() - started)
    return update


def _with_call_ids(message: AIMessage) -> AIMessage:
    """Give every tool call an id (some agents omit them; ToolMessages must point at one)."""
    calls = [*message.tool_calls, *message.invalid_tool_calls]
    if all(call.get("id") for call in calls):
        return message
    return message.model_copy(
        update={
            "tool_calls": [{**c, "id": c.get("id") or _new_call_id()} for c in message.tool_calls],
            "invalid_tool_calls": [
                {**c, "id": c.get("id") or _new_call_id()} for c in message.invalid_tool_calls
            ],
        }
    )


def _new_call_id() -> str:
    return f"call_{uuid.uuid4().hex[:12]}"


def proposed_calls(message: AIMessage) -> list[dict[str, Any]]:
    """Records for every call the model proposed, including those whose arguments were not valid JSON.

    Providers put a call with unparsable arguments in ``invalid_tool_calls``; it still needs an answer,
    and the guard may be able to read it (its arguments arrive as the raw string).
    """
    records = [new_record(call) for call in message.tool_calls]
    for invalid in message.invalid_tool_calls:
        call = ToolCall(name=invalid.get("name") or "", args={}, id=invalid.get("id"), type="tool_call")
        record = new_record(call)
        record["args"] = invalid.get("args")
        record["proposed"]["args"] = invalid.get("args")
        records.append(record)
    return records


@dataclass
class AgentStep:
    """The ``agent`` node: ask the model for the next step unless a budget has run out."""

    propose: Proposer
    budgets: Budgets
    context: ContextConfig
    system_prompt: str | None = None

    def __call__(self, state: dict[str, Any], config: RunnableConfig, invoker: ToolInvoker) -> dict[str, Any]:
        started = time.perf_counter()
        update: dict[str, Any] = {}
        if not state.get("episode_id"):
            thread = (config.get("configurable") or {}).get("thread_id")
            update.update(copy.deepcopy(_ZERO_COUNTERS))
            update["episode_id"] = str(thread) if thread else uuid.uuid4().hex
        settings = self.context.settings(state.get("guard_context"))
        if settings != state.get("guard_context"):
            update["guard_context"] = settings
        reason = self.budgets.stop_reason(state)
        if reason is not None:
            update.update(stop_reason=reason, pending=[], steps=0)
            return _timed(update, started)
        messages: list[BaseMessage] = list(state.get("messages", []))
        if self.system_prompt and not (messages and isinstance(messages[0], SystemMessage)):
            messages = [SystemMessage(content=self.system_prompt), *messages]
        reply = _with_call_ids(self.propose(messages, config))
        update.update(
            messages=[reply],
            steps=1,
            pending=proposed_calls(reply),
            stop_reason=None if reply.tool_calls or reply.invalid_tool_calls else "answered",
        )
        return _timed(update, started)


def route_after_agent(next_node: str, answered: str = "__end__") -> Callable[[dict[str, Any]], str]:
    """``next_node`` when the agent proposed tool calls, ``answered`` when it answered, else the end."""

    def route(state: dict[str, Any]) -> str:
        if state.get("stop_reason") == "answered":
            return answered
        if state.get("stop_reason") is not None or not state.get("pending"):
            return "__end__"
        return next_node

    return route


@dataclass
class GuardNodes:
    """The guarded nodes, sharing the guard, the tools and the per-episode sessions."""

    guard: Guard
    toolbox: ToolBox
    settler: Settler
    ask_human: bool = False
    sessions: SessionStore = field(default_factory=SessionStore)

    # -- shared ------------------------------------------------------------------------------------

    def _context(self, state: dict[str, Any], invoker: ToolInvoker) -> tuple[GuardContext, GuardSession]:
        session = self.sessions.get(str(state.get("episode_id") or "default"))
        lookup = self.toolbox.lookup_function(invoker, self.guard.pack)
        settings = state.get("guard_context") or ContextConfig().settings()
        return build_context(state.get("messages", []), settings, session, lookup), session

    @staticmethod
    def _finish(
        update: dict[str, Any],
        session: GuardSession,
        counters: tuple[int, int],
        started: float,
        config: RunnableConfig,
    ) -> dict[str, Any]:
        update["lookups"] = session.lookups - counters[0]
        update["cache_hits"] = session.cache_hits - counters[1]
        emit_interventions(update.get("interventions", []), config)
        return _timed(update, started)

    # -- nodes -------------------------------------------------------------------------------------

    def resolve(self, state: dict[str, Any], config: RunnableConfig, invoker: ToolInvoker) -> dict[str, Any]:
        """Repair tool names and structure, and resolve references to IDs (asking a human if allowed)."""
        started = time.perf_counter()
        ctx, session = self._context(state, invoker)
        counters = (session.lookups, session.cache_hits)
        pending = copy.deepcopy(state.get("pending", []))
        made: list[dict[str, Any]] = []
        for record in pending:
            if record["status"] != PROPOSED:
                continue
            made += run_stages(self.guard, self.guard.resolve_stages, record, ctx, "resolve")
            if self.ask_human:
                made = self._ask_human(record, ctx, made)
        update = {
            "pending": pending,
            "interventions": made,
            "blocked": [blocked_entry(r) for r in pending if r["status"] == BLOCKED],
        }
        return self._finish(update, session, counters, started, config)

    def _ask_human(
        self, record: dict[str, Any], ctx: GuardContext, made: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """Turn ``ambiguous_reference`` blocks into interrupts; re-resolve with the chosen ID."""
        for _ in range(MAX_HUMAN_CHOICES):
            error = record["error"] or {}
            if record["status"] != BLOCKED or error.get("error_type") != "ambiguous_reference":
                break
            details = error.get("details") or {}
            choice = interrupt(
                {
                    "type": "ambiguous_reference",
                    "tool_call_id": record["id"],
                    "tool_name": record["tool_name"],
                    "field": details.get("field"),
                    "value": details.get("value"),
                    "candidates": details.get("candidates", []),
                    "message": error.get("message"),
                }
            )
            chosen = choice.get("id") if isinstance(choice, dict) else choice
            if not isinstance(chosen, str) or not chosen or not details.get("field"):
                break
            block = record["interventions"].pop()
            made = [item for item in made if item != block]
            field_path = str(details["field"])
            set_path(record["args"], field_path, chosen, create=True)
            note = Intervention(
                HUMAN_CHOICE,
                record["tool_name"],
                field_path,
                details.get("value"),
                chosen,
                "a human chose among the ambiguous candidates",
            )
            made.append(intervention_dict(note, record, "resolve"))
            record["interventions"].append(made[-1])
            record.update(status=PROPOSED, error=None)
            ctx.user_messages.append(chosen)  # the human's answer is the user's word for it
            made += run_stages(self.guard, self.guard.resolve_stages, record, ctx, "resolve")
        return made

    def validate(self, state: dict[str, Any], config: RunnableConfig, invoker: ToolInvoker) -> dict[str, Any]:
        """Normalise datetimes, ground values, validate/repair against the schema, pre-check writes."""
        started = time.perf_counter()
        ctx, session = self._context(state, invoker)
        counters = (session.lookups, session.cache_hits)
        pending = copy.deepcopy(state.get("pending", []))
        made: list[dict[str, Any]] = []
        newly_blocked: list[dict[str, Any]] = []
        for record in pending:
            if record["status"] != PASSED:
                continue
            made += run_stages(self.guard, self.guard.validate_stages, record, ctx, "validate")
            if record["status"] == BLOCKED:
                newly_blocked.append(blocked_entry(record))
        update = {"pending": pending, "interventions": made, "blocked": newly_blocked}
        return self._finish(update, session, counters, started, config)

    def tools(self, state: dict[str, Any], config: RunnableConfig, invoker: ToolInvoker) -> dict[str, Any]:
        """Execute the calls that passed, with their repaired arguments."""
        started = time.perf_counter()
        session = self.sessions.get(str(state.get("episode_id") or "default"))
        pending = copy.deepcopy(state.get("pending", []))
        executed = 0
        for record in pending:
            if record["status"] != PASSED:
                continue
            run = self.toolbox.run(record["tool_name"], record["args"], invoker)
            record.update(status=EXECUTED, output=message_content(run.output), result=run.result)
            executed += 1
            session.note_write(record["tool_name"])
        return _timed({"pending": pending, "tool_calls": executed}, started)

    def retry(self, state: dict[str, Any], config: RunnableConfig, invoker: ToolInvoker) -> dict[str, Any]:
        """Classify results, re-execute transient failures, and answer every call with a ToolMessage."""
        started = time.perf_counter()
        session = self.sessions.get(str(state.get("episode_id") or "default"))
        pending = copy.deepcopy(state.get("pending", []))
        usage = Usage(
            reasks_used=reasks_by_tool(state.get("interventions", [])),
            episode_retries=state.get("retries", 0),
        )
        read = self.toolbox.lookup_function(invoker, self.guard.pack)
        settings = state.get("guard_context") or ContextConfig().settings()
        now = datetime.fromisoformat(str(settings["now"]))
        clock = ExampleClock.of(now, str(settings["timezone"]), actor=settings.get("actor"))
        messages: list[ToolMessage] = []
        for record in pending:

            def rerun(record: dict[str, Any] = record) -> ToolRun:
                return self.toolbox.run(record["tool_name"], record["args"], invoker)

            retries_before = usage.retries
            messages.append(self.settler.settle(record, rerun, usage, read, clock))
            if usage.retries > retries_before:
                session.note_write(record["tool_name"])
        update = {**usage.as_update(), "messages": messages, "pending": pending}
        if usage.out_of_reasks:
            update["stop_reason"] = "max_reasks"
        emit_interventions(usage.interventions, config)
        return _timed(update, started)


def route_after_retry(state: dict[str, Any]) -> str:
    """Back to the agent, unless the re-ask budget ran out."""
    return "__end__" if state.get("stop_reason") == "max_reasks" else "agent"


def route_after_validate(state: dict[str, Any]) -> str:
    """Execute when any call passed; otherwise go straight to answering with the errors."""
    return "tools" if any(r["status"] == PASSED for r in state.get("pending", [])) else "retry"


@dataclass
class RawTools:
    """The raw graph's ``tools`` node: run every call as proposed, pass errors back verbatim."""

    toolbox: ToolBox

    def __call__(self, state: dict[str, Any], config: RunnableConfig, invoker: ToolInvoker) -> dict[str, Any]:
        started = time.perf_counter()
        messages: list[ToolMessage] = []
        errors: dict[str, int] = {}
        pending = copy.deepcopy(state.get("pending", []))
        executed = 0
        for record in pending:
            if isinstance(record["args"], dict):
                run = self.toolbox.run(record["tool_name"], record["args"], invoker)
                executed += 1
            else:
                error = not_an_object_error(record["tool_name"], record["args"])
                run = ToolRun(error, error)
            verdict = classify(run.result, record["tool_name"])
            failed = not verdict.ok
            if failed:
                kind = str(verdict.error_type)
                errors[kind] = errors.get(kind, 0) + 1
            record.update(status=EXECUTED, output=message_content(run.output), result=run.result)
            messages.append(
                ToolMessage(
                    content=message_content(run.output),
                    tool_call_id=record["id"],
                    name=record["tool_name"],
                    status="error" if failed else "success",
                )
            )
        update = {"messages": messages, "pending": pending, "tool_calls": executed, "errors": errors}
        return _timed(update, started)

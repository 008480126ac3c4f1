"""Build the guarded agent graph and its unguarded twin.

::

    START -> agent --(tool calls)--> resolve -> validate --(any passed)--> tools -> retry -> agent
               |                                    \\--(all blocked)-------------> retry
               |--(answer)--> answer --(claims a change no write made)--> agent
               |                  \\--(otherwise)--> END
               \\--(a budget ran out)--> END

The raw graph is ``START -> agent -> tools -> agent`` with the same state keys, so an A/B comparison
differs only in the guards.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from guards.core import Guard
from guards.graph.answer import AnswerCheck, route_after_answer
from guards.graph.episode import ContextConfig, SessionStore
from guards.graph.events import NODE_METADATA_KEY
from guards.graph.model import make_proposer
from guards.graph.nodes import (
    AgentStep,
    GuardNodes,
    RawTools,
    as_node,
    route_after_agent,
    route_after_retry,
    route_after_validate,
)
from guards.graph.settle import Settler
from guards.graph.state import Budgets, GuardedState
from guards.graph.tools import ToolBox, ToolLike
from guards.pack import DomainPack, load_pack

GUARDED_NODES = ("agent", "resolve", "validate", "tools", "retry", "answer")
RAW_NODES = ("agent", "tools")


def _metadata(node: str, guarded: bool) -> dict[str, Any]:
    return {NODE_METADATA_KEY: node, "lookup_guards": guarded}


def build_guarded_agent(
    model: Any,
    tools: Sequence[ToolLike],
    pack: DomainPack | str,
    *,
    system_prompt: str | None = None,
    budgets: Budgets | None = None,
    ask_human: bool = False,
    context: ContextConfig | None = None,
    now: datetime | str | None = None,
    timezone: str | None = None,
    actor: str | None = None,
    checkpointer: BaseCheckpointSaver[Any] | None = None,
    interrupt_before: Sequence[str] | None = None,
    interrupt_after: Sequence[str] | None = None,
    guard: Guard | None = None,
    retry_sleep: Callable[[float], None] | None = None,
    check_answers: bool = True,
) -> CompiledStateGraph[Any, Any, Any, Any]:
    """A compiled LangGraph agent whose every tool call is resolved, validated and retried by the guards.

    ``model`` is a LangChain chat model (bound to ``tools`` with ``bind_tools``), or an existing agent:
    a runnable/graph or a function ``messages -> AIMessage``. ``tools`` are LangChain tools, plain
    functions, or MCP tools from ``langchain-mcp-adapters``; the guard reads their JSON Schemas and
    looks references up by calling their read tools. ``now``/``timezone``/``actor`` (or ``context``)
    fix the episode's clock, the user's IANA zone and the acting user; an input state may override them
    per run with ``{"guard_context": {...}}``. With ``ask_human`` an ambiguous reference interrupts the
    graph with the candidates; resume with ``Command(resume=<chosen id>)``. ``retry_sleep`` replaces
    ``time.sleep`` between transient retries (tests pass a no-op). With ``check_answers`` (the
    default) an answer that claims a change no successful write made goes back to the agent once per
    user message (:mod:`guards.checks.claims`).
    """
    budgets = budgets or Budgets()
    domain = load_pack(pack) if isinstance(pack, str) else pack
    toolbox = ToolBox.of(tools)
    the_guard = guard or Guard(domain, schemas=toolbox.schemas)
    settler = Settler(domain, budgets, toolbox.schemas, sleep=retry_sleep)
    nodes = GuardNodes(the_guard, toolbox, settler, ask_human=ask_human, sessions=SessionStore())
    config = (context or ContextConfig()).with_overrides(now, timezone, actor)
    agent = AgentStep(make_proposer(model, list(toolbox.tools.values())), budgets, config, system_prompt)

    graph = StateGraph(GuardedState)
    graph.add_node("agent", as_node(agent, "agent"), metadata=_metadata("agent", True))
    graph.add_node("resolve", as_node(nodes.resolve, "resolve"), metadata=_metadata("resolve", True))
    graph.add_node("validate", as_node(nodes.validate, "validate"), metadata=_metadata("validate", True))
    graph.add_node("tools", as_node(nodes.tools, "tools"), metadata=_metadata("tools", True))
    graph.add_node("retry", as_node(nodes.retry, "retry"), metadata=_metadata("retry", True))
    graph.add_edge(START, "agent")
    if check_answers:
        answer = AnswerCheck(domain, budgets, frozenset(toolbox.tools))
        graph.add_node("answer", as_node(answer, "answer"), metadata=_metadata("answer", True))
        after_agent = route_after_agent("resolve", "answer")
        graph.add_conditional_edges("agent", after_agent, ["resolve", "answer", END])
        graph.add_conditional_edges("answer", route_after_answer, ["agent", END])
    else:
        graph.add_conditional_edges("agent", route_after_agent("resolve"), ["resolve", END])
    graph.add_edge("resolve", "validate")
    graph.add_conditional_edges("validate", route_after_validate, ["tools", "retry"])
    graph.add_edge("tools", "retry")
    graph.add_conditional_edges("retry", route_after_retry, ["agent", END])
    return graph.compile(
        checkpointer=checkpointer,
        interrupt_before=list(interrupt_before or []),
        interrupt_after=list(interrupt_after or []),
        name="guarded_agent",
    )


def build_raw_agent(
    model: Any,
    tools: Sequence[ToolLike],
    *,
    system_prompt: str | None = None,
    budgets: Budgets | None = None,
    context: ContextConfig | None = None,
    now: datetime | str | None = None,
    timezone: str | None = None,
    actor: str | None = None,
    checkpointer: BaseCheckpointSaver[Any] | None = None,
    interrupt_before: Sequence[str] | None = None,
    interrupt_after: Sequence[str] | None = None,
) -> CompiledStateGraph[Any, Any, Any, Any]:
    """The same agent loop with the guards off: calls run as proposed, errors go back verbatim.

    Same arguments (minus the guard's), same state keys and budgets as :func:`build_guarded_agent`;
    the guard counters stay at zero. A call to a tool that does not exist gets an ``unknown_tool``
    error message.
    """
    budgets = budgets or Budgets()
    toolbox = ToolBox.of(tools)
    config = (context or ContextConfig()).with_overrides(now, timezone, actor)
    agent = AgentStep(make_proposer(model, list(toolbox.tools.values())), budgets, config, system_prompt)
    graph = StateGraph(GuardedState)
    graph.add_node("agent", as_node(agent, "agent"), metadata=_metadata("agent", False))
    graph.add_node("tools", as_node(RawTools(toolbox), "tools"), metadata=_metadata("tools", False))
    graph.add_edge(START, "agent")
    graph.add_conditional_edges("agent", route_after_agent("tools"), ["tools", END])
    graph.add_edge("tools", "agent")
    return graph.compile(
        checkpointer=checkpointer,
        interrupt_before=list(interrupt_before or []),
        interrupt_after=list(interrupt_after or []),
        name="raw_agent",
    )

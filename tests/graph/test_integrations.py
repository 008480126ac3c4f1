"""Drop-ins: GuardedToolNode in a hand-built graph, GuardMiddleware in create_agent, guard_tools."""

from __future__ import annotations

import json
from typing import Any

import pytest
from langchain.agents import create_agent
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage
from langgraph.graph import START, MessagesState, StateGraph
from langgraph.prebuilt import ToolNode, tools_condition

from env import CalendarEnv
from guards.graph import GUARD_METADATA_KEY
from guards.integrations import GuardedToolNode, GuardMiddleware, guard_tools
from tests.graph.conftest import added_events, calendar_id, guard_settings
from tests.graph.scripted import FakeToolCallingModel, call, scripted

REQUEST = "Put an 'Arch sync' on the Engineering calendar tomorrow from 2 to 3pm."
TUESDAY_2PM = "2026-03-10T14:00:00-04:00"
TUESDAY_3PM = "2026-03-10T15:00:00-04:00"


def named_insert(**overrides: Any) -> dict[str, Any]:
    args = {
        "calendarId": "Engineering",
        "summary": "Arch sync",
        "start": TUESDAY_2PM,
        "end": {"dateTime": TUESDAY_3PM},
    }
    return call("events_insert", **{**args, **overrides})


def hand_built_graph(model: FakeToolCallingModel, tool_node: ToolNode) -> Any:
    """The textbook LangGraph agent: model node, tools node, ``tools_condition``."""
    graph = StateGraph(MessagesState)
    graph.add_node("agent", lambda state: {"messages": [model.invoke(state["messages"])]})
    graph.add_node("tools", tool_node)
    graph.add_edge(START, "agent")
    graph.add_conditional_edges("agent", tools_condition)
    graph.add_edge("tools", "agent")
    return graph.compile()


# -- GuardedToolNode --------------------------------------------------------------------------------


def test_guarded_tool_node_replaces_tool_node_in_a_hand_built_graph(env: CalendarEnv) -> None:
    raw_env = CalendarEnv()
    raw_before = raw_env.snapshot()
    raw = hand_built_graph(scripted([named_insert()], "Done."), ToolNode(raw_env.langchain_tools()))
    raw.invoke({"messages": [HumanMessage(REQUEST)]})
    assert added_events(raw_env, raw_before) == []

    before = env.snapshot()
    node = GuardedToolNode(env.langchain_tools(), "calendar", **guard_settings(env))
    final = hand_built_graph(scripted([named_insert()], "Done."), node).invoke(
        {"messages": [HumanMessage(REQUEST)]}
    )
    [event] = added_events(env, before)
    assert event["calendarId"] == calendar_id(env, "Engineering")
    assert event["start"]["dateTime"] == TUESDAY_2PM
    answer = final["messages"][2]
    assert isinstance(answer, ToolMessage) and answer.status == "success"
    kinds = {i["kind"] for i in answer.response_metadata[GUARD_METADATA_KEY]["interventions"]}
    assert {"nesting_repair", "reference_resolved"} <= kinds


def test_guarded_tool_node_blocks_a_read_only_write_with_the_same_output_contract(env: CalendarEnv) -> None:
    before = env.snapshot()
    graph = StateGraph(MessagesState)
    graph.add_node("tools", GuardedToolNode(env.langchain_tools(), "calendar", **guard_settings(env)))
    graph.add_edge(START, "tools")
    proposal = AIMessage(content="", tool_calls=[named_insert(calendarId="Marketing")])
    output = graph.compile().invoke({"messages": [HumanMessage(REQUEST), proposal]})
    message = output["messages"][-1]
    assert message.tool_call_id == proposal.tool_calls[0]["id"]
    assert message.status == "error"
    assert json.loads(message.text)["error_type"] == "permission_error"
    assert message.response_metadata[GUARD_METADATA_KEY]["executed"] is False
    assert added_events(env, before) == []


async def test_guarded_tool_node_async(env: CalendarEnv) -> None:
    before = env.snapshot()
    node = GuardedToolNode(env.langchain_tools(), "calendar", **guard_settings(env))
    graph = hand_built_graph(scripted([named_insert()], "Done."), node)
    await graph.ainvoke({"messages": [HumanMessage(REQUEST)]})
    assert len(added_events(env, before)) == 1


# -- GuardMiddleware -------------------------------------------------------------------------------


def test_middleware_in_create_agent_repairs_where_the_plain_agent_fails(env: CalendarEnv) -> None:
    raw_env = CalendarEnv()
    raw_before = raw_env.snapshot()
    create_agent(scripted([named_insert()], "Done."), tools=raw_env.langchain_tools()).invoke(
        {"messages": [HumanMessage(REQUEST)]}
    )
    assert added_events(raw_env, raw_before) == []

    before = env.snapshot()
    agent = create_agent(
        scripted([named_insert()], "Done."),
        tools=env.langchain_tools(),
        middleware=[GuardMiddleware("calendar", **guard_settings(env))],
    )
    final = agent.invoke({"messages": [HumanMessage(REQUEST)]})
    [event] = added_events(env, before)
    assert event["calendarId"] == calendar_id(env, "Engineering")
    assert final["messages"][-1].content == "Done."


def test_middleware_blocks_before_the_handler(env: CalendarEnv) -> None:
    before = env.snapshot()
    model = scripted([named_insert(attendees=[{"email": "Dana"}])], "Which Dana?")
    agent = create_agent(
        model, tools=env.langchain_tools(), middleware=[GuardMiddleware("calendar", **guard_settings(env))]
    )
    final = agent.invoke({"messages": [HumanMessage(REQUEST)]})
    assert added_events(env, before) == []
    blocked = final["messages"][2]
    assert blocked.status == "error"
    assert json.loads(blocked.text)["error_type"] == "ambiguous_reference"


async def test_middleware_repairs_the_model_calls_themselves_when_asked(env: CalendarEnv) -> None:
    before = env.snapshot()
    agent = create_agent(
        scripted([named_insert()], "Done."),
        tools=env.langchain_tools(),
        middleware=[GuardMiddleware("calendar", repair_model_calls=True, **guard_settings(env))],
    )
    final = await agent.ainvoke({"messages": [HumanMessage(REQUEST)]})
    proposal = final["messages"][1]
    assert proposal.tool_calls[0]["args"]["calendarId"] == calendar_id(env, "Engineering")
    assert proposal.tool_calls[0]["args"]["start"] == {"dateTime": TUESDAY_2PM}
    assert proposal.response_metadata[GUARD_METADATA_KEY]["interventions"]
    assert len(added_events(env, before)) == 1


# -- guard_tools ---------------------------------------------------------------------------------


def test_guard_tools_wraps_tools_for_any_caller(env: CalendarEnv) -> None:
    before = env.snapshot()
    wrapped = guard_tools(env.langchain_tools(), "calendar", **guard_settings(env))
    tools = {tool.name: tool for tool in wrapped}
    assert set(tools) == {spec.name for spec in env.tool_specs()}

    created = tools["events_insert"].invoke(named_insert()["args"])
    assert created["calendarId"] == calendar_id(env, "Engineering")
    refused = tools["events_insert"].invoke(named_insert(calendarId="Marketing")["args"])
    assert refused["ok"] is False and refused["error_type"] == "permission_error"
    assert refused["feedback"]["stop"] is True
    assert [e["id"] for e in added_events(env, before)] == [created["id"]]


def test_guard_tools_inside_an_unguarded_create_agent(env: CalendarEnv) -> None:
    before = env.snapshot()
    agent = create_agent(
        scripted([named_insert()], "Done."),
        tools=guard_tools(env.langchain_tools(), "calendar", **guard_settings(env)),
    )
    agent.invoke({"messages": [HumanMessage(REQUEST)]})
    [event] = added_events(env, before)
    assert event["calendarId"] == calendar_id(env, "Engineering")


@pytest.mark.parametrize("wrapper", ["node", "middleware"])
def test_transient_failures_are_retried_without_duplicating_the_write(wrapper: str) -> None:
    """Every first write attempt is applied and then reported as a timeout; the guard retries safely."""
    from env.faults import FaultConfig

    env = CalendarEnv(faults=FaultConfig(timeout_after_write=1.0, tools=frozenset({"events_insert"})))
    before = env.snapshot()
    model = scripted([named_insert()], "Done.")
    options = {"retry_sleep": lambda seconds: None, **guard_settings(env)}
    if wrapper == "node":
        graph = hand_built_graph(model, GuardedToolNode(env.langchain_tools(), "calendar", **options))
    else:
        graph = create_agent(
            model, tools=env.langchain_tools(), middleware=[GuardMiddleware("calendar", **options)]
        )
    final = graph.invoke({"messages": [HumanMessage(REQUEST)]})
    [event] = added_events(env, before)
    assert event["summary"] == "Arch sync"
    answer = final["messages"][2]
    assert answer.status == "success"
    assert any(i["kind"] == "retry" for i in answer.response_metadata[GUARD_METADATA_KEY]["interventions"])


def test_a_misspelled_tool_name_is_repaired_before_tool_node_rejects_it(env: CalendarEnv) -> None:
    before = env.snapshot()
    misspelled = {**named_insert(), "name": "events.insert"}
    node = GuardedToolNode(env.langchain_tools(), "calendar", **guard_settings(env))
    graph = hand_built_graph(scripted([misspelled], "Done."), node)
    final = graph.invoke({"messages": [HumanMessage(REQUEST)]})
    assert len(added_events(env, before)) == 1
    kinds = [i["kind"] for i in final["messages"][2].response_metadata[GUARD_METADATA_KEY]["interventions"]]
    assert kinds[0] == "tool_name_repair"


def test_a_caller_supplied_context_factory_gets_the_tools_lookups(env: CalendarEnv) -> None:
    from guards import GuardContext

    seen_states: list[Any] = []

    def node_context(state: Any, config: Any) -> GuardContext:
        seen_states.append(state)
        return GuardContext(now=env.now, timezone=env.timezone, actor=env.actor, user_messages=[REQUEST])

    before = env.snapshot()
    node = GuardedToolNode(env.langchain_tools(), "calendar", ctx_factory=node_context)
    hand_built_graph(scripted([named_insert()], "Done."), node).invoke({"messages": [HumanMessage(REQUEST)]})
    assert len(added_events(env, before)) == 1, "'Engineering' was resolved through the node's own tools"
    assert seen_states and seen_states[0]["messages"][0].content == REQUEST

    shared = GuardContext(now=env.now, timezone=env.timezone, actor=env.actor)
    tools = {t.name: t for t in guard_tools(env.langchain_tools(), "calendar", lambda: shared)}
    created = tools["events_insert"].invoke(named_insert(summary="Second")["args"])
    assert created["calendarId"] == calendar_id(env, "Engineering")
    assert [o.tool_name for o in shared.tool_results] == ["events_insert"], "executed calls are observed"

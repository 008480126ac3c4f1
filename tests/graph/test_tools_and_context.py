"""Tool adapters (schemas, execution, result parsing), agent adapters and the episode context."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage
from langchain_core.tools import StructuredTool, ToolException
from langgraph.graph import START, MessagesState, StateGraph

from guards.graph import ContextConfig, ToolBox, build_guarded_agent, build_raw_agent, parse_tool_output
from guards.graph.episode import GUARD_METADATA_KEY, SessionStore, observations, user_messages
from guards.graph.model import make_proposer, to_ai_message
from guards.graph.tools import ToolInvoker
from tests.graph.scripted import call, scripted


def add_numbers(a: int, b: int = 2) -> dict[str, int]:
    """Add two numbers."""
    return {"sum": a + b}


def test_parse_tool_output_understands_every_result_shape() -> None:
    payload = {"items": [{"id": "x"}]}
    assert parse_tool_output(payload) == payload
    assert parse_tool_output(json.dumps(payload)) == payload
    assert parse_tool_output([{"type": "text", "text": json.dumps(payload)}]) == payload
    assert parse_tool_output(([{"type": "text", "text": json.dumps(payload)}], {"artifact": 1})) == payload
    assert parse_tool_output(ToolMessage(content=json.dumps(payload), tool_call_id="1")) == payload
    assert parse_tool_output("plain words") == "plain words"
    assert parse_tool_output("{not json") == "{not json"


def test_toolbox_takes_plain_functions_and_dict_schema_tools() -> None:
    schema = {"type": "object", "properties": {"q": {"type": "string"}}, "required": ["q"]}
    echo = StructuredTool(name="echo", description="Echo.", args_schema=schema, func=lambda **kw: kw)
    box = ToolBox.of([add_numbers, echo])
    assert box.schemas["echo"] == {**schema, "description": "Echo."}
    assert box.schemas["add_numbers"]["required"] == ["a"]
    assert box.run("add_numbers", {"a": 1}, ToolInvoker()).result == {"sum": 3}
    assert box.run("echo", {"q": 5}, ToolInvoker()).result == {"q": 5}, "dict schemas are not validated"


def test_toolbox_turns_unknown_tools_and_exceptions_into_wire_errors() -> None:
    wire = {"ok": False, "error_type": "not_found_error", "tool_name": "boom", "message": "gone"}

    def boom() -> None:
        """Fails."""
        raise ToolException(json.dumps(wire))

    def crash() -> None:
        """Times out."""
        raise TimeoutError("no answer")

    box = ToolBox.of([boom, crash])
    unknown = box.run("nope", {}, ToolInvoker()).result
    assert unknown["error_type"] == "unknown_tool" and unknown["details"]["available_tools"] == [
        "boom",
        "crash",
    ]
    assert box.run("boom", {}, ToolInvoker()).result == wire
    assert box.run("crash", {}, ToolInvoker()).result["error_type"] == "transient_error"


async def test_async_only_tools_run_from_sync_and_async_code() -> None:
    async def lookup(name: str) -> dict[str, str]:
        return {"name": name.upper()}

    tool = StructuredTool.from_function(coroutine=lookup, name="lookup", description="Look up.")
    box = ToolBox.of([tool])
    assert box.run("lookup", {"name": "ana"}, ToolInvoker()).result == {"name": "ANA"}


def test_lookups_refuse_write_tools() -> None:
    from guards import load_pack

    def events_insert(calendarId: str) -> dict[str, str]:
        """Insert."""
        return {"id": "e"}

    lookup = ToolBox.of([events_insert]).lookup_function(ToolInvoker(), load_pack("calendar"))
    assert lookup("events_insert", {"calendarId": "x"})["error_type"] == "permission_error"


def test_context_config_settings() -> None:
    settings = ContextConfig(now="2026-03-09T09:00:00", timezone="America/New_York", actor="a@x").settings()
    assert settings == {"now": "2026-03-09T09:00:00-04:00", "timezone": "America/New_York", "actor": "a@x"}
    override = ContextConfig(timezone="UTC").settings({"now": datetime(2026, 1, 1, tzinfo=ZoneInfo("UTC"))})
    assert override["now"] == "2026-01-01T00:00:00+00:00"
    with pytest.raises(ValueError, match="time zone"):
        ContextConfig(timezone="Mars/Olympus").settings()


def test_context_is_rebuilt_from_the_conversation() -> None:
    proposal = AIMessage(content="", tool_calls=[call("calendars_list")])
    history = [
        HumanMessage("add it to Team"),
        proposal,
        ToolMessage(content='{"items": []}', tool_call_id=proposal.tool_calls[0]["id"]),
        ToolMessage(
            content="blocked",
            tool_call_id="other",
            response_metadata={GUARD_METADATA_KEY: {"executed": False, "tool_name": "x", "args": {}}},
        ),
        ToolMessage(
            content='{"id": "e1"}',
            tool_call_id="third",
            response_metadata={
                GUARD_METADATA_KEY: {
                    "executed": True,
                    "tool_name": "events_insert",
                    "args": {"calendarId": "c"},
                }
            },
        ),
    ]
    assert user_messages(history) == ["add it to Team"]
    seen = observations(history)
    assert [(o.tool_name, o.args, o.result) for o in seen] == [
        ("calendars_list", {}, {"items": []}),
        ("events_insert", {"calendarId": "c"}, {"id": "e1"}),
    ]


def test_session_store_keeps_one_session_per_episode_and_evicts_the_oldest() -> None:
    store = SessionStore(capacity=2)
    first = store.get("a")
    assert store.get("a") is first
    assert store.get("b").seed != first.seed
    store.get("c")
    assert len(store) == 2 and store.get("a") is not first


def test_agent_adapters() -> None:
    assert to_ai_message({"messages": [HumanMessage("q"), AIMessage("a")]}).content == "a"
    assert to_ai_message("answer").content == "answer"
    with pytest.raises(TypeError):
        to_ai_message(42)
    with pytest.raises(TypeError):
        make_proposer(object(), [])


def test_an_existing_langgraph_graph_can_be_the_agent() -> None:
    inner_model = scripted([call("add_numbers", a="4")], "The sum is 6.")

    def respond(state: MessagesState) -> dict[str, Any]:
        return {"messages": [inner_model.invoke(state["messages"])]}

    inner = StateGraph(MessagesState)
    inner.add_node("respond", respond)
    inner.add_edge(START, "respond")
    graph = build_raw_agent(inner.compile(), [add_numbers])
    final = graph.invoke({"messages": [HumanMessage("4 + 2?")]})
    assert final["messages"][-1].content == "The sum is 6."
    assert parse_tool_output(final["messages"][2].content) == {"sum": 6}


def test_guarded_agent_over_non_calendar_tools_with_an_empty_pack() -> None:
    """Any tools work: with an empty pack the guard still validates and repairs against the schema."""
    from guards import DomainPack

    model = scripted([call("add_numbers", a="4")], "6")
    final = build_guarded_agent(model, [add_numbers], DomainPack(name="math"), timezone="UTC").invoke(
        {"messages": [HumanMessage("4 + 2?")]}
    )
    assert parse_tool_output(final["messages"][2].content) == {"sum": 6}
    assert any(i["kind"] == "type_coercion" for i in final["interventions"])


def test_raw_agent_answers_unknown_tools_with_an_error() -> None:
    final = build_raw_agent(scripted([call("subtract", a=1)], "ok"), [add_numbers]).invoke(
        {"messages": [HumanMessage("?")]}
    )
    error = parse_tool_output(final["messages"][2].content)
    assert error["error_type"] == "unknown_tool" and final["errors"] == {"unknown_tool": 1}


def test_a_failed_reply_with_free_text_is_an_error_not_a_success() -> None:
    """MCP ``isError`` results and handled tool errors arrive as text with ``status="error"``."""

    def flaky() -> str:
        """Fails with a plain message."""
        raise ToolException("something broke upstream")

    tool = StructuredTool.from_function(flaky, handle_tool_error=True)
    result = ToolBox.of([tool]).run("flaky", {}, ToolInvoker()).result
    assert result["ok"] is False and "something broke upstream" in result["message"]


def test_feedback_for_a_tool_reported_argument_error_carries_a_valid_example() -> None:
    from guards import DomainPack, make_error

    schema = {
        "type": "object",
        "properties": {"room": {"type": "string"}},
        "required": ["room"],
        "additionalProperties": False,
    }

    def book(**args: Any) -> dict[str, Any]:
        invalid = [{"field": "room", "expected_type": "an open room", "received_type": "closed room"}]
        details = {"invalid_fields": invalid}
        return make_error("validation_error", "book", "Room A is closed.", details=details)

    tool = StructuredTool(name="book", description="Book a room.", args_schema=schema, func=book)
    model = scripted([call("book", room="A")], "Sorry.")
    final = build_guarded_agent(model, [tool], DomainPack(name="rooms"), timezone="UTC").invoke(
        {"messages": [HumanMessage("book room A")]}
    )
    feedback = json.loads(final["messages"][2].text)["feedback"]
    assert feedback["fix_fields"] == ["room"]
    assert isinstance(feedback["example"]["room"], str)
    assert final["errors"] == {"validation_error": 1} and final["reasks"] == 1

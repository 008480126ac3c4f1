"""A rooms-and-tickets MCP server, not a calendar, guarded by ``rooms.yaml`` alone.

The malformed-call classes run through real agent graphs over the server's MCP tools (a live
in-memory MCP session), raw and guarded, judged by the world the server keeps
(:mod:`tests.guards.surfaces.rooms_cases`). Also here: the server's failure shapes (recognised with
no pack, or declared by it), valid calls passing unchanged, and ``guard_tools`` on async-only tools
from the loop's own thread and from worker threads.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from langchain_core.messages import ToolMessage
from langchain_mcp_adapters.tools import load_mcp_tools
from mcp.server.fastmcp import FastMCP
from mcp.shared.memory import create_connected_server_and_client_session

from guards import Guard, GuardContext
from guards.graph import parse_tool_output
from guards.integrations import guard_tools
from tests.guards.surfaces.rooms_cases import CASES, booking, judge_rooms, run_arm
from tests.guards.surfaces.rooms_mcp import (
    ACTOR,
    ATLAS,
    BOREAL,
    CEDAR_N,
    IT,
    LENA,
    NOW,
    NOW_TEXT,
    OMAR,
    PACK,
    SECURITY,
    ZONE,
    RoomsWorld,
    build_server,
)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.klass)
async def test_each_malformed_call_class_raw_and_guarded(case):
    judged = await judge_rooms(case)
    if case.gold is None:
        assert judged.raw_right  # the server refuses too; the guard says which to choose, or why not
        assert judged.guarded == "blocked_correctly"
        assert judged.error["details"].get("field")
    else:
        assert not judged.raw_right, "not a malformed call: the raw call already does what was meant"
        assert judged.guarded == "repaired"


def tool_replies(final: dict[str, Any]) -> list[ToolMessage]:
    return [m for m in final["messages"] if isinstance(m, ToolMessage)]


async def test_a_refusal_in_a_shape_only_the_pack_knows_is_a_conflict_not_a_success():
    taken = booking(ATLAS, start="2026-12-02T10:30:00+01:00", end="2026-12-02T11:30:00+01:00")
    request = "Book Atlas tomorrow from 10:30 to 11:30 for a 'Vendor call' with Omar."
    _, raw = await run_arm("book_room", taken, request, guarded=False)
    world, guarded = await run_arm("book_room", taken, request, guarded=True)
    assert raw["errors"] == {}  # the raw agent is told its booking succeeded
    assert guarded["errors"] == {"conflict_error": 1}
    [reply] = tool_replies(guarded)
    error = parse_tool_output(reply.content)
    assert reply.status == "error" and error["error_type"] == "conflict_error"
    assert "Atlas is taken" in error["message"]
    assert len(world.bookings) == 1


async def test_success_false_is_a_failure_with_no_pack():
    _, raw = await run_arm(
        "list_bookings", {"room_id": "rm-nowhere", "day": "2026-12-02"}, "x", guarded=False
    )
    assert raw["errors"] == {"not_found_error": 1}
    [reply] = tool_replies(raw)
    assert reply.status == "error"


# -- do no harm: valid calls pass unchanged --------------------------------------------------------


class SyncRooms:
    """The server's tools called in-process (no transport), for checking calls with ``Guard.check``."""

    def __init__(self) -> None:
        self.world = RoomsWorld.seeded()
        self.server = build_server(self.world)
        self.schemas = {t.name: t.inputSchema for t in asyncio.run(self.server.list_tools())}

    def __call__(self, tool: str, args: dict[str, Any]) -> Any:
        _, structured = asyncio.run(self.server.call_tool(tool, args))
        return structured


SCHEMAS = SyncRooms().schemas


@st.composite
def valid_calls(draw: st.DrawFn) -> tuple[str, dict[str, Any], str]:
    tool = draw(st.sampled_from(["book_room", "list_bookings", "open_ticket", "list_rooms"]))
    hour = draw(st.integers(8, 17))
    if tool == "book_room":
        people = draw(
            st.lists(st.sampled_from([OMAR, LENA, "kai@fabrikam.example"]), max_size=2, unique=True)
        )
        args: dict[str, Any] = {
            "room_id": draw(st.sampled_from([BOREAL, CEDAR_N])),
            "title": draw(st.sampled_from(["Vendor call", "Retro", "Interview"])),
            "start": f"2026-12-0{draw(st.integers(3, 9))}T{hour:02d}:00:00+01:00",
        }
        args["end"] = args["start"].replace(f"T{hour:02d}", f"T{hour + 1:02d}")
        if people:
            args["attendees"] = people
        return tool, args, f"Book it with {', '.join(people) or 'nobody'}."
    if tool == "list_bookings":
        return (
            tool,
            {"room_id": draw(st.sampled_from([ATLAS, BOREAL])), "day": "2026-12-02"},
            "Show bookings.",
        )
    if tool == "open_ticket":
        args = {"queue_id": draw(st.sampled_from([IT, SECURITY])), "title": "Projector broken"}
        if draw(st.booleans()):
            args["priority"] = draw(st.sampled_from(["low", "normal", "high", "urgent"]))
        if draw(st.booleans()):
            args["assignee"] = OMAR
        return tool, args, "Open a ticket about the projector (omar.haddad@northwind.example)."
    return tool, {}, "Which rooms are there?"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_calls())
def test_valid_calls_pass_unchanged(drawn):
    tool, args, request = drawn
    rooms = SyncRooms()
    ctx = GuardContext(now=NOW, timezone=ZONE, user_messages=[request], lookup=rooms, actor=ACTOR)
    verdict = Guard(PACK, SCHEMAS).check(tool, args, ctx)
    assert verdict.passed, verdict.error
    assert verdict.tool_name == tool and verdict.args == args and verdict.interventions == []
    result = rooms(tool, args)
    assert result.get("success") is True or result.get("booked") is True


# -- guard_tools on async-only tools (every MCP tool) ----------------------------------------------


def guarded_list_rooms(tools: list[Any]) -> Any:
    wrapped = guard_tools(tools, PACK, now=NOW_TEXT, timezone=ZONE, actor=ACTOR)
    return next(tool for tool in wrapped if tool.name == "list_rooms")


def call_in_thread(function: Any, timeout: float = 20.0) -> dict[str, Any]:
    """Run ``function`` in a daemon thread; what it returned or raised, or that it hung."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = function()
        except Exception as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    outcome["hung"] = thread.is_alive()
    return outcome


async def test_a_sync_call_from_a_worker_thread_runs_on_the_sessions_loop():
    async with create_connected_server_and_client_session(build_server(RoomsWorld.seeded())) as session:
        tool = guarded_list_rooms(await load_mcp_tools(session))
        loop = asyncio.get_running_loop()
        outcome = await loop.run_in_executor(None, lambda: call_in_thread(lambda: tool.invoke({})))
    assert not outcome["hung"] and "error" not in outcome
    assert [room["room_id"] for room in outcome["value"]["rooms"]][:2] == [ATLAS, BOREAL]


def test_a_sync_call_on_the_loops_own_thread_refuses_at_once_instead_of_hanging():
    def on_a_loop() -> Any:
        async def inside() -> Any:
            server: FastMCP = build_server(RoomsWorld.seeded())
            async with create_connected_server_and_client_session(server) as session:
                tool = guarded_list_rooms(await load_mcp_tools(session))
                try:
                    tool.invoke({})  # synchronous, on the thread whose loop the session needs
                except RuntimeError as refused:
                    return refused
                return None

        return asyncio.run(inside())

    outcome = call_in_thread(on_a_loop)
    assert not outcome["hung"]
    assert isinstance(outcome.get("value"), RuntimeError)
    assert "ainvoke" in str(outcome["value"])


async def test_async_calls_still_work_and_a_sync_call_without_a_loop_runs_in_a_private_one():
    async with create_connected_server_and_client_session(build_server(RoomsWorld.seeded())) as session:
        tool = guarded_list_rooms(await load_mcp_tools(session))
        rooms = await tool.ainvoke({})
    assert len(rooms["rooms"]) == 4

    async def find_room(name: str) -> dict[str, Any]:
        return {"success": True, "rooms": [{"room_id": ATLAS, "name": name}]}

    from langchain_core.tools import StructuredTool

    plain = StructuredTool.from_function(coroutine=find_room, name="list_rooms", description="Rooms.")
    outcome = call_in_thread(lambda: guarded_list_rooms([plain]).invoke({"name": "Atlas"}))
    assert not outcome["hung"] and outcome["value"]["rooms"][0]["name"] == "Atlas"

"""The malformed-call classes on the rooms MCP server, run through real agent graphs.

Each arm is a LangGraph agent (a scripted model that makes the one call) over the server's tools as
``langchain-mcp-adapters`` loads them from a live MCP session (in-memory transport): the raw agent
runs the call as made, the guarded one through the guards with ``rooms.yaml``. The world the server
changed is then read directly.
"""

from __future__ import annotations

import json
from typing import Any

from langchain_core.messages import HumanMessage, ToolMessage
from langchain_mcp_adapters.tools import load_mcp_tools
from mcp.shared.memory import create_connected_server_and_client_session

from guards.graph import build_guarded_agent, build_raw_agent, parse_tool_output
from guards.recovery.classify import classify
from tests.graph.scripted import call, scripted
from tests.guards.surfaces.cases import Case, Judged
from tests.guards.surfaces.rooms_mcp import (
    ACTOR,
    ATLAS,
    BOREAL,
    IT,
    LENA,
    NOW_TEXT,
    OMAR,
    PACK,
    ZONE,
    RoomsWorld,
    build_server,
)

BOOK = "Book Boreal tomorrow from 14:00 to 15:00 for a 'Vendor call' with Omar."


def booking(room: str = BOREAL, **changes: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "room_id": room,
        "title": "Vendor call",
        "start": "2026-12-02T14:00:00+01:00",
        "end": "2026-12-02T15:00:00+01:00",
        "attendees": [OMAR],
    }
    args.update(changes)
    return {k: v for k, v in args.items() if v is not None}


GOLD_BOOK = ("book_room", booking())
PRINTER = "Open a high-priority ticket in IT Support: 'Printer on 3rd floor jammed', assigned to Omar."
GOLD_TICKET = (
    "open_ticket",
    {"queue_id": IT, "title": "Printer on 3rd floor jammed", "priority": "high", "assignee": OMAR},
)

CASES: list[Case] = [
    Case("room_name_for_id", BOOK, "book_room", booking("Boreal"), GOLD_BOOK),
    Case("person_name_for_email", BOOK, "book_room", booking(attendees=["Omar"]), GOLD_BOOK),
    Case(
        "datetime_format",
        BOOK,
        "book_room",
        booking(start="12/02/2026 2:00 PM", end="12/02/2026 3:00 PM"),
        GOLD_BOOK,
    ),
    Case(
        "naive_datetime",
        BOOK,
        "book_room",
        booking(start="2026-12-02T14:00:00", end="2026-12-02T15:00:00"),
        GOLD_BOOK,
    ),
    Case("field_alias", BOOK, "book_room", {**booking(title=None), "subject": "Vendor call"}, GOLD_BOOK),
    Case("tool_name", BOOK, "bookRoom", booking(), GOLD_BOOK),
    Case(
        "ambiguous_room",
        "Book Cedar tomorrow from 14:00 to 15:00 for a 'Vendor call' with Omar.",
        "book_room",
        booking("Cedar"),
        None,
    ),
    Case(
        "ambiguous_person",
        "Book Boreal tomorrow from 14:00 to 15:00 for a 'Vendor call' with Lena.",
        "book_room",
        booking(attendees=["Lena"]),
        None,
    ),
    Case(
        "date_for_day",
        "What is booked in Atlas tomorrow?",
        "list_bookings",
        {"room_id": "Atlas", "day": "tomorrow"},
        ("list_bookings", {"room_id": ATLAS, "day": "2026-12-02"}),
        reads=True,
    ),
    Case(
        "queue_name_and_enum_case",
        PRINTER,
        "open_ticket",
        {
            "queue_id": "IT Support",
            "title": "Printer on 3rd floor jammed",
            "priority": "High",
            "assignee": "Omar",
        },
        GOLD_TICKET,
    ),
    Case(
        "read_only_queue",
        "Open a ticket in Facilities: 'Broken chair in Atlas'.",
        "open_ticket",
        {"queue_id": "Facilities", "title": "Broken chair in Atlas"},
        None,
    ),
]

WITH_LENA_VOGEL = booking(attendees=[LENA])


async def run_arm(
    tool: str, args: dict[str, Any], request: str, *, guarded: bool
) -> tuple[RoomsWorld, dict[str, Any]]:
    """One agent turn over a fresh server: the world it left and the graph's final state."""
    world = RoomsWorld.seeded()
    async with create_connected_server_and_client_session(build_server(world)) as session:
        tools = await load_mcp_tools(session)
        model = scripted([call(tool, **args)], "Done.")
        if guarded:
            graph = build_guarded_agent(model, tools, PACK, now=NOW_TEXT, timezone=ZONE, actor=ACTOR)
        else:
            graph = build_raw_agent(model, tools)
        final = await graph.ainvoke({"messages": [HumanMessage(request)]})
    return world, final


def tool_answer(final: dict[str, Any], tool: str) -> Any:
    """What the call answered, for reads (``None`` when it failed or never ran)."""
    replies = [m for m in final["messages"] if isinstance(m, ToolMessage)]
    if not replies or replies[-1].status == "error":
        return None
    answer = parse_tool_output(replies[-1].content)
    return json.loads(json.dumps(answer)) if classify(answer, tool, PACK.errors).ok else None


async def judge_rooms(case: Case) -> Judged:
    def outcome(world: RoomsWorld, final: dict[str, Any], tool: str) -> Any:
        return world.state(), tool_answer(final, tool) if case.reads else None

    if case.gold is None:
        meant: Any = (RoomsWorld.seeded().state(), None)
    else:
        world, final = await run_arm(*case.gold, case.request, guarded=False)
        meant = outcome(world, final, case.gold[0])
    world, final = await run_arm(case.tool, case.args, case.request, guarded=False)
    raw_right = outcome(world, final, case.tool) == meant
    world, final = await run_arm(case.tool, case.args, case.request, guarded=True)
    if final["blocked"] and not final["tool_calls"]:
        error = final["blocked"][0]["error"]
        return Judged(case, raw_right, "blocked_correctly" if case.gold is None else "blocked_clear", error)
    tool = case.gold[0] if case.gold else case.tool
    if case.gold is None or outcome(world, final, tool) != meant:
        return Judged(case, raw_right, "passed_wrong", None)
    return Judged(case, raw_right, "repaired" if final["interventions"] else "unchanged_right", None)

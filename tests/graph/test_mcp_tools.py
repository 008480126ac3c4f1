"""Tools loaded from the real calendar MCP server over stdio (langchain-mcp-adapters) are guarded too.

MCP tools are async-only, carry dict JSON Schemas (LangChain does not validate them) and return
content blocks; the world lives in the server process, so the final state is read back through the
same MCP session.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from langchain_core.messages import HumanMessage
from langchain_core.tools import BaseTool
from langchain_mcp_adapters.client import MultiServerMCPClient
from langchain_mcp_adapters.tools import load_mcp_tools

from guards.graph import build_guarded_agent, build_raw_agent, parse_tool_output
from tests.graph.scripted import call, scripted

REPO = Path(__file__).resolve().parents[2]
NOW = "2026-03-09T09:00:00-04:00"
REQUEST = "Put an 'Arch sync' on the Engineering calendar tomorrow from 2 to 3pm."


def stdio_client() -> MultiServerMCPClient:
    return MultiServerMCPClient(
        {
            "calendar": {
                "transport": "stdio",
                "command": sys.executable,
                "args": ["-m", "env.server", "--transport", "stdio", "--now", NOW],
                "cwd": str(REPO),
                "env": {"PYTHONPATH": str(REPO)},
            }
        }
    )


def mistaken_insert() -> dict[str, Any]:
    return call(
        "events_insert",
        calendarId="Engineering",
        summary="Arch sync",
        start="2026-03-10T14:00:00-04:00",
        end={"dateTime": "2026-03-10T15:00:00-04:00"},
    )


async def arch_syncs(tools: list[BaseTool]) -> list[dict[str, Any]]:
    """The 'Arch sync' events on the Engineering calendar, read through the MCP tools."""
    by_name = {tool.name: tool for tool in tools}
    calendars = parse_tool_output(await by_name["calendars_list"].ainvoke({}))
    engineering = next(c["id"] for c in calendars["items"] if c["summary"] == "Engineering")
    listing = parse_tool_output(await by_name["events_list"].ainvoke({"calendarId": engineering}))
    return [event for event in listing["items"] if event.get("summary") == "Arch sync"]


async def test_guarded_agent_over_mcp_stdio_tools_repairs_the_call() -> None:
    async with stdio_client().session("calendar") as session:
        tools = await load_mcp_tools(session)
        assert all(isinstance(tool.args_schema, dict) for tool in tools)
        graph = build_guarded_agent(
            scripted([mistaken_insert()], "Done."),
            tools,
            "calendar",
            now=NOW,
            timezone="America/New_York",
            actor="ana@acme.com",
        )
        final = await graph.ainvoke({"messages": [HumanMessage(REQUEST)]})
        [event] = await arch_syncs(tools)
        assert event["start"]["dateTime"] == "2026-03-10T14:00:00-04:00"
        assert final["errors"] == {} and final["lookups"] >= 1
        kinds = {i["kind"] for i in final["interventions"]}
        assert {"nesting_repair", "reference_resolved"} <= kinds


async def test_raw_agent_over_mcp_stdio_tools_gets_the_server_error_verbatim() -> None:
    async with stdio_client().session("calendar") as session:
        tools = await load_mcp_tools(session)
        graph = build_raw_agent(scripted([mistaken_insert()], "Done."), tools)
        final = await graph.ainvoke({"messages": [HumanMessage(REQUEST)]})
        assert await arch_syncs(tools) == []
        error = parse_tool_output(final["messages"][2].content)
        assert error["ok"] is False and error["error_type"] in {"validation_error", "not_found_error"}
        assert sum(final["errors"].values()) == 1


async def test_guarded_agent_blocks_a_read_only_write_over_mcp() -> None:
    async with stdio_client().session("calendar") as session:
        tools = await load_mcp_tools(session)
        insert = mistaken_insert()
        insert["args"]["calendarId"] = "Marketing"
        graph = build_guarded_agent(
            scripted([insert], "I cannot."),
            tools,
            "calendar",
            now=NOW,
            timezone="America/New_York",
            actor="ana@acme.com",
        )
        final = await graph.ainvoke({"messages": [HumanMessage(REQUEST)]})
        assert final["tool_calls"] == 0
        assert final["blocked"][0]["error"]["error_type"] == "permission_error"

"""Many sessions at once, with interleaved writes, and no session ever sees another's data."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from env import MCPAction
from env.client import MCPEnvClient
from env.server.config import ServerLimits
from tests.server.conftest import insert_args, mcp_server, mcp_session, openenv_server

SESSIONS = 50
WRITES_PER_SESSION = 3


def _openenv_session(url: str, index: int, barrier: threading.Barrier) -> tuple[int, list[str], list[str]]:
    """Write this session's events between barriers so all sessions interleave; return what it sees."""
    with MCPEnvClient(url) as env:
        env.reset()
        barrier.wait(timeout=30)
        for write in range(WRITES_PER_SESSION):
            args = insert_args(f"s{index}-w{write}", day=10 + write)
            result = env.step(
                MCPAction(action_type="ToolCallAction", tool_name="events_insert", arguments=args)
            )
            assert result.observation.success, result.observation.error_message
            barrier.wait(timeout=30)
        listed = env.call_tool("events_list", {"calendarId": "primary", "q": "-w", "maxResults": 250})
        seen = sorted(item["summary"] for item in listed["items"])
        return index, seen, [f"s{index}-w{w}" for w in range(WRITES_PER_SESSION)]


def test_fifty_openenv_sessions_interleave_without_cross_talk() -> None:
    with openenv_server(ServerLimits(max_sessions=SESSIONS)) as (url, server):
        barrier = threading.Barrier(SESSIONS)
        with ThreadPoolExecutor(max_workers=SESSIONS) as pool:
            outcomes = list(pool.map(lambda i: _openenv_session(url, i, barrier), range(SESSIONS)))
        for _index, seen, expected in outcomes:
            assert seen == expected
        deadline = time.monotonic() + 5
        while len(server.pool) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(server.pool) == 0, "every session is discarded when its client closes"


async def _mcp_session(url: str, index: int, gate: asyncio.Barrier) -> list[str]:
    async with mcp_session(url) as session:
        await gate.wait()
        for write_no in range(WRITES_PER_SESSION):
            result = await session.call_tool(
                "events_insert", insert_args(f"m{index}-w{write_no}", day=10 + write_no)
            )
            assert not result.isError, result.content
            await asyncio.sleep(0)
        listed = await session.call_tool(
            "events_list", {"calendarId": "primary", "q": "-w", "maxResults": 250}
        )
        payload: dict[str, Any] = json.loads(listed.content[0].text)
        return sorted(item["summary"] for item in payload["items"])


async def test_fifty_mcp_http_sessions_interleave_without_cross_talk() -> None:
    with mcp_server(ServerLimits(max_sessions=SESSIONS)) as url:
        gate = asyncio.Barrier(SESSIONS)
        seen = await asyncio.gather(*(_mcp_session(url, i, gate) for i in range(SESSIONS)))
    for index, summaries in enumerate(seen):
        assert summaries == [f"m{index}-w{w}" for w in range(WRITES_PER_SESSION)]

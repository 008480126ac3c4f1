"""The MCP server, driven by the official ``mcp`` SDK client over streamable HTTP and stdio."""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
from typing import Any

import httpx
import pytest
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

from env import CalendarEnv
from env.server.config import ServerLimits
from tests.server.conftest import ANA, KENJI, insert_args, mcp_server, mcp_session

BAD_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("no_such_tool", {}),
    ("events_insert", {"calendarId": "primary", "start": "2026-03-10 10:00"}),
    ("events_list", {"calendarId": "primary", "maxResults": "ten"}),
    ("calendars_get", {"calendarId": "not-a-calendar"}),
]


INIT = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {
        "protocolVersion": "2025-06-18",
        "capabilities": {},
        "clientInfo": {"name": "t", "version": "1"},
    },
}
ACCEPT = {"Accept": "application/json, text/event-stream"}


def _payload(result: Any) -> dict[str, Any]:
    assert len(result.content) == 1 and result.content[0].type == "text"
    data: dict[str, Any] = json.loads(result.content[0].text)
    assert result.structuredContent == data
    return data


async def _check_tools_and_errors(session: ClientSession) -> None:
    local = CalendarEnv()
    listed = (await session.list_tools()).tools
    assert [(t.name, t.description, t.inputSchema) for t in listed] == [
        (spec.name, spec.description, spec.input_schema) for spec in local.tool_specs()
    ]
    ok = await session.call_tool("calendars_list", {})
    assert ok.isError is False and _payload(ok) == local.call_tool("calendars_list", {})
    for name, args in BAD_CALLS:
        failed = await session.call_tool(name, args)
        assert failed.isError is True
        assert _payload(failed) == local.call_tool(name, args)


async def test_http_tools_results_and_errors_match_in_process(mcp_url: str) -> None:
    async with mcp_session(mcp_url) as session:
        await _check_tools_and_errors(session)


async def test_stdio_tools_results_and_errors_match_in_process() -> None:
    params = StdioServerParameters(command=sys.executable, args=["-m", "env.server", "--transport", "stdio"])
    async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        await _check_tools_and_errors(session)
        created = _payload(await session.call_tool("events_insert", insert_args("Over stdio")))
        fetched = _payload(
            await session.call_tool("events_get", {"calendarId": "primary", "eventId": created["id"]})
        )
        assert fetched["summary"] == "Over stdio"


def test_stdio_survives_a_malformed_line() -> None:
    stdin = "this is not json\n" + json.dumps(INIT) + "\n"
    done = subprocess.run(
        [sys.executable, "-m", "env.server", "--transport", "stdio"],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=30,
    )
    replies = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    answered = [reply for reply in replies if reply.get("id") == 1]
    assert answered and answered[0]["result"]["serverInfo"]["name"] == "lookup-guards-calendar"
    assert "Traceback" not in done.stderr


async def test_headers_choose_actor_and_clock_at_connect(mcp_url: str) -> None:
    headers = {"X-Guards-Actor": KENJI, "X-Guards-Now": "2026-05-01T08:00:00+09:00"}
    async with mcp_session(mcp_url, **headers) as session:
        setting = _payload(await session.call_tool("settings_get", {"setting": "timezone"}))
        assert setting["value"] == "Asia/Tokyo"
        created = _payload(await session.call_tool("events_insert", insert_args("Kenji's")))
        assert created["organizer"]["email"] == KENJI
        assert created["created"].startswith("2026-05-01T08:00:00")


@pytest.mark.parametrize(
    ("header", "value"),
    [("X-Guards-Actor", "ghost@acme.com"), ("X-Guards-World", "../secrets"), ("X-Guards-Now", "soon")],
)
async def test_bad_connect_headers_are_refused_with_the_field(mcp_url: str, header: str, value: str) -> None:
    headers = {**ACCEPT, header: value}
    async with httpx.AsyncClient() as http:
        response = await http.post(mcp_url, json=INIT, headers=headers)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["data"]["field"] == header.removeprefix("X-Guards-").lower()
    assert error["data"]["received"] == value


async def test_sessions_are_isolated(mcp_url: str) -> None:
    async with mcp_session(mcp_url) as first, mcp_session(mcp_url) as second:
        created = _payload(await first.call_tool("events_insert", insert_args("Only in first")))
        in_second = await second.call_tool("events_get", {"calendarId": "primary", "eventId": created["id"]})
        assert in_second.isError and _payload(in_second)["error_type"] == "not_found_error"
        listed = _payload(
            await second.call_tool("events_list", {"calendarId": "primary", "q": "Only in first"})
        )
        assert listed["items"] == []
        assert _payload(await first.call_tool("calendars_get", {"calendarId": "primary"}))["id"] == ANA


async def test_malformed_and_oversized_http_requests() -> None:
    with mcp_server(ServerLimits(max_message_bytes=4096)) as url:
        headers = {**ACCEPT, "Content-Type": "application/json"}
        async with httpx.AsyncClient() as http:
            garbage = await http.post(url, content=b"{nope", headers=headers)
            assert garbage.status_code == 400 and garbage.json()["error"]["code"] == -32700
            big = await http.post(url, content=b'{"pad": "' + b"x" * 10_000 + b'"}', headers=headers)
            assert big.status_code == 413
            deep = await http.post(url, content=b"[" * 1500 + b"]" * 1500, headers=headers)
            assert deep.status_code >= 400 and "error" in deep.json()
        async with mcp_session(url) as session:
            assert not (await session.call_tool("calendars_list", {})).isError


async def test_capacity_limit_refuses_new_sessions_only() -> None:
    with mcp_server(ServerLimits(max_sessions=1)) as url:
        async with mcp_session(url) as first:
            async with httpx.AsyncClient() as http:
                refused = await http.post(url, json=INIT, headers=ACCEPT)
            assert refused.status_code == 503
            assert "Too many open sessions" in refused.json()["error"]["message"]
            assert not (await first.call_tool("calendars_list", {})).isError


async def test_idle_http_sessions_are_closed() -> None:
    with mcp_server(ServerLimits(idle_timeout_s=0.3)) as url:
        async with httpx.AsyncClient() as http:
            opened = await http.post(url, json=INIT, headers=ACCEPT)
            session_headers = {**ACCEPT, "mcp-session-id": opened.headers["mcp-session-id"]}
            await asyncio.sleep(1.0)
            listed = {"jsonrpc": "2.0", "id": 2, "method": "tools/list", "params": {}}
            late = await http.post(url, json=listed, headers=session_headers)
        assert late.status_code == 404


async def test_foreign_host_headers_are_rejected_on_loopback(mcp_url: str) -> None:
    async with httpx.AsyncClient() as http:
        response = await http.post(mcp_url, json=INIT, headers={**ACCEPT, "Host": "evil.example:80"})
    assert response.status_code in (400, 403, 421)


async def test_abrupt_http_disconnect_mid_request_leaves_the_server_serving(mcp_url: str) -> None:
    host, port = mcp_url.removeprefix("http://").split("/")[0].split(":")
    with socket.create_connection((host, int(port)), timeout=5) as raw:
        head = (
            f"POST /mcp HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
            "Accept: application/json, text/event-stream\r\nContent-Length: 500\r\n\r\n"
        )
        raw.sendall(head.encode() + b'{"jsonrpc": "2.0", "id": 1, "meth')  # then vanish mid-body
    async with mcp_session(mcp_url) as session:
        assert not (await session.call_tool("calendars_list", {})).isError

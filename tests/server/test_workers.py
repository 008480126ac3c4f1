"""Multi-worker servers: sessions stay in one worker, requests reaching another are relayed to it.

Two workers run here in threads of this process, each on its own loopback port and its own Unix
socket, so a test can send a request to the worker that does *not* hold the session. The last
tests start the real ``--workers`` server as a process.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from websockets.asyncio.client import connect as ws_connect
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from env.client import EnvServerError, MCPEnvClient
from env.server.config import ServerLimits, SessionConfig
from env.server.mcp_server import mcp_http_app
from env.server.openenv_server import OpenEnvServer
from env.server.workers import SessionBudget, WorkerIdentity, shared_counts, tcp_listener
from tests.server.conftest import insert_args, serve_process

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def _worker_threads(kind: str, limits: ServerLimits) -> Iterator[list[str]]:
    """Two workers (OpenEnv or MCP) sharing one session budget; yields their base URLs."""
    directory = Path(tempfile.mkdtemp(prefix="guards-workers-test-"))
    sockets = [directory / f"w{index}.sock" for index in range(2)]
    shared = shared_counts(2)
    servers, threads, urls = [], [], []
    for index in range(2):
        identity = WorkerIdentity(index, sockets, SessionBudget(limits.max_sessions, shared, index))
        if kind == "openenv":
            app = OpenEnvServer(SessionConfig(), limits, identity).app()
        else:
            app = mcp_http_app(SessionConfig(), limits, worker=identity)
        tcp = tcp_listener("127.0.0.1", 0)
        own = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        own.bind(str(sockets[index]))
        own.listen(64)
        server = uvicorn.Server(uvicorn.Config(app, log_level="error"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [tcp, own]}, daemon=True)
        thread.start()
        servers.append(server)
        threads.append(thread)
        urls.append(f"http://127.0.0.1:{tcp.getsockname()[1]}")
    deadline = time.monotonic() + 10
    while not all(server.started for server in servers):
        assert time.monotonic() < deadline, "workers did not start"
        time.sleep(0.01)
    try:
        yield urls
    finally:
        for server in servers:
            server.should_exit = True
        for thread in threads:
            thread.join(timeout=10)


def _list_action(q: str) -> dict[str, Any]:
    arguments = {"calendarId": "primary", "q": q}
    return {"action_type": "ToolCallAction", "tool_name": "events_list", "arguments": arguments}


def _rpc(url: str, method: str, **params: Any) -> dict[str, Any]:
    body = {"jsonrpc": "2.0", "id": 1, "method": method, "params": params}
    reply: dict[str, Any] = httpx.post(f"{url}/mcp", json=body, timeout=10).json()
    return reply


def test_a_session_answers_through_either_worker() -> None:
    with _worker_threads("openenv", ServerLimits(max_sessions=4)) as (first, second):
        session_id = _rpc(first, "openenv/session/create")["result"]["session_id"]
        assert session_id.endswith("-w0")
        written = _rpc(
            second,
            "tools/call",
            session_id=session_id,
            name="events_insert",
            arguments=insert_args("Relayed"),
        )
        assert written["result"]["isError"] is False
        listed = _rpc(
            first,
            "tools/call",
            session_id=session_id,
            name="events_list",
            arguments={"calendarId": "primary", "q": "Relayed"},
        )
        assert [item["summary"] for item in listed["result"]["data"]["items"]] == ["Relayed"]
        attach = second.replace("http://", "ws://") + f"/ws?session_id={session_id}"
        with connect(attach) as attached:  # a WebSocket on worker 1 attached to worker 0's session
            attached.send(json.dumps({"type": "step", "data": _list_action("Relayed")}))
            seen = json.loads(attached.recv(timeout=10))["data"]["observation"]["tool_result"]
            assert [item["summary"] for item in seen["items"]] == ["Relayed"]
            closed = _rpc(second, "openenv/session/close", session_id=session_id)
            assert closed["result"]["closed"] is True
            with pytest.raises(ConnectionClosed) as ended:  # the owner's close code comes through
                attached.recv(timeout=10)
            assert ended.value.rcvd is not None and ended.value.rcvd.code == 4008
        unknown = _rpc(
            second,
            "tools/call",
            session_id=session_id,
            name="settings_get",
            arguments={"setting": "timezone"},
        )
        assert "Unknown session_id" in unknown["error"]["message"]
        foreign = _rpc(
            second, "tools/call", session_id="abc-w9", name="settings_get", arguments={"setting": "x"}
        )
        assert "Unknown session_id" in foreign["error"]["message"]


def test_websocket_sessions_in_each_worker_are_isolated_and_share_one_cap() -> None:
    with _worker_threads("openenv", ServerLimits(max_sessions=2)) as (first, second):
        with MCPEnvClient(first) as one, MCPEnvClient(second) as two:
            one.reset()
            two.reset()
            one.call_tool("events_insert", insert_args("Only in one"))
            assert two.call_tool("events_list", {"calendarId": "primary", "q": "Only in one"})["items"] == []
            for url in (first, second):
                with pytest.raises(EnvServerError) as refused:
                    MCPEnvClient(url).reset()
                assert refused.value.code == "CAPACITY_REACHED"
                assert (refused.value.data["active_sessions"], refused.value.data["max_sessions"]) == (2, 2)
        deadline = time.monotonic() + 5
        while httpx.get(f"{first}/metadata").json()["active_sessions"] and time.monotonic() < deadline:
            time.sleep(0.02)
        with MCPEnvClient(second) as again:  # places freed by closed sessions are free everywhere
            assert again.reset().observation.success


def _initialize(url: str) -> str:
    headers = {"accept": "application/json, text/event-stream", "content-type": "application/json"}
    body = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "initialize",
        "params": {
            "protocolVersion": "2025-06-18",
            "capabilities": {},
            "clientInfo": {"name": "t", "version": "1"},
        },
    }
    reply = httpx.post(f"{url}/mcp", headers=headers, json=body, timeout=10)
    assert reply.status_code == 200, reply.text
    session_id = reply.headers["mcp-session-id"]
    note = {"jsonrpc": "2.0", "method": "notifications/initialized"}
    httpx.post(f"{url}/mcp", headers={**headers, "mcp-session-id": session_id}, json=note, timeout=10)
    return session_id


def _call(url: str, session_id: str, name: str, arguments: dict[str, Any]) -> httpx.Response:
    headers = {
        "accept": "application/json, text/event-stream",
        "content-type": "application/json",
        "mcp-session-id": session_id,
    }
    body = {
        "jsonrpc": "2.0",
        "id": 2,
        "method": "tools/call",
        "params": {"name": name, "arguments": arguments},
    }
    return httpx.post(f"{url}/mcp", headers=headers, json=body, timeout=10)


def test_an_mcp_session_opened_on_one_worker_is_served_through_the_other() -> None:
    with _worker_threads("mcp", ServerLimits(max_sessions=2)) as (first, second):
        session_id = _initialize(first)
        assert session_id.endswith("-w0")
        written = _call(second, session_id, "events_insert", insert_args("Across workers"))
        assert written.status_code == 200 and written.json()["result"]["isError"] is False
        listed = _call(first, session_id, "events_list", {"calendarId": "primary", "q": "Across"})
        items = listed.json()["result"]["structuredContent"]["items"]
        assert [item["summary"] for item in items] == ["Across workers"]
        other = _initialize(second)
        assert other.endswith("-w1")
        assert (
            _call(first, other, "events_list", {"calendarId": "primary", "q": "Across"}).json()["result"][
                "structuredContent"
            ]["items"]
            == []
        )
        headers = {"accept": "application/json, text/event-stream", "content-type": "application/json"}
        body = {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "initialize",
            "params": {
                "protocolVersion": "2025-06-18",
                "capabilities": {},
                "clientInfo": {"name": "t", "version": "1"},
            },
        }
        full = httpx.post(f"{first}/mcp", headers=headers, json=body, timeout=10)
        assert full.status_code == 503  # two sessions open, one on each worker: the cap is global
        gone = httpx.delete(f"{second}/mcp", headers={**headers, "mcp-session-id": session_id}, timeout=10)
        assert gone.status_code < 300
        assert _call(first, session_id, "settings_get", {"setting": "timezone"}).status_code == 404


def test_the_workers_server_spreads_sessions_over_processes_and_stops_cleanly(tmp_path: Path) -> None:
    # the server's temporary files (world template, worker sockets) go to a directory of its own
    with serve_process("openenv", "--workers", "2", "--max-sessions", "12", tmp=tmp_path) as (base, _):

        def episode(index: int) -> tuple[list[str], str]:
            with MCPEnvClient(base) as env:
                env.reset()
                env.call_tool("events_insert", insert_args(f"proc-{index}"))
                listed = env.call_tool("events_list", {"calendarId": "primary", "q": "proc-"})
                state = env.state()
                return [item["summary"] for item in listed["items"]], str(state["episode_id"])

        with ThreadPoolExecutor(max_workers=12) as pool:
            outcomes = list(pool.map(episode, range(12)))
        assert [summaries for summaries, _ in outcomes] == [[f"proc-{i}"] for i in range(12)]
        assert httpx.get(f"{base}/metadata").json()["max_sessions"] == 12
        assert any(tmp_path.iterdir())  # while it runs, its files are there
    assert not any(tmp_path.iterdir()), f"the server left {list(tmp_path.iterdir())} behind"


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rpartition(")")[2].split()
            if int(fields[1]) == pid:  # the field after the state is the parent's ID
                found.add(int(stat.parent.name))
    return found


def test_a_worker_that_dies_gives_back_the_places_of_its_sessions(tmp_path: Path) -> None:
    with serve_process("openenv", "--workers", "2", "--max-sessions", "2", tmp=tmp_path) as (base, server):
        for _ in range(2):
            assert "session_id" in _rpc(base, "openenv/session/create")["result"]
        assert _rpc(base, "openenv/session/create")["error"]["data"]["code"] == "CAPACITY_REACHED"
        workers = _children(server.pid)
        assert len(workers) == 2
        for pid in workers:
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while len(_children(server.pid) - workers) < 2:  # the supervisor starts new ones
            assert time.monotonic() < deadline, "no new workers"
            time.sleep(0.05)
        again = [_rpc(base, "openenv/session/create") for _ in range(2)]
        assert all("session_id" in reply.get("result", {}) for reply in again), again


def test_workers_need_an_http_transport() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "env.server", "--transport", "stdio", "--workers", "2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "--workers" in result.stderr


CONCURRENT = 200  # sessions open at once, half over WebSockets, half over JSON-RPC on plain HTTP


async def _websocket_session(base: str, index: int, gate: asyncio.Barrier) -> list[str]:
    """One WebSocket session: writes between barriers (so every session interleaves), then lists."""
    async with ws_connect(base.replace("http://", "ws://") + "/ws", open_timeout=120) as ws:
        await ws.send(json.dumps({"type": "reset"}))
        await ws.recv()
        await gate.wait()
        for write in range(2):
            action = {
                "action_type": "ToolCallAction",
                "tool_name": "events_insert",
                "arguments": insert_args(f"ws{index}-w{write}", day=10 + write),
            }
            await ws.send(json.dumps({"type": "step", "data": action}))
            observation = json.loads(await ws.recv())["data"]["observation"]
            assert observation["success"], observation
            await gate.wait()
        await ws.send(json.dumps({"type": "step", "data": _list_action("-w")}))
        listed = json.loads(await ws.recv())["data"]["observation"]["tool_result"]
        return sorted(item["summary"] for item in listed["items"])


async def _rpc_session(base: str, index: int, gate: asyncio.Barrier) -> tuple[str, list[str]]:
    """One JSON-RPC session; every request on a new connection, so any worker may take it."""
    fresh = httpx.Limits(max_keepalive_connections=0)
    async with httpx.AsyncClient(base_url=base, limits=fresh, timeout=60) as http:

        async def rpc(method: str, **params: Any) -> dict[str, Any]:
            body = {"jsonrpc": "2.0", "id": 1, "method": method, "params": params}
            reply: dict[str, Any] = (await http.post("/mcp", json=body)).json()
            assert "error" not in reply, reply
            return dict(reply["result"])

        session_id = str((await rpc("openenv/session/create"))["session_id"])
        await gate.wait()
        for write in range(2):
            args = insert_args(f"rpc{index}-w{write}", day=10 + write)
            written = await rpc("tools/call", session_id=session_id, name="events_insert", arguments=args)
            assert written["isError"] is False, written
            await gate.wait()
        listed = await rpc(
            "tools/call",
            session_id=session_id,
            name="events_list",
            arguments={"calendarId": "primary", "q": "-w", "maxResults": 250},
        )
        await rpc("openenv/session/close", session_id=session_id)
        return session_id, sorted(item["summary"] for item in listed["data"]["items"])


async def _refused_while_full(base: str, gate: asyncio.Barrier) -> dict[str, Any]:
    await gate.wait()  # every session is open now: the shared budget is spent in both workers
    body = {"jsonrpc": "2.0", "id": 1, "method": "openenv/session/create", "params": {}}
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        refused: dict[str, Any] = (await http.post("/mcp", json=body)).json()
    await gate.wait()
    await gate.wait()
    return refused


async def test_two_hundred_sessions_over_two_worker_processes_never_see_each_other(tmp_path: Path) -> None:
    half = CONCURRENT // 2
    args = ("--workers", "2", "--max-sessions", str(CONCURRENT))
    with serve_process("openenv", *args, tmp=tmp_path) as (base, _):
        gate = asyncio.Barrier(CONCURRENT + 1)
        sockets = [_websocket_session(base, index, gate) for index in range(half)]
        plain = [_rpc_session(base, index, gate) for index in range(half)]
        refused, *outcomes = await asyncio.gather(_refused_while_full(base, gate), *sockets, *plain)
        seen_ws, seen_rpc = outcomes[:half], outcomes[half:]
        assert seen_ws == [[f"ws{index}-w0", f"ws{index}-w1"] for index in range(half)]
        assert [seen for _, seen in seen_rpc] == [
            [f"rpc{index}-w0", f"rpc{index}-w1"] for index in range(half)
        ]
        owners = {session_id.rpartition("-w")[2] for session_id, _ in seen_rpc}
        assert owners == {"0", "1"}, "sessions were opened in both workers"
        assert refused["error"]["data"]["code"] == "CAPACITY_REACHED"
        assert refused["error"]["data"]["max_sessions"] == CONCURRENT

"""Real servers on 127.0.0.1 with OS-assigned ports, run by uvicorn in a background thread."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from mcp import ClientSession
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client

from env.server.config import ServerLimits, SessionConfig
from env.server.mcp_server import mcp_http_app
from env.server.openenv_server import OpenEnvServer

ROOT = Path(__file__).resolve().parents[2]

ANA = "ana@acme.com"
KENJI = "kenji.sato@acme.com"


@contextmanager
def serving(app: Any, *, ws_max_size: int = 16 * 1024 * 1024) -> Iterator[str]:
    """Run ``app`` on a free loopback port; yields its base URL and always shuts it down."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="error", ws_max_size=ws_max_size)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("server did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def openenv_server(
    limits: ServerLimits | None = None, **defaults: Any
) -> Iterator[tuple[str, OpenEnvServer]]:
    """An OpenEnv-protocol server; yields (base URL, server object)."""
    limits = limits or ServerLimits()
    server = OpenEnvServer(SessionConfig(**defaults), limits)
    with serving(server.app(), ws_max_size=limits.max_message_bytes) as url:
        yield url, server


@contextmanager
def mcp_server(limits: ServerLimits | None = None, **defaults: Any) -> Iterator[str]:
    """An MCP streamable-HTTP server; yields the MCP endpoint URL."""
    with serving(mcp_http_app(SessionConfig(**defaults), limits)) as url:
        yield f"{url}/mcp"


@pytest.fixture(scope="module")
def openenv_url() -> Iterator[str]:
    with openenv_server() as (url, _server):
        yield url


@pytest.fixture(scope="module")
def mcp_url() -> Iterator[str]:
    with mcp_server() as url:
        yield url


def insert_args(summary: str, day: int = 10) -> dict[str, Any]:
    """events_insert arguments for a one-hour event on ana's primary calendar."""
    return {
        "calendarId": "primary",
        "summary": summary,
        "start": {"dateTime": f"2026-03-{day:02d}T10:00:00-04:00"},
        "end": {"dateTime": f"2026-03-{day:02d}T11:00:00-04:00"},
    }


@asynccontextmanager
async def mcp_session(url: str, **headers: str) -> AsyncIterator[ClientSession]:
    """An initialised MCP SDK client session over streamable HTTP (headers sent with every request)."""
    async with (
        create_mcp_http_client(headers=headers) as http,
        streamable_http_client(url, http_client=http) as (read, write, _),
        ClientSession(read, write) as session,
    ):
        await session.initialize()
        yield session


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_healthy(base: str, process: subprocess.Popen[Any]) -> None:
    """Poll ``/health`` until the server answers; fail if the process exits or a minute passes."""
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        assert process.poll() is None and time.monotonic() < deadline, "server did not start"
        time.sleep(0.1)


@contextmanager
def serve_process(
    transport: str, *args: str, tmp: Path | None = None
) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``python -m env.server`` as a process on a free port, ``TMPDIR`` set to ``tmp`` when given."""
    port = free_port()
    command = [sys.executable, "-m", "env.server", "--transport", transport, "--port", str(port), *args]
    environment = {**os.environ, "TMPDIR": str(tmp)} if tmp is not None else None
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True, env=environment)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base, process)
        yield base, process
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0

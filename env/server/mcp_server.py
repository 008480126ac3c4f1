"""A real MCP server (official ``mcp`` SDK, low-level ``Server``) over stdio and streamable HTTP.

Every environment tool is listed with its exact JSON Schema and description from
``CalendarEnv.tool_specs()``; nothing is declared twice. The SDK's own input validation is switched
off so that bad arguments reach the environment and come back as the environment's structured
``validation_error`` — byte-for-byte the dict the in-process ``env.call_tool`` returns — as JSON text
content with ``isError`` set (and as ``structuredContent``).

Sessions: each MCP session gets its own ``CalendarEnv`` (its own SQLite database), held in the
per-session lifespan context the SDK creates for every ``Server.run``. Over stdio the process serves
one session configured by the CLI flags. Over HTTP the world, acting user and clock are chosen when
the session is opened: the ``X-Guards-World`` / ``X-Guards-Actor`` / ``X-Guards-Now`` headers of the
``initialize`` request override the server defaults; invalid values are refused right there with
HTTP 400 and a JSON-RPC error whose ``data`` names the field.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections import OrderedDict
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import anyio
import mcp.types as types
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server
from mcp.server.streamable_http import MCP_SESSION_ID_HEADER
from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
from mcp.server.transport_security import TransportSecuritySettings
from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from env import CalendarEnv
from env.server.affinity import SessionAffinity, header_value
from env.server.config import (
    ServerLimits,
    SessionConfig,
    SessionConfigError,
    overrides_from_request,
    resolve_client_config,
)
from env.server.json_guard import JsonBodyCheck
from env.server.workers import WORKER_MARK, SessionBudget, WorkerIdentity

logger = logging.getLogger(__name__)

SERVER_NAME = "lookup-guards-calendar"
INSTRUCTIONS = (
    "A Google-Calendar-v3-like calendar. 'primary' is the acting user's own calendar. Datetimes are "
    "RFC3339 with a UTC offset. Failures come back as JSON with ok=false and an error_type."
)


PENDING_CAPACITY = 64


@dataclass
class SessionSlot:
    """Per-MCP-session state: the session's environment, created on first use."""

    env: CalendarEnv | None = None


class PendingEnvs:
    """Environments built when an HTTP session was opened, waiting for its first tool request.

    An entry normally lives for one round trip (``initialize`` to the first tool request). The map is
    bounded so that clients which connect and never call a tool cannot pile up databases: past
    ``capacity`` the oldest entry is dropped, and that session builds its environment from the
    headers of its first tool request instead (MCP clients send their headers with every request).
    """

    def __init__(self, capacity: int) -> None:
        self._capacity = capacity
        self._envs: OrderedDict[str, CalendarEnv] = OrderedDict()

    def put(self, session_id: str, env: CalendarEnv) -> None:
        self._envs[session_id] = env
        while len(self._envs) > self._capacity:
            self._envs.popitem(last=False)

    def take(self, session_id: str | None) -> CalendarEnv | None:
        return self._envs.pop(session_id, None) if session_id else None

    def __len__(self) -> int:
        return len(self._envs)


def tool_result(result: dict[str, Any]) -> types.CallToolResult:
    """An env result (or wire-format error) as an MCP tool result."""
    return types.CallToolResult(
        content=[types.TextContent(type="text", text=json.dumps(result))],
        structuredContent=result,
        isError=result.get("ok") is False,
    )


def build_mcp_server(
    defaults: SessionConfig, pending: PendingEnvs | None = None, budget: SessionBudget | None = None
) -> Server[SessionSlot, Any]:
    """The low-level MCP server; one instance serves every session (each with its own slot).

    ``budget`` (multi-worker servers) counts every live session against the global cap.
    """

    @contextlib.asynccontextmanager
    async def session_lifespan(_server: Server[SessionSlot, Any]) -> AsyncIterator[SessionSlot]:
        if budget is None:
            yield SessionSlot()
            return
        budget.acquire()
        try:
            yield SessionSlot()
        finally:
            budget.release()

    server: Server[SessionSlot, Any] = Server(
        SERVER_NAME, instructions=INSTRUCTIONS, lifespan=session_lifespan
    )
    tools_cache: list[types.Tool] = []

    def session_env() -> CalendarEnv:
        ctx = server.request_context
        slot = ctx.lifespan_context
        if slot.env is None:
            request = ctx.request if isinstance(ctx.request, Request) else None
            if request is not None and pending is not None:
                slot.env = pending.take(request.headers.get(MCP_SESSION_ID_HEADER))
            if slot.env is None:
                overrides = overrides_from_request(request.headers) if request is not None else {}
                slot.env = resolve_client_config(defaults, overrides).build_env()
        return slot.env

    @server.list_tools()
    async def list_tools() -> list[types.Tool]:
        if not tools_cache:
            tools_cache.extend(
                types.Tool(name=spec.name, description=spec.description, inputSchema=spec.input_schema)
                for spec in session_env().tool_specs()
            )
        return tools_cache

    @server.call_tool(validate_input=False)
    async def call_tool(name: str, arguments: dict[str, Any]) -> types.CallToolResult:
        return tool_result(session_env().call_tool(name, arguments))

    return server


class SessionSelection:
    """ASGI middleware: validates ``X-Guards-*`` headers and builds a new session's env at connect.

    Only a request without an ``Mcp-Session-Id`` can open a session; for it, the env is built from
    the defaults plus the headers, and handed to the session the SDK creates (keyed by the session
    ID in the response headers).
    """

    def __init__(
        self, app: ASGIApp, defaults: SessionConfig, pending: PendingEnvs, budget: SessionBudget | None = None
    ) -> None:
        self.app = app
        self.defaults = defaults
        self.pending = pending
        self.budget = budget  # the cap shared by all workers (None: the SDK's own cap applies)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        opening = scope["method"] == "POST" and MCP_SESSION_ID_HEADER not in headers
        try:
            config = resolve_client_config(self.defaults, overrides_from_request(headers))
            env = config.build_env() if opening else None
        except SessionConfigError as exc:
            body = {
                "jsonrpc": "2.0",
                "id": "server-error",
                "error": {"code": -32602, "message": exc.message, "data": exc.details()},
            }
            await JSONResponse(body, status_code=400)(scope, receive, send)
            return
        if env is None:
            await self.app(scope, receive, send)
            return

        async def capture_session_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                session_id = Headers(raw=message.get("headers", [])).get(MCP_SESSION_ID_HEADER)
                if session_id and message.get("status", 500) < 400:
                    self.pending.put(session_id, env)
            await send(message)

        # While the session opens it holds a reservation (so workers cannot overshoot the cap
        # together); once open, the session's own lifespan counts it until it ends.
        if self.budget is not None and not self.budget.try_acquire():
            body = {
                "jsonrpc": "2.0",
                "id": "server-error",
                "error": {"code": -32603, "message": "Too many open sessions"},
            }
            await JSONResponse(body, status_code=503)(scope, receive, send)
            return
        try:
            await self.app(scope, receive, capture_session_id)
        finally:
            if self.budget is not None:
                self.budget.release()


class WorkerSessionIds:
    """ASGI middleware of one worker: clients see session IDs that name it (``<sdk id>-w<n>``).

    The SDK issues plain IDs; this adds the worker's mark to the ID in responses and removes it
    from requests, so :class:`~env.server.affinity.SessionAffinity` can route any request by its ID.
    """

    def __init__(self, app: ASGIApp, worker: WorkerIdentity) -> None:
        self.app = app
        self.mark = f"{WORKER_MARK}{worker.index}".encode()
        self.header = MCP_SESSION_ID_HEADER.lower().encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = [
            (key, value.removesuffix(self.mark) if key == self.header else value)
            for key, value in scope.get("headers", ())
        ]

        async def mark(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {
                    **message,
                    "headers": [
                        (key, value + self.mark if key.lower() == self.header else value)
                        for key, value in message.get("headers", ())
                    ],
                }
            await send(message)

        await self.app({**scope, "headers": headers}, receive, mark)


def mcp_http_app(
    defaults: SessionConfig | None = None,
    limits: ServerLimits | None = None,
    *,
    host: str = "127.0.0.1",
    worker: WorkerIdentity | None = None,
) -> ASGIApp:
    """An app serving MCP streamable HTTP on ``/mcp`` (and ``GET /health``).

    As one ``worker`` of several, session IDs name the worker, requests for other workers'
    sessions are relayed to them, and the session cap is the budget all workers share.
    """
    defaults = defaults or SessionConfig()
    limits = limits or ServerLimits()
    defaults.build_env()  # fail at start-up, not on the first client, when the defaults are wrong
    pending = PendingEnvs(min(limits.max_sessions, PENDING_CAPACITY))
    budget = worker.budget if worker is not None else None
    server = build_mcp_server(defaults, pending, budget)
    manager = StreamableHTTPSessionManager(
        app=server,
        json_response=True,
        session_idle_timeout=limits.idle_timeout_s,
        max_request_body_size=limits.max_message_bytes,
        max_sessions=limits.max_sessions,
        security_settings=_security_for(host),
    )

    async def health(_request: Request) -> JSONResponse:
        return JSONResponse({"status": "healthy"})

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        async with manager.run():
            yield

    endpoint = JsonBodyCheck(
        SessionSelection(manager.handle_request, defaults, pending, budget), limits.max_message_bytes
    )
    app = Starlette(
        routes=[Route("/mcp", endpoint=endpoint), Route("/health", health, methods=["GET"])],
        lifespan=lifespan,
    )
    if worker is None:
        return app
    header = MCP_SESSION_ID_HEADER.lower().encode()
    return SessionAffinity(
        WorkerSessionIds(app, worker),
        worker,
        lambda scope, _body: header_value(scope, header),
        max_body_bytes=limits.max_message_bytes,
    )


def _security_for(host: str) -> TransportSecuritySettings | None:
    """DNS-rebinding protection when bound to loopback (browsers must not reach a local server)."""
    if host not in ("127.0.0.1", "localhost", "::1"):
        return None
    return TransportSecuritySettings(
        enable_dns_rebinding_protection=True,
        allowed_hosts=["127.0.0.1:*", "localhost:*", "[::1]:*"],
        allowed_origins=["http://127.0.0.1:*", "http://localhost:*", "http://[::1]:*"],
    )


async def serve_stdio(defaults: SessionConfig) -> None:
    """Serve one MCP session over stdin/stdout until the client closes it."""
    defaults.build_env()
    server = build_mcp_server(defaults)
    async with stdio_server() as (read_stream, write_stream):
        await server.run(read_stream, write_stream, server.create_initialization_options())


def run_stdio(defaults: SessionConfig) -> None:
    """Blocking entry point for ``--transport stdio``."""
    anyio.run(serve_stdio, defaults)

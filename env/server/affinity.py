"""Session affinity for multi-worker servers: requests for a session go to the worker that holds it.

:class:`SessionAffinity` wraps a worker's ASGI app. It finds the session a request names (through
a ``locate`` function that knows the server's protocol), and when another worker owns it, relays
the request there over that worker's Unix socket: HTTP requests (streamed responses included, for
MCP's event streams) with httpx, WebSockets frame by frame. Requests for this worker's sessions,
and requests naming no session, are served here directly, so the common path (a WebSocket opened
without a session ID, an MCP client on one keep-alive connection) never leaves the worker.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from urllib.parse import parse_qs

import anyio
import httpx
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from websockets.asyncio.client import ClientConnection, unix_connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from env.server.workers import WorkerIdentity

logger = logging.getLogger(__name__)

RELAYED_HEADER = b"x-guards-relayed"  # set on relayed requests: the receiving worker serves them
_HOP_BY_HOP = {b"connection", b"keep-alive", b"transfer-encoding", b"upgrade", b"content-length", b"host"}

# (scope, request body or None for WebSockets) -> the session ID the request names, if any
Locate = Callable[[Scope, bytes | None], str | None]


def query_session_id(scope: Scope) -> str | None:
    """``?session_id=`` of the request, if given."""
    values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("session_id")
    return values[0] if values else None


def header_value(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return str(value.decode("latin-1"))
    return None


class SessionAffinity:
    """ASGI middleware relaying requests for other workers' sessions to their owner."""

    def __init__(
        self,
        app: ASGIApp,
        worker: WorkerIdentity,
        locate: Locate,
        *,
        needs_body: Callable[[Scope], bool] = lambda _scope: False,
        max_body_bytes: int = 1024 * 1024,
    ) -> None:
        self.app = app
        self.worker = worker
        self.locate = locate
        self.needs_body = needs_body
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or header_value(scope, RELAYED_HEADER):
            await self.app(scope, receive, send)
            return
        body: bytes | None = None
        if scope["type"] == "http" and self.needs_body(scope):
            body, receive = await _buffer(receive, self.max_body_bytes)
        session_id = self.locate(scope, body)
        owner = self.worker.owner_of(session_id) if session_id else None
        if owner is None or owner == self.worker.index:
            await self.app(scope, receive, send)
        elif scope["type"] == "http":
            if body is None:
                body, receive = await _buffer(receive, self.max_body_bytes)
            await self._relay_http(owner, scope, body, send)
        else:
            await self._relay_websocket(owner, scope, receive, send)

    def _client(self, owner: int) -> httpx.AsyncClient:
        client: httpx.AsyncClient | None = self.worker.clients.get(owner)
        if client is None:
            transport = httpx.AsyncHTTPTransport(uds=str(self.worker.sockets[owner]))
            client = httpx.AsyncClient(transport=transport, base_url="http://worker", timeout=None)
            self.worker.clients[owner] = client
        return client

    def _forward_headers(self, scope: Scope) -> list[tuple[bytes, bytes]]:
        headers = [(key, value) for key, value in scope.get("headers", ()) if key not in _HOP_BY_HOP]
        host = header_value(scope, b"host")
        if host:
            headers.append((b"host", host.encode("latin-1")))
        return [*headers, (RELAYED_HEADER, str(self.worker.index).encode())]

    async def _relay_http(self, owner: int, scope: Scope, body: bytes, send: Send) -> None:
        path = scope.get("raw_path") or scope["path"].encode()
        query = scope.get("query_string", b"")
        url = path.decode("latin-1") + (f"?{query.decode('latin-1')}" if query else "")
        client = self._client(owner)
        headers = self._forward_headers(scope)
        request = client.build_request(scope["method"], url, headers=headers, content=body)
        try:
            response = await client.send(request, stream=True)
        except httpx.HTTPError as exc:
            logger.warning("Relay to worker %d failed: %s", owner, exc)
            await _plain(send, 502, b'{"message": "the worker holding this session is unavailable"}')
            return
        try:
            headers = [(k, v) for k, v in response.headers.raw if k.lower() not in _HOP_BY_HOP]
            await send({"type": "http.response.start", "status": response.status_code, "headers": headers})
            async for chunk in response.aiter_raw():
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            await response.aclose()

    async def _relay_websocket(self, owner: int, scope: Scope, receive: Receive, send: Send) -> None:
        message = await receive()
        if message["type"] != "websocket.connect":
            return
        path = scope.get("raw_path") or scope["path"].encode()
        query = scope.get("query_string", b"")
        uri = "ws://worker" + path.decode("latin-1") + (f"?{query.decode('latin-1')}" if query else "")
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in self._forward_headers(scope)]
        # the relay's own handshake sets Host and the sec-websocket-* headers
        headers = [(k, v) for k, v in headers if k != "host" and not k.startswith("sec-websocket-")]
        try:
            upstream = await unix_connect(
                str(self.worker.sockets[owner]), uri, additional_headers=headers, max_size=None
            )
        except (OSError, InvalidStatus) as exc:
            logger.warning("WebSocket relay to worker %d failed: %s", owner, exc)
            await send({"type": "websocket.close", "code": 1011})
            return
        await send({"type": "websocket.accept"})
        async with upstream, anyio.create_task_group() as group:
            group.start_soon(_client_to_worker, receive, upstream, group.cancel_scope)
            group.start_soon(_worker_to_client, upstream, send, group.cancel_scope)


async def _client_to_worker(receive: Receive, upstream: ClientConnection, scope: anyio.CancelScope) -> None:
    try:
        while True:
            message = await receive()
            if message["type"] == "websocket.disconnect":
                await upstream.close(message.get("code", 1000))
                break
            data = message.get("text")
            await upstream.send(data if data is not None else message.get("bytes") or b"")
    except ConnectionClosed:
        pass
    scope.cancel()


async def _worker_to_client(upstream: ClientConnection, send: Send, scope: anyio.CancelScope) -> None:
    try:
        async for data in upstream:
            key = "text" if isinstance(data, str) else "bytes"
            await send({"type": "websocket.send", key: data})
    except ConnectionClosed:
        pass
    code = upstream.close_code or 1000
    reason = upstream.close_reason or ""
    with contextlib.suppress(Exception):  # the client may be gone already
        await send({"type": "websocket.close", "code": code, "reason": reason})
    scope.cancel()


async def _buffer(receive: Receive, limit: int) -> tuple[bytes, Receive]:
    """Read the whole request body (up to ``limit`` + 1 bytes) and a ``receive`` that replays it."""
    chunks: list[bytes] = []
    size = 0
    more = True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        chunks.append(chunk)
        size += len(chunk)
        more = message.get("more_body", False) and size <= limit
    body = b"".join(chunks)
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return body, replay


async def _plain(send: Send, status: int, body: bytes) -> None:
    headers = [(b"content-type", b"application/json")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})

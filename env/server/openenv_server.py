"""An HTTP + WebSocket server speaking the OpenEnv protocol (``openenv`` 0.10 clients work unchanged).

Routes:

* ``WS /ws`` — a stateful session: ``reset`` / ``step`` / ``state`` / ``close`` / ``mcp`` frames.
  Each connection gets its own environment (its own SQLite database) unless it attaches to a session
  created over HTTP with ``?session_id=...`` (what ``MCPToolClient`` does in production mode).
* ``POST /mcp`` — JSON-RPC ``tools/list``, ``tools/call``, ``openenv/session/create|close``.
* ``GET /health``, ``GET /schema``, ``GET /metadata``, and OpenEnv's stateless ``POST /reset``,
  ``POST /step``, ``GET /state`` (each on a throwaway environment).

The world, acting user and clock come from the server defaults, overridden per connection by
``X-Guards-World`` / ``X-Guards-Actor`` / ``X-Guards-Now`` headers or ``?world=&actor=&now=`` query
parameters, and per episode by ``reset`` parameters. Environments run on the event loop itself: a
step is a few hundred microseconds of in-memory SQLite, cheaper than any thread hand-off.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse
from starlette.routing import Route, WebSocketRoute
from starlette.types import ASGIApp, Scope
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from env.server.affinity import SessionAffinity, query_session_id
from env.server.config import (
    ServerLimits,
    SessionConfig,
    SessionConfigError,
    overrides_from_request,
    resolve_client_config,
)
from env.server.episodes import EpisodeFactory, refuse_stateless_step, stateless_episode_reset
from env.server.json_guard import UnreadableJson, parse_json
from env.server.protocol import ProtocolError, WSErrorCode, encode_frame, error_frame, schema_document
from env.server.rpc import RpcCode, RpcContext, handle_rpc, rpc_error
from env.server.session_handler import SessionHandler, stateless_reset, stateless_state, stateless_step
from env.server.sessions import EnvSession, SessionCapacityError, SessionPool
from env.server.workers import WorkerIdentity

logger = logging.getLogger(__name__)

# WebSocket close code (application range) sent when the server ends a session: idle timeout, or
# an ``openenv/session/close`` for a session that still has a WebSocket attached.
CLOSE_SESSION_ENDED = 4008


class PayloadTooLarge(Exception):
    """An HTTP body over the configured limit."""


async def read_limited_body(request: Request, limit: int) -> bytes:
    """The request body, refusing (before buffering it all) anything over ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise PayloadTooLarge
    return bytes(body)


class OpenEnvServer:
    """Holds the pool and defaults; ``app()`` builds the Starlette application.

    With ``episodes`` the sessions serve task episodes from that factory (:mod:`env.server.episodes`).
    """

    def __init__(
        self,
        defaults: SessionConfig | None = None,
        limits: ServerLimits | None = None,
        worker: WorkerIdentity | None = None,
        episodes: EpisodeFactory | None = None,
    ) -> None:
        self.defaults = defaults or SessionConfig()
        self.limits = limits or ServerLimits()
        self.worker = worker
        self.episodes = episodes
        if worker is None:
            self.pool = SessionPool(self.limits)
        else:
            self.pool = SessionPool(self.limits, budget=worker.budget, new_id=worker.new_session_id)
        self._closing: set[asyncio.Task[None]] = set()  # strong refs until each close completes

    def app(self) -> ASGIApp:
        """The ASGI application (behind session affinity when it is one worker of several)."""
        app = self._starlette()
        if self.worker is None:
            return app
        return SessionAffinity(
            app,
            self.worker,
            _named_session,
            needs_body=lambda scope: scope["method"] == "POST" and scope["path"] == "/mcp",
            max_body_bytes=self.limits.max_message_bytes,
        )

    def _starlette(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/health", self.health, methods=["GET"]),
                Route("/schema", self.schema, methods=["GET"]),
                Route("/metadata", self.metadata, methods=["GET"]),
                Route("/state", self.state, methods=["GET"]),
                Route("/reset", self.reset, methods=["POST"]),
                Route("/step", self.step, methods=["POST"]),
                Route("/mcp", self.mcp, methods=["POST"]),
                WebSocketRoute("/ws", self.websocket),
            ],
            lifespan=self._lifespan,
        )

    @contextlib.asynccontextmanager
    async def _lifespan(self, _app: Starlette) -> AsyncIterator[None]:
        reaper = asyncio.create_task(self.pool.run_reaper())
        try:
            yield
        finally:
            reaper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await reaper
            self.pool.close_all()

    # -- HTTP ---------------------------------------------------------------------------------

    async def health(self, _request: Request) -> JSONResponse:
        return JSONResponse({"status": "healthy"})

    async def schema(self, _request: Request) -> JSONResponse:
        return JSONResponse(schema_document())

    async def metadata(self, _request: Request) -> JSONResponse:
        return JSONResponse(
            {
                "name": "lookup-guards-calendar",
                "description": "Google-Calendar-v3-like world with users, ACLs and structured errors.",
                "version": "0.1.0",
                "active_sessions": self.pool.budget.count,
                "max_sessions": self.limits.max_sessions,
            }
        )

    def _request_config(self, connection: HTTPConnection) -> SessionConfig:
        """The session config an HTTP request or a WebSocket asks for (headers, then query)."""
        overrides = overrides_from_request(connection.headers, connection.query_params)
        return resolve_client_config(self.defaults, overrides)

    async def _json_body(self, request: Request) -> Any:
        body = await read_limited_body(request, self.limits.max_message_bytes)
        return parse_json(body) if body.strip() else {}

    async def _stateless(self, request: Request, kind: str) -> JSONResponse:
        try:
            config = self._request_config(request)
            if kind == "state":
                return JSONResponse(stateless_state(config))
            body = await self._json_body(request)
            if self.episodes is not None:
                if kind == "step":
                    raise refuse_stateless_step()
                return JSONResponse(stateless_episode_reset(self.episodes, body))
            payload = stateless_reset(config, body) if kind == "reset" else stateless_step(config, body)
            return JSONResponse(payload)
        except PayloadTooLarge:
            return self._too_large()
        except UnreadableJson as exc:
            return JSONResponse(error_frame(WSErrorCode.INVALID_JSON, f"Invalid JSON: {exc}")["data"], 400)
        except SessionConfigError as exc:
            data = error_frame(WSErrorCode.VALIDATION_ERROR, exc.message, **exc.details())["data"]
            return JSONResponse(data, 400)
        except ProtocolError as exc:
            return JSONResponse(exc.frame()["data"], 422)
        except Exception as exc:  # never a traceback to the client
            logger.exception("Stateless %s failed", kind)
            message = f"Internal error while handling {kind}: {type(exc).__name__}"
            return JSONResponse(error_frame(WSErrorCode.EXECUTION_ERROR, message)["data"], 500)

    async def state(self, request: Request) -> JSONResponse:
        return await self._stateless(request, "state")

    async def reset(self, request: Request) -> JSONResponse:
        return await self._stateless(request, "reset")

    async def step(self, request: Request) -> JSONResponse:
        return await self._stateless(request, "step")

    def _too_large(self) -> JSONResponse:
        limit = self.limits.max_message_bytes
        message = f"Request body exceeds the {limit}-byte limit."
        return JSONResponse({"message": message, "code": "PAYLOAD_TOO_LARGE", "max_bytes": limit}, 413)

    async def mcp(self, request: Request) -> JSONResponse:
        try:
            body = await read_limited_body(request, self.limits.max_message_bytes)
        except PayloadTooLarge:
            limit = self.limits.max_message_bytes
            error = rpc_error(RpcCode.INVALID_REQUEST, f"Request body exceeds the {limit}-byte limit.")
            return JSONResponse(error, 413)
        try:
            message = parse_json(body)
        except UnreadableJson as exc:
            # 200, as OpenEnv's own server answers: its client reads JSON-RPC errors from the body.
            return JSONResponse(rpc_error(RpcCode.PARSE_ERROR, f"Parse error: {exc}"))
        ctx = RpcContext(
            self.pool, self.defaults, overrides_from_request(request.headers, request.query_params)
        )
        return JSONResponse(handle_rpc(message, ctx))

    # -- WebSocket ----------------------------------------------------------------------------

    async def websocket(self, websocket: WebSocket) -> None:
        await websocket.accept()
        try:
            session, owned = self._open_or_attach(websocket)
        except _Refused as refused:
            await _send_and_close(websocket, refused.frame)
            return
        closed_by_server: list[str] = []

        def on_close(session_id: str) -> None:
            closed_by_server.append(session_id)
            reason = "session ended by the server (idle timeout or closed)"
            task = asyncio.get_running_loop().create_task(
                _close_quietly(websocket, CLOSE_SESSION_ENDED, reason)
            )
            self._closing.add(task)
            task.add_done_callback(self._closing.discard)

        session.on_close.append(on_close)
        handler = SessionHandler(session, self.pool, self._rpc_context(websocket, session), self.episodes)
        try:
            await self._serve(websocket, handler)
        except (WebSocketDisconnect, OSError):  # uvicorn raises ClientDisconnected (an OSError) on send
            logger.debug("Client of session %s disconnected", session.id)
        finally:
            if on_close in session.on_close:
                session.on_close.remove(on_close)
            if owned:
                self.pool.close(session.id)
            else:
                session.attached = False
            if not closed_by_server:
                await _close_quietly(websocket, 1000, "bye")

    def _rpc_context(self, websocket: WebSocket, session: EnvSession) -> RpcContext:
        overrides = overrides_from_request(websocket.headers, websocket.query_params)
        return RpcContext(self.pool, self.defaults, overrides, bound=session)

    def _open_or_attach(self, websocket: WebSocket) -> tuple[EnvSession, bool]:
        requested = websocket.query_params.get("session_id")
        if requested:
            session = self.pool.get(requested)
            if session is None:
                raise _Refused(error_frame(WSErrorCode.SESSION_ERROR, f"Unknown session_id: {requested}"))
            if session.attached:
                message = f"Session {requested} already has an attached WebSocket."
                raise _Refused(error_frame(WSErrorCode.SESSION_ERROR, message))
            session.attached = True
            self.pool.touch(session)
            return session, False
        try:
            session = self.pool.open(self._request_config(websocket))
        except SessionCapacityError as exc:
            raise _Refused(
                error_frame(
                    WSErrorCode.CAPACITY_REACHED,
                    str(exc),
                    active_sessions=exc.active_sessions,
                    max_sessions=exc.max_sessions,
                )
            ) from exc
        except SessionConfigError as exc:
            raise _Refused(error_frame(WSErrorCode.VALIDATION_ERROR, exc.message, **exc.details())) from exc
        session.attached = True
        return session, True

    async def _serve(self, websocket: WebSocket, handler: SessionHandler) -> None:
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                return
            text = message.get("text")
            if text is None:
                text = (message.get("bytes") or b"").decode("utf-8", errors="replace")
            reply, keep_open = handler.handle_text(text)
            if reply is not None:
                await websocket.send_text(encode_frame(reply))
            if not keep_open:
                return


def _named_session(scope: Scope, body: bytes | None) -> str | None:
    """The session a request is for: ``?session_id=``, or a JSON-RPC call's ``params.session_id``."""
    named = query_session_id(scope)
    if named is None and body:
        try:
            message = orjson.loads(body)
        except orjson.JSONDecodeError:
            return None  # the worker that reads it answers the parse error
        params = message.get("params") if isinstance(message, dict) else None
        value = params.get("session_id") if isinstance(params, dict) else None
        named = value if isinstance(value, str) else None
    return named


class _Refused(Exception):
    def __init__(self, frame: dict[str, Any]) -> None:
        super().__init__(frame["data"]["message"])
        self.frame = frame


async def _send_and_close(websocket: WebSocket, frame: dict[str, Any]) -> None:
    with contextlib.suppress(Exception):
        await websocket.send_text(json.dumps(frame))
    await _close_quietly(websocket, 1008, frame["data"]["code"])


async def _close_quietly(websocket: WebSocket, code: int, reason: str) -> None:
    if websocket.application_state == WebSocketState.DISCONNECTED:
        return
    with contextlib.suppress(Exception):
        await websocket.close(code=code, reason=reason)

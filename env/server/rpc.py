"""OpenEnv's JSON-RPC surface (``POST /mcp`` and ``{"type": "mcp"}`` WebSocket frames).

Methods: ``tools/list``, ``tools/call`` (each optionally bound to a session by ``params.session_id``;
without one, a throwaway environment answers) and OpenEnv's session extensions
``openenv/session/create`` / ``openenv/session/close`` that ``MCPToolClient`` (production mode) uses
before attaching its WebSocket to the same session with ``/ws?session_id=...``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from env import CalendarEnv, MCPAction
from env.server.config import SessionConfig, SessionConfigError, resolve_client_config
from env.server.sessions import EnvSession, SessionCapacityError, SessionPool

logger = logging.getLogger(__name__)


class RpcCode(IntEnum):
    """JSON-RPC 2.0 error codes."""

    PARSE_ERROR = -32700
    INVALID_REQUEST = -32600
    METHOD_NOT_FOUND = -32601
    INVALID_PARAMS = -32602
    INTERNAL_ERROR = -32603
    SERVER_ERROR = -32000


def rpc_error(code: RpcCode, message: str, request_id: Any = None, data: Any = None) -> dict[str, Any]:
    """A JSON-RPC error response."""
    error: dict[str, Any] = {"code": int(code), "message": message}
    if data is not None:
        error["data"] = data
    return {"jsonrpc": "2.0", "id": request_id, "error": error}


def rpc_result(result: Any, request_id: Any) -> dict[str, Any]:
    """A JSON-RPC success response."""
    return {"jsonrpc": "2.0", "id": request_id, "result": result}


def tools_payload(env: CalendarEnv) -> list[dict[str, Any]]:
    """The env's tools in MCP ``tools/list`` form."""
    return [
        {"name": spec.name, "description": spec.description, "inputSchema": spec.input_schema}
        for spec in env.tool_specs()
    ]


def call_tool_payload(result: dict[str, Any]) -> dict[str, Any]:
    """A tool's result dict in MCP ``CallToolResult`` form.

    ``data`` repeats the structured result because OpenEnv's ``MCPToolClient.call_tool`` returns
    ``result["data"]`` when present (as it does for FastMCP-backed environments).
    """
    return {
        "content": [{"type": "text", "text": json.dumps(result)}],
        "structuredContent": result,
        "isError": result.get("ok") is False,
        "data": result,
    }


@dataclass
class RpcContext:
    """What a JSON-RPC call may touch: the pool, server defaults, the caller's connect overrides."""

    pool: SessionPool
    defaults: SessionConfig
    overrides: Mapping[str, str]
    bound: EnvSession | None = None


def handle_rpc(message: Any, ctx: RpcContext) -> dict[str, Any]:
    """Answer one parsed JSON-RPC request; never raises."""
    if (
        not isinstance(message, dict)
        or message.get("jsonrpc") != "2.0"
        or not isinstance(message.get("method"), str)
    ):
        request_id = message.get("id") if isinstance(message, dict) else None
        return rpc_error(
            RpcCode.INVALID_REQUEST,
            'Invalid request: expected {"jsonrpc": "2.0", "method": str, "params": object, "id": ...}.',
            request_id,
        )
    request_id = message.get("id")
    params = message.get("params", {})
    if not isinstance(params, dict):
        return rpc_error(RpcCode.INVALID_PARAMS, "params must be an object.", request_id)
    method = message["method"]
    handler = _METHODS.get(method)
    if handler is None:
        return rpc_error(RpcCode.METHOD_NOT_FOUND, f"Method not found: {method}", request_id)
    try:
        return handler(params, ctx, request_id)
    except Exception as exc:  # a bug must cost one error response, not the server
        logger.exception("JSON-RPC %s failed", method)
        return rpc_error(RpcCode.INTERNAL_ERROR, f"Internal error: {type(exc).__name__}", request_id)


def _create_session(params: dict[str, Any], ctx: RpcContext, request_id: Any) -> dict[str, Any]:
    if ctx.bound is not None:
        return rpc_result({"session_id": ctx.bound.id}, request_id)
    wanted: dict[str, Any] = dict(ctx.overrides)
    wanted.update({key: params[key] for key in ("world", "actor", "now") if key in params})
    try:
        session = ctx.pool.open(resolve_client_config(ctx.defaults, wanted))
    except SessionCapacityError as exc:
        data = {
            "code": "CAPACITY_REACHED",
            "active_sessions": exc.active_sessions,
            "max_sessions": exc.max_sessions,
        }
        return rpc_error(RpcCode.SERVER_ERROR, str(exc), request_id, data)
    except SessionConfigError as exc:
        return rpc_error(RpcCode.INVALID_PARAMS, exc.message, request_id, exc.details())
    return rpc_result({"session_id": session.id}, request_id)


def _close_session(params: dict[str, Any], ctx: RpcContext, request_id: Any) -> dict[str, Any]:
    session_id = params.get("session_id")
    if not isinstance(session_id, str) or not session_id:
        return rpc_error(RpcCode.INVALID_PARAMS, "params.session_id (string) is required.", request_id)
    if ctx.bound is not None and ctx.bound.id == session_id:
        return rpc_error(
            RpcCode.INVALID_REQUEST,
            "Cannot close the WebSocket's own session; send a close frame.",
            request_id,
        )
    if not ctx.pool.close(session_id):
        return rpc_error(RpcCode.INVALID_PARAMS, f"Unknown session_id: {session_id}", request_id)
    return rpc_result({"session_id": session_id, "closed": True}, request_id)


def _session_env(
    params: dict[str, Any], ctx: RpcContext, request_id: Any
) -> tuple[CalendarEnv, EnvSession | None] | dict[str, Any]:
    """The env a tools/* call runs against, or the JSON-RPC error (unknown session, bad config)."""
    session_id = params.get("session_id")
    if ctx.bound is not None:
        return ctx.bound.env, ctx.bound
    if session_id is None:
        try:
            return resolve_client_config(ctx.defaults, ctx.overrides).build_env(), None
        except SessionConfigError as exc:
            return rpc_error(RpcCode.INVALID_PARAMS, exc.message, request_id, exc.details())
    session = ctx.pool.get(session_id) if isinstance(session_id, str) else None
    if session is None:
        return rpc_error(RpcCode.INVALID_PARAMS, f"Unknown session_id: {session_id}", request_id)
    return session.env, session


def _list_tools(params: dict[str, Any], ctx: RpcContext, request_id: Any) -> dict[str, Any]:
    found = _session_env(params, ctx, request_id)
    if isinstance(found, dict):
        return found
    env, session = found
    if session is not None:
        ctx.pool.touch(session)
    return rpc_result({"tools": tools_payload(env)}, request_id)


def _call_tool(params: dict[str, Any], ctx: RpcContext, request_id: Any) -> dict[str, Any]:
    name = params.get("name")
    arguments = params.get("arguments", {})
    if not isinstance(name, str) or not name:
        return rpc_error(RpcCode.INVALID_PARAMS, "params.name (string) is required.", request_id)
    if not isinstance(arguments, dict):
        got = type(arguments).__name__
        return rpc_error(
            RpcCode.INVALID_PARAMS, f"params.arguments must be an object, got {got}.", request_id
        )
    found = _session_env(params, ctx, request_id)
    if isinstance(found, dict):
        return found
    env, session = found
    # Through step(), so the episode's step_count counts tool calls made over JSON-RPC too.
    observation = env.step(
        MCPAction(action_type="ToolCallAction", tool_name=name, arguments=arguments)
    ).observation
    if session is not None:
        ctx.pool.touch(session)
    return rpc_result(call_tool_payload(observation.tool_result or {}), request_id)


_METHODS = {
    "openenv/session/create": _create_session,
    "openenv/session/close": _close_session,
    "tools/list": _list_tools,
    "tools/call": _call_tool,
}

"""Reading JSON from clients so that no text at all can cost more than a structured parse error.

``json.loads`` fails in more ways than ``JSONDecodeError``: a number with more than 4,300 digits is a
``ValueError`` (Python's integer-conversion limit), deep nesting a ``RecursionError``, and a payload
nested a few hundred levels deep parses but then exhausts the recursion of every validator after it.
:func:`parse_json` turns all of these into one :class:`UnreadableJson`, which each transport answers
with its protocol's parse error while the session stays open; it also refuses non-finite numbers
(``1e999``, ``NaN``), which no tool argument means.

:class:`JsonBodyCheck` does the same in front of an ASGI app that parses POST bodies itself (the MCP
SDK's streamable-HTTP handler answers such bodies with HTTP 500).
"""

from __future__ import annotations

import json
import math
import sys
from typing import Any

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_DEPTH = 64
"""Deepest nesting of arrays and objects a client may send (tool calls need a handful of levels)."""

JSONRPC_PARSE_ERROR = -32700


class UnreadableJson(ValueError):
    """Text that is not JSON a client may send: broken, too deep, a number no one can mean."""


def parse_json(text: str | bytes | bytearray) -> Any:
    """The JSON value of ``text``, or :class:`UnreadableJson` saying why not (never anything else)."""
    try:
        value = json.loads(text, parse_float=_finite_float, parse_constant=_no_constant)
    except UnreadableJson:
        raise
    except RecursionError:
        raise UnreadableJson(f"nested deeper than {MAX_DEPTH} levels") from None
    except (ValueError, UnicodeDecodeError) as exc:  # JSONDecodeError is a ValueError, as are huge ints
        if "integer string conversion" in str(exc):
            limit = sys.get_int_max_str_digits()
            raise UnreadableJson(f"a number has more than {limit} digits") from None
        raise UnreadableJson(str(exc)) from None
    if _depth_exceeds(value, MAX_DEPTH):
        raise UnreadableJson(f"nested deeper than {MAX_DEPTH} levels")
    return value


def _finite_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise UnreadableJson(f"number {text[:40]!r} is out of range")
    return number


def _no_constant(name: str) -> Any:
    raise UnreadableJson(f"{name} is not a JSON number")


def _depth_exceeds(value: Any, limit: int) -> bool:
    """Is ``value`` nested more than ``limit`` levels deep? (iterative: no recursion to exhaust)"""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


class JsonBodyCheck:
    """ASGI middleware: a POST body that :func:`parse_json` refuses gets a JSON-RPC parse error (400)
    before the app sees it; any other request reaches the app with its body intact. Bodies over
    ``max_body_bytes`` are passed on unread, for the app's own size limit to answer."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay(chunks, message, receive), send)
                return
            chunk = message.get("body", b"")
            chunks.append(chunk)
            size += len(chunk)
            more = bool(message.get("more_body"))
            if size > self.max_body_bytes:
                await self.app(scope, _replay(chunks, None, receive, more=more), send)
                return
        body = b"".join(chunks)
        if body.strip():
            try:
                parse_json(body)
            except UnreadableJson as exc:
                error = {"code": JSONRPC_PARSE_ERROR, "message": f"Parse error: {exc}"}
                await JSONResponse({"jsonrpc": "2.0", "id": None, "error": error}, 400)(scope, receive, send)
                return
        await self.app(scope, _replay([body], None, receive), send)


def _replay(chunks: list[bytes], pending: Message | None, receive: Receive, *, more: bool = False) -> Receive:
    """A ``receive`` that hands out the body already read, then whatever else the client sends."""
    queue: list[Message] = [{"type": "http.request", "body": b"".join(chunks), "more_body": more}]
    if pending is not None:
        queue.append(pending)

    async def replayed() -> Message:
        if queue:
            return queue.pop(0)
        return await receive()

    return replayed

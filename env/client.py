"""``MCPEnvClient``: the in-process gym API (``reset`` / ``step(MCPAction)``) against a running server.

It speaks the OpenEnv WebSocket protocol to ``guards env serve --transport openenv`` — one stateful
connection is one isolated session — and returns the same ``StepResult`` / ``Observation`` objects
as ``CalendarEnv``, so code written against the in-process environment runs unchanged::

    from env import MCPAction
    from env.client import MCPEnvClient

    with MCPEnvClient("http://127.0.0.1:8000") as env:
        env.reset()
        tools = env.step(MCPAction(action_type="ListToolsAction")).observation.tools_list
        result = env.step(MCPAction(action_type="ToolCallAction", tool_name="calendars_list"))
        result.observation.tool_result["items"]

Protocol errors (a refused session, an invalid action) raise ``EnvServerError`` with the server's
error code; tool failures are observations with ``success=False``, exactly as in-process.
"""

from __future__ import annotations

import contextlib
import json
from types import TracebackType
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from env.gym import MCPAction, Observation, StepResult
from env.server.config import HEADER_ACTOR, HEADER_NOW, HEADER_WORLD


class EnvServerError(RuntimeError):
    """An error frame from the server (``code`` is OpenEnv's error code, ``data`` the whole frame)."""

    def __init__(self, code: str, message: str, data: dict[str, Any] | None = None) -> None:
        super().__init__(f"{message} (code: {code})")
        self.code = code
        self.message = message
        self.data = data or {}


def websocket_url(base_url: str) -> str:
    """``http://host:port`` (or ``ws://...``) to the server's ``/ws`` endpoint."""
    url = base_url.rstrip("/")
    for http, ws in (("https://", "wss://"), ("http://", "ws://")):
        if url.startswith(http):
            url = ws + url[len(http) :]
    if not url.startswith(("ws://", "wss://")):
        url = "ws://" + url
    return url if url.endswith("/ws") else url + "/ws"


class MCPEnvClient:
    """A synchronous client for one session on an OpenEnv-protocol server (a context manager).

    ``world``, ``actor`` and ``now`` choose the session's world at connect time (sent as
    ``X-Guards-*`` headers); ``reset()`` can override them for one episode.
    """

    def __init__(
        self,
        base_url: str = "http://127.0.0.1:8000",
        *,
        world: str | None = None,
        actor: str | None = None,
        now: str | None = None,
        timeout_s: float = 30.0,
        max_message_bytes: int = 16 * 1024 * 1024,
    ) -> None:
        self.url = websocket_url(base_url)
        self.timeout_s = timeout_s
        self.max_message_bytes = max_message_bytes
        chosen = {HEADER_WORLD: world, HEADER_ACTOR: actor, HEADER_NOW: now}
        self.headers = {name: value for name, value in chosen.items() if value}
        self._ws: ClientConnection | None = None
        self._established = False  # has this connection answered anything but an error yet?

    # -- connection ---------------------------------------------------------------------------

    def connect(self) -> MCPEnvClient:
        """Open the session (done lazily by the first call otherwise)."""
        if self._ws is None:
            opener = connect(
                self.url,
                additional_headers=self.headers,
                open_timeout=self.timeout_s,
                max_size=self.max_message_bytes,
                proxy=None,
            )
            self._ws = opener.__enter__()
            self._established = False
        return self

    def close(self) -> None:
        """End the session (the server discards its world)."""
        ws, self._ws = self._ws, None
        if ws is None:
            return
        with contextlib.suppress(ConnectionClosed):
            ws.send(json.dumps({"type": "close"}))
        ws.close()

    def __enter__(self) -> MCPEnvClient:
        return self.connect()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _request(self, message: dict[str, Any]) -> dict[str, Any]:
        ws = self.connect()._ws
        assert ws is not None
        # A refused session sends its error frame and closes; that frame is read below.
        with contextlib.suppress(ConnectionClosed):
            ws.send(json.dumps(message))
        try:
            reply: dict[str, Any] = json.loads(ws.recv(timeout=self.timeout_s))
        except ConnectionClosed as exc:
            self._ws = None
            reason = exc.rcvd.reason if exc.rcvd is not None else "connection closed"
            raise EnvServerError("SESSION_CLOSED", f"The server closed the session: {reason}") from exc
        except TimeoutError as exc:
            self._ws = None
            ws.close()
            raise EnvServerError("TIMEOUT", f"No reply within {self.timeout_s} s") from exc
        if reply.get("type") == "error":
            if not self._established:
                # A session refused at connect (capacity, bad world/actor) is closed by the server;
                # drop it so a retry opens a fresh one. Nothing had happened in it yet.
                self._ws = None
                ws.close()
            data = reply.get("data") or {}
            raise EnvServerError(str(data.get("code", "UNKNOWN")), str(data.get("message", "")), data)
        self._established = True
        return reply

    # -- gym API --------------------------------------------------------------------------------

    def reset(
        self,
        seed: int | None = None,
        world: str | dict[str, Any] | None = None,
        actor: str | None = None,
        now: str | None = None,
        episode_id: str | None = None,
    ) -> StepResult:
        """Start a new episode (values given here apply to this episode only)."""
        given = {"seed": seed, "world": world, "actor": actor, "now": now, "episode_id": episode_id}
        data = {key: value for key, value in given.items() if value is not None}
        return _step_result(self._request({"type": "reset", "data": data})["data"])

    def step(self, action: MCPAction | dict[str, Any]) -> StepResult:
        """Apply one ``MCPAction``; tool failures come back as ``success=False`` observations."""
        if isinstance(action, dict):
            action = MCPAction.model_validate(action)
        payload = action.model_dump(exclude_none=True)
        return _step_result(self._request({"type": "step", "data": payload})["data"])

    def state(self) -> dict[str, Any]:
        """Episode bookkeeping: world, actor, timezone, now, episode_id, step_count."""
        data: dict[str, Any] = self._request({"type": "state"})["data"]
        return data

    # -- conveniences matching CalendarEnv --------------------------------------------------------

    def call_tool(self, name: str, args: dict[str, Any]) -> dict[str, Any]:
        """The tool's result dict or wire-format error dict (like ``CalendarEnv.call_tool``)."""
        observation = self.step(
            MCPAction(action_type="ToolCallAction", tool_name=name, arguments=args)
        ).observation
        return observation.tool_result or {}

    def list_tools(self) -> list[dict[str, Any]]:
        """Tool specs as ``{name, description, input_schema}`` dicts."""
        return self.step(MCPAction(action_type="ListToolsAction")).observation.tools_list or []


def _step_result(payload: dict[str, Any]) -> StepResult:
    fields = dict(payload.get("observation") or {})
    fields["done"] = bool(payload.get("done", False))
    fields["reward"] = payload.get("reward")
    observation = Observation.model_validate(fields)
    return StepResult(observation=observation, reward=observation.reward, done=observation.done)

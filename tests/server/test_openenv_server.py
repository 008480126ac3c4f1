"""The OpenEnv-protocol server driven by MCPEnvClient and raw WebSocket/HTTP clients."""

from __future__ import annotations

import json
import time
from typing import Any

import httpx
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from env import CalendarEnv, MCPAction
from env.client import EnvServerError, MCPEnvClient, websocket_url
from env.server.config import ServerLimits
from tests.server.conftest import ANA, KENJI, insert_args, openenv_server


def _ws_roundtrip(url: str, frames: list[str], **headers: str) -> list[dict[str, Any]]:
    with connect(websocket_url(url), additional_headers=headers, proxy=None) as ws:
        replies = []
        for frame in frames:
            ws.send(frame)
            replies.append(json.loads(ws.recv(timeout=10)))
        return replies


def test_issue_flow_matches_in_process_env(openenv_url: str) -> None:
    local = CalendarEnv()
    with MCPEnvClient(openenv_url) as env:
        reset = env.reset()
        assert reset.observation.success and reset.observation.metadata["actor"] == ANA
        listed = env.step(MCPAction(action_type="ListToolsAction"))
        assert listed.observation.success
        assert listed.observation.tools_list == [spec.to_dict() for spec in local.tool_specs()]
        calendars = env.step(
            MCPAction(action_type="ToolCallAction", tool_name="calendars_list", arguments={})
        )
        assert calendars.observation.tool_result == local.call_tool("calendars_list", {})
        inserted = env.step(
            MCPAction(action_type="ToolCallAction", tool_name="events_insert", arguments=insert_args("Sync"))
        )
        assert inserted.observation.success
        assert inserted.observation.tool_result == local.call_tool("events_insert", insert_args("Sync"))
        assert env.state()["step_count"] == 3


def test_tool_errors_are_observations_identical_to_in_process(openenv_url: str) -> None:
    local = CalendarEnv()
    bad_calls = [
        ("no_such_tool", {}),
        ("events_insert", {"calendarId": "primary", "start": "tomorrow 3pm"}),
        ("events_list", {"calendarId": "primary", "maxResults": "ten"}),
        ("events_get", {"calendarId": "primary", "eventId": "missing"}),
    ]
    with MCPEnvClient(openenv_url) as env:
        for name, args in bad_calls:
            observation = env.step(
                MCPAction(action_type="ToolCallAction", tool_name=name, arguments=args)
            ).observation
            expected = local.call_tool(name, args)
            assert observation.success is False
            assert observation.tool_result == expected
            assert observation.error_message == expected["message"]


def test_connect_headers_and_reset_overrides_choose_actor_and_clock(openenv_url: str) -> None:
    with MCPEnvClient(openenv_url, actor=KENJI, now="2026-04-01T09:00:00+09:00") as env:
        state = env.reset().observation.metadata
        assert (state["actor"], state["timezone"]) == (KENJI, "Asia/Tokyo")
        assert state["now"] == "2026-04-01T09:00:00+09:00"
        episode = env.reset(actor=ANA, episode_id="ep-7").observation.metadata
        assert episode["actor"] == ANA
        assert env.state()["episode_id"] == "ep-7"
        assert env.reset().observation.metadata["actor"] == KENJI  # overrides last one episode


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"actor": "nobody@acme.com"}, "actor"),
        ({"world": "/etc/hosts.json"}, "world"),
        ({"now": "next tuesday"}, "now"),
    ],
)
def test_bad_session_choices_are_refused_with_the_field(
    openenv_url: str, kwargs: dict[str, str], field: str
) -> None:
    with pytest.raises(EnvServerError) as refused, MCPEnvClient(openenv_url, **kwargs) as env:
        env.reset()
    assert refused.value.code == "VALIDATION_ERROR"
    assert refused.value.data["field"] == field


def test_bad_reset_keeps_the_session_usable(openenv_url: str) -> None:
    with MCPEnvClient(openenv_url) as env:
        env.step(
            MCPAction(action_type="ToolCallAction", tool_name="events_insert", arguments=insert_args("Kept"))
        )
        with pytest.raises(EnvServerError) as refused:
            env.reset(actor="ghost@acme.com")
        assert refused.value.data["field"] == "actor"
        assert env.state()["actor"] == ANA
        listed = env.call_tool("calendars_list", {})
        assert listed["items"]


def test_bad_frames_get_structured_errors_and_the_session_keeps_serving(openenv_url: str) -> None:
    frames = [
        "{not json",
        "[1, 2]",
        json.dumps({"type": "dance"}),
        json.dumps({"type": "step"}),
        json.dumps({"type": "step", "data": {"action_type": "DeleteEverything"}}),
        json.dumps(
            {"type": "step", "data": {"type": "call_tool", "tool_name": "calendars_list", "arguments": "x"}}
        ),
        json.dumps({"type": "step", "data": {"action_type": "ToolCallAction", "tool_name": 7}}),
        json.dumps({"type": "reset", "data": {"seed": -1, "colour": "red"}}),
        "[" * 50_000 + "]" * 50_000,
        json.dumps(
            {"type": "step", "data": {"action_type": "ToolCallAction", "tool_name": "calendars_list"}}
        ),
    ]
    replies = _ws_roundtrip(openenv_url, frames)
    codes = [reply["data"].get("code") for reply in replies[:-1]]
    assert codes == [
        "INVALID_JSON",
        "VALIDATION_ERROR",
        "UNKNOWN_TYPE",
        "VALIDATION_ERROR",
        "VALIDATION_ERROR",
        "VALIDATION_ERROR",
        "VALIDATION_ERROR",
        "VALIDATION_ERROR",
        "INVALID_JSON",
    ]
    assert all(reply["type"] == "error" and reply["data"]["message"] for reply in replies[:-1])
    assert {e["loc"][0] for e in replies[7]["data"]["errors"]} == {"seed", "colour"}
    assert replies[-1]["type"] == "observation"
    assert replies[-1]["data"]["observation"]["success"] is True


def test_mcp_style_actions_answer_in_openenv_shape(openenv_url: str) -> None:
    frames = [
        json.dumps({"type": "step", "data": {"type": "list_tools"}}),
        json.dumps(
            {
                "type": "step",
                "data": {
                    "type": "call_tool",
                    "tool_name": "settings_get",
                    "arguments": {"setting": "timezone"},
                },
            }
        ),
    ]
    tools, call = (reply["data"]["observation"] for reply in _ws_roundtrip(openenv_url, frames))
    assert {tool["name"] for tool in tools["tools"]} == {spec.name for spec in CalendarEnv().tool_specs()}
    assert call["tool_name"] == "settings_get"
    assert call["error"] is None
    assert call["result"] == CalendarEnv().call_tool("settings_get", {"setting": "timezone"})


def test_oversized_message_closes_only_that_connection() -> None:
    with openenv_server(ServerLimits(max_message_bytes=4096)) as (url, _server):
        with connect(websocket_url(url), proxy=None) as ws:
            ws.send(json.dumps({"type": "reset", "data": {"episode_id": "x" * 10_000}}))
            with pytest.raises(ConnectionClosed) as closed:
                ws.recv(timeout=10)
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009
        with MCPEnvClient(url) as env:
            assert env.reset().observation.success


def test_abrupt_disconnect_frees_the_session() -> None:
    with openenv_server(ServerLimits(max_sessions=2)) as (url, server):
        with connect(websocket_url(url), proxy=None) as ws:
            ws.send(json.dumps({"type": "reset"}))
            ws.recv(timeout=10)
            assert len(server.pool) == 1
            ws.socket.close()  # no close frame: the client just vanishes
        deadline = time.monotonic() + 5
        while len(server.pool) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(server.pool) == 0
        with MCPEnvClient(url) as env:
            assert env.reset().observation.success


def test_capacity_is_a_structured_refusal_and_the_same_client_can_retry() -> None:
    with openenv_server(ServerLimits(max_sessions=2)) as (url, server):
        first, second, third = MCPEnvClient(url), MCPEnvClient(url), MCPEnvClient(url)
        first.reset()
        second.reset()
        with pytest.raises(EnvServerError) as refused:
            third.reset()
        assert refused.value.code == "CAPACITY_REACHED"
        assert (refused.value.data["active_sessions"], refused.value.data["max_sessions"]) == (2, 2)
        assert second.call_tool("calendars_list", {})["items"], "open sessions are unaffected"
        first.close()
        deadline = time.monotonic() + 5
        while len(server.pool) > 1 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert third.reset().observation.success
        third.close()
        second.close()


def test_idle_sessions_are_reaped_and_the_client_is_told() -> None:
    with openenv_server(ServerLimits(idle_timeout_s=0.3)) as (url, server):
        env = MCPEnvClient(url)
        env.reset()
        deadline = time.monotonic() + 5
        while len(server.pool) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(server.pool) == 0
        with pytest.raises(EnvServerError) as closed:
            env.state()
        assert closed.value.code == "SESSION_CLOSED"


def test_http_endpoints(openenv_url: str) -> None:
    with httpx.Client(base_url=openenv_url) as http:
        assert http.get("/health").json() == {"status": "healthy"}
        schema = http.get("/schema").json()
        assert set(schema) == {"action", "observation", "reset_observation", "state"}
        assert http.get("/state", headers={"X-Guards-Actor": KENJI}).json()["actor"] == KENJI
        reset = http.post("/reset", json={"seed": 3}).json()
        assert reset["observation"]["metadata"]["actor"] == ANA
        step = http.post(
            "/step",
            json={
                "action": {
                    "type": "call_tool",
                    "tool_name": "settings_get",
                    "arguments": {"setting": "timezone"},
                }
            },
        ).json()
        assert step["observation"]["result"]["value"] == "America/New_York"
        bad = http.post("/step", json={"action": {"type": "warp"}})
        assert bad.status_code == 422 and bad.json()["code"] == "VALIDATION_ERROR"
        assert http.post("/reset", content=b"{oops").json()["code"] == "INVALID_JSON"


def test_http_bodies_over_the_limit_are_refused() -> None:
    with (
        openenv_server(ServerLimits(max_message_bytes=2048)) as (url, _server),
        httpx.Client(base_url=url) as http,
    ):
        big = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {"pad": "x" * 5000}}
        response = http.post("/mcp", json=big)
        assert response.status_code == 413
        assert response.json()["error"]["code"] == -32600
        assert http.post("/reset", json={"episode_id": "y" * 5000}).status_code == 413
        assert http.get("/health").status_code == 200


def test_json_rpc_errors_are_structured(openenv_url: str) -> None:
    def rpc(http: httpx.Client, body: Any) -> dict[str, Any]:
        response = http.post("/mcp", content=body if isinstance(body, bytes) else json.dumps(body))
        assert response.status_code == 200
        reply: dict[str, Any] = response.json()
        return reply

    with httpx.Client(base_url=openenv_url) as http:
        assert rpc(http, b"{broken")["error"]["code"] == -32700
        assert rpc(http, {"method": "tools/list"})["error"]["code"] == -32600
        assert rpc(http, {"jsonrpc": "2.0", "id": 1, "method": "tools/dance"})["error"]["code"] == -32601
        call = {"jsonrpc": "2.0", "id": 2, "method": "tools/call"}
        assert rpc(http, {**call, "params": []})["error"]["code"] == -32602
        assert (
            rpc(http, {**call, "params": {"name": "calendars_list", "arguments": "x"}})["error"]["code"]
            == -32602
        )
        unknown = rpc(http, {**call, "params": {"name": "calendars_list", "session_id": "nope"}})
        assert unknown["error"] == {"code": -32602, "message": "Unknown session_id: nope"}
        bad_tool = rpc(http, {**call, "params": {"name": "nope", "arguments": {}}})["result"]
        assert bad_tool["isError"] is True and bad_tool["data"]["error_type"] == "unknown_tool"
        created = rpc(http, {"jsonrpc": "2.0", "id": 3, "method": "openenv/session/create"})["result"]
        closing = {"jsonrpc": "2.0", "id": 4, "method": "openenv/session/close", "params": created}
        assert rpc(http, closing)["result"]["closed"] is True
        assert rpc(http, closing)["error"]["code"] == -32602

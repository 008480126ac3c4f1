"""JSON no client should send (numbers of thousands of digits, deep nesting, non-finite numbers)
costs a structured parse error on every transport, and the session it arrived on stays open."""

from __future__ import annotations

import json

import httpx
import pytest
from websockets.sync.client import connect

from env.client import websocket_url
from env.server.json_guard import MAX_DEPTH, UnreadableJson, parse_json
from tests.server.conftest import mcp_server, openenv_server

HUGE_NUMBER = "1" * 5000
DEEP_ARRAY = "[" * 3000 + "]" * 3000
DEEP_BUT_PARSEABLE = "[" * 300 + "]" * 300  # json.loads reads it; validators after it would recurse
OBJECT_CHAIN = '{"a":' * 200 + "1" + "}" * 200
BAD_VALUES = [HUGE_NUMBER, DEEP_ARRAY, DEEP_BUT_PARSEABLE, OBJECT_CHAIN, "1e999", "NaN", "-Infinity"]
ACCEPT = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}


@pytest.mark.parametrize("value", BAD_VALUES, ids=["huge", "deep", "deep-300", "chain", "inf", "nan", "-inf"])
def test_parse_json_refuses_with_one_error_type(value):
    with pytest.raises(UnreadableJson):
        parse_json('{"arguments": {"x": VALUE}}'.replace("VALUE", value))


def test_parse_json_reads_ordinary_payloads_and_the_deepest_allowed():
    nested = "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    assert parse_json('{"n": VALUE}'.replace("VALUE", nested))["n"] is not None
    assert parse_json(b'{"a": [1, 2.5, "x", null, true], "big": 123456789012345678901234567890}')["big"] > 0


def _call_tool_frame(value: str) -> str:
    return (
        '{"type": "step", "data": {"type": "call_tool", "tool_name": "settings_get", '
        '"arguments": {"setting": VALUE}}}'.replace("VALUE", value)
    )


@pytest.mark.parametrize("value", [HUGE_NUMBER, DEEP_BUT_PARSEABLE, "1e999"], ids=["huge", "deep", "inf"])
def test_a_websocket_frame_gets_an_error_frame_and_the_session_keeps_its_state(value):
    with openenv_server() as (url, _server), connect(websocket_url(url), proxy=None) as ws:
        ws.send(json.dumps({"type": "reset"}))
        episode = json.loads(ws.recv(timeout=10))["data"]["observation"]["metadata"]["episode_id"]
        ws.send(_call_tool_frame(value))
        error = json.loads(ws.recv(timeout=10))
        assert error["type"] == "error" and error["data"]["code"] == "INVALID_JSON"
        assert "sys.set_int_max_str_digits" not in error["data"]["message"]
        ws.send(json.dumps({"type": "state"}))
        state = json.loads(ws.recv(timeout=10))
        assert state["type"] == "state" and state["data"]["episode_id"] == episode


@pytest.mark.parametrize("value", [HUGE_NUMBER, DEEP_BUT_PARSEABLE], ids=["huge", "deep"])
def test_http_step_reset_and_rpc_answer_a_parse_error(value):
    with openenv_server() as (url, _server), httpx.Client(base_url=url, timeout=30) as http:
        step = http.post(
            "/step",
            content='{"action": {"type": "call_tool", "arguments": {"x": VALUE}}}'.replace("VALUE", value),
        )
        assert step.status_code == 400 and step.json()["code"] == "INVALID_JSON"
        reset = http.post("/reset", content='{"seed": VALUE}'.replace("VALUE", value))
        assert reset.status_code == 400 and reset.json()["code"] == "INVALID_JSON"
        rpc = http.post(
            "/mcp",
            content='{"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": VALUE}'.replace(
                "VALUE", value
            ),
        )
        assert rpc.status_code == 200 and rpc.json()["error"]["code"] == -32700
        assert http.get("/health").status_code == 200


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


def _tool_call(value: str, call_id: int) -> str:
    return (
        (
            '{"jsonrpc": "2.0", "id": CALL_ID, "method": "tools/call", '
            '"params": {"name": "settings_get", "arguments": {"setting": VALUE}}}'
        )
        .replace("CALL_ID", str(call_id))
        .replace("VALUE", value)
    )


@pytest.mark.parametrize(
    "value", [HUGE_NUMBER, DEEP_ARRAY, DEEP_BUT_PARSEABLE], ids=["huge", "deep", "deep-300"]
)
def test_the_mcp_endpoint_answers_a_parse_error_and_the_session_goes_on(value):
    with mcp_server() as url, httpx.Client(timeout=30, headers=ACCEPT) as http:
        opened = http.post(url, json=INIT)
        session = {"mcp-session-id": opened.headers["mcp-session-id"]}
        http.post(url, json={"jsonrpc": "2.0", "method": "notifications/initialized"}, headers=session)
        refused = http.post(url, content=_tool_call(value, 7), headers=session)
        assert refused.status_code == 400 and refused.json()["error"]["code"] == -32700
        answered = http.post(url, content=_tool_call('"timezone"', 8), headers=session)
        assert answered.status_code == 200
        result = answered.json()["result"]
        assert result["isError"] is False and result["structuredContent"]["value"] == "America/New_York"

"""The real ``openenv`` 0.10 clients drive our OpenEnv-protocol server unchanged."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from env import CalendarEnv
from env.server.config import ServerLimits
from tests.server.conftest import KENJI, insert_args, openenv_server

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # openenv imports gradio, which warns about its own deps
    from openenv.core.env_server.mcp_types import (
        CallToolAction,
        CallToolObservation,
        ListToolsAction,
        ListToolsObservation,
    )
    from openenv.core.generic_client import GenericEnvClient
    from openenv.core.mcp_client import MCPToolClient


class StepMCPToolClient(MCPToolClient):
    """``MCPToolClient`` routed through ``step()`` (its non-production code path)."""

    def __init__(self, base_url: str, **kwargs: Any) -> None:
        super().__init__(base_url=base_url, **kwargs)
        self.use_production_mode = False


def test_generic_client_reset_step_state(openenv_url: str) -> None:
    with GenericEnvClient(base_url=openenv_url).sync() as client:
        reset = client.reset(seed=5)
        assert reset.observation["success"] is True and reset.done is False
        result = client.step(
            {"action_type": "ToolCallAction", "tool_name": "calendars_list", "arguments": {}}
        )
        assert result.observation["tool_result"] == CalendarEnv().call_tool("calendars_list", {})
        typed = client.step(CallToolAction(tool_name="events_insert", arguments=insert_args("Typed")))
        assert typed.observation["tool_name"] == "events_insert"
        assert typed.observation["result"]["summary"] == "Typed"
        assert client.state()["step_count"] == 2


def test_generic_client_sees_protocol_errors(openenv_url: str) -> None:
    with GenericEnvClient(base_url=openenv_url).sync() as client:
        client.reset()
        with pytest.raises(RuntimeError, match="VALIDATION_ERROR"):
            client.step({"action_type": "Teleport"})
        assert client.step({"type": "list_tools"}).observation["tools"]


async def test_mcp_tool_client_production_mode_shares_one_session(openenv_url: str) -> None:
    async with MCPToolClient(base_url=openenv_url, headers={"X-Guards-Actor": KENJI}) as env:
        await env.reset()
        tools = await env.list_tools()
        expected = {spec.name: spec.input_schema for spec in CalendarEnv().tool_specs()}
        assert {tool.name: tool.input_schema for tool in tools} == expected
        created = await env.call_tool("events_insert", **insert_args("Prod"))
        assert created["summary"] == "Prod"
        fetched = await env.call_tool("events_get", calendarId="primary", eventId=created["id"])
        assert fetched["id"] == created["id"] and fetched["organizer"]["email"] == KENJI
        missing = await env.call_tool("events_get", calendarId="primary", eventId="nope")
        assert missing["ok"] is False and missing["error_type"] == "not_found_error"
        state = await env.state()
        assert state.step_count >= 3


async def test_mcp_tool_client_step_path(openenv_url: str) -> None:
    async with StepMCPToolClient(openenv_url) as env:
        await env.reset()
        setting = await env.step(CallToolAction(tool_name="settings_get", arguments={"setting": "timezone"}))
        assert isinstance(setting.observation, CallToolObservation)
        assert setting.observation.result["value"] == "America/New_York"
        tools = await env.list_tools()
        assert len(tools) == len(CalendarEnv().tool_specs())
        unknown = await env.step(CallToolAction(tool_name="nope", arguments={}))
        assert unknown.observation.result["error_type"] == "unknown_tool"
        assert isinstance((await env.step(ListToolsAction())).observation, ListToolsObservation)


async def test_openenv_clients_hit_the_capacity_limit_cleanly() -> None:
    with openenv_server(ServerLimits(max_sessions=1)) as (url, _server):
        async with GenericEnvClient(base_url=url) as first:
            await first.reset()
            second = GenericEnvClient(base_url=url)
            with pytest.raises(RuntimeError, match="CAPACITY_REACHED"):
                await second.reset()
            await second.close()
            production = MCPToolClient(base_url=url)
            with pytest.raises(RuntimeError, match="capacity"):
                await production.connect()
            await production.close()
            assert (await first.step({"type": "list_tools"})).observation["tools"], (
                "the open session carries on"
            )

"""``env serve`` / ``python -m env.server``: a real server process, and clean refusals of bad options."""

from __future__ import annotations

import subprocess
import sys
import time

import httpx
from typer.testing import CliRunner

from env import MCPAction
from env.cli import env_app
from env.client import MCPEnvClient
from tests.server.conftest import free_port, insert_args


def test_module_entry_point_serves_openenv_for_the_issue_flow() -> None:
    port = free_port()
    command = [sys.executable, "-m", "env.server", "--transport", "openenv", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--actor", "kenji.sato@acme.com"], stderr=subprocess.PIPE, text=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=1).json() == {"status": "healthy"}:
                    break
            except httpx.HTTPError:
                assert process.poll() is None and time.monotonic() < deadline
                time.sleep(0.1)
        with MCPEnvClient(base) as env:
            assert env.reset().observation.metadata["actor"] == "kenji.sato@acme.com"
            tools = env.step(MCPAction(action_type="ListToolsAction")).observation.tools_list
            assert tools is not None and "events_insert" in {tool["name"] for tool in tools}
            listed = env.step(
                MCPAction(action_type="ToolCallAction", tool_name="calendars_list", arguments={})
            )
            assert listed.observation.success and listed.observation.tool_result is not None
            assert listed.observation.tool_result["items"]
            created = env.step(
                MCPAction(
                    action_type="ToolCallAction", tool_name="events_insert", arguments=insert_args("CLI")
                )
            )
            assert created.observation.success and created.observation.tool_result is not None
            assert created.observation.tool_result["summary"] == "CLI"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_refuses_a_bad_default_world_before_binding() -> None:
    result = CliRunner().invoke(env_app, ["serve", "--transport", "openenv", "--world", "atlantis"])
    assert result.exit_code == 2
    assert "Unknown world 'atlantis'" in result.output


def test_serve_refuses_bad_limits() -> None:
    result = CliRunner().invoke(env_app, ["serve", "--max-sessions", "0"])
    assert result.exit_code == 2
    assert "max_sessions" in result.output


def test_serve_help_lists_transports() -> None:
    result = CliRunner().invoke(env_app, ["serve", "--help"])
    assert result.exit_code == 0
    for word in ("stdio", "http", "openenv", "--max-sessions", "--idle-timeout"):
        assert word in result.output

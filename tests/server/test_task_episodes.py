"""Task episodes on the OpenEnv server (env.server.episodes with evals' task provider), driven by
``openenv``'s own client: the instruction on reset, reward and done at the top level."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from langchain_core.messages import BaseMessage, HumanMessage, ToolMessage

from agents.oracle import OracleChatModel
from env.server.config import ServerLimits, SessionConfig
from env.server.openenv_server import OpenEnvServer
from evals.episode import episode_spec
from evals.loader import load_suite
from evals.rl.serving import task_episodes
from tests.server.conftest import free_port, serving, wait_until_healthy

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # openenv imports gradio, which warns about its own deps
    from openenv.core.generic_client import GenericEnvClient

TEAM_SYNC = "create_on_calendar-team-sync-natural"
TASKS = {task.id: task for task in load_suite("calendar")}
WHEN = {"start": {"dateTime": "2026-03-10T14:00:00-04:00"}, "end": {"dateTime": "2026-03-10T14:30:00-04:00"}}


@pytest.fixture(scope="module")
def task_url() -> Iterator[str]:
    server = OpenEnvServer(SessionConfig(), ServerLimits(), episodes=task_episodes(suite="calendar"))
    with serving(server.app()) as url:
        yield url


def play_oracle(client: Any, task_id: str) -> Any:
    """The oracle, run on the client's side, plays a whole episode over the wire; the last result."""
    model = OracleChatModel(spec=episode_spec(TASKS[task_id], "America/New_York"))
    messages: list[BaseMessage] = [HumanMessage(TASKS[task_id].instruction)]
    while True:
        turn = model.invoke(messages)
        messages.append(turn)
        if not turn.tool_calls:
            return client.step({"action_type": "FinalAnswerAction", "answer": turn.text})
        call = turn.tool_calls[0]
        action = {"action_type": "ToolCallAction", "tool_name": call["name"], "arguments": call["args"]}
        result = client.step(action)
        assert result.done is False and result.reward == 0.0
        content = json.dumps(result.observation["tool_result"])
        messages.append(ToolMessage(content=content, tool_call_id=str(call["id"])))


@pytest.mark.parametrize(
    "task_id", [TEAM_SYNC, "ambiguous-call-with-dana-natural", "multi_step-book-club-calendar-natural"]
)
def test_an_openenv_client_plays_a_task_episode_and_gets_the_reward(task_url: str, task_id: str) -> None:
    with GenericEnvClient(base_url=task_url).sync() as client:
        first = client.reset(task_id=task_id, seed=7)
        assert first.observation["instruction"] == TASKS[task_id].instruction
        assert first.observation["metadata"]["task_id"] == task_id
        assert first.observation["tools_list"] and first.done is False and first.reward is None
        last = play_oracle(client, task_id)
        assert last.done is True and last.reward == 1.0
        assert last.observation["metadata"]["grade"]["passed"] is True
        state = client.state()
        assert state["task_id"] == task_id and state["step_count"] == len(TASKS[task_id].plan) + 1


def test_guarded_shaped_episodes_chosen_at_reset_and_mcp_style_steps(task_url: str) -> None:
    with GenericEnvClient(base_url=task_url).sync() as client:
        client.reset(task_id=TEAM_SYNC, guarded=True, reward="shaped")
        args = {"calendarId": "Team", "summary": "Sync", **WHEN}
        step = client.step({"type": "call_tool", "tool_name": "events_insert", "arguments": args})
        assert step.observation["tool_name"] == "events_insert"
        assert step.observation["result"]["calendarId"].startswith("c_")  # the guard resolved "Team"
        assert step.reward == pytest.approx(-0.02) and step.done is False
        last = client.step(
            {"action_type": "FinalAnswerAction", "answer": "Added 'Sync' to the Team calendar."}
        )
        assert last.done and last.reward == 1.0
        assert last.observation["metadata"]["episode_return"] == pytest.approx(0.98)
        client.reset(task_id=TEAM_SYNC)  # back to the server's defaults: raw, binary
        raw = client.step({"type": "call_tool", "tool_name": "events_insert", "arguments": args})
        assert raw.observation["result"]["error_type"] == "not_found_error" and raw.reward == 0.0


def test_bad_task_frames_are_structured_errors_and_the_session_carries_on(task_url: str) -> None:
    with GenericEnvClient(base_url=task_url).sync() as client:
        with pytest.raises(RuntimeError, match="SESSION_ERROR"):
            client.step({"action_type": "FinalAnswerAction", "answer": "early"})
        with pytest.raises(RuntimeError, match=r"did you mean.*VALIDATION_ERROR"):
            client.reset(task_id="create_on_calendar-team-sync-natrual")
        with pytest.raises(RuntimeError, match=r"colour.*VALIDATION_ERROR"):
            client.reset(task_id=TEAM_SYNC, colour="red")
        with pytest.raises(RuntimeError, match=r"max_steps.*VALIDATION_ERROR"):
            client.reset(task_id=TEAM_SYNC, max_steps=10_000)
        client.reset(task_id=TEAM_SYNC)
        with pytest.raises(RuntimeError, match="VALIDATION_ERROR"):
            client.step({"action_type": "FinalAnswerAction", "answer": "x", "tool_name": "calendars_list"})
        assert client.step({"action_type": "FinalAnswerAction", "answer": "Done."}).done
        with pytest.raises(RuntimeError, match="episode is over"):
            client.step({"action_type": "ListToolsAction"})


def test_stateless_http_reset_shows_a_task_and_step_is_refused(task_url: str) -> None:
    reset = httpx.post(f"{task_url}/reset", json={"task_id": TEAM_SYNC}, timeout=10)
    assert reset.status_code == 200
    assert reset.json()["observation"]["instruction"] == TASKS[TEAM_SYNC].instruction
    step = httpx.post(f"{task_url}/step", json={"action": {"action_type": "ListToolsAction"}}, timeout=10)
    assert step.status_code == 422 and step.json()["code"] == "SESSION_ERROR"


def test_guards_env_serve_suite_serves_task_episodes() -> None:
    port = free_port()
    command = [sys.executable, "-m", "evals.cli", "env", "serve", "--transport", "openenv"]
    process = subprocess.Popen([*command, "--suite", "calendar", "--port", str(port)], stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base, process)
        with GenericEnvClient(base_url=base).sync() as client:
            assert client.reset(task_id=TEAM_SYNC).observation["instruction"] == TASKS[TEAM_SYNC].instruction
            assert play_oracle(client, TEAM_SYNC).reward == 1.0
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--transport", "openenv", "--suite", "calendar"], "needs a task provider"),  # env alone has none
        (["--transport", "http", "--suite", "calendar"], "over --transport openenv"),
    ],
)
def test_env_server_alone_refuses_task_episodes(arguments: list[str], message: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "env.server", *arguments], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2 and message in done.stderr


def test_guards_env_serve_refuses_a_missing_task_file() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "evals.cli", "env", "serve", "--transport", "openenv", "--tasks", "nope.yaml"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "nope.yaml" in done.stderr and "Traceback" not in done.stderr

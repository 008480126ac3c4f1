"""`guards ab` against a real OpenAI-compatible HTTP server: sampling settings, budgets, server probes.

The server (tests/agents/fake_openai.py) plays a scripted model; the client is the real
``langchain_openai.ChatOpenAI`` that ``llm:openai:<model> --base-url`` builds.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from evals.cli import app
from evals.episode import episode_seed
from evals.loader import load_suite
from evals.store import ResultStore
from tests.agents.fake_openai import FakeServer, Reply, call, serve

runner = CliRunner()
PROBE_QUESTION = "What is the weather in Paris?"


def tasks_file(tmp_path: Path, families: tuple[str, ...] = ("create_on_calendar", "share_calendar")) -> Path:
    """One pair of each of ``families`` from the bundled suite."""
    chosen: dict[str, str] = {}
    tasks = []
    for task in load_suite("calendar"):
        if task.family in families and chosen.setdefault(task.family, task.pair_id) == task.pair_id:
            tasks.append(task.model_dump(mode="json", exclude_defaults=True))
    path = tmp_path / "tasks.yaml"
    path.write_text(yaml.safe_dump(tasks, sort_keys=False))
    return path


def is_probe(body: dict[str, Any]) -> bool:
    return any(m.get("content") == PROBE_QUESTION for m in body.get("messages", []))


def keeps_listing(body: dict[str, Any]) -> Reply:
    """A model that never stops looking calendars up (a budget must end it)."""
    return {"content": "ok"} if is_probe(body) else call("calendars_list")


def ab(server: FakeServer, tmp_path: Path, *options: str) -> Any:
    args = ["ab", "--agent", "llm:openai:fake-model", "--base-url", server.url, "--trials", "1"]
    args += ["--tasks", str(tasks_file(tmp_path)), "--out", str(tmp_path / "out"), *options]
    return runner.invoke(app, args)


def stored(tmp_path: Path) -> tuple[dict[str, Any], list[Any]]:
    with ResultStore.in_dir(tmp_path / "out") as store:
        run = store.latest_run()
        assert run is not None
        return run.config, store.episodes(run.run_id)


def instruction_of(body: dict[str, Any]) -> str:
    return next(m["content"] for m in body["messages"] if m["role"] == "user")


def test_sampling_settings_reach_the_server_and_both_arms_share_the_seed(tmp_path: Path) -> None:
    with serve(FakeServer(keeps_listing)) as server:
        result = ab(server, tmp_path, "--temperature", "0.3", "--max-tokens", "64", "--max-steps", "3")
    assert result.exit_code == 0, result.output
    config, records = stored(tmp_path)
    episodes = [body for body in server.requests if not is_probe(body)]
    assert len(episodes) == 4 * 2 * 3  # 2 pairs (4 tasks) x 2 arms, 3 model turns each
    assert all(body["temperature"] == 0.3 for body in episodes)
    # as max_tokens, the name local servers read (langchain-openai alone sends max_completion_tokens)
    assert all(body["max_tokens"] == 64 for body in episodes)
    seeds: dict[str, set[int]] = defaultdict(set)
    for body in episodes:
        seeds[instruction_of(body)].add(body["seed"])
    by_instruction = {r.task_id: r for r in records}
    tasks = {t.instruction: t.id for t in load_suite("calendar") if t.id in by_instruction}
    assert {instruction: next(iter(s)) for instruction, s in seeds.items()} == {
        instruction: episode_seed(0, task_id, 0) for instruction, task_id in tasks.items()
    }  # one seed per task, the episode seed both arms share
    assert config["llm"]["honoured"] == {"temperature": True, "seed": True, "max_tokens": True}
    assert config["llm"]["temperature"] == 0.3 and config["max_steps"] == 3


def test_max_steps_ends_every_episode_and_is_recorded(tmp_path: Path) -> None:
    with serve(FakeServer(keeps_listing)) as server:
        result = ab(server, tmp_path, "--max-steps", "2", "--no-preflight")
    assert result.exit_code == 0, result.output
    _, records = stored(tmp_path)
    assert [(r.stop_reason, r.steps) for r in records] == [("max_steps", 2)] * 8
    assert not any(is_probe(body) for body in server.requests)


def test_wall_time_budget_ends_a_slow_model(tmp_path: Path) -> None:
    with serve(FakeServer(keeps_listing, delay_s=0.3)) as server:
        result = ab(server, tmp_path, "--max-wall-time", "0.5", "--max-steps", "40", "--no-preflight")
    assert result.exit_code == 0, result.output
    _, records = stored(tmp_path)
    assert {r.stop_reason for r in records} == {"max_wall_time"}
    assert all(1 <= r.steps < 10 for r in records)


def test_max_reasks_ends_a_guarded_episode_that_keeps_sending_a_blocked_call(tmp_path: Path) -> None:
    def broken_insert(body: dict[str, Any]) -> Reply:
        return call("events_insert", summary="Sync")  # no calendar, no times: blocked every time

    with serve(FakeServer(broken_insert)) as server:
        result = ab(server, tmp_path, "--max-reasks", "1", "--max-steps", "6", "--no-preflight")
    assert result.exit_code == 0, result.output
    config, records = stored(tmp_path)
    guarded = [r for r in records if r.arm == "guarded"]
    assert {r.stop_reason for r in guarded} == {"max_reasks"}
    assert all(r.steps == 2 for r in guarded)
    assert {r.stop_reason for r in records if r.arm == "raw"} == {"max_steps"}  # raw has no re-ask budget
    assert config["max_reasks"] == 1


def test_preflight_names_a_server_that_drops_the_tools(tmp_path: Path) -> None:
    with serve(FakeServer(keeps_listing, drop_tools=True)) as server:
        result = ab(server, tmp_path)
    assert result.exit_code == 2
    assert "dropped the tools" in result.output and "--jinja" in result.output
    assert "Traceback" not in result.output
    assert all(is_probe(body) for body in server.requests)  # no episode ran


def test_a_server_that_rejects_null_content_is_noted_and_episodes_still_run(tmp_path: Path) -> None:
    with serve(FakeServer(keeps_listing, reject_null_content=True)) as server:
        result = ab(server, tmp_path, "--max-steps", "2")
    assert result.exit_code == 0, result.output
    assert "HTTP 500" in result.output and "placeholder" in result.output
    _, records = stored(tmp_path)
    assert [(r.crashed, r.stop_reason) for r in records] == [(None, "max_steps")] * 8
    later = [body for body in server.requests if not is_probe(body) and len(body["messages"]) > 2]
    assistant = [m for body in later for m in body["messages"] if m["role"] == "assistant"]
    assert assistant and all(m["content"] == " " and m["tool_calls"] for m in assistant)


def test_preflight_notes_a_server_that_ignores_the_reply_limit(tmp_path: Path) -> None:
    with serve(FakeServer(keeps_listing, ignore_max_tokens=True)) as server:
        result = ab(server, tmp_path, "--max-steps", "1")
    assert result.exit_code == 0, result.output
    assert "ignored max_tokens=1 (it generated 7 tokens)" in result.output
    with serve(FakeServer(keeps_listing)) as server:
        result = ab(server, tmp_path, "--max-steps", "1", "--out", str(tmp_path / "again"))
    assert result.exit_code == 0 and "ignored max_tokens" not in result.output


def test_a_null_content_500_from_the_server_is_explained() -> None:
    from langchain_core.messages import AIMessage, HumanMessage

    from agents.servers import explain_server_error

    class Http500(Exception):
        status_code = 500

    textless = AIMessage(content="", tool_calls=[{"name": "calendars_list", "args": {}, "id": "c1"}])
    explained = explain_server_error(Http500("boom"), [HumanMessage("hi"), textless])
    assert explained is not None and "content is null" in str(explained)
    assert explain_server_error(Http500("boom"), [HumanMessage("hi")]) is None  # another 500: not ours


def test_unreachable_server_is_a_clear_error(tmp_path: Path) -> None:
    server = FakeServer(keeps_listing, url="http://127.0.0.1:9/v1")
    result = ab(server, tmp_path)
    assert result.exit_code == 2
    assert "cannot reach the model server" in result.output and "Traceback" not in result.output


def test_compact_family_prompt_is_smaller_and_still_binds_the_family_tools(tmp_path: Path) -> None:
    sizes = {}
    for mode in ("full", "compact"):
        with serve(FakeServer(keeps_listing)) as server:
            options = ["--max-steps", "1", "--no-preflight", "--out", str(tmp_path / mode)]
            if mode == "compact":
                options += ["--tool-descriptions", "compact", "--tools", "family"]
            result = ab(server, tmp_path, *options)
        assert result.exit_code == 0, result.output
        first = server.requests[0]
        sizes[mode] = server.prompt_tokens(first)
        shown = [tool["function"]["name"] for tool in first["tools"]]
        if mode == "compact":
            assert "events_insert" in shown and "calendars_list" in shown and "acl_insert" not in shown
            schemas = [t["function"]["parameters"] for t in first["tools"]]
            properties = [p for schema in schemas for p in schema["properties"].values()]
            assert properties and all("description" not in p for p in properties)
        else:
            assert len(shown) == 20
    assert sizes["compact"] * 5 < sizes["full"]
    with ResultStore.in_dir(tmp_path / "compact") as store:
        run = store.latest_run()
        assert run is not None and run.config["llm"]["tools"] == "family"
        assert json.dumps(run.config["llm"]["family_tools"]["create_on_calendar"]) == json.dumps(
            ["calendars_list", "events_insert", "events_list", "users_search"]
        )

"""The TRL integration: tool schemas as TRL builds them, and a whole episode through the factory class."""

from __future__ import annotations

import inspect
import json
from typing import Any

import pytest
from transformers.utils import get_json_schema

from env import CalendarEnv
from evals.rl import trl_dataset, trl_environment, trl_reward
from evals.rl.trl_env import completion_answer

TEAM_SYNC = "create_on_calendar-team-sync-natural"
WHEN = {"start": {"dateTime": "2026-03-10T14:00:00-04:00"}, "end": {"dateTime": "2026-03-10T14:30:00-04:00"}}
JSON_TYPES = {"string", "integer", "number", "boolean", "array", "object"}

RawEnv = trl_environment(suite="calendar")


def trl_tools(instance: Any) -> dict[str, Any]:
    """The methods TRL exposes as tools: public functions on the class except reset/get_reward."""
    return {
        name: getattr(instance, name)
        for name, _ in inspect.getmembers(type(instance), predicate=inspect.isfunction)
        if name not in ("reset", "get_reward") and not name.startswith("_")
    }


def test_every_tool_is_a_method_whose_schema_matches_the_environment() -> None:
    tools = trl_tools(RawEnv())
    specs = {spec.name: spec.input_schema for spec in CalendarEnv().tool_specs()}
    assert set(tools) == set(specs)
    for name, method in tools.items():
        schema = get_json_schema(method)["function"]
        parameters = schema["parameters"]
        expected = specs[name]
        assert schema["name"] == name
        assert schema["description"]
        assert set(parameters["properties"]) == set(expected.get("properties", {})), name
        assert set(parameters.get("required", [])) == set(expected.get("required", [])), name
        for field, got in parameters["properties"].items():
            want = expected["properties"][field]
            assert got["type"] == want["type"] and got["type"] in JSON_TYPES, (name, field)
            assert got.get("enum") == want.get("enum"), (name, field)
            assert got["description"], (name, field)
            if want["type"] == "object" and want.get("properties"):
                assert all(key in got["description"] for key in want["properties"]), (name, field)


def test_dataset_rows_carry_the_prompt_task_and_seed() -> None:
    rows = trl_dataset(suite="calendar", repeat=2, seed=4)
    assert len(rows) == 2 * len(RawEnv._tasks)
    first = next(row for row in rows if row["task_id"] == TEAM_SYNC)
    system, user = first["prompt"]
    assert system["role"] == "system" and "acting on behalf of ana@acme.com" in system["content"]
    assert user == {"role": "user", "content": ""}  # TRL appends reset()'s instruction here
    seeds = [row["seed"] for row in rows if row["task_id"] == TEAM_SYNC]
    rerun = trl_dataset(suite="calendar", repeat=2, seed=4)
    again = [row["seed"] for row in rerun if row["task_id"] == TEAM_SYNC]
    assert len(set(seeds)) == 2 and seeds == again  # one world per repeat, the same on every call


def test_a_whole_episode_through_the_factory_class_by_hand() -> None:
    row = next(r for r in trl_dataset(suite="calendar") if r["task_id"] == TEAM_SYNC)
    env = RawEnv()
    instruction = env.reset(**row)  # TRL passes every column, the prompt included
    assert instruction == "Add a 30-minute sync to the team calendar tomorrow at 2pm."
    listing = json.loads(env.calendars_list())
    team = next(item["id"] for item in listing["items"] if item["summary"] == "Team")
    created = json.loads(env.events_insert(calendarId=team, summary="Sync", description=None, **WHEN))
    assert created["calendarId"] == team and "description" not in created  # null meant "not given"
    completion = [
        {"role": "assistant", "tool_calls": [{"type": "function", "function": {"name": "calendars_list"}}]},
        {"role": "tool", "name": "calendars_list", "content": "..."},
        {"role": "assistant", "content": "Added 'Sync' to the Team calendar."},
    ]
    assert trl_reward([env], [completion]) == [1.0]
    assert env.episode.grade_result is not None and env.episode.grade_result.passed

    again = RawEnv()
    again.reset(**row)
    again.events_insert(calendarId="Team", summary="Sync", **WHEN)  # a name is not an ID: not found
    assert trl_reward([again], [[{"role": "assistant", "content": "Done."}]]) == [0.0]


def test_guarded_and_shaped_episodes_through_the_factory() -> None:
    guarded = trl_environment(suite="calendar", guarded=True, reward="shaped")()
    guarded.reset(task_id=TEAM_SYNC, seed=1)
    created = json.loads(guarded.events_insert(calendarId="Team", summary="Sync", **WHEN))
    assert created["calendarId"].startswith("c_")  # the guard resolved the name
    reward = trl_reward([guarded], [[{"role": "assistant", "content": "Added 'Sync' to the Team calendar."}]])
    assert reward == [pytest.approx(0.98)]  # passed, less the repair


def test_tools_after_a_budget_ran_out_say_so() -> None:
    env = trl_environment(suite="calendar", max_steps=1)()
    env.reset(task_id=TEAM_SYNC)
    env.calendars_list()
    over = json.loads(env.calendars_list())
    assert over["ok"] is False and over["error_type"] == "episode_over"
    assert env.episode.truncated
    assert trl_reward([env], [[{"role": "assistant", "content": "Done."}]]) == [0.0]


def test_the_answer_is_the_last_assistant_message() -> None:
    assert completion_answer("plain text") == "plain text"
    assert completion_answer([{"role": "assistant", "content": [{"type": "text", "text": "Hi"}]}]) == "Hi"
    ends_on_a_call = [{"role": "assistant", "content": "x", "tool_calls": [{"type": "function"}]}]
    assert completion_answer(ends_on_a_call) == ""
    assert completion_answer([]) == ""


def test_a_tool_subset_offers_only_those_tools() -> None:
    subset = trl_environment(suite="calendar", tools=["calendars_list", "events_insert"])()
    assert set(trl_tools(subset)) == {"calendars_list", "events_insert"}
    with pytest.raises(ValueError, match="unknown tools teleport"):
        trl_environment(suite="calendar", tools=["teleport"])

"""TaskEnv's episode contract: reset, tool-call turns, the final answer, budgets, rewards, errors."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage

from env import CalendarEnv
from env import MCPAction as SandboxAction
from evals.rl import MCPAction, RewardConfig, TaskEnv, TaskEnvError

TEAM_SYNC = "create_on_calendar-team-sync-natural"
TEAM_ID = "c_d25187dc137f35c88bc8@group.calendar.acme.com"
ANSWER = "Added 'Sync' to the Team calendar."


def insert(calendar: str) -> MCPAction:
    args = {
        "calendarId": calendar,
        "summary": "Sync",
        "start": {"dateTime": "2026-03-10T14:00:00-04:00"},
        "end": {"dateTime": "2026-03-10T14:30:00-04:00"},
    }
    return MCPAction(action_type="ToolCallAction", tool_name="events_insert", arguments=args)


def answer(text: str = ANSWER) -> MCPAction:
    return MCPAction(action_type="FinalAnswerAction", answer=text)


@pytest.fixture(scope="module")
def raw() -> TaskEnv:
    return TaskEnv(suite="calendar")


def test_reset_gives_the_instruction_tools_and_task(raw: TaskEnv) -> None:
    first = raw.reset(task_id=TEAM_SYNC, seed=3)
    observation = first.observation
    assert observation.instruction == "Add a 30-minute sync to the team calendar tomorrow at 2pm."
    assert "acting on behalf of ana@acme.com" in (observation.system_prompt or "")
    assert {t["name"] for t in observation.tools_list or []} == {s.name for s in CalendarEnv().tool_specs()}
    assert observation.metadata["task_id"] == TEAM_SYNC
    assert observation.metadata["family"] == "create_on_calendar"
    assert observation.metadata["timezone"] == "America/New_York"
    assert first.done is False and first.reward is None and raw.seed == 3


def test_a_tool_call_turn_returns_what_the_environment_returns(raw: TaskEnv) -> None:
    raw.reset(task_id=TEAM_SYNC, seed=3)
    step = raw.step(MCPAction(action_type="ToolCallAction", tool_name="calendars_list", arguments={}))
    expected = CalendarEnv(actor="ana@acme.com").call_tool("calendars_list", {})
    assert step.observation.tool_result == expected
    assert step.observation.tool_results == [expected]
    assert step.reward == 0.0 and not step.done and step.observation.success
    assert step.observation.metadata["step_count"] == 1


def test_the_final_answer_ends_the_episode_with_the_grade(raw: TaskEnv) -> None:
    raw.reset(task_id=TEAM_SYNC, seed=3)
    assert raw.step(insert(TEAM_ID)).reward == 0.0
    last = raw.step(answer())
    assert last.done and not last.truncated
    assert last.reward == 1.0 and last.observation.reward == 1.0
    assert last.observation.metadata["grade"] == {"passed": True, "failure_kind": None, "failures": []}
    assert raw.step_rewards == [0.0, 1.0] and raw.episode_return == 1.0
    with pytest.raises(TaskEnvError, match="episode is over"):
        raw.step(answer())


def test_a_wrong_episode_earns_nothing_and_says_why(raw: TaskEnv) -> None:
    raw.reset(task_id=TEAM_SYNC, seed=3)
    last = raw.step(answer("I did it."))  # nothing was written
    assert last.done and last.reward == 0.0
    assert last.observation.metadata["grade"]["failure_kind"] == "missing_write"


def test_raw_mode_returns_errors_verbatim_and_shaping_charges_them() -> None:
    env = TaskEnv(suite="calendar", reward="shaped")
    env.reset(task_id=TEAM_SYNC, seed=3)
    step = env.step(insert("Team"))
    assert not step.observation.success
    assert step.observation.tool_result is not None
    assert step.observation.tool_result["error_type"] == "not_found_error"
    assert step.reward == pytest.approx(-0.05)
    assert step.observation.metadata["reward_terms"] == [
        {"name": "error:not_found_error", "count": 1, "weight": -0.05, "value": -0.05}
    ]
    assert env.step(insert(TEAM_ID)).reward == 0.0
    assert env.step(answer()).reward == 1.0
    assert env.episode_return == pytest.approx(0.95)


def test_guarded_mode_repairs_the_call_and_shaping_charges_the_repair() -> None:
    env = TaskEnv(suite="calendar", guarded=True, reward="shaped")
    env.reset(task_id=TEAM_SYNC, seed=3)
    step = env.step(insert("Team"))  # a name where an ID belongs: the guard looks it up
    assert step.observation.success
    assert step.observation.tool_result is not None and step.observation.tool_result["calendarId"] == TEAM_ID
    kinds = [i["kind"] for i in step.observation.metadata["interventions"]]
    assert "reference_resolved" in kinds
    assert step.reward == pytest.approx(-0.02)
    assert env.step(answer()).reward == 1.0
    assert env.episode_return == pytest.approx(0.98)
    sent = env.chat_messages()[2]["tool_calls"][0]["function"]
    assert sent["arguments"]["calendarId"] == TEAM_ID  # the call as it ran (the guard as teacher)
    assert "id" not in sent["arguments"]  # without the guard's own idempotency key


def test_the_step_budget_truncates_and_grades_the_world_as_it_is() -> None:
    env = TaskEnv(suite="calendar", max_steps=2)
    env.reset(task_id=TEAM_SYNC, seed=3)
    calls = MCPAction(action_type="ToolCallAction", tool_name="calendars_list", arguments={})
    assert not env.step(calls).done
    last = env.step(calls)
    assert last.done and last.truncated and last.observation.truncated
    assert last.reward == 0.0
    assert last.observation.metadata["stop_reason"] == "max_steps"


def test_a_budget_does_not_take_away_a_finished_write() -> None:
    env = TaskEnv(suite="calendar", max_steps=1)
    env.reset(task_id="create_on_calendar-team-sync-explicit", seed=3)
    last = env.step(insert(TEAM_ID))
    assert last.done and last.truncated and last.reward == 1.0  # the write was made; only the answer is not


def test_a_whole_assistant_turn_with_two_calls_is_one_step(raw: TaskEnv) -> None:
    raw.reset(task_id=TEAM_SYNC, seed=3)
    calls = [
        {"name": "calendars_list", "args": {}, "id": "a", "type": "tool_call"},
        {"name": "settings_get", "args": {"setting": "timezone"}, "id": "b", "type": "tool_call"},
    ]
    step = raw.act(AIMessage(content="", tool_calls=calls))
    assert len(step.observation.tool_results) == 2
    assert step.observation.tool_results[1]["value"] == "America/New_York"
    assert step.observation.metadata["step_count"] == 1
    assert raw.step(AIMessage(content=ANSWER)).done


def test_reset_without_a_task_draws_one_reproducibly() -> None:
    first, second = TaskEnv(suite="calendar"), TaskEnv(suite="calendar")
    drawn = [first.reset(seed=11).observation.metadata["task_id"] for _ in range(3)]
    again = [second.reset(seed=11).observation.metadata["task_id"] for _ in range(3)]
    assert drawn == again and set(drawn) <= set(first.task_ids)
    unseeded = [TaskEnv(suite="calendar", seed=5).reset().observation.metadata["task_id"] for _ in range(2)]
    assert unseeded[0] == unseeded[1]


def test_bad_requests_are_structured_errors(raw: TaskEnv) -> None:
    fresh = TaskEnv(suite="calendar")
    with pytest.raises(TaskEnvError, match=r"call reset\(\) first") as before:
        fresh.step(answer())
    assert before.value.field == "action"
    with pytest.raises(TaskEnvError, match="did you mean create_on_calendar-team-sync-natural") as unknown:
        raw.reset(task_id="create_on_calendar-team-sync-natrual")
    assert unknown.value.field == "task_id"
    with pytest.raises(ValueError, match="needs an answer"):
        MCPAction(action_type="FinalAnswerAction")
    with pytest.raises(ValueError, match="takes no answer"):
        MCPAction(action_type="ToolCallAction", tool_name="calendars_list", answer="x")
    with pytest.raises(TaskEnvError, match="suite or a task file"):
        TaskEnv(suite="calendar", tasks=[])


def test_sandbox_actions_and_dicts_are_accepted(raw: TaskEnv) -> None:
    raw.reset(task_id=TEAM_SYNC, seed=3)
    tools = raw.step(SandboxAction(action_type="ListToolsAction"))
    assert len(tools.observation.tools_list or []) == len(CalendarEnv().tool_specs())
    assert tools.observation.metadata["step_count"] == 0  # listing the tools is not a turn
    as_dict = raw.step({"action_type": "FinalAnswerAction", "answer": ANSWER})
    assert as_dict.done and as_dict.reward == 0.0


def test_reward_config_weights_are_configurable() -> None:
    strict = RewardConfig(mode="shaped", error_penalties={"not_found_error": -0.5}, success=2.0)
    env = TaskEnv(suite="calendar", reward=strict)
    env.reset(task_id=TEAM_SYNC, seed=3)
    assert env.step(insert("Team")).reward == -0.5
    env.step(insert(TEAM_ID))
    assert env.step(answer()).reward == 2.0 and env.episode_return == 1.5
    with pytest.raises(ValueError, match="unknown reward mode"):
        RewardConfig(mode="dense")  # type: ignore[arg-type]


def test_every_episode_has_its_own_id_even_with_the_same_seed() -> None:
    first, second = TaskEnv(suite="calendar"), TaskEnv(suite="calendar")
    ids = {env.reset(task_id=TEAM_SYNC, seed=3).observation.metadata["episode_id"] for env in (first, second)}
    ids.add(first.reset(task_id=TEAM_SYNC, seed=3).observation.metadata["episode_id"])
    assert len(ids) == 3

"""Budgets end episodes; transient failures are retried without ever duplicating a write."""

from __future__ import annotations

from typing import Any

from langchain_core.messages import HumanMessage

from env import CalendarEnv
from env.faults import FaultConfig
from guards.graph import Budgets, build_guarded_agent, build_raw_agent
from tests.graph.conftest import added_events, calendar_id, guard_settings
from tests.graph.scripted import call, scripted

REQUEST = "Put an 'Arch sync' on the Engineering calendar tomorrow from 2 to 3pm."
UNNAMED = "Put an 'Arch sync' on the shared calendar tomorrow from 2 to 3pm."
"""A calendar spoken of, none named: a placeholder stays a mistake the guard cannot fill."""


def insert(calendar: str) -> dict[str, Any]:
    return call(
        "events_insert",
        calendarId=calendar,
        summary="Arch sync",
        start={"dateTime": "2026-03-10T14:00:00-04:00"},
        end={"dateTime": "2026-03-10T15:00:00-04:00"},
    )


def no_sleep(seconds: float) -> None:
    """Retries in tests must not wait for real."""


def test_step_budget_ends_a_looping_agent(env: CalendarEnv) -> None:
    model = scripted(*[[call("calendars_list")] for _ in range(10)])
    graph = build_guarded_agent(
        model, env.langchain_tools(), "calendar", budgets=Budgets(max_steps=3), **guard_settings(env)
    )
    final = graph.invoke({"messages": [HumanMessage(REQUEST)]})
    assert final["stop_reason"] == "max_steps"
    assert final["steps"] == 3 and final["tool_calls"] == 3


def test_reask_budget_ends_an_agent_that_keeps_making_the_same_mistake(env: CalendarEnv) -> None:
    before = env.snapshot()
    model = scripted(*[[insert("your_calendar_id")] for _ in range(10)])
    graph = build_guarded_agent(
        model, env.langchain_tools(), "calendar", budgets=Budgets(max_reasks=2), **guard_settings(env)
    )
    final = graph.invoke({"messages": [HumanMessage(UNNAMED)]})
    assert final["stop_reason"] == "max_reasks"
    assert final["reasks"] == 2 and final["steps"] == 3
    assert added_events(env, before) == [] and final["tool_calls"] == 0
    assert final["errors"] == {"validation_error": 3}


def test_per_call_reask_budget_turns_the_error_final(env: CalendarEnv) -> None:
    model = scripted(*[[insert("your_calendar_id")] for _ in range(3)], "Giving up.")
    graph = build_guarded_agent(
        model,
        env.langchain_tools(),
        "calendar",
        budgets=Budgets(max_reasks=10, max_reasks_per_call=2),
        **guard_settings(env),
    )
    final = graph.invoke({"messages": [HumanMessage(UNNAMED)]})
    last_error = final["messages"][-2]
    assert '"stop": true' in last_error.text
    assert final["reasks"] == 2 and final["stop_reason"] == "answered"


def test_timed_out_write_is_retried_once_and_never_duplicated() -> None:
    """Every insert is applied and then reported as a timeout; the agent itself also tries twice.

    The raw agent ends with two copies of the event. The guarded agent retries with the idempotency
    key it added, learns that the first attempt applied, and the agent's own repeat is recognised as
    the same write: one event.
    """
    faults = FaultConfig(timeout_after_write=1.0, tools=frozenset({"events_insert"}))
    raw_env = CalendarEnv(faults=faults)
    engineering = calendar_id(raw_env, "Engineering")
    raw_before = raw_env.snapshot()
    build_raw_agent(
        scripted([insert(engineering)], [insert(engineering)], "Done."), raw_env.langchain_tools()
    ).invoke({"messages": [HumanMessage(REQUEST)]})
    assert len(added_events(raw_env, raw_before)) == 2

    env = CalendarEnv(faults=faults)
    before = env.snapshot()
    graph = build_guarded_agent(
        scripted([insert(engineering)], [insert(engineering)], "Done."),
        env.langchain_tools(),
        "calendar",
        retry_sleep=no_sleep,
        **guard_settings(env),
    )
    final = graph.invoke({"messages": [HumanMessage(REQUEST)]})
    assert len(added_events(env, before)) == 1
    assert final["retries"] >= 1
    assert any(i["kind"] == "retry" for i in final["interventions"])


def test_rate_limited_reads_are_retried_until_they_succeed() -> None:
    env = CalendarEnv(faults=FaultConfig(rate_limit=0.5, seed=3, tools=frozenset({"events_list"})))
    waits: list[float] = []
    engineering = calendar_id(env, "Engineering")
    model = scripted(*[[call("events_list", calendarId=engineering)] for _ in range(4)], "Listed.")
    graph = build_guarded_agent(
        model,
        env.langchain_tools(),
        "calendar",
        budgets=Budgets(max_retries=10),
        retry_sleep=waits.append,
        **guard_settings(env),
    )
    final = graph.invoke({"messages": [HumanMessage(REQUEST)]})
    listings = [m for m in final["messages"] if m.type == "tool"]
    assert all(m.status == "success" for m in listings)
    assert final["retries"] == len(waits) >= 1
    assert all(wait >= 1.0 for wait in waits), "the server's retry_after is honoured"


def test_wall_time_budget_stops_before_the_next_model_turn(env: CalendarEnv) -> None:
    model = scripted("never asked")
    graph = build_guarded_agent(
        model, env.langchain_tools(), "calendar", budgets=Budgets(max_wall_time_s=0.0), **guard_settings(env)
    )
    final = graph.invoke({"messages": [HumanMessage(REQUEST)]})
    assert final["stop_reason"] == "max_wall_time" and final["steps"] == 0
    assert model.seen == []

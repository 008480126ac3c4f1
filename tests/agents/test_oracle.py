from __future__ import annotations

import pytest

from agents import build_agent_factory
from agents.base import PlanStepSpec
from tests.agents.conftest import TEAM, final_text, make_spec, run_graph, tool_calls_of


@pytest.mark.parametrize("arm", ["raw", "guarded"])
def test_oracle_executes_the_gold_plan_with_resolved_references(env, arm: str) -> None:
    spec = make_spec(env)
    model = build_agent_factory("oracle")(spec, seed=0, env=env)
    before = env.snapshot()
    state = run_graph(model, env, spec, arm)
    calls = tool_calls_of(state)
    assert [name for name, _ in calls] == ["calendars_list", "events_insert", "events_patch"]
    assert calls[1][1]["calendarId"] == TEAM
    created = [c for c in env.diff(before, env.snapshot()).changes if c.resource == "event"]
    assert len(created) == 1
    assert created[0].after is not None
    assert created[0].after["summary"] == "Sync"
    assert created[0].after["location"] == "Room 4"
    assert calls[2][1]["eventId"] == created[0].after["id"]
    assert final_text(state) == spec.final_answer


def test_oracle_answers_directly_when_the_plan_is_only_a_refusal(env) -> None:
    spec = make_spec(env, plan=(PlanStepSpec("calendars_list", {}, "cals"),), final_answer="You lack access.")
    state = run_graph(build_agent_factory("oracle")(spec, seed=0, env=env), env, spec)
    assert [name for name, _ in tool_calls_of(state)] == ["calendars_list"]
    assert final_text(state) == "You lack access."


def test_oracle_reports_a_reference_it_cannot_resolve(env) -> None:
    plan = (
        PlanStepSpec("calendars_list", {}, "cals"),
        PlanStepSpec("calendars_get", {"calendarId": "$cals.items[summary=No Such].id"}),
    )
    spec = make_spec(env, plan=plan)
    state = run_graph(build_agent_factory("oracle")(spec, seed=0, env=env), env, spec)
    assert len(tool_calls_of(state)) == 1
    assert "could not complete" in final_text(state)
    assert "No Such" in final_text(state)

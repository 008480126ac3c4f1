"""Checkpointers (a real SQLite file), human-in-the-loop interrupts, and resuming in new graph instances."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from langchain_core.messages import HumanMessage
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.checkpoint.sqlite import SqliteSaver
from langgraph.types import Command

from env import CalendarEnv
from guards.graph import Budgets, build_guarded_agent
from tests.graph.conftest import added_events, calendar_id, guard_settings
from tests.graph.scripted import call, scripted

REQUEST = "Invite Dana to an 'Arch sync' on the Engineering calendar tomorrow from 2 to 3pm."


def insert_with(**overrides: Any) -> dict[str, Any]:
    args = {
        "calendarId": "Engineering",
        "summary": "Arch sync",
        "start": {"dateTime": "2026-03-10T14:00:00-04:00"},
        "end": {"dateTime": "2026-03-10T15:00:00-04:00"},
    }
    return call("events_insert", **{**args, **overrides})


def sqlite_saver(path: Path) -> SqliteSaver:
    return SqliteSaver(sqlite3.connect(str(path), check_same_thread=False))


def test_stop_before_tools_and_resume_from_sqlite_in_a_new_graph(env: CalendarEnv, tmp_path: Path) -> None:
    db = tmp_path / "checkpoints.sqlite"
    before = env.snapshot()
    thread = {"configurable": {"thread_id": "episode-1"}}
    first = build_guarded_agent(
        scripted([insert_with()], "never used"),
        env.langchain_tools(),
        "calendar",
        checkpointer=sqlite_saver(db),
        interrupt_before=["tools"],
        **guard_settings(env),
    )
    paused = first.invoke({"messages": [HumanMessage(REQUEST)]}, thread)
    assert added_events(env, before) == [], "stopped before the tools ran"
    [record] = paused["pending"]
    assert record["status"] == "passed"
    assert record["args"]["calendarId"] == calendar_id(env, "Engineering")
    assert paused["steps"] == 1 and paused["lookups"] >= 1

    # A different process would have nothing but the file: a new saver, graph and model.
    resumed = build_guarded_agent(
        scripted("Added."),
        env.langchain_tools(),
        "calendar",
        checkpointer=sqlite_saver(db),
        **guard_settings(env),
    )
    final = resumed.invoke(None, thread)
    [event] = added_events(env, before)
    assert event["calendarId"] == calendar_id(env, "Engineering")
    assert final["messages"][-1].content == "Added."
    assert final["steps"] == 2 and final["tool_calls"] == 1 and final["stop_reason"] == "answered"
    assert final["guard_context"] == paused["guard_context"]
    assert final["episode_id"] == "episode-1"


def test_step_budget_stops_the_episode_and_a_new_budget_finishes_it(env: CalendarEnv, tmp_path: Path) -> None:
    db = tmp_path / "checkpoints.sqlite"
    thread = {"configurable": {"thread_id": "budgeted"}}
    before = env.snapshot()
    model = scripted([call("calendars_list")], [insert_with()], "Added.")
    small = build_guarded_agent(
        model,
        env.langchain_tools(),
        "calendar",
        budgets=Budgets(max_steps=1),
        checkpointer=sqlite_saver(db),
        **guard_settings(env),
    )
    stopped = small.invoke({"messages": [HumanMessage(REQUEST)]}, thread)
    assert stopped["stop_reason"] == "max_steps" and stopped["steps"] == 1
    assert added_events(env, before) == []

    larger = build_guarded_agent(
        model,
        env.langchain_tools(),
        "calendar",
        budgets=Budgets(max_steps=5),
        checkpointer=sqlite_saver(db),
        **guard_settings(env),
    )
    final = larger.invoke({"messages": []}, thread)
    assert final["stop_reason"] == "answered" and final["steps"] == 3
    assert len(added_events(env, before)) == 1


def test_ambiguous_reference_interrupts_and_resumes_with_the_chosen_id(env: CalendarEnv) -> None:
    before = env.snapshot()
    thread = {"configurable": {"thread_id": "ask"}}
    graph = build_guarded_agent(
        scripted([insert_with(attendees=[{"email": "Dana"}])], "Invited."),
        env.langchain_tools(),
        "calendar",
        ask_human=True,
        checkpointer=InMemorySaver(),
        **guard_settings(env),
    )
    paused = graph.invoke({"messages": [HumanMessage(REQUEST)]}, thread)
    [question] = paused["__interrupt__"]
    assert question.value["type"] == "ambiguous_reference"
    assert question.value["field"] == "attendees[0].email"
    assert {c["id"] for c in question.value["candidates"]} == {"dana.kim@acme.com", "dana.reyes@acme.com"}
    assert added_events(env, before) == []

    final = graph.invoke(Command(resume="dana.reyes@acme.com"), thread)
    [event] = added_events(env, before)
    assert [a["email"] for a in event["attendees"]] == ["dana.reyes@acme.com"]
    assert final["blocked"] == []
    choice = [i for i in final["interventions"] if i["kind"] == "human_choice"]
    assert choice[0]["before"] == "Dana" and choice[0]["after"] == "dana.reyes@acme.com"


def test_a_declined_choice_goes_back_to_the_agent_as_the_ambiguity_error(env: CalendarEnv) -> None:
    before = env.snapshot()
    thread = {"configurable": {"thread_id": "declined"}}
    graph = build_guarded_agent(
        scripted([insert_with(attendees=[{"email": "Dana"}])], "Which Dana did you mean?"),
        env.langchain_tools(),
        "calendar",
        ask_human=True,
        checkpointer=InMemorySaver(),
        **guard_settings(env),
    )
    graph.invoke({"messages": [HumanMessage(REQUEST)]}, thread)
    final = graph.invoke(Command(resume=""), thread)
    assert added_events(env, before) == []
    assert final["blocked"][0]["error"]["error_type"] == "ambiguous_reference"
    assert final["messages"][-1].content == "Which Dana did you mean?"


def test_a_chosen_id_is_checked_again_by_the_guard(env: CalendarEnv) -> None:
    """A human's answer is not trusted blindly: an ID the actor cannot see is still refused."""
    before = env.snapshot()
    thread = {"configurable": {"thread_id": "bad-choice"}}
    graph = build_guarded_agent(
        scripted([insert_with(attendees=[{"email": "Dana"}])], "Sorry."),
        env.langchain_tools(),
        "calendar",
        ask_human=True,
        checkpointer=InMemorySaver(),
        **guard_settings(env),
    )
    graph.invoke({"messages": [HumanMessage(REQUEST)]}, thread)
    final = graph.invoke(Command(resume="nobody-by-that-name"), thread)
    assert added_events(env, before) == []
    assert final["blocked"][0]["error"]["error_type"] in {"not_found_error", "validation_error"}


async def test_interrupt_and_resume_with_async_invocation(env: CalendarEnv) -> None:
    before = env.snapshot()
    thread = {"configurable": {"thread_id": "async-ask"}}
    graph = build_guarded_agent(
        scripted([insert_with(attendees=[{"email": "Dana"}])], "Invited."),
        env.langchain_tools(),
        "calendar",
        ask_human=True,
        checkpointer=InMemorySaver(),
        **guard_settings(env),
    )
    paused = await graph.ainvoke({"messages": [HumanMessage(REQUEST)]}, thread)
    assert paused["__interrupt__"][0].value["value"] == "Dana"
    await graph.ainvoke(Command(resume={"id": "dana.kim@acme.com"}), thread)
    [event] = added_events(env, before)
    assert [a["email"] for a in event["attendees"]] == ["dana.kim@acme.com"]


def test_the_guard_context_can_be_given_per_run_in_the_input_state(env: CalendarEnv) -> None:
    """One compiled graph serves many episodes: each input may carry its own clock, zone and actor."""
    graph = build_guarded_agent(scripted("Nothing to do."), env.langchain_tools(), "calendar")
    context = {"now": "2026-03-09T09:00:00-04:00", "timezone": "America/New_York", "actor": "ana@acme.com"}
    final = graph.invoke({"messages": [HumanMessage("hi")], "guard_context": context})
    assert final["guard_context"] == context

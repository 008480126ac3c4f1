"""The ``answer`` node: an answer that claims a change no write made goes back to the agent, once."""

from __future__ import annotations

import json
from typing import Any

from langchain_core.messages import AIMessage, HumanMessage, ToolMessage

from env import CalendarEnv
from guards import load_pack
from guards.graph import answer_error, build_guarded_agent
from guards.graph.episode import is_guard_feedback, user_messages
from tests.graph.conftest import calendar_id, guard_settings
from tests.graph.scripted import FakeToolCallingModel, call, scripted

REQUEST = "Cancel the Sprint Demo on the Team calendar."
SPRINT_DEMO = "6879abe6c384eaa26ad0de44"
CLAIM = "Deleted 'Sprint Demo'."


def _run(env: CalendarEnv, model: FakeToolCallingModel, **options: Any) -> dict[str, Any]:
    graph = build_guarded_agent(model, env.langchain_tools(), "calendar", **guard_settings(env), **options)
    return graph.invoke({"messages": [HumanMessage(REQUEST)]}, {"recursion_limit": 50})


def _read(env: CalendarEnv) -> dict[str, Any]:
    return call("events_get", calendarId=calendar_id(env, "Team"), eventId=SPRINT_DEMO)


def _delete(env: CalendarEnv) -> dict[str, Any]:
    return call("events_delete", calendarId=calendar_id(env, "Team"), eventId=SPRINT_DEMO)


def _exists(env: CalendarEnv) -> bool:
    items = env.call_tool("events_list", {"calendarId": calendar_id(env, "Team")})["items"]
    return any(item["id"] == SPRINT_DEMO for item in items)


def _checks(state: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for i in state["interventions"] if i["kind"] == "answer_check"]


def test_a_claim_after_only_a_read_goes_back_and_the_agent_makes_the_change(env: CalendarEnv) -> None:
    model = scripted([_read(env)], CLAIM, [_delete(env)], CLAIM)
    state = _run(env, model)

    assert not _exists(env)
    assert state["stop_reason"] == "answered"
    assert state["messages"][-1].content == CLAIM
    (check,) = _checks(state)
    assert check["before"] == CLAIM and check["stage"] == "answer"
    feedback = model.seen[2][-1]
    assert is_guard_feedback(feedback)
    error = json.loads(str(feedback.content))
    assert error["error_type"] == "precondition_error"
    assert error["details"]["reason"] == "claimed_not_done"
    assert error["details"]["use_tool"] == "events_delete"
    assert state["reasks"] == 1 and state["errors"] == {"precondition_error": 1}
    assert user_messages(state["messages"]) == [REQUEST]


def test_an_agent_that_says_the_same_again_ends_with_its_answer(env: CalendarEnv) -> None:
    model = scripted([_read(env)], CLAIM, CLAIM)
    state = _run(env, model)

    assert _exists(env)
    assert len(_checks(state)) == 1
    assert state["messages"][-1].content == CLAIM
    assert state["stop_reason"] == "answered"


def test_a_claim_a_write_made_passes_untouched(env: CalendarEnv) -> None:
    model = scripted([_delete(env)], CLAIM)
    state = _run(env, model)

    assert not _exists(env)
    assert _checks(state) == [] and state["reasks"] == 0
    assert not any(is_guard_feedback(m) for m in state["messages"])


def test_an_answer_that_claims_nothing_passes(env: CalendarEnv) -> None:
    model = scripted([_read(env)], "The Sprint Demo is scheduled for Friday at 2pm; shall I cancel it?")
    assert _checks(_run(env, model)) == []


def test_the_check_can_be_turned_off(env: CalendarEnv) -> None:
    model = scripted([_read(env)], CLAIM)
    state = _run(env, model, check_answers=False)
    assert _checks(state) == [] and _exists(env)


def test_answer_error_reads_a_conversation_from_any_agent(env: CalendarEnv) -> None:
    """For agents built without the guarded graph: the same check over plain LangChain messages."""
    pack = load_pack("calendar")

    def conversation(tool_call: dict[str, Any]) -> list[Any]:
        result = env.call_tool(tool_call["name"], tool_call["args"])
        return [
            HumanMessage(REQUEST),
            AIMessage("", tool_calls=[tool_call]),
            ToolMessage(json.dumps(result or {}), tool_call_id=tool_call["id"]),
            AIMessage(CLAIM),
        ]

    error = answer_error(conversation(_read(env)), pack)
    assert error is not None and error["details"]["reason"] == "claimed_not_done"
    assert answer_error(conversation(_delete(env)), pack) is None

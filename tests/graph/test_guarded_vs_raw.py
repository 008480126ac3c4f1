"""Guarded vs raw graphs against the real bundled calendar: the final world state decides.

Each scenario is a scripted model making one realistic mistake, run once through
``build_guarded_agent`` and once through ``build_raw_agent`` on fresh worlds.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from langchain_core.messages import HumanMessage, ToolMessage

from env import CalendarEnv
from guards import load_pack
from guards.graph import STATE_KEYS, build_guarded_agent, build_raw_agent
from guards.pack import UserSettingsSpec
from tests.graph.conftest import added_events, calendar_id, guard_settings
from tests.graph.scripted import FakeToolCallingModel, call, scripted

TUESDAY_2PM = "2026-03-10T14:00:00-04:00"
TUESDAY_3PM = "2026-03-10T15:00:00-04:00"


def run(env: CalendarEnv, model: FakeToolCallingModel, request: str, *, guarded: bool) -> dict[str, Any]:
    tools = env.langchain_tools()
    if guarded:
        graph = build_guarded_agent(model, tools, "calendar", **guard_settings(env))
    else:
        graph = build_raw_agent(model, tools)
    return graph.invoke({"messages": [HumanMessage(request)]})


def insert(**overrides: Any) -> dict[str, Any]:
    args = {
        "calendarId": "Engineering",
        "summary": "Arch sync",
        "start": {"dateTime": TUESDAY_2PM},
        "end": {"dateTime": TUESDAY_3PM},
    }
    args.update(overrides)
    return call("events_insert", **args)


REPAIRABLE = {
    "calendar_name_for_id": (
        "Put an 'Arch sync' on the Engineering calendar tomorrow from 2 to 3pm.",
        insert(),
    ),
    "flat_start_and_end": (
        "Put an 'Arch sync' on the Engineering calendar tomorrow from 2 to 3pm.",
        insert(start=TUESDAY_2PM, end=TUESDAY_3PM),
    ),
    "us_format_naive_datetime": (
        "Put an 'Arch sync' on the Engineering calendar on 03/17/2026 from 2:00 PM to 3:00 PM.",
        insert(start={"dateTime": "03/17/2026 2:00 PM"}, end={"dateTime": "03/17/2026 3:00 PM"}),
    ),
}
EXPECTED_START = {"us_format_naive_datetime": "2026-03-17T14:00:00-04:00"}
EXPECTED_END = {"us_format_naive_datetime": "2026-03-17T15:00:00-04:00"}


@pytest.mark.parametrize("scenario", sorted(REPAIRABLE))
def test_guarded_graph_succeeds_where_raw_fails(scenario: str) -> None:
    request, mistake = REPAIRABLE[scenario]

    raw_env = CalendarEnv()
    before = raw_env.snapshot()
    raw = run(raw_env, scripted([mistake], "Done."), request, guarded=False)
    assert added_events(raw_env, before) == []
    assert sum(raw["errors"].values()) == 1

    env = CalendarEnv()
    before = env.snapshot()
    final = run(env, scripted([mistake], "Done."), request, guarded=True)
    [event] = added_events(env, before)
    assert event["calendarId"] == calendar_id(env, "Engineering")
    assert event["summary"] == "Arch sync"
    assert event["start"]["dateTime"] == EXPECTED_START.get(scenario, TUESDAY_2PM)
    assert event["end"]["dateTime"] == EXPECTED_END.get(scenario, TUESDAY_3PM)
    assert final["errors"] == {}
    assert final["stop_reason"] == "answered"
    assert final["interventions"], "the repair must be recorded"


def test_guarded_and_raw_final_states_have_the_same_keys(env: CalendarEnv) -> None:
    request, mistake = REPAIRABLE["calendar_name_for_id"]
    guarded = run(env, scripted([mistake], "Done."), request, guarded=True)
    raw = run(CalendarEnv(), scripted([mistake], "Done."), request, guarded=False)
    assert set(guarded) == set(raw) == set(STATE_KEYS)
    assert raw["interventions"] == [] and raw["lookups"] == 0
    assert guarded["lookups"] >= 1 and guarded["tool_calls"] == raw["tool_calls"] == 1
    resolved = [i for i in guarded["interventions"] if i["kind"] == "reference_resolved"]
    assert resolved[0]["before"] == "Engineering"
    assert resolved[0]["after"] == calendar_id(env, "Engineering")
    assert resolved[0]["stage"] == "resolve"


def last_tool_feedback(model: FakeToolCallingModel) -> tuple[ToolMessage, dict[str, Any]]:
    message = model.seen[-1][-1]
    assert isinstance(message, ToolMessage)
    return message, json.loads(message.text)


def test_write_to_read_only_calendar_is_blocked_and_never_sent(env: CalendarEnv) -> None:
    before = env.snapshot()
    model = scripted([insert(calendarId="Marketing")], "I could not add it.")
    final = run(env, model, "Add an 'Arch sync' to the Marketing calendar tomorrow 2-3pm.", guarded=True)

    assert added_events(env, before) == []
    assert final["tool_calls"] == 0, "a blocked call never reaches the tool"
    [blocked] = final["blocked"]
    assert blocked["error"]["error_type"] == "permission_error"
    assert blocked["error"]["details"]["accessRole"] == "reader"
    message, feedback = last_tool_feedback(model)
    assert message.status == "error"
    assert feedback["ok"] is False, "the agent reads the shared wire format, plus the guard's feedback"
    assert feedback["error_type"] == "permission_error" and feedback["feedback"]["stop"] is True
    assert final["errors"] == {"permission_error": 1}


def test_placeholder_id_is_blocked_and_the_agent_is_told_which_field(env: CalendarEnv) -> None:
    before = env.snapshot()
    model = scripted([insert(calendarId="your_calendar_id")], "Which calendar do you mean?")
    # A calendar spoken of, none named: the user's own is not assumed when they speak of another.
    final = run(env, model, "Put an 'Arch sync' on the shared calendar tomorrow 2-3pm.", guarded=True)

    assert added_events(env, before) == []
    assert final["tool_calls"] == 0
    _, feedback = last_tool_feedback(model)
    assert feedback["error_type"] == "validation_error"
    assert "calendarId" in feedback["feedback"]["fix_fields"]
    assert final["reasks"] == 1


def test_a_placeholder_where_the_user_named_the_calendar_becomes_that_calendar(env: CalendarEnv) -> None:
    before = env.snapshot()
    model = scripted([insert(calendarId="your_calendar_id")], "Done.")
    final = run(env, model, "Put an 'Arch sync' on my calendar tomorrow 2-3pm.", guarded=True)

    [event] = added_events(env, before)
    assert event["calendarId"] == env.actor
    assert final["tool_calls"] == 1 and final["reasks"] == 0


def test_ambiguous_attendee_is_blocked_with_both_candidates(env: CalendarEnv) -> None:
    before = env.snapshot()
    model = scripted([insert(attendees=[{"email": "Dana"}])], "Which Dana?")
    final = run(env, model, "Invite Dana to an 'Arch sync' on Engineering tomorrow 2-3pm.", guarded=True)

    assert added_events(env, before) == []
    _, feedback = last_tool_feedback(model)
    assert feedback["error_type"] == "ambiguous_reference"
    candidates = feedback["details"]["candidates"]
    assert {c["id"] for c in candidates} == {"dana.kim@acme.com", "dana.reyes@acme.com"}
    assert final["blocked"][0]["error"]["details"]["field"] == "attendees[0].email"


def test_a_date_that_reads_two_ways_is_blocked_never_guessed(env: CalendarEnv) -> None:
    """03/10/2026 is March 10 or October 3: with no date order known (a pack that reads no user
    settings), the guard lists both readings instead of picking one."""
    before = env.snapshot()
    pack = load_pack("calendar").model_copy(update={"user_settings": UserSettingsSpec()})
    model = scripted([insert(start={"dateTime": "03/10/2026 2:00 PM"})], "Which date?")
    graph = build_guarded_agent(model, env.langchain_tools(), pack, **guard_settings(env))
    request = "Put an 'Arch sync' on Engineering on 03/10/2026 at 2pm."
    final = graph.invoke({"messages": [HumanMessage(request)]})

    assert added_events(env, before) == []
    _, feedback = last_tool_feedback(model)
    assert feedback["error_type"] == "format_error"
    readings = {"2026-03-10T14:00:00-04:00", "2026-10-03T14:00:00-04:00"}
    assert set(feedback["details"]["candidates"]) == readings
    assert final["tool_calls"] == 0


def test_the_users_date_order_setting_settles_a_numeric_date(env: CalendarEnv) -> None:
    """The acting user's settings say MDY, so 03/10/2026 is March 10, not a question."""
    before = env.snapshot()
    model = scripted([insert(start={"dateTime": "03/10/2026 2:00 PM"})], "Added.")
    run(env, model, "Put an 'Arch sync' on Engineering on 03/10/2026 at 2pm.", guarded=True)

    [event] = added_events(env, before)
    assert event["start"]["dateTime"] == TUESDAY_2PM


def test_agent_fixes_its_call_from_the_structured_feedback(env: CalendarEnv) -> None:
    """A blocked call comes back as data the agent can act on; its second try succeeds."""
    before = env.snapshot()
    engineering = calendar_id(env, "Engineering")
    model = scripted(
        [insert(calendarId="your_calendar_id")],
        [call("calendars_list")],
        [insert(calendarId=engineering)],
        "Added.",
    )
    # "for the Engineering folks" names a calendar but not as the place the event goes: the guard
    # does not fill the placeholder from it, the agent does after listing.
    request = "Put an 'Arch sync' for the Engineering folks tomorrow 2-3pm."
    final = run(env, model, request, guarded=True)

    [event] = added_events(env, before)
    assert event["calendarId"] == engineering
    assert final["steps"] == 4 and final["reasks"] == 1 and final["tool_calls"] == 2
    assert final["stop_reason"] == "answered"


def test_a_call_with_unparsable_arguments_is_answered_not_dropped(env: CalendarEnv) -> None:
    """Providers put calls whose JSON does not parse in ``invalid_tool_calls``; both graphs answer them."""
    from langchain_core.messages import AIMessage

    broken = AIMessage(
        content="",
        invalid_tool_calls=[
            {
                "name": "events_insert",
                "args": '{"calendarId": "Engineering", "summary": ',
                "id": "bad_1",
                "error": "Unterminated string",
                "type": "invalid_tool_call",
            }
        ],
    )
    for guarded in (False, True):
        model = FakeToolCallingModel(messages=iter([broken, AIMessage(content="Sorry.")]))
        final = run(CalendarEnv(), model, "Add a sync to Engineering.", guarded=guarded)
        answer = final["messages"][2]
        assert isinstance(answer, ToolMessage) and answer.tool_call_id == "bad_1"
        assert answer.status == "error"
        assert json.loads(answer.text)["error_type"] == "validation_error"
        assert final["tool_calls"] == 0 and final["stop_reason"] == "answered"


def test_a_move_that_changes_the_length_is_sent_back_with_the_end_that_keeps_it(env: CalendarEnv) -> None:
    """The resolve node reads the event the agent named; the validate node, later, checks the new
    interval against it: "to 2pm" keeps the doctor appointment's hour."""
    moved = {"calendarId": "primary", "eventId": "Doctor appointment"}
    start, short_end = "2026-03-11T14:00:00-04:00", "2026-03-11T14:30:00-04:00"
    kept_end = "2026-03-11T15:00:00-04:00"
    model = scripted(
        [call("events_patch", **moved, start={"dateTime": start}, end={"dateTime": short_end})],
        [call("events_patch", **moved, start={"dateTime": start}, end={"dateTime": kept_end})],
        "Moved.",
    )
    final = run(env, model, "Move my doctor appointment on Wednesday to 2pm.", guarded=True)

    error = model.seen[1][-1]  # what the model read before its second turn
    assert isinstance(error, ToolMessage)
    feedback = json.loads(error.text)
    assert feedback["details"]["invalid_fields"][0]["reason"] == "length_changed"
    assert feedback["details"]["expected"] == kept_end
    event = env.call_tool("events_get", {"calendarId": "primary", "eventId": "f936838c627e5a66c6f37ba9"})
    assert (event["start"]["dateTime"], event["end"]["dateTime"]) == (start, kept_end)
    assert final["reasks"] == 1 and final["tool_calls"] == 1

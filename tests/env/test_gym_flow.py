"""The exact gym flow from the issue: reset, list tools, calendars_list, events_insert on primary."""

from __future__ import annotations

from env import CalendarEnv, MCPAction


def test_issue_flow_end_to_end() -> None:
    env = CalendarEnv()
    reset = env.reset()
    assert reset.observation.success is True
    assert reset.observation.metadata["actor"] == "ana@acme.com"

    listed = env.step(MCPAction(action_type="ListToolsAction")).observation
    names = {tool["name"] for tool in listed.tools_list or []}
    assert {"calendars_list", "events_insert", "events_list", "acl_insert", "freebusy_query"} <= names
    for tool in listed.tools_list or []:
        assert tool["description"]
        assert tool["input_schema"]["type"] == "object"
        assert tool["input_schema"]["additionalProperties"] is False

    calendars = env.step(
        MCPAction(action_type="ToolCallAction", tool_name="calendars_list", arguments={})
    ).observation
    assert calendars.success is True
    items = calendars.tool_result["items"]  # type: ignore[index]
    assert items[0]["id"] == "ana@acme.com" and items[0]["primary"] is True
    assert any(item["summary"] == "Team Offsite" for item in items)

    created = env.step(
        MCPAction(
            action_type="ToolCallAction",
            tool_name="events_insert",
            arguments={
                "calendarId": "primary",
                "summary": "Planning",
                "start": {"dateTime": "2026-03-10T14:00:00-04:00"},
                "end": {"dateTime": "2026-03-10T15:00:00-04:00"},
            },
        )
    ).observation
    assert created.success is True and created.error_message is None
    event = created.tool_result
    assert event is not None and event["calendarId"] == "ana@acme.com" and event["summary"] == "Planning"

    fetched = env.call_tool("events_get", {"calendarId": "primary", "eventId": event["id"]})
    assert fetched["start"] == {"dateTime": "2026-03-10T14:00:00-04:00"}


def test_failed_call_is_an_observation_not_an_exception() -> None:
    env = CalendarEnv()
    obs = env.step(
        MCPAction(
            action_type="ToolCallAction",
            tool_name="events_insert",
            arguments={"calendarId": "primary", "start": "2026-03-10 14:00", "end": "2026-03-10 15:00"},
        )
    ).observation
    assert obs.success is False
    assert obs.tool_result is not None and obs.tool_result["error_type"] == "validation_error"
    assert obs.error_message == obs.tool_result["message"]
    assert obs.metadata["error_type"] == "validation_error"


def test_step_accepts_plain_dict_actions() -> None:
    env = CalendarEnv()
    obs = env.step(
        {"action_type": "ToolCallAction", "tool_name": "settings_get", "arguments": {"setting": "timezone"}}
    ).observation
    assert obs.tool_result == {"kind": "calendar#setting", "id": "timezone", "value": "America/New_York"}


def test_every_episode_has_its_own_id_and_a_seed_fixes_the_world_not_the_id() -> None:
    env = CalendarEnv()
    unseeded = {env.reset().observation.metadata["episode_id"] for _ in range(5)}
    assert len(unseeded) == 5
    seeded = [CalendarEnv(seed=7) for _ in range(2)]
    ids = {e.reset(seed=7).observation.metadata["episode_id"] for e in seeded}
    assert len(ids) == 2
    assert seeded[0].snapshot() == seeded[1].snapshot()
    assert env.state["episode_id"] in unseeded

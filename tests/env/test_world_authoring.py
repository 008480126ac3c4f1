"""World authoring: the free/busy default a world asks for, and local times stored with their offset."""

from __future__ import annotations

from typing import Any

import pytest

from env import CalendarEnv
from env.world import WorldSpec, world_json_schema

NOW = "2026-03-09T09:00:00-04:00"
WINDOW = {"timeMin": "2026-03-10T00:00:00Z", "timeMax": "2026-03-11T00:00:00Z"}


def small_world(**extra: Any) -> dict[str, Any]:
    return {
        "name": "small",
        "domain": "example.com",
        "now": NOW,
        "default_actor": "ana@example.com",
        "users": [
            {"email": "ana@example.com", "displayName": "Ana", "timeZone": "America/New_York"},
            {"email": "bo@example.com", "displayName": "Bo", "timeZone": "Europe/Berlin"},
        ],
        "events": [
            {
                "id": "bodentist01",
                "calendarId": "bo@example.com",
                "summary": "Dentist",
                "start": {"dateTime": "2026-03-10T09:00:00", "timeZone": "Europe/Berlin"},
                "end": {"dateTime": "2026-03-10T10:00:00", "timeZone": "Europe/Berlin"},
            }
        ],
        **extra,
    }


def bo_busy(env: CalendarEnv) -> dict[str, Any]:
    result = env.call_tool("freebusy_query", {**WINDOW, "items": [{"id": "bo@example.com"}]})
    return dict(result["calendars"]["bo@example.com"])


def test_colleagues_free_busy_is_only_there_when_the_world_asks_for_it() -> None:
    hidden = bo_busy(CalendarEnv(world=small_world(), actor="ana@example.com", now=NOW))
    assert hidden["busy"] == [] and hidden["errors"][0]["reason"] == "notFound"
    shared = bo_busy(CalendarEnv(world=small_world(free_busy="domain"), actor="ana@example.com", now=NOW))
    assert shared == {"busy": [{"start": "2026-03-10T08:00:00Z", "end": "2026-03-10T09:00:00Z"}]}


def test_an_explicit_rule_turns_the_default_off_for_one_calendar() -> None:
    rule = {
        "calendarId": "bo@example.com",
        "role": "none",
        "scope": {"type": "domain", "value": "example.com"},
    }
    env = CalendarEnv(world=small_world(free_busy="domain", acl=[rule]), actor="ana@example.com", now=NOW)
    assert bo_busy(env)["errors"][0]["reason"] == "notFound"


def test_a_local_time_with_a_zone_is_stored_and_returned_with_that_zones_offset() -> None:
    env = CalendarEnv(world=small_world(), actor="bo@example.com", now=NOW)
    world_event = env.call_tool("events_get", {"calendarId": "primary", "eventId": "bodentist01"})
    assert world_event["start"] == {"dateTime": "2026-03-10T09:00:00+01:00", "timeZone": "Europe/Berlin"}
    created = env.call_tool(
        "events_insert",
        {
            "calendarId": "primary",
            "summary": "Summer call",
            "start": {"dateTime": "2026-07-01T09:00:00", "timeZone": "Europe/Berlin"},
            "end": {"dateTime": "2026-07-01T09:30:00", "timeZone": "Europe/Berlin"},
        },
    )
    assert created["start"]["dateTime"] == "2026-07-01T09:00:00+02:00"  # summer time on that day
    patched = env.call_tool(
        "events_patch",
        {
            "calendarId": "primary",
            "eventId": created["id"],
            "end": {"dateTime": "2026-07-01T10:00:00", "timeZone": "Asia/Tokyo"},
            "start": {"dateTime": "2026-07-01T09:00:00", "timeZone": "Asia/Tokyo"},
        },
    )
    fetched = env.call_tool("events_get", {"calendarId": "primary", "eventId": created["id"]})
    assert (
        patched["start"]
        == fetched["start"]
        == {"dateTime": "2026-07-01T09:00:00+09:00", "timeZone": "Asia/Tokyo"}
    )
    # a value that already has an offset is kept as written
    kept = env.call_tool(
        "events_insert",
        {
            "calendarId": "primary",
            "start": {"dateTime": "2026-07-02T09:00:00-04:00", "timeZone": "Europe/Berlin"},
            "end": {"dateTime": "2026-07-02T10:00:00-04:00", "timeZone": "Europe/Berlin"},
        },
    )
    assert kept["start"]["dateTime"] == "2026-07-02T09:00:00-04:00"


def test_the_published_schema_describes_events_and_the_free_busy_default() -> None:
    schema = world_json_schema()
    assert schema["properties"]["free_busy"]["enum"] == ["none", "domain"]
    event = schema["$defs"]["WorldEvent"]
    assert {"id", "calendarId", "start", "end"} <= set(event["required"])
    assert schema["properties"]["events"]["items"] == {"$ref": "#/$defs/WorldEvent"}
    with pytest.raises(ValueError):
        WorldSpec.model_validate(small_world(free_busy="everyone"))

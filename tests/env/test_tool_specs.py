"""Tool specs are generated once from the argument models; LangChain tools pass arguments raw."""

from __future__ import annotations

from typing import Any

import pytest

from env import REGISTRY, CalendarEnv

EXPECTED_TOOLS = {
    "calendars_list",
    "calendars_get",
    "calendars_insert",
    "calendars_patch",
    "calendars_delete",
    "events_list",
    "events_get",
    "events_insert",
    "events_patch",
    "events_update",
    "events_delete",
    "events_move",
    "events_instances",
    "acl_list",
    "acl_insert",
    "acl_patch",
    "acl_delete",
    "freebusy_query",
    "users_search",
    "settings_get",
}


def _objects(schema: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(schema, dict):
        if schema.get("type") == "object":
            found.append(schema)
        for value in schema.values():
            found += _objects(value)
    elif isinstance(schema, list):
        for value in schema:
            found += _objects(value)
    return found


def test_every_required_tool_exists_with_a_description() -> None:
    specs = {spec.name: spec for spec in CalendarEnv().tool_specs()}
    assert set(specs) == EXPECTED_TOOLS
    for spec in specs.values():
        assert len(spec.description) > 40, spec.name
        assert spec.to_dict() == {
            "name": spec.name,
            "description": spec.description,
            "input_schema": spec.input_schema,
        }


@pytest.mark.parametrize("name", sorted(EXPECTED_TOOLS))
def test_schemas_are_closed_clean_and_match_validation(name: str) -> None:
    schema = REGISTRY[name].spec.input_schema
    text = repr(schema)
    assert "$ref" not in text and "'title'" not in text and "'null'" not in text
    for obj in _objects(schema):
        assert obj["additionalProperties"] is False
    assert set(schema.get("required", [])) == {
        field for field, info in REGISTRY[name].args_model.model_fields.items() if info.is_required()
    }


def test_event_schema_shows_nested_start_object() -> None:
    schema = REGISTRY["events_insert"].spec.input_schema
    start = schema["properties"]["start"]
    assert start["type"] == "object" and set(start["properties"]) == {"dateTime", "date", "timeZone"}
    assert "RFC3339" in start["properties"]["dateTime"]["description"]
    assert set(schema["required"]) == {"calendarId", "start", "end"}
    assert schema["properties"]["visibility"]["enum"] == ["default", "public", "private", "confidential"]


def test_langchain_tools_call_the_env_without_coercion() -> None:
    env = CalendarEnv()
    tools = {tool.name: tool for tool in env.langchain_tools()}
    assert set(tools) == EXPECTED_TOOLS
    assert tools["events_insert"].args_schema == REGISTRY["events_insert"].spec.input_schema
    listed = tools["calendars_list"].invoke({})
    assert listed["items"][0]["id"] == "ana@acme.com"
    raw = tools["events_list"].invoke({"calendarId": "primary", "maxResults": "5"})
    assert raw["error_type"] == "validation_error"  # LangChain did not turn "5" into 5
    created = tools["events_insert"].invoke(
        {
            "calendarId": "primary",
            "summary": "From LangChain",
            "start": {"dateTime": "2026-03-10T10:00:00-04:00"},
            "end": {"dateTime": "2026-03-10T10:30:00-04:00"},
        }
    )
    assert env.call_tool("events_get", {"calendarId": "primary", "eventId": created["id"]})["summary"] == (
        "From LangChain"
    )

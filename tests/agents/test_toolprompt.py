"""Compact tool descriptions and tool subsets: smaller prompts that still accept the gold calls."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import Field

from agents.llm import LLMAgentFactory
from agents.toolprompt import (
    LOOKUP_TOOLS,
    ToolPolicy,
    compact_schema,
    compact_tool,
    describe_tools_compact,
    select_tools,
)
from env import CalendarEnv
from evals.loader import load_suite
from evals.selection import family_tool_map
from tests.agents.conftest import make_spec
from tests.agents.test_llm import RecordingFake, ToolCallingFake


@pytest.fixture(scope="module")
def schemas() -> dict[str, tuple[str, dict[str, Any]]]:
    env = CalendarEnv(world="acme", actor="ana@acme.com")
    found = {}
    for tool in env.langchain_tools():
        function = convert_to_openai_tool(tool)["function"]
        found[function["name"]] = (function["description"], function["parameters"])
    return found


def test_compact_schemas_accept_every_gold_call_of_the_bundled_suite(schemas) -> None:
    compact = {name: compact_schema(params) for name, (_, params) in schemas.items()}
    checked = 0
    for task in load_suite("calendar"):
        for step in task.plan:
            if not any(isinstance(v, str) and v.startswith("$") for v in step.args.values()):
                jsonschema.validate(step.args, compact[step.tool])
                checked += 1
    assert checked > 50
    # and they still reject what the full schema rejects for structure: a string where an object belongs
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"calendarId": "primary", "start": "9am", "end": {}}, compact["events_insert"])


def test_compact_descriptions_are_a_fraction_of_the_full_ones(schemas) -> None:
    full = sum(len(json.dumps({"d": d, "p": p})) for d, p in schemas.values())
    native = sum(len(json.dumps(compact_tool(n, d, p))) for n, (d, p) in schemas.items())
    text = describe_tools_compact(schemas)
    assert native < 0.6 * full and len(text) < full / 4
    line = next(x for x in text.splitlines() if x.startswith("- events_insert("))
    assert "calendarId*: string" in line and "start*: {dateTime: string, date: string" in line
    assert "summary: string" in line  # optional fields carry no star


def test_family_policy_uses_the_development_suites_gold_tools(schemas) -> None:
    family_tools = dict(family_tool_map(load_suite("calendar")))
    policy = ToolPolicy("family", family_tools)
    shown = policy.choose(schemas, family="share_calendar", instruction="Share Team with Priya")
    assert set(LOOKUP_TOOLS) <= set(shown) and "acl_insert" in shown and "events_insert" not in shown
    # a family the map does not know gets every tool rather than none
    assert policy.choose(schemas, family="my_own_family", instruction="x") == tuple(schemas)
    # on the held-out suite the development map covers the gold tools of almost every task
    covered = [
        {s.tool for s in t.plan} <= set(policy.choose(schemas, family=t.family, instruction=t.instruction))
        for t in load_suite("holdout")
    ]
    assert sum(covered) / len(covered) > 0.95


def test_selector_keeps_the_lookups_and_ranks_by_the_instructions_words(schemas) -> None:
    shown = select_tools("Share my Team calendar with Priya as a reader", schemas, 2)
    assert set(LOOKUP_TOOLS) <= set(shown) and len(shown) == len(LOOKUP_TOOLS) + 2
    assert "acl_insert" in shown
    assert ToolPolicy("select:2").choose(schemas, family="x", instruction="delete the event") == select_tools(
        "delete the event", schemas, 2
    )


@pytest.mark.parametrize("spec", ["select", "select:0", "all:3", "family:x"])
def test_bad_policies_are_clear_errors(spec: str) -> None:
    with pytest.raises(ValueError, match="tool policy"):
        ToolPolicy(spec)


class BindingFake(ToolCallingFake):
    """Remembers exactly what was bound."""

    bound: list[Any] = Field(default_factory=list)

    def bind_tools(self, tools, **kwargs):
        self.bound = list(tools)
        return self


def test_named_tools_and_compact_native_binding(env) -> None:
    fake = BindingFake(messages=iter(["Done."]))
    factory = LLMAgentFactory(fake, tool_descriptions="compact", tool_policy=ToolPolicy("acl_insert"))
    model = factory(make_spec(env), seed=0, env=env)
    model.bind_tools(env.langchain_tools())
    assert model.shown_tools == ("calendars_list", "events_list", "acl_insert", "users_search")
    names = [tool["function"]["name"] for tool in fake.bound]
    assert names == list(model.shown_tools)
    acl = fake.bound[2]["function"]
    assert acl["description"].startswith("Share a calendar: grant a role") and "\n" not in acl["description"]
    assert acl["parameters"]["required"] == ["calendarId", "role", "scope"]
    assert "description" not in acl["parameters"]["properties"]["calendarId"]


def test_json_mode_prompt_puts_the_compact_tools_first(env) -> None:
    fake = RecordingFake(messages=iter(["Done."]))
    factory = LLMAgentFactory(fake, json_mode="always", tool_descriptions="compact")
    model = factory(make_spec(env), seed=0, env=env)
    model.bind_tools(env.langchain_tools())
    prompt = model.system_prompt()
    assert prompt.index("Available tools") < prompt.index("You are a calendar assistant")
    assert "- events_insert(calendarId*: string" in prompt and "JSON Schema" not in prompt

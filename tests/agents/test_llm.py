from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_core.outputs import ChatResult
from pydantic import Field

from agents import AgentSpecError, build_agent_factory
from agents.llm import LLMAgentFactory
from agents.textcalls import parse_text_tool_calls
from tests.agents.conftest import TEAM, final_text, make_spec, run_graph, tool_calls_of

INSERT_ARGS = {
    "calendarId": TEAM,
    "summary": "Sync",
    "start": {"dateTime": "2026-03-10T15:00:00-04:00"},
    "end": {"dateTime": "2026-03-10T15:30:00-04:00"},
}


class RecordingFake(GenericFakeChatModel):
    """A fake provider model that remembers what it was shown (no native tool binding)."""

    seen: list[list[BaseMessage]] = Field(default_factory=list)

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        self.seen.append(list(messages))
        return super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)


class ToolCallingFake(RecordingFake):
    """The same fake, with native tool binding like a provider model."""

    bound_tools: list[str] = Field(default_factory=list)

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> ToolCallingFake:
        self.bound_tools = [getattr(tool, "name", str(tool)) for tool in tools]
        return self


@pytest.mark.parametrize("arm", ["raw", "guarded"])
def test_native_tool_calls_drive_the_graph_with_a_system_prompt_and_accounting(env, arm: str) -> None:
    fake = ToolCallingFake(
        messages=iter(
            [
                AIMessage(
                    content="",
                    tool_calls=[
                        {"name": "events_insert", "args": INSERT_ARGS, "id": "c1", "type": "tool_call"}
                    ],
                    usage_metadata={"input_tokens": 120, "output_tokens": 30, "total_tokens": 150},
                ),
                AIMessage(
                    content="Added it.",
                    usage_metadata={"input_tokens": 200, "output_tokens": 5, "total_tokens": 205},
                ),
            ]
        )
    )
    spec = make_spec(env)
    model = LLMAgentFactory(fake)(spec, seed=0, env=env)
    before = env.snapshot()
    state = run_graph(model, env, spec, arm)

    assert "events_insert" in fake.bound_tools
    created = [c.after for c in env.diff(before, env.snapshot()).changes if c.resource == "event"]
    assert [event["summary"] for event in created if event] == ["Sync"]
    assert final_text(state) == "Added it."
    system = fake.seen[0][0]
    assert isinstance(system, SystemMessage)
    assert "ana@acme.com" in system.text and "America/New_York" in system.text
    assert "2026-03-09T09:00:00-04:00" in system.text and "Monday" in system.text
    assert "calendars_list" in system.text  # how to use the tools: look IDs up first
    assert "Available tools" not in system.text  # native mode does not describe tools in text
    usage = model.usage
    assert (usage.model_calls, usage.input_tokens, usage.output_tokens) == (2, 320, 35)
    assert usage.latency_s >= 0.0


def test_json_text_fallback_for_models_without_native_tool_calls(env) -> None:
    fake = RecordingFake(
        messages=iter(
            [
                "I'll look the calendars up first.\n```json\n"
                '{"name": "calendars_list", "arguments": {}}\n```',
                f'{{"tool": "events_insert", "args": {_json(INSERT_ARGS)}}}',
                "The event is on your Team calendar.",
            ]
        )
    )
    spec = make_spec(env)
    model = LLMAgentFactory(fake)(spec, seed=0, env=env)
    before = env.snapshot()
    state = run_graph(model, env, spec)

    assert [name for name, _ in tool_calls_of(state)] == ["calendars_list", "events_insert"]
    assert any(c.resource == "event" for c in env.diff(before, env.snapshot()).changes)
    assert final_text(state) == "The event is on your Team calendar."
    prompt = fake.seen[0][0].text
    assert "Available tools" in prompt and "events_insert" in prompt and '"calendarId"' in prompt
    # the model without tool support sees earlier calls as JSON text and results as user messages
    last_seen = fake.seen[-1]
    assert not any(isinstance(m, AIMessage) and m.tool_calls for m in last_seen)
    assert any(
        isinstance(m, HumanMessage) and m.text.startswith("Result of events_insert") for m in last_seen
    )
    assert model.usage.model_calls == 3


def _json(value: Any) -> str:
    import json

    return json.dumps(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '```json\n{"name": "events_list", "arguments": {"calendarId": "primary"}}\n```',
            [("events_list", {"calendarId": "primary"})],
        ),
        (
            'Calling {"tool": "users_search", "args": {"query": "Priya"}} now',
            [("users_search", {"query": "Priya"})],
        ),
        (
            '{"function": {"name": "acl_list", "arguments": "{\\"calendarId\\": \\"x\\"}"}}',
            [("acl_list", {"calendarId": "x"})],
        ),
        (
            '{"tool_calls": [{"name": "a_list", "parameters": {}}, {"name": "b_get", "input": {"k": 1}}]}',
            [("a_list", {}), ("b_get", {"k": 1})],
        ),
        ("Sure, your meeting {at 3pm} is booked.", []),
        ('{"summary": "not a call"}', []),
    ],
)
def test_parse_text_tool_calls(text: str, expected: list[tuple[str, dict[str, Any]]]) -> None:
    calls = parse_text_tool_calls(text)
    assert [(c["name"], c["args"]) for c in calls] == expected
    assert all(c["id"] for c in calls)


def test_unknown_provider_is_a_clear_error() -> None:
    with pytest.raises(AgentSpecError, match="cannot load chat model"):
        build_agent_factory("llm:no-such-provider:some-model")


def test_agent_spec_strings() -> None:
    with pytest.raises(AgentSpecError, match="use simulated:<profile>, oracle"):
        build_agent_factory("gpt-4")
    with pytest.raises(AgentSpecError, match="no simulated-agent profile 'nope'"):
        build_agent_factory("simulated:nope")
    assert type(build_agent_factory("simulated:weak")).__name__ == "SimulatedAgentFactory"


def test_json_mode_always_describes_tools_even_when_native_binding_exists(env) -> None:
    fake = ToolCallingFake(messages=iter(['{"name": "calendars_list", "arguments": {}}', "Done."]))
    spec = make_spec(env)
    model = LLMAgentFactory(fake, json_mode="always")(spec, seed=0, env=env)
    state = run_graph(model, env, spec)
    assert fake.bound_tools == []
    assert "Available tools" in fake.seen[0][0].text
    assert tool_calls_of(state) == [("calendars_list", {})]
    with pytest.raises(AgentSpecError, match="llm-json:<provider:model>"):
        build_agent_factory("llm-json")


async def test_async_invocation_parses_text_calls_and_counts(env) -> None:
    fake = ToolCallingFake(
        messages=iter(['```json\n{"name": "users_search", "arguments": {"query": "Priya"}}\n```'])
    )
    model = LLMAgentFactory(fake)(make_spec(env), seed=0, env=env)
    bound = model.bind_tools(env.langchain_tools())
    reply = await bound.ainvoke([HumanMessage("Who is Priya?")])
    assert [(c["name"], c["args"]) for c in reply.tool_calls] == [("users_search", {"query": "Priya"})]
    assert model.usage.model_calls == 1
    assert isinstance(fake.seen[0][0], SystemMessage)

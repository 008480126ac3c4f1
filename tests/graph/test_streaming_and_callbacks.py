"""Streaming shows each node; callback handlers see guard decisions without user work; async works."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage

from env import CalendarEnv
from guards.graph import GUARDED_NODES, INTERVENTION_EVENT, build_guarded_agent
from tests.graph.conftest import added_events, calendar_id, guard_settings
from tests.graph.scripted import call, scripted

REQUEST = "Put an 'Arch sync' on the Engineering calendar tomorrow from 2 to 3pm."
FLAT_INSERT = call(
    "events_insert",
    calendarId="Engineering",
    summary="Arch sync",
    start="2026-03-10T14:00:00-04:00",
    end="2026-03-10T15:00:00-04:00",
)


class Recorder(BaseCallbackHandler):
    """Collects guard events and the guard-stage metadata of node runs."""

    def __init__(self) -> None:
        self.events: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
        self.stages: list[str] = []
        self.tags: set[str] = set()

    def on_custom_event(
        self,
        name: str,
        data: Any,
        *,
        run_id: UUID,
        tags: list[str] | None = None,
        metadata: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        self.events.append((name, data, dict(metadata or {})))

    def on_chain_start(
        self,
        serialized: dict[str, Any] | None,
        inputs: Any,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        metadata: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        self.tags.update(tags or [])
        stage = (metadata or {}).get("guard_stage")
        if stage and (not self.stages or self.stages[-1] != stage):
            self.stages.append(stage)


def test_stream_updates_show_every_node_in_order(env: CalendarEnv) -> None:
    graph = build_guarded_agent(
        scripted([FLAT_INSERT], "Done."), env.langchain_tools(), "calendar", **guard_settings(env)
    )
    updates = list(graph.stream({"messages": [HumanMessage(REQUEST)]}, stream_mode="updates"))
    nodes = [next(iter(update)) for update in updates]
    assert nodes == [*GUARDED_NODES[:-1], "agent", "answer"]
    resolve_update = updates[1]["resolve"]
    assert resolve_update["interventions"][0]["kind"] == "nesting_repair"
    assert resolve_update["lookups"] >= 1


def test_a_callback_handler_sees_interventions_with_node_metadata(env: CalendarEnv) -> None:
    recorder = Recorder()
    graph = build_guarded_agent(
        scripted([FLAT_INSERT], "Done."), env.langchain_tools(), "calendar", **guard_settings(env)
    )
    final = graph.invoke({"messages": [HumanMessage(REQUEST)]}, {"callbacks": [recorder]})

    guard_events = [(data, meta) for name, data, meta in recorder.events if name == INTERVENTION_EVENT]
    assert [data for data, _ in guard_events] == final["interventions"]
    kinds_by_stage = {(meta["guard_stage"], data["kind"]) for data, meta in guard_events}
    assert ("resolve", "nesting_repair") in kinds_by_stage
    assert ("resolve", "reference_resolved") in kinds_by_stage
    assert recorder.stages == [*GUARDED_NODES[:-1], "agent", "answer"]
    assert {"lookup_guards", "guard:resolve", "guard:retry"} <= recorder.tags


async def test_async_invocation_runs_the_same_guards(env: CalendarEnv) -> None:
    before = env.snapshot()
    graph = build_guarded_agent(
        scripted([FLAT_INSERT], "Done."), env.langchain_tools(), "calendar", **guard_settings(env)
    )
    final = await graph.ainvoke({"messages": [HumanMessage(REQUEST)]})
    [event] = added_events(env, before)
    assert event["calendarId"] == calendar_id(env, "Engineering")
    assert final["stop_reason"] == "answered"


def test_an_agent_function_and_a_system_prompt(env: CalendarEnv) -> None:
    """``model`` may be a plain function of the messages; the system prompt is shown, not stored."""
    seen: list[list[BaseMessage]] = []

    def agent(messages: list[BaseMessage]) -> AIMessage:
        seen.append(messages)
        if len(seen) == 1:
            return AIMessage(content="", tool_calls=[FLAT_INSERT])
        return AIMessage(content="Done.")

    before = env.snapshot()
    graph = build_guarded_agent(
        agent, env.langchain_tools(), "calendar", system_prompt="You manage calendars.", **guard_settings(env)
    )
    final = graph.invoke({"messages": [HumanMessage(REQUEST)]})
    assert len(added_events(env, before)) == 1
    assert seen[0][0].content == "You manage calendars."
    assert not any(m.type == "system" for m in final["messages"])

"""Shared fixtures: a real bundled world and small hand-written episode specs over it."""

from __future__ import annotations

from typing import Any

import pytest

from agents.base import EpisodeSpec, PlanStepSpec
from env import CalendarEnv

TEAM = "c_d25187dc137f35c88bc8@group.calendar.acme.com"
NOW = "2026-03-09T09:00:00-04:00"


@pytest.fixture
def env() -> CalendarEnv:
    return CalendarEnv(world="acme", actor="ana@acme.com", now=NOW)


def make_spec(
    env: CalendarEnv, *, variant: str = "natural", task_id: str = "create-team-sync", **overrides: Any
) -> EpisodeSpec:
    """A natural 'create on a named calendar' task: look the calendar up, then insert."""
    fields: dict[str, Any] = {
        "task_id": task_id,
        "family": "create",
        "variant": variant,
        "instruction": "Add a 30 minute 'Sync' to my Team calendar tomorrow at 3pm.",
        "actor": env.actor,
        "now": env.now,
        "timezone": env.timezone,
        "plan": (
            PlanStepSpec("calendars_list", {}, "cals"),
            PlanStepSpec(
                "events_insert",
                {
                    "calendarId": "$cals.items[summary=Team].id",
                    "summary": "Sync",
                    "start": {"dateTime": "2026-03-10T15:00:00-04:00"},
                    "end": {"dateTime": "2026-03-10T15:30:00-04:00"},
                },
                "new",
            ),
            PlanStepSpec(
                "events_patch",
                {"calendarId": "$cals.items[summary=Team].id", "eventId": "$new.id", "location": "Room 4"},
            ),
        ),
        "final_answer": "Added 'Sync' to your Team calendar.",
    }
    fields.update(overrides)
    return EpisodeSpec(**fields)


def run_graph(model: Any, env: CalendarEnv, spec: EpisodeSpec, arm: str = "raw") -> dict[str, Any]:
    """Drive ``model`` through the real raw or guarded LangGraph agent against ``env``."""
    from langchain_core.messages import HumanMessage

    from guards.graph import build_guarded_agent, build_raw_agent

    context = {"now": env.now, "timezone": env.timezone, "actor": env.actor}
    if arm == "guarded":
        graph = build_guarded_agent(model, env.langchain_tools(), "calendar", **context)
    else:
        graph = build_raw_agent(model, env.langchain_tools(), **context)
    # A fixed thread id fixes the guard's episode seed (its idempotency keys), so reruns are identical.
    config = {"recursion_limit": 100, "configurable": {"thread_id": spec.task_id}}
    return graph.invoke({"messages": [HumanMessage(spec.instruction)]}, config=config)


def tool_calls_of(state: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    from langchain_core.messages import AIMessage

    return [
        (c["name"], c["args"]) for m in state["messages"] if isinstance(m, AIMessage) for c in m.tool_calls
    ]


def final_text(state: dict[str, Any]) -> str:
    return str(state["messages"][-1].content)


def profile_with(
    natural: dict[str, float] | None = None,
    explicit: dict[str, float] | None = None,
    *,
    fix: tuple[float, float, float] = (1.0, 1.0, 1.0),
    budget: tuple[int, int] = (2, 4),
) -> Any:
    """A hand-made error profile (explicit and natural rates, fix probabilities, re-ask budget)."""
    from agents.profiles import Profile

    return Profile.model_validate(
        {
            "name": "test",
            "variants": {"explicit": {"rates": explicit or {}}, "natural": {"rates": natural or {}}},
            "fix": dict(zip(("pinpoint", "field", "generic"), fix, strict=True)),
            "budget": {"reasks_per_call": budget[0], "reasks_total": budget[1]},
        }
    )

"""The guarded agent as a LangGraph state machine, and its unguarded twin for A/B comparisons.

>>> from guards.graph import build_guarded_agent, build_raw_agent
>>> graph = build_guarded_agent(model, tools, "calendar", now="2026-03-02T09:00:00-05:00",
...                             timezone="America/New_York", actor="ana@acme.com")
>>> final = graph.invoke({"messages": [("user", "Add a 30-minute sync to my Team calendar tomorrow at 3pm")]})
>>> final["interventions"], final["lookups"], final["stop_reason"]
"""

from guards.graph.answer import answer_error
from guards.graph.build import GUARDED_NODES, RAW_NODES, build_guarded_agent, build_raw_agent
from guards.graph.episode import GUARD_METADATA_KEY, ContextConfig
from guards.graph.events import INTERVENTION_EVENT
from guards.graph.state import STATE_KEYS, Budgets, GuardedState
from guards.graph.tools import ToolBox, parse_tool_output

__all__ = [
    "GUARDED_NODES",
    "GUARD_METADATA_KEY",
    "INTERVENTION_EVENT",
    "RAW_NODES",
    "STATE_KEYS",
    "Budgets",
    "ContextConfig",
    "GuardedState",
    "ToolBox",
    "answer_error",
    "build_guarded_agent",
    "build_raw_agent",
    "parse_tool_output",
]

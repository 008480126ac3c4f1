"""The environment's tools: one module per tool (its argument model beside its handler), listed here.

:data:`TOOLS` is the one list of tools, in the order agents see them (calendars, events, sharing,
people and time). To add a tool, write ``env/tools/<name>.py`` ending in ``TOOL = define_tool(...)``
and add it to this list. Logic several tools share lives outside this package (``env.event_queries``,
``env.event_writes``, ``env.calendars``, ``env.sharing``), so tool modules never import each other.
"""

from __future__ import annotations

from typing import Any

from env.session import Session
from env.tools import (
    acl_delete,
    acl_insert,
    acl_list,
    acl_patch,
    calendars_delete,
    calendars_get,
    calendars_insert,
    calendars_list,
    calendars_patch,
    events_delete,
    events_get,
    events_insert,
    events_instances,
    events_list,
    events_move,
    events_patch,
    events_update,
    freebusy_query,
    settings_get,
    users_search,
)
from env.tools.base import Tool, ToolSpec, run_tool, unknown_tool

TOOLS: tuple[Tool, ...] = (
    calendars_list.TOOL,
    calendars_get.TOOL,
    calendars_insert.TOOL,
    calendars_patch.TOOL,
    calendars_delete.TOOL,
    events_list.TOOL,
    events_get.TOOL,
    events_instances.TOOL,
    events_insert.TOOL,
    events_patch.TOOL,
    events_update.TOOL,
    events_delete.TOOL,
    events_move.TOOL,
    acl_list.TOOL,
    acl_insert.TOOL,
    acl_patch.TOOL,
    acl_delete.TOOL,
    freebusy_query.TOOL,
    users_search.TOOL,
    settings_get.TOOL,
)

REGISTRY: dict[str, Tool] = {tool.name: tool for tool in TOOLS}
"""Tools by name, in :data:`TOOLS` order."""


def call_tool(session: Session, name: str, args: object) -> dict[str, Any]:
    """Run the tool called ``name`` as the session's actor (an unknown name is a wire error too)."""
    spec = REGISTRY.get(name)
    if spec is None:
        return unknown_tool(name, REGISTRY)
    return run_tool(session, spec, args)


__all__ = ["REGISTRY", "TOOLS", "Tool", "ToolSpec", "call_tool"]

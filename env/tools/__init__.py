"""The environment's tools. Importing this package registers every tool in :data:`REGISTRY`."""

from env.tools import acl, calendars, events_read, events_write, people
from env.tools.registry import REGISTRY, Tool, ToolSpec, call_tool

__all__ = [
    "REGISTRY",
    "Tool",
    "ToolSpec",
    "acl",
    "calendars",
    "call_tool",
    "events_read",
    "events_write",
    "people",
]

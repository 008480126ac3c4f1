"""The environment's tools. Importing this package registers every tool in :data:`REGISTRY`."""

from env.tools import acl, calendars, events_read, events_write, people
from env.tools.registry import REGISTRY, Tool, ToolSpec, call_tool

# Present tools to agents in a reading order (calendars, events, sharing, people), not import order.
_MODULE_ORDER = [module.__name__ for module in (calendars, events_read, events_write, acl, people)]
_ordered = sorted(REGISTRY.values(), key=lambda entry: _MODULE_ORDER.index(entry.handler.__module__))
REGISTRY.clear()
REGISTRY.update((entry.name, entry) for entry in _ordered)

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

"""A reference that cannot be looked up because the call lacks the argument its lookup needs.

"Move the route review ... add Ilse to it": an ``events_patch`` without ``calendarId`` leaves its
``eventId`` unread (the event listing needs the calendar), and with it the people already on the event.
A namesake the agent re-sends from that event ("Jordan Lee", two in the directory) then looks
ambiguous, and a question to the user would end the episode over what is only a missing argument.
When the resolve stage blocks a call that leaves out such an argument, one the tool's schema requires
(schema validation would refuse the call for it anyway), the error is that the argument is missing:
the first thing to fix, after which the references can be read in full.
"""

from __future__ import annotations

from typing import Any

from guards.call import PendingCall, ToolCatalog
from guards.context import GuardContext
from guards.paths import get_path, iter_paths
from guards.schema.stages import example_clock, validation_error
from guards.schema.validate import Problems, fix_hint


def missing_scope_error(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> dict[str, Any] | None:
    """The ``validation_error`` for the required arguments that a lookup of one of the call's references
    passes through and that the call lacks; ``None`` when there are none."""
    schema = catalog.schema(call.tool_name)
    if schema is None or not isinstance(call.args, dict):
        return None
    required = set(schema.get("required") or ())
    missing: set[str] = set()
    for pattern, spec in catalog.pack.references_for(call.tool_name).items():
        if not any(isinstance(value, str) and value.strip() for _, value in iter_paths(call.args, pattern)):
            continue
        missing.update(
            arg for arg in spec.lookup.pass_args if arg in required and not get_path(call.args, arg, None)
        )
    if not missing:
        return None
    problems = Problems(missing=sorted(missing))
    return validation_error(call.tool_name, problems, catalog, fix_hint(problems), example_clock(ctx))

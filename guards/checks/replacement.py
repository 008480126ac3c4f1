"""An update that would clear what the item has is not sent.

``events_update`` replaces the whole event: an agent that sends only the new start and end (a patch
sent as an update) wipes the title, the attendees and the rest. A pack-declared replacement
(``replacements``: ``events_update`` read by ``events_get``) is blocked with a ``validation_error``
(reason ``update_clears_fields``) when the item, read now, has a non-empty ``kept`` field the call
leaves out. It runs before schema validation, so an agent that sent a patch as an update hears
that, not only which required fields are missing. The error lists those fields and names the pack's
``partial`` tool in ``details.use_tool``; an update that sends every kept field (an empty value
clears one on purpose) passes, and so does one whose item cannot be read (the server answers that).
"""

from __future__ import annotations

from typing import Any

from guards.call import Blocked, PendingCall, ToolCatalog
from guards.context import GuardContext
from guards.errors import ErrorType, is_error_payload, make_error
from guards.lookups import pass_through


def check_replacement(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    """Block an update that would clear fields the item has (see the module docstring)."""
    spec = catalog.pack.replacements.get(call.tool_name)
    if spec is None or ctx.lookup is None or not isinstance(call.args, dict):
        return
    read_args = pass_through(spec.pass_args, call.args)
    if read_args is None:
        return
    try:
        current = ctx.cached_lookup(spec.read, read_args)
    except Exception:  # an unreadable item is the server's to report
        return
    if not isinstance(current, dict) or is_error_payload(current):
        return
    cleared = [name for name in spec.kept if _has(current, name) and name not in call.args]
    if not cleared:
        return
    listed = ", ".join(cleared)
    raise Blocked(
        make_error(
            ErrorType.VALIDATION,
            call.tool_name,
            f"{call.tool_name} replaces the whole item: this call would clear {listed}, which it has now. "
            f"To change only the fields you send, call {spec.partial}.",
            details={
                "reason": "update_clears_fields",
                "cleared_fields": cleared,
                "use_tool": spec.partial,
                "example": dict(call.args),
            },
            remediation=[
                f"Call {spec.partial} with the same arguments to change only those fields.",
                f"Or send {listed} too: as they are now, or empty to clear them on purpose.",
            ],
        )
    )


def _has(item: dict[str, Any], name: str) -> bool:
    value = item.get(name)
    return value not in (None, "", [], {})

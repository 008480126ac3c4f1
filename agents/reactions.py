"""How a simulated agent reads the errors it gets back, and what it says when it stops.

Errors are the shared wire format (``{"ok": false, "error_type": ..., "details": ...}``): the fields an
error names decide *which* mistake the agent fixes; how specific it is decides *how likely* the fix is.
"""

from __future__ import annotations

import random
from typing import Any

from agents.profiles import Specificity

VAGUE_ANSWERS = (
    "I ran into a problem and couldn't finish that.",
    "Something went wrong on my side; please try again later.",
    "I wasn't able to complete the request.",
)


def error_fields(error: dict[str, Any]) -> list[str]:
    """The argument paths a wire-format error names."""
    details = error.get("details") or {}
    fields: list[str] = []
    if isinstance(details.get("field"), str):
        fields.append(details["field"])
    fields += [f for f in details.get("missing_required_fields") or [] if isinstance(f, str)]
    for item in details.get("invalid_fields") or []:
        if isinstance(item, dict) and isinstance(item.get("field"), str):
            fields.append(item["field"])
    return fields


def specificity(error: dict[str, Any]) -> Specificity:
    """How precisely an error tells the agent what to change."""
    details = error.get("details") or {}
    named = bool(error_fields(error)) or error.get("error_type") == "unknown_tool"
    # An example with no arguments (``calendars_list({})``) is still a whole example; candidates may
    # sit on the invalid field they are for.
    hinted = details.get("example") is not None or any(
        details.get(key) for key in ("suggestions", "candidates", "expected_format")
    )
    hinted = hinted or any(
        isinstance(item, dict) and item.get("candidates") for item in details.get("invalid_fields") or []
    )
    if named and hinted:
        return "pinpoint"
    return "field" if named else "generic"


def user_named(error: dict[str, Any]) -> tuple[str, str] | None:
    """``(field, id)`` when the error says which item the user's words name instead of the agent's
    (a guard's ``contradicts_user_words``): the one piece of advice that is a value, not a hint."""
    details = error.get("details") or {}
    named = details.get("user_named")
    path = details.get("field")
    if details.get("reason") != "contradicts_user_words" or not isinstance(named, dict):
        return None
    ident = named.get("id")
    return (path, ident) if isinstance(path, str) and isinstance(ident, str) and ident else None


def advised_value(error: dict[str, Any]) -> tuple[str, Any] | None:
    """``(field, value)`` when a guard's error gives the value to send (``details.use_value``)."""
    details = error.get("details") or {}
    path, value = details.get("field"), details.get("use_value")
    return (path, value) if isinstance(path, str) and value is not None else None


def advised_tool(error: dict[str, Any]) -> str | None:
    """The tool a guard's error says to call instead (``details.use_tool``): advice that is a tool."""
    details = error.get("details") or {}
    tool = details.get("use_tool")
    return tool if isinstance(tool, str) and tool else None


def wrong_tool_call(tool: str, args: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A valid tool that does the wrong thing for this write (or only reads, then claims success)."""
    if tool == "events_insert":
        return "calendars_insert", {"summary": args.get("summary", "New calendar")}
    if tool == "events_patch":
        return "events_update", dict(args)
    if tool == "events_update":
        return "events_insert", {k: v for k, v in args.items() if k != "eventId"}
    resource = tool.split("_", 1)[0]
    if resource == "events" and "eventId" in args:
        return "events_get", {"calendarId": args.get("calendarId"), "eventId": args["eventId"]}
    if resource in ("events", "acl") and "calendarId" in args:
        return f"{resource}_list", {"calendarId": args["calendarId"]}
    return "calendars_list", {}


def ask_which(error: dict[str, Any]) -> str:
    """The question an agent asks on an ambiguous reference."""
    details = error.get("details") or {}
    candidates = details.get("candidates") or []
    names = [f"{c.get('name') or c.get('id')} ({c.get('id')})" for c in candidates if isinstance(c, dict)]
    listed = "; ".join(names) if names else "several matches"
    return f"Which one do you mean? '{details.get('value', 'that')}' matches more than one: {listed}."


def no_access(error: dict[str, Any]) -> str:
    """What an agent says when the user lacks the access a change needs."""
    return (
        "I can't make that change: you don't have permission (write access) on that calendar. "
        f"{error.get('message', '')}".strip()
    )


def vague_answer(rng: random.Random) -> str:
    """What an agent that gives up early says: nothing about what failed or what it needs."""
    return rng.choice(VAGUE_ANSWERS)

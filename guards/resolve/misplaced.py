"""A real ID sent with the wrong scope: the event the agent saw on one calendar, patched on another.

A reference whose lookup passes arguments through (``eventId`` is listed per ``calendarId``) can be a
valid ID and still be "not found", because the agent paired it with the wrong scope. When the agent
saw that very ID in an earlier result under other pass-through values, the useful error names the
scope argument to fix and the value it was seen with, instead of "no event matches". It stays an
error, never a repair: which of the two values the agent meant is not ours to guess.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from guards.context import GuardContext
from guards.errors import ErrorType, make_error
from guards.lookups import item_id
from guards.pack import ReferenceSpec
from guards.paths import get_path


def misplaced_reference_error(
    tool_name: str, ctx: GuardContext, spec: ReferenceSpec, path: str, value: str, args: dict[str, Any]
) -> dict[str, Any] | None:
    """The error for ``value`` seen earlier under other pass-through arguments, or ``None``."""
    for item, observed_args in _observed_items(ctx, spec, value):
        for scope in spec.lookup.pass_args:
            seen = get_path(item, scope, None) or observed_args.get(scope)
            sent = args.get(scope)
            if isinstance(seen, str) and seen and sent is not None and seen != sent:
                name = get_path(item, spec.lookup.display or "", None) if spec.lookup.display else None
                label = f"{value!r}" + (f" ({name!r})" if isinstance(name, str) and name else "")
                return make_error(
                    ErrorType.NOT_FOUND,
                    tool_name,
                    f"The {spec.kind} {label} is not under {scope}={sent!r}; an earlier result listed it "
                    f"under {scope}={seen!r}.",
                    details={
                        "field": scope,
                        "value": sent,
                        "expected": seen,
                        "reference_field": path,
                        "reference": value,
                    },
                    remediation=[
                        f"If you meant this {spec.kind}, call {tool_name} again with {scope}={seen!r}; "
                        f"otherwise list the {spec.kind}s under {scope}={sent!r} with {spec.lookup.tool}."
                    ],
                )
    return None


def _observed_items(
    ctx: GuardContext, spec: ReferenceSpec, value: str
) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Items with ID ``value`` in earlier successful results (listings or single resources), newest first."""
    for observation in reversed(ctx.tool_results):
        result = observation.result
        if not isinstance(result, dict) or result.get("ok") is False:
            continue
        listed = result.get(spec.lookup.items)
        candidates = [*listed] if isinstance(listed, list) else []
        candidates.append(result)
        for item in candidates:
            if isinstance(item, dict) and item_id(item, spec.lookup) == value:
                yield item, observation.args if isinstance(observation.args, dict) else {}

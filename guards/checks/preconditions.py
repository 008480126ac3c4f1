"""The ordering pre-check: a call whose pack-declared prerequisite step was skipped is blocked.

E.g. an ``eventId`` being patched must have been observed in an earlier result, stated by the user, or
confirmed by the resolver just now; otherwise the agent is told which step comes first.
"""

from __future__ import annotations

from typing import Any

from guards.call import Blocked, PendingCall, ToolCatalog
from guards.context import GuardContext
from guards.errors import ErrorType, make_error
from guards.paths import get_path


def check_preconditions(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    """Block a call whose pack-declared prerequisite step was skipped."""
    if not isinstance(call.args, dict):
        return
    for spec in catalog.pack.preconditions:
        if call.tool_name not in spec.tools:
            continue
        value = get_path(call.args, spec.field, None)
        if not isinstance(value, str) or not value or spec.field in call.resolved_fields:
            continue
        if _observed(ctx, spec.observed_via, value) or any(value in m for m in ctx.user_messages):
            continue
        raise Blocked(
            make_error(
                ErrorType.PRECONDITION,
                call.tool_name,
                f"{spec.field} {value!r} has not been seen in any result yet: {spec.first}",
                details={
                    "field": spec.field,
                    "value": value,
                    "required_step": spec.first,
                    "observed_via": spec.observed_via,
                },
                remediation=[spec.first],
            )
        )


def _observed(ctx: GuardContext, tools: list[str], value: str) -> bool:
    return any(obs.tool_name in tools and _contains(obs.result, value) for obs in ctx.tool_results)


def _contains(data: Any, value: str) -> bool:
    if isinstance(data, str):
        return data == value
    if isinstance(data, dict):
        return any(_contains(v, value) for v in data.values())
    if isinstance(data, list | tuple):
        return any(_contains(v, value) for v in data)
    return False

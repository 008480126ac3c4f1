"""A name not found where the agent looked, found under exactly one other scope the user can see.

"Move the pipeline review on Friday" sent with the ID of a calendar the review is not on gets "no event
matching 'Pipeline review' can be found" on that calendar, which is true and useless: the agent only
slipped on the calendar. Before that error, the reference's scope (its pass-through argument, the
calendar) is checked: when the user's words do not name the agent's scope, and the name is, word for
word, the name of items under exactly one other scope the user can list, the ``not_found_error`` says
where it is and gives that scope as ``details.use_value`` (field: the scope argument). It stays an
error, never a repair, and it never points anywhere when two scopes hold the name or the user named
the scope the agent used. A user with more than :data:`MAX_SCOPES` scopes gets the plain error, so
large worlds stay cheap.
"""

from __future__ import annotations

from typing import Any

from guards.call import Blocked, PendingCall
from guards.context import GuardContext
from guards.errors import ErrorType, make_error
from guards.lookups import alias_entry, display_name, fetch_items, item_id, item_names
from guards.pack import DomainPack, ReferenceSpec
from guards.resolve.matching import names_exactly, words
from guards.resolve.misplaced import user_names_scope

MAX_SCOPES = 50
"""The most other scopes (calendars) searched for the name before giving the plain not-found error."""


def found_elsewhere_error(
    call: PendingCall,
    ctx: GuardContext,
    pack: DomainPack,
    spec: ReferenceSpec,
    path: str,
    value: str,
    args: dict[str, Any],
) -> dict[str, Any] | None:
    """The not-found error naming the one other scope that holds ``value`` by name, or ``None``."""
    wanted = words(value)
    if not wanted or len(spec.lookup.pass_args) != 1 or ctx.lookup is None:
        return None
    scope = spec.lookup.pass_args[0]
    sent = args.get(scope)
    scope_spec = pack.references_for(call.tool_name).get(scope)
    if scope_spec is None or not isinstance(sent, str):
        return None
    try:
        scopes = fetch_items(ctx, call, scope_spec.lookup, dict(scope_spec.lookup.args), field=scope)
    except Blocked:
        return None
    if not scopes or len(scopes) > MAX_SCOPES or user_names_scope(ctx, scope_spec, scopes, sent) is not False:
        return None  # too many to read all, or the user named the agent's scope (or it is not theirs)
    own = {sent, _own_id(scopes, sent, scope_spec, ctx)}
    holders = []
    for other in scopes:
        other_id = item_id(other, scope_spec.lookup)
        if other_id is None or other_id in own:
            continue
        if _holds(ctx, call, spec, {**args, scope: other_id}, wanted):
            holders.append(other)
            if len(holders) > 1:
                break  # two hold it: no one place to point to, so the rest need not be read
    if len(holders) != 1:
        return None
    holder = holders[0]
    holder_id, holder_name = item_id(holder, scope_spec.lookup), display_name(holder, scope_spec.lookup)
    return make_error(
        ErrorType.NOT_FOUND,
        call.tool_name,
        f"No {spec.kind} matching {value!r} is under {scope}={sent!r}; the only {scope_spec.kind} you can "
        f"see that has one is {holder_name!r} ({holder_id}).",
        details={
            "field": scope,
            "value": sent,
            "use_value": holder_id,
            "reference_field": path,
            "reference": value,
        },
        remediation=[f"Call {call.tool_name} again with {scope}={holder_id!r} ({holder_name!r})."],
    )


def _holds(
    ctx: GuardContext, call: PendingCall, spec: ReferenceSpec, args: dict[str, Any], wanted: tuple[str, ...]
) -> bool:
    try:
        items = fetch_items(ctx, call, spec.lookup, args, field=spec.lookup.pass_args[0])
    except Blocked:
        return False
    return any(
        names_exactly(wanted, words(name)) for item in items or [] for name in item_names(item, spec.lookup)
    )


def _own_id(
    scopes: list[dict[str, Any]], sent: str, scope_spec: ReferenceSpec, ctx: GuardContext
) -> str | None:
    """The ID of the scope an alias the agent sent stands for ("primary": the user's own calendar)."""
    if sent not in scope_spec.aliases.values():
        return None
    entry = alias_entry(scopes, sent, scope_spec.lookup, ctx.actor)
    return item_id(entry, scope_spec.lookup) if entry is not None else None

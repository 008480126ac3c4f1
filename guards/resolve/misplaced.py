"""A real ID sent with the wrong scope: the event the agent saw on one calendar, patched on another.

A reference whose lookup passes arguments through (``eventId`` is listed per ``calendarId``) can be a
valid ID and still be "not found", because the agent paired it with the wrong scope. When the agent
saw that very ID in an earlier result under other pass-through values, the useful error names the
scope argument to fix and the value it was seen with, instead of "no event matches". It stays an
error, never a repair: which of the two values the agent meant is not ours to guess.

The error advises the scope the item was seen under (``details.use_value``) only when nothing says the
agent's scope was the one meant: the user's words do not name it (by name or by a pack alias such as
"my calendar"), and it holds no item of the same name that the agent may have meant instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from guards.call import Blocked, PendingCall
from guards.context import GuardContext
from guards.errors import ErrorType, make_error
from guards.lookups import alias_entry, display_name, fetch_items, item_id, lookup_args
from guards.pack import DomainPack, ReferenceSpec
from guards.paths import get_path
from guards.resolve.choice import named_by_alias
from guards.resolve.matching import singular, words
from guards.resolve.user_words import named_apart, without_titles


def misplaced_reference_error(
    call: PendingCall,
    ctx: GuardContext,
    pack: DomainPack,
    spec: ReferenceSpec,
    path: str,
    value: str,
    args: dict[str, Any],
    listed: list[dict[str, Any]],
) -> dict[str, Any] | None:
    """The error for ``value`` seen earlier under other pass-through arguments (``args``, the
    lookup's), or ``None``; ``listed`` is what the lookup under the agent's own arguments returned."""
    for item, observed_args in observed_items(ctx, spec, value):
        for scope in spec.lookup.pass_args:
            seen = seen_scope(item, observed_args, scope)
            sent = args.get(scope)
            if isinstance(seen, str) and seen and sent is not None and seen != sent:
                name = get_path(item, spec.lookup.display or "", None) if spec.lookup.display else None
                label = f"{value!r}" + (f" ({name!r})" if isinstance(name, str) and name else "")
                error = make_error(
                    ErrorType.NOT_FOUND,
                    call.tool_name,
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
                        f"If you meant this {spec.kind}, call {call.tool_name} again with {scope}={seen!r}; "
                        f"otherwise list the {spec.kind}s under {scope}={sent!r} with {spec.lookup.tool}."
                    ],
                )
                if _scope_is_a_slip(call, ctx, pack, spec, scope, sent, item, listed):
                    error["details"]["use_value"] = seen
                return error
    return None


def _scope_is_a_slip(
    call: PendingCall,
    ctx: GuardContext,
    pack: DomainPack,
    spec: ReferenceSpec,
    scope: str,
    sent: Any,
    item: dict[str, Any],
    listed: list[dict[str, Any]],
) -> bool:
    """Nothing says the agent meant its own scope: no namesake of the item there, and the user's words
    do not name that scope."""
    name = words(display_name(item, spec.lookup))
    if any(words(display_name(other, spec.lookup)) == name for other in listed):
        return False
    scope_spec = pack.references_for(call.tool_name).get(scope)
    if scope_spec is None or not isinstance(sent, str):
        return False
    scope_args = lookup_args(scope_spec.lookup, call.args)
    if scope_args is None:
        return False
    try:
        scopes = fetch_items(ctx, call, scope_spec.lookup, scope_args, field=scope)
    except Blocked:
        return False
    if not scopes:
        return False
    return user_names_scope(ctx, scope_spec, scopes, sent) is False


def user_names_scope(
    ctx: GuardContext, scope_spec: ReferenceSpec, scopes: list[dict[str, Any]], sent: str
) -> bool | None:
    """Do the user's words name the scope ``sent`` (by name, a quoted name of it, or a pack alias such
    as "my calendar")? ``None`` when ``sent`` is none of ``scopes``."""
    target = next((s for s in scopes if item_id(s, scope_spec.lookup) == sent), None)
    if target is None and sent in scope_spec.aliases.values():
        target = alias_entry(scopes, sent, scope_spec.lookup, ctx.actor)
    if target is None:
        return None
    kind_words = {singular(scope_spec.kind.lower())}
    messages = [without_titles(message, kind_words) for message in ctx.user_messages]
    if any(named is target for named in named_apart([target], scope_spec, messages)):
        return True
    by_alias = named_by_alias(scopes, scope_spec, messages, ctx.actor)
    return by_alias is not None and by_alias[0] is target


def observed_items(
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


def seen_scope(item: dict[str, Any], observed_args: dict[str, Any], scope: str) -> Any:
    """The ``scope`` value (a calendar) an earlier result showed ``item`` under: the item's own field,
    else the argument the listing was called with."""
    return get_path(item, scope, None) or observed_args.get(scope)

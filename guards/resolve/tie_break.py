"""Breaking a tie with the call's own other arguments, by looking them up (never by guessing).

"the cast calendar" names two calendars equally well (Cast Fittings, Cast Rehearsals). The rest of the
call often says which: an ``eventId`` (or an event name) that only one of them holds, or, for a read, a
search (``q``, a time window) that finds something on only one of them. For each tied candidate this
module runs the lookup the other argument needs, as the acting user, and keeps the candidate when
exactly one of them passes; otherwise the tie stands and the call is blocked as ambiguous.

* a dependent reference: another reference field of the call whose lookup passes this one (an event's
  ``calendarId``); the candidate holds it when an earlier result listed that ID under it, or its
  listing has that ID or an item whose name reaches the resolver's threshold;
* a read: the call itself, sent with the candidate in place, finds a non-empty list of items.
"""

from __future__ import annotations

import copy
from typing import Any

from guards.call import Blocked, PendingCall
from guards.context import GuardContext
from guards.lookups import fetch_items, item_id, item_names, lookup_args
from guards.pack import DomainPack, ReferenceSpec
from guards.paths import get_path, set_path
from guards.recovery.classify import classify
from guards.resolve.matching import Decision, Scored, score_text
from guards.resolve.misplaced import observed_items, seen_scope

MAX_TIED = 4
"""Ties wider than this are not worth a lookup per candidate: the user must choose."""


def break_tie_by_arguments(
    call: PendingCall,
    ctx: GuardContext,
    pack: DomainPack,
    path: str,
    decision: Decision,
    threshold: float,
) -> Decision:
    """``decision`` with a winner when exactly one tied candidate fits the call's other arguments."""
    if not decision.tied or len(decision.tied) > MAX_TIED:
        return decision
    fitting = [c for c in decision.tied if _fits(call, ctx, pack, path, c, threshold)]
    if len(fitting) != 1:
        return decision
    winner = fitting[0]
    winner.evidence.append("the only close candidate where the call's other arguments are found")
    return Decision(winner, [], decision.ranked)


def _fits(
    call: PendingCall, ctx: GuardContext, pack: DomainPack, path: str, candidate: Scored, threshold: float
) -> bool:
    dependents = [
        (field, spec)
        for field, spec in pack.references_for(call.tool_name).items()
        if path in spec.lookup.pass_args and isinstance(get_path(call.args, field, None), str)
    ]
    if dependents:
        return all(_holds(call, ctx, field, spec, path, candidate, threshold) for field, spec in dependents)
    if pack.is_write(call.tool_name):
        return False  # nothing to look up: a write's target is the user's to choose
    return _read_finds_something(call, ctx, path, candidate)


def _holds(
    call: PendingCall,
    ctx: GuardContext,
    field: str,
    spec: ReferenceSpec,
    path: str,
    candidate: Scored,
    threshold: float,
) -> bool:
    value = get_path(call.args, field)
    if _seen_under(ctx, spec, value, path, candidate.id):
        return True
    args = lookup_args(spec.lookup, {**call.args, path: candidate.id})
    if args is None:
        return False
    try:
        items = fetch_items(ctx, call, spec.lookup, args, field=field)
    except Blocked:
        return False
    for item in items or []:
        if item_id(item, spec.lookup) == value:
            return True
        if any(score_text(value, name, spec.kind) >= threshold for name in item_names(item, spec.lookup)):
            return True
    return False


def _read_finds_something(call: PendingCall, ctx: GuardContext, path: str, candidate: Scored) -> bool:
    args: dict[str, Any] = copy.deepcopy(call.args)
    try:
        set_path(args, path, candidate.id)
        result = ctx.cached_lookup(call.tool_name, args)
    except Exception:  # a read that cannot be tried tells nothing about the candidate
        return False
    if not classify(result, call.tool_name).ok or not isinstance(result, dict):
        return False
    items = result.get("items")
    return isinstance(items, list) and len(items) > 0


def _seen_under(ctx: GuardContext, spec: ReferenceSpec, value: Any, path: str, candidate: str) -> bool:
    """Did an earlier result list ``value`` under the candidate (an occurrence ID a listing of single
    events showed, which the reference's own listing of series does not hold)?"""
    if not isinstance(value, str):
        return False
    return any(seen_scope(item, seen, path) == candidate for item, seen in observed_items(ctx, spec, value))

"""A placeholder where the user's words name the item: the item, looked up.

An agent that writes ``your_calendar_id`` or ``<eventId>`` did not know the ID; the user said which item
they meant ("cancel the tech scout", "on the Dock Schedule calendar", "on my calendar"). When the call's
listing holds exactly one item whose full name the user's words contain (as the listing-choice check
reads them: word for word, outside a longer name that is also said, quoted titles aside), said with its
kind unless it is an event ("the Dock Schedule calendar"; "the ward office calendar of Tomasz Shah" does
not name Tomasz Shah's own calendar) or named by a person's address (the sharing rule of
ingrid.dimitriou@... for "remove Ingrid Dimitriou's access") or, for a container the pack's
``creations`` make (``id_pattern``: no person's own calendar), put into by name ("add 'Records clinic'
to Parks Events"), or a pack alias that says the kind ("my calendar"), the placeholder becomes that
item's ID, recorded as a resolution. Of several same-named events, the one the conversation's day, time
or people single out ("Friday's 10.30am gate cutoff") counts, unless the call writes the event's times
(a day said may be the new one). Before that, and on reads too: a placeholder in the scope of another
reference of the call (``calendarId`` beside ``eventId``) whose ID an earlier result listed under
exactly one scope value becomes that value: the agent read the event there. Anything less certain is
left to validation, which blocks the placeholder as before:

* only on writes and the pack's ``subject_reads`` (``acl_list``): another read may be about another
  item than the one the user named ("move the review to my personal calendar" first lists the
  calendar it is on now);
* only listings (calendars, events, ACL rules), never a directory search (people);
* only a call with one reference field of that kind (``events_move`` has a source and a destination
  calendar: which one the user named is not ours to decide), and not an entry of a list;
* not a recurring series (the user may mean one occurrence), nor an item another field of the call
  already uses.
"""

from __future__ import annotations

import re
from typing import Any

from guards.call import Blocked, PendingCall
from guards.context import GuardContext
from guards.lookups import display_name, fetch_items, item_id, item_names, lookup_args
from guards.pack import DomainPack, ReferenceSpec
from guards.paths import get_path, iter_paths, set_path
from guards.placeholders import is_placeholder
from guards.resolve.choice import named_by_alias, named_with_kind
from guards.resolve.event_hints import hints_for
from guards.resolve.matching import Scored, is_address, words
from guards.resolve.misplaced import observed_items
from guards.resolve.user_words import QUOTED, name_phrases, named_apart, said_phrases, says_any, strings_in
from guards.verdict import InterventionKind


def fill_placeholder(
    call: PendingCall, ctx: GuardContext, pack: DomainPack, path: str, value: str, spec: ReferenceSpec
) -> None:
    """Replace the placeholder at ``path`` by the one scope an item of the call was seen under, or by the
    one listed item the user's words name, if there is one."""
    scope = _scope_of_seen_item(call, ctx, pack, path)
    if scope is not None:
        set_path(call.args, path, scope[0])
        call.record(InterventionKind.RESOLVED, path, value, scope[0], f"placeholder {value!r}: {scope[1]}")
        call.resolved_fields.add(path)
        return
    if not (pack.is_write(call.tool_name) or call.tool_name in pack.subject_reads):
        return
    if spec.lookup.query is not None or not ctx.user_messages:
        return
    if "[" in path:
        return
    same_kind = [p for p, other in pack.references_for(call.tool_name).items() if other.kind == spec.kind]
    if sum(1 for pattern in same_kind for _ in iter_paths(call.args, pattern)) != 1:
        return
    args = lookup_args(spec.lookup, call.args)
    if args is None:
        return
    try:
        items = fetch_items(ctx, call, spec.lookup, args, field=path)
    except Blocked:
        return  # the lookup failed: validation reports the placeholder
    if not items:
        return
    unquoted = [QUOTED.sub(" ", message) for message in ctx.user_messages]
    named = named_apart(items, spec, unquoted)
    if not spec.lookup.time_fields:  # events go by their titles, people's rules by their names,
        said = said_phrases(unquoted)  # other things by name *and* kind
        made = [c.id_pattern for c in pack.creations.values() if c.kind == spec.kind and c.id_pattern]
        named = [
            item
            for item in named
            if _by_address(item, spec, said)
            or named_with_kind(item, spec, said)
            or _placed_on(item, spec, said, made)
        ]
    how = f"the only {spec.kind} the user's words name"
    if not named:
        by_alias = named_by_alias(items, spec, unquoted, ctx.actor)
        if by_alias is not None:
            named, how = [by_alias[0]], f"the {spec.kind} the user called {by_alias[1]!r}"
    if len(named) > 1:
        named = _on_the_day_said(named, call, ctx, pack, spec)
    if len(named) != 1 or (spec.occurrences is not None and named[0].get("recurrence")):
        return  # several, none, or a series (which occurrence is the user's to say)
    target = item_id(named[0], spec.lookup)
    if target is None or target in set(strings_in(call.args)):
        return
    set_path(call.args, path, target)
    reason = f"placeholder {value!r}: {how}, {display_name(named[0], spec.lookup)!r}"
    call.record(InterventionKind.RESOLVED, path, value, target, reason)
    call.resolved_fields.add(path)


def _on_the_day_said(
    named: list[dict[str, Any]], call: PendingCall, ctx: GuardContext, pack: DomainPack, spec: ReferenceSpec
) -> list[dict[str, Any]]:
    """Of several same-named events, those the conversation's day, time and people single out ("Monday's
    10.30am time entry review"), unless the call writes the event's times: then a day said may be
    the new one ("move the gate cutoff to Monday"), not the one it is on."""
    if not spec.lookup.time_fields or any(
        get_path(call.args, field, None) is not None for field in spec.lookup.time_fields
    ):
        return named
    tied = [Scored(id=item_id(item, spec.lookup) or "", name="", score=0.0, item=item) for item in named]
    return [candidate.item for candidate in hints_for("", spec, ctx, pack, call.args).narrow(tied)]


def _scope_of_seen_item(
    call: PendingCall, ctx: GuardContext, pack: DomainPack, path: str
) -> tuple[str, str] | None:
    """``(value, reason)`` when ``path`` is the scope of another reference of the call whose ID earlier
    results listed under exactly one value of it (``calendarId`` of an ``eventId`` the agent read)."""
    for pattern, other in pack.references_for(call.tool_name).items():
        if path not in other.lookup.pass_args or "*" in pattern or "[" in pattern:
            continue
        ident = get_path(call.args, pattern, None)
        if not isinstance(ident, str) or not ident or is_placeholder(ident, pack):
            continue
        scopes = {
            seen
            for item, observed_args in observed_items(ctx, other, ident)
            if isinstance(seen := observed_args.get(path) or get_path(item, path, None), str) and seen
        }
        if len(scopes) == 1:
            (scope,) = scopes
            return scope, f"an earlier result listed {other.kind} {ident!r} under {path}={scope!r}"
    return None


def _placed_on(item: dict[str, Any], spec: ReferenceSpec, said: list[str], made: list[str]) -> bool:
    """Is the item a container the pack's creations make (its ID of their shape, so no person's own
    calendar), named in full where a thing is put ("add 'Records clinic' to Parks Events")?"""
    ident = item_id(item, spec.lookup)
    if ident is None or not any(re.search(pattern, ident) for pattern in made):
        return False
    phrases = name_phrases(item, spec)
    return says_any([f"{word} {phrase}" for phrase in phrases for word in _PLACING], said)


_PLACING = ("to", "onto", "into", "on", "in")


def _by_address(item: dict[str, Any], spec: ReferenceSpec, said: list[str]) -> bool:
    """Is the item named by an e-mail address whose owner's name the user said ("remove Ingrid
    Dimitriou's access": the rule of ingrid.dimitriou@...)? A person's name is no topic word."""
    addresses = [n for n in item_names(item, spec.lookup, primary_only=True) if is_address(n)]
    return says_any([" ".join(words(address)) for address in addresses if words(address)], said)

"""A placeholder where the user's words name the item: the item, looked up.

An agent that writes ``your_calendar_id`` or ``<eventId>`` did not know the ID; the user said which item
they meant ("cancel the tech scout", "on the Dock Schedule calendar", "on my calendar"). When the call's
listing holds exactly one item whose full name the user's words contain (as the listing-choice check
reads them: word for word, outside a longer name that is also said, quoted titles aside but for a quote
beside the kind's word, "my 'Zoning nights' calendar"), said with its kind unless it is an event ("the
Dock Schedule calendar"; "the ward office calendar of Tomasz Shah" does not name Tomasz Shah's own
calendar) or named by a person's address (the sharing rule of ingrid.dimitriou@... for "remove Ingrid
Dimitriou's access", or the one person the user named in full whom the agent's search found, whose
address does not spell the name: :mod:`guards.resolve.placeholder_people`) or, for a container the
pack's ``creations`` make (``id_pattern``: no person's own calendar), put into by name ("add 'Records
clinic' to Parks Events"), or a pack alias that says the kind ("my calendar"), the placeholder becomes
that item's ID, recorded as a resolution. Of several same-named events, the one the conversation's day,
time or people single out ("Friday's 10.30am gate cutoff") counts, unless the call writes the event's
times (a day said may be the new one). With none of these, the container this episode created and the
user's own (when they name none) are the fallbacks of :mod:`guards.resolve.placeholder_defaults`. Before
that, and on reads too: a placeholder in the scope of another reference of the call (``calendarId``
beside ``eventId``) whose ID an earlier result listed under exactly one scope value becomes that value:
the agent read the event there. Anything less certain is left to validation, which blocks the
placeholder as before:

* only on writes and the pack's ``subject_reads`` (``acl_list``): another read may be about another
  item than the one the user named ("move the review to my personal calendar" first lists the
  calendar it is on now);
* only listings (calendars, events, ACL rules); a person goes by the agent's own directory searches
  (:mod:`guards.resolve.placeholder_people`);
* only one placeholder of that kind in the call, and not an entry of a list; beside another field
  of the kind (``events_move``'s source and destination) the item that field holds is not the one
  named ("from Public Hearings - Zoning to Public Hearings": the destination is the other), the
  field is no scope of another reference (the source calendar of the event moved), and neither
  the alias nor the fallbacks below apply;
* not a recurring series (the user may mean one occurrence), nor an item another field of the call
  already uses.
"""

from __future__ import annotations

from typing import Any

from guards.call import Blocked, PendingCall
from guards.context import GuardContext
from guards.lookups import display_name, fetch_items, item_id, item_names, lookup_args
from guards.pack import DomainPack, ReferenceSpec
from guards.paths import get_path, iter_paths, set_path
from guards.placeholders import is_placeholder
from guards.resolve.choice import named_by_alias, named_with_kind
from guards.resolve.event_hints import hints_for
from guards.resolve.matching import Scored, is_address, singular, words
from guards.resolve.misplaced import observed_items
from guards.resolve.placeholder_defaults import made_by_creation, made_in_episode, own_when_none_named
from guards.resolve.placeholder_people import fill_person_placeholder, items_of_the_person_named
from guards.resolve.user_words import (
    name_phrases,
    named_apart,
    note_people_on_target,
    said_phrases,
    says_any,
    strings_in,
    without_titles,
)
from guards.verdict import InterventionKind


def fill_placeholder(
    call: PendingCall, ctx: GuardContext, pack: DomainPack, path: str, value: str, spec: ReferenceSpec
) -> None:
    """Replace the placeholder at ``path`` by the one scope an item of the call was seen under, or by the
    one listed item the user's words name, if there is one."""
    scope = _scope_of_seen_item(call, ctx, pack, path)
    if scope is not None:
        _fill(call, path, value, scope[0], f"placeholder {value!r}: {scope[1]}")
        return
    if not (pack.is_write(call.tool_name) or call.tool_name in pack.subject_reads):
        return
    if spec.lookup.query is not None:
        fill_person_placeholder(call, ctx, pack, path, value, spec)
        return
    if not ctx.user_messages or "[" in path:
        return
    references = pack.references_for(call.tool_name)
    same_kind = [p for p, other in references.items() if other.kind == spec.kind]
    fields = [(p, v) for pattern in same_kind for p, v in iter_paths(call.args, pattern)]
    if sum(1 for _, v in fields if isinstance(v, str) and is_placeholder(v, pack)) != 1:
        return
    others = [v for p, v in fields if p != path and isinstance(v, str)]
    if others and any(path in other.lookup.pass_args for other in references.values()):
        return  # the calendar of the event moved: only an earlier result can say which (above)
    args = lookup_args(spec.lookup, call.args)
    if args is None:
        return
    try:
        items = fetch_items(ctx, call, spec.lookup, args, field=path)
    except Blocked:
        return  # the lookup failed: validation reports the placeholder
    if not items:
        return
    kind = singular(spec.kind.lower())
    unquoted = [without_titles(message, {kind}) for message in ctx.user_messages]
    named = named_apart(items, spec, unquoted)
    if not spec.lookup.time_fields:  # events go by their titles, people's rules by their names,
        said = said_phrases(unquoted)  # other things by name *and* kind
        named = [
            item
            for item in named
            if _by_address(item, spec, said)
            or named_with_kind(item, spec, said)
            or _placed_on(item, spec, said, pack)
        ]
    named = [item for item in named if not _used_by(item, spec, others)]
    how = f"the only {spec.kind} the user's words name"
    if not named and spec.lookup.tool in pack.subject_reads:
        named = items_of_the_person_named(items, call, ctx, pack, spec)
        how = f"the {spec.kind} of the one person the user named in full whom the agent's search found"
    if not named and not others:
        by_alias = named_by_alias(items, spec, unquoted, ctx.actor)
        if by_alias is not None:
            named, how = [by_alias[0]], f"the {spec.kind} the user called {by_alias[1]!r}"
    if not named and not others:
        made = made_in_episode(ctx, pack, spec)
        own = own_when_none_named(call, ctx, pack, spec, items, unquoted) if made is None else None
        if made is not None:
            named = [item for item in items if item_id(item, spec.lookup) == made[0]]
            how = f"the {spec.kind} this episode created as {made[1]!r}"
        elif own is not None:
            alias, entry = own
            why = f"the user's own {spec.kind}, {alias!r} ({display_name(entry, spec.lookup)!r})"
            _fill(call, path, value, alias, f"placeholder {value!r}: {why}, since their words name none")
            return
    if len(named) > 1:
        named = _on_the_day_said(named, call, ctx, pack, spec)
    if len(named) != 1 or (spec.occurrences is not None and named[0].get("recurrence")):
        return  # several, none, or a series (which occurrence is the user's to say)
    target = item_id(named[0], spec.lookup)
    if target is None or target in set(strings_in(call.args)):
        return
    note_people_on_target(call, spec, named[0])
    _fill(call, path, value, target, f"placeholder {value!r}: {how}, {display_name(named[0], spec.lookup)!r}")


def _fill(call: PendingCall, path: str, value: str, target: str, reason: str) -> None:
    set_path(call.args, path, target)
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


def _used_by(item: dict[str, Any], spec: ReferenceSpec, others: list[str]) -> bool:
    """Does another field of the call hold this item, by ID or by one of its names ("move it from
    Public Hearings - Zoning to Public Hearings": the source is not the destination)?"""
    ident = item_id(item, spec.lookup)
    phrases = set(name_phrases(item, spec))
    return any(value == ident or " ".join(words(value)) in phrases for value in others)


def _placed_on(item: dict[str, Any], spec: ReferenceSpec, said: list[str], pack: DomainPack) -> bool:
    """Is the item a container the pack's creations make (its ID of their shape, so no person's own
    calendar), named in full where a thing is put or taken from ("add 'Records clinic' to Parks
    Events", "remove the scan from Participant Bookings")?"""
    if not made_by_creation(item, spec, pack):
        return False
    return says_any([f"{word} {phrase}" for phrase in name_phrases(item, spec) for word in _PLACING], said)


_PLACING = ("to", "onto", "into", "on", "in", "from")


def _by_address(item: dict[str, Any], spec: ReferenceSpec, said: list[str]) -> bool:
    """Is the item named by an e-mail address whose owner's name the user said ("remove Ingrid
    Dimitriou's access": the rule of ingrid.dimitriou@...)? A person's name is no topic word."""
    addresses = [n for n in item_names(item, spec.lookup, primary_only=True) if is_address(n)]
    return says_any([" ".join(words(address)) for address in addresses if words(address)], said)

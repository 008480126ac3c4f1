"""An ID the agent picked from a listing must not contradict the user's words.

The resolver lets an ID the agent read in a listing pass (its choice to make). On a write, that choice is
checked once against the user's words, strictly. When the user's messages contain the full name of
exactly one item of that listing as a phrase ("put it on Customer Calls APAC"), the call uses another
item that is not said, and no other field of the call uses the named one, the write is blocked with a
``validation_error`` (reason ``contradicts_user_words``) that names the user's item and its ID if the
agent's item is a confusable neighbour (its name shares a word with the named one: "Customer Calls -
EMEA") or the user called the named item by its kind ("on the Engineering calendar", the agent's
"Hiring"). When the user names no item by name but uses a pack alias that says the kind ("on my
calendar"), the alias's entry (their primary) is the one named.

Names are compared word for word (case, possessives and plurals aside; no typo or abbreviation
tolerance), and among names that are phrases of each other only the longest counts ("Customer Calls
APAC" hides "Customer Calls"); the agent's item counts as said only when its name is said outside the
longer one. The agent's item still passes when the user said a word that tells it apart from the named
one, or wrote its ID; quoted text (a title the user is giving) names nothing; e-mail addresses name
people, not calendars; the user's own primary calendar (its ID or the pack's alias, ``primary``)
passes, as the default place to put things, except on a write that changes the item itself (the
pack's ``subject_writes``: "share the Public Hearings calendar with Mateus" shares no calendar of the
user's own), where it is judged like any other choice unless the user's words name it ("share my
calendar"). On such a write the item's full name names it without the kind's word ("give Rosalind
access to Theatre Bookings"). The calendars of people the call invites or shares with are not named
by their names ("share Fleet Ops with Jonas Berg" names Fleet Ops only).

When the user names no item of the kind at all, a write to another one than theirs (the primary) is
checked by :mod:`guards.resolve.unasked`.

When neither the agent's item nor the user's can take the write (the acting user's role on both is too
low), the permission check speaks instead: its error is the one that says what the user can do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from typing import Any

from guards.call import Blocked, PendingCall
from guards.context import GuardContext
from guards.errors import ErrorType, make_error
from guards.lookups import alias_entry, display_name, fetch_items, item_id, lookup_args
from guards.pack import DomainPack, ReferenceSpec
from guards.paths import get_path
from guards.resolve.errors import contradiction_error
from guards.resolve.event_hints import message_times
from guards.resolve.matching import filler_for, singular
from guards.resolve.unasked import check_unasked_destination
from guards.resolve.user_words import (
    name_phrases,
    named_apart,
    named_by_user,
    said_phrases,
    says_any,
    without_titles,
)


@dataclass(frozen=True)
class ListingChoice:
    """A visible ID the agent wrote into ``path``, and the listing it is one item of."""

    path: str
    value: str
    spec: ReferenceSpec
    items: list[dict[str, Any]]


def check_listing_choices(
    call: PendingCall, ctx: GuardContext, choices: list[ListingChoice], pack: DomainPack | None = None
) -> None:
    """Block the first choice that contradicts what the user's words name (see the module docstring)."""
    if not choices or not ctx.user_messages:
        return
    said = said_phrases(ctx.user_messages)
    # Lengths say nothing about names: "for 45 minutes" tells no "Partners Meeting - Minutes" apart.
    lengthless = [message_times(message, ctx).without_lengths for message in ctx.user_messages]
    said_words = {word for text in said_phrases(lengthless) for word in text.split()}
    raw = "\n".join(ctx.user_messages).lower()
    used = set(_leaves(call.args))
    for choice in choices:
        if choice.value.lower() in raw:
            continue
        kind_words = {singular(choice.spec.kind.lower())}
        unquoted = [without_titles(message, kind_words) for message in ctx.user_messages]
        chosen = _entry_of(choice, ctx.actor)
        if _own_item_passes(call, ctx, pack, choice, chosen, unquoted):
            continue
        named = named_by_user(choice.items, choice.spec, unquoted)
        by_alias = None if named else named_by_alias(choice.items, choice.spec, unquoted, ctx.actor)
        if by_alias is not None:
            named = [by_alias[0]]
        # A person's name said without the kind's word ("with Agnieszka Pacheco") is about the person,
        # not their calendar: the calendars of people the call invites do not count as named.
        invited = {leaf.lower() for leaf in used if leaf != choice.value}
        about_people = all((item_id(item, choice.spec.lookup) or "").lower() in invited for item in named)
        if about_people and by_alias is None and chosen is not None and pack is not None:
            writable = partial(_writable, pack, call, choice)
            args = (choice.path, choice.spec, choice.items, chosen, said_words, writable, raw)
            check_unasked_destination(call, ctx, pack, *args)
        named = [item for item in named if (item_id(item, choice.spec.lookup) or "").lower() not in invited]
        if len(named) != 1 or chosen is None or named[0] is chosen:
            continue
        target = named[0]
        target_id = item_id(target, choice.spec.lookup)
        if target_id is None or target_id in used:
            continue
        # Only confusable neighbours count (names sharing a word: "Customer Calls APAC" and "Customer
        # Calls - EMEA"); a user naming Rustam does not name the calendar next to Rustam's. And the
        # agent's item is still a reading of the user's words if a word that tells it apart from the
        # named one was said ("delete the book flights reminder" beside a new "Flight check-in").
        # A write that changes the item itself is about the item it names: "give Rosalind access to
        # Theatre Bookings" names the calendar without its kind's word.
        mine, theirs = _words_of(chosen, choice.spec), _words_of(target, choice.spec)
        if (mine - theirs) & said_words:
            continue
        about_item = pack is not None and call.tool_name in pack.subject_writes
        if not (mine & theirs or by_alias or about_item or named_with_kind(target, choice.spec, said)):
            continue
        if any(item is chosen for item in named_apart(choice.items, choice.spec, unquoted)):
            continue  # the user said the agent's item too (not only inside the longer name)
        if pack is not None and not _writable(pack, call, choice, target):
            if not _writable(pack, call, choice, chosen):
                continue  # neither can be written: the permission check says so, naming the user's one
            raise Blocked(_named_not_writable(call, choice, pack, chosen, target, target_id))
        raise Blocked(_contradiction(call, choice, chosen, target, target_id, by_alias and by_alias[1]))


def alias_choice(
    call: PendingCall, ctx: GuardContext, spec: ReferenceSpec, path: str, value: str
) -> list[ListingChoice]:
    """The pack alias ``value`` (``primary``) the agent wrote at ``path``, as a choice from the
    reference's listing (none when the listing cannot be read)."""
    args = lookup_args(spec.lookup, call.args)
    items = fetch_items(ctx, call, spec.lookup, args, field=path) if args is not None else None
    return [ListingChoice(path, value, spec, items)] if items else []


def _entry_of(choice: ListingChoice, actor: str | None) -> dict[str, Any] | None:
    """The listing entry the choice's value is: by its ID, or the one a pack alias stands for."""
    lookup = choice.spec.lookup
    found = next((i for i in choice.items if item_id(i, lookup) == choice.value), None)
    if found is None and choice.value in choice.spec.aliases.values():
        return alias_entry(choice.items, choice.value, lookup, actor)
    return found


def _own_item_passes(
    call: PendingCall,
    ctx: GuardContext,
    pack: DomainPack | None,
    choice: ListingChoice,
    chosen: dict[str, Any] | None,
    unquoted: list[str],
) -> bool:
    """The user's own item (their ID, or a pack alias for it) passes, but on a write that changes the
    item itself (the pack's ``subject_writes``) only when the user's words name it."""
    if choice.value != ctx.actor and choice.value not in choice.spec.aliases.values():
        return False
    if pack is None or call.tool_name not in pack.subject_writes or chosen is None:
        return True
    if any(item is chosen for item in named_apart(choice.items, choice.spec, unquoted)):
        return True
    by_alias = named_by_alias(choice.items, choice.spec, unquoted, ctx.actor)
    return by_alias is not None and by_alias[0] is chosen


def named_by_alias(
    items: list[dict[str, Any]], spec: ReferenceSpec, messages: list[str], actor: str | None
) -> tuple[dict[str, Any], str] | None:
    """The entry a pack alias that says the kind names ("on my calendar": the user's primary), and the
    alias, when the user's words contain it (singular: "my calendars" names no one of them)."""
    text = "\n".join(messages).lower()
    kind = singular(spec.kind.lower())
    for phrase, target in spec.aliases.items():
        if kind not in phrase.lower().split():
            continue
        if re.search(rf"(?<![\w']){re.escape(phrase.lower())}(?!s\b)(?!\w)", text):
            entry = alias_entry(items, target, spec.lookup, actor)
            return (entry, phrase) if entry is not None else None
    return None


def _writable(pack: DomainPack, call: PendingCall, choice: ListingChoice, item: dict[str, Any]) -> bool:
    """May the acting user make this write on ``item`` (by the role its listing row shows)? Unknown
    roles count as writable, so that only a role known to be too low skips the contradiction."""
    spec, roles = pack.permissions.get(call.tool_name), pack.roles
    if spec is None or roles is None or choice.path not in (spec.resource, *spec.also):
        return True
    role = get_path(item, roles.role, None)
    if not isinstance(role, str) or role not in roles.order or spec.needs not in roles.order:
        return True
    return roles.suffices(role, spec.needs)


def named_with_kind(item: dict[str, Any], spec: ReferenceSpec, said: list[str]) -> bool:
    """Did the user call the item by its full name followed by its kind ("the Engineering calendar")?
    Then the name is a reference, not a topic word ("a finance review" names no calendar)."""
    kind = singular(spec.kind.lower())
    forms = (f"{{}} {kind}", *(f"{kind} {cue} {{}}" for cue in ("i call", "we call", "called", "named")))
    return says_any([form.format(phrase) for phrase in name_phrases(item, spec) for form in forms], said)


def _words_of(item: dict[str, Any], spec: ReferenceSpec) -> set[str]:
    filler = filler_for(spec.kind)
    return {word for phrase in name_phrases(item, spec) for word in phrase.split() if word not in filler}


def _leaves(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return []


def _contradiction(
    call: PendingCall,
    choice: ListingChoice,
    chosen: dict[str, Any],
    target: dict[str, Any],
    target_id: str,
    alias: str | None = None,
) -> dict[str, Any]:
    spec = choice.spec
    chosen_name = display_name(chosen, spec.lookup)
    target_name = display_name(target, spec.lookup)
    named = f" said {alias!r}: {target_name!r}" if alias else f"'s words name {target_name!r}"
    message = f"{choice.path} {choice.value!r} is {chosen_name!r}, but the user{named} ({target_id})."
    return contradiction_error(
        call, choice.path, choice.value, spec, chosen_name, target_id, target_name, message
    )


def _named_not_writable(
    call: PendingCall,
    choice: ListingChoice,
    pack: DomainPack,
    chosen: dict[str, Any],
    target: dict[str, Any],
    target_id: str,
) -> dict[str, Any]:
    """The user named one item and the agent chose another it can write, while the user's own cannot
    take the write: a ``permission_error`` about the one asked for (a redirect to it would only fail)."""
    spec, permission, roles = choice.spec, pack.permissions[call.tool_name], pack.roles
    role = get_path(target, roles.role, None) if roles is not None else None
    chosen_name, target_name = display_name(chosen, spec.lookup), display_name(target, spec.lookup)
    return make_error(
        ErrorType.PERMISSION,
        call.tool_name,
        f"{choice.path} {choice.value!r} is {chosen_name!r}, but the user's words name {target_name!r} "
        f"({target_id}), where your access is {role}: {call.tool_name} needs {permission.needs} access there",
        details={
            "field": choice.path,
            "value": choice.value,
            "reason": "user_named_not_writable",
            "user_named": {"id": target_id, "name": target_name, "accessRole": role},
            "accessRole": role,
            "requiredRole": permission.needs,
        },
        remediation=[
            f"The user asked for {target_name!r}, where your access is {role}: this cannot be done as asked. "
            f"Tell the user, rather than writing to {chosen_name!r}, which they did not name."
        ],
    )

"""Where a placeholder's item is plain though the user said no name of it in the usual way.

Two cases :mod:`guards.resolve.placeholder_fill` falls back to, when no listed item is named:

* **The container this episode made.** "Create a new calendar called 'Summer School 2026', share it
  with Jonas Shah and add 'Stats consult' to it": a placeholder where that calendar belongs is the one
  an earlier creation of this episode (the pack's ``creations``) returned, when the user's words hold
  its name, quoted or not (a quote is usually an event's title, but this one named what was made), and
  no other container made in the episode is named too.
* **The user's own.** "Set up a weekly 'Dailies screening' with Kiri every Thursday at 11:15" names no
  calendar, so the new event goes on the user's own, as :mod:`guards.resolve.unasked` holds for a
  calendar the agent chose: the placeholder becomes the pack's alias for it (``primary``) when
  the call makes a new item (not one of the pack's ``preconditions`` tools), the user's words outside
  quotes hold neither the kind's word ("calendar") nor any word of a listed container's name nor a
  listed ID, and the call has no other field of the kind.
"""

from __future__ import annotations

import re
from typing import Any

from guards.call import PendingCall
from guards.context import GuardContext
from guards.lookups import alias_entry, item_id
from guards.pack import DomainPack, ReferenceSpec
from guards.paths import get_path
from guards.resolve.matching import filler_for, singular, words
from guards.resolve.user_words import name_phrases, said_phrases, says_any


def made_in_episode(ctx: GuardContext, pack: DomainPack, spec: ReferenceSpec) -> tuple[str, str] | None:
    """``(id, name)`` of the one container of ``spec``'s kind an earlier creation returned whose name
    the user's words (quotes included) hold."""
    said = said_phrases(ctx.user_messages)
    found: dict[str, str] = {}
    for observation in ctx.tool_results:
        creation = pack.creations.get(observation.tool_name)
        result = observation.result
        if creation is None or creation.kind != spec.kind or not isinstance(result, dict):
            continue
        if result.get("ok") is False:
            continue
        ident, name = item_id(result, spec.lookup), get_path(result, creation.name_field, None)
        if ident and isinstance(name, str) and words(name) and says_any([" ".join(words(name))], said):
            found[ident] = name
    return next(iter(found.items())) if len(found) == 1 else None


def own_when_none_named(
    call: PendingCall,
    ctx: GuardContext,
    pack: DomainPack,
    spec: ReferenceSpec,
    items: list[dict[str, Any]],
    unquoted: list[str],
) -> tuple[str, dict[str, Any]] | None:
    """The pack's alias for the user's own (``primary``) and its entry, when the user's words name no
    item of the kind at all (see the module docstring); else ``None``."""
    if any(call.tool_name in precondition.tools for precondition in pack.preconditions):
        return None  # a change to an existing item: its container is where the item is
    if not spec.aliases or spec.lookup.time_fields:
        return None
    said = {word for text in unquoted for word in words(text)}
    kind = singular(spec.kind.lower())
    if kind in said or f"{kind}s" in said:
        return None
    raw = "\n".join(ctx.user_messages).lower()
    filler = filler_for(spec.kind)
    for item in items:
        ident = item_id(item, spec.lookup)
        if ident and ident.lower() in raw:
            return None
        name_words = {w for phrase in name_phrases(item, spec) for w in phrase.split() if w not in filler}
        if name_words & said and not _a_persons_own(item, spec, pack):
            return None
    for target in sorted(set(spec.aliases.values())):
        entry = alias_entry(items, target, spec.lookup, ctx.actor)
        if entry is not None:
            return target, entry
    return None


def made_by_creation(item: dict[str, Any], spec: ReferenceSpec, pack: DomainPack) -> bool:
    """Has the item the ID shape of the containers the pack's creations make (``id_pattern``)?"""
    patterns = [c.id_pattern for c in pack.creations.values() if c.kind == spec.kind and c.id_pattern]
    ident = item_id(item, spec.lookup) or ""
    return any(re.search(pattern, ident) for pattern in patterns)


def _a_persons_own(item: dict[str, Any], spec: ReferenceSpec, pack: DomainPack) -> bool:
    """A calendar that is someone's own (its ID of no creation's shape): a person said, as an attendee
    ("with Kiri Tane"), names the person, not their calendar."""
    shaped = any(c.kind == spec.kind and c.id_pattern for c in pack.creations.values())
    return shaped and not made_by_creation(item, spec, pack)

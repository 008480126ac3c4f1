"""A person placeholder where the user named the one person it stands for.

"Invite Soren Oduya and Ignacio Sandoval": an agent that searched the directory for both, and then
writes ``[{"email": "soren.oduya@..."}, {"email": "<email>"}]``, did not copy the second address. When a
write carries exactly one placeholder among its people and exactly one person whom the user's words
name, whom the agent's own directory searches found and whom the call does not carry
(:func:`guards.resolve.unmentioned.named_in_searches`), the placeholder becomes that person's ID,
recorded as a resolution. Anything less certain (no search, two people missing, two placeholders, a
read, a list that names someone twice or leaves out someone already on the event, for whom the
placeholder may stand) is left to validation, which blocks the placeholder as before.

The same person stands behind an item named only by their address, whose address does not spell
their name: "stop sharing Interns Programme with Rafael Grünewald", and the agent, having searched
the directory for him, deletes the rule ``your_rule_id``: the rule of rgrunewald@... is the one
(:func:`items_of_the_person_named`, used by :mod:`guards.resolve.placeholder_fill` for items of the
pack's ``subject_reads``, the sharing listings). Only a name said in full counts, only one such person,
and only an item with no other name.
"""

from __future__ import annotations

from typing import Any

from guards.call import PendingCall
from guards.context import GuardContext
from guards.lookups import item_names
from guards.pack import DomainPack, ReferenceSpec
from guards.paths import iter_paths, set_path
from guards.placeholders import is_placeholder
from guards.resolve.matching import is_address, words
from guards.resolve.unmentioned import named_in_searches
from guards.resolve.user_words import said_phrases, said_words, says_any
from guards.verdict import InterventionKind


def fill_person_placeholder(
    call: PendingCall, ctx: GuardContext, pack: DomainPack, path: str, value: str, spec: ReferenceSpec
) -> None:
    """Replace the person placeholder at ``path`` by the one person it can stand for (module doc)."""
    if spec.lookup.query is None or not ctx.user_messages or not pack.is_write(call.tool_name):
        return
    people = [
        pattern for pattern, other in pack.references_for(call.tool_name).items() if other.kind == spec.kind
    ]
    values = [v for pattern in people for _, v in iter_paths(call.args, pattern) if isinstance(v, str)]
    if sum(1 for v in values if is_placeholder(v, pack)) != 1:
        return
    sent = [v.lower() for v in values if not is_placeholder(v, pack)]
    if len(set(sent)) != len(sent) or not call.people_on_target <= set(sent):
        return  # someone twice or someone on the event left out: the placeholder may be that one
    said = said_words(ctx.user_messages)
    named = named_in_searches(call, ctx, spec, said)
    if len(named) != 1:
        return
    target, name = named[0]
    if ctx.actor is not None and target.lower() == ctx.actor.lower():
        return
    set_path(call.args, path, target)
    reason = (
        f"placeholder {value!r}: the one person the user named whom the agent's search found and the call "
        f"does not carry, {name!r}"
    )
    call.record(InterventionKind.RESOLVED, path, value, target, reason)


def items_of_the_person_named(
    items: list[dict[str, Any]], call: PendingCall, ctx: GuardContext, pack: DomainPack, spec: ReferenceSpec
) -> list[dict[str, Any]]:
    """The listed items named only by the address of the one person the user named in full whom the
    agent's own directory searches found (see the module docstring)."""
    person = next((s for s in pack.references.values() if s.kind == "person" and s.lookup.query), None)
    if person is None or not ctx.user_messages:
        return []
    phrases = said_phrases(ctx.user_messages)
    people = [
        ident
        for ident, name in named_in_searches(call, ctx, person, said_words(ctx.user_messages))
        if says_any([" ".join(words(name))], phrases)
        and (ctx.actor is None or ident.lower() != ctx.actor.lower())
    ]
    if len(people) != 1:
        return []
    address = people[0].lower()
    return [item for item in items if _named_only_by(item, spec, address)]


def _named_only_by(item: dict[str, Any], spec: ReferenceSpec, address: str) -> bool:
    """Every name of the item is ``address``, bare or as a scoped ID (``user:rgrunewald@...``)."""
    names = [name.lower() for name in item_names(item, spec.lookup, primary_only=True)]
    bare = [name.split(":", 1)[-1] for name in names]
    return bool(names) and all(is_address(name) for name in bare) and set(bare) == {address}

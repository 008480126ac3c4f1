"""A person placeholder where the user named the one person it stands for.

"Invite Soren Oduya and Ignacio Sandoval": an agent that searched the directory for both, and then
writes ``[{"email": "soren.oduya@..."}, {"email": "<email>"}]``, did not copy the second address. When a
write carries exactly one placeholder among its people and exactly one person whom the user's words
name, whom the agent's own directory searches found and whom the call does not carry
(:func:`guards.resolve.unmentioned.named_in_searches`), the placeholder becomes that person's ID,
recorded as a resolution. Anything less certain (no search, two people missing, two placeholders, a
read, a list that names someone twice or leaves out someone already on the event, for whom the
placeholder may stand) is left to validation, which blocks the placeholder as before.
"""

from __future__ import annotations

from guards.call import PendingCall
from guards.context import GuardContext
from guards.pack import DomainPack, ReferenceSpec
from guards.paths import iter_paths, set_path
from guards.placeholders import is_placeholder
from guards.resolve.unmentioned import named_in_searches
from guards.resolve.user_words import said_words
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

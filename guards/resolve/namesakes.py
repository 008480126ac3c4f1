"""People (or items) who share a name: the user's full name for one of them still picks no one.

"Let Jordan Lee make changes" when two Jordan Lees are in the directory: the agent's
``jordan.lee@...`` is one reading of the user's words, not the reading. Saying a name in full grounds
an ID only when no other visible item carries the same name. It still passes when the user wrote the
ID, said a word that only the agent's item carries ("Jordan Lee in Santiago": its time zone), or a
prior tool result named it and none of its namesakes.

The same holds for an event picked from a listing when several share its title ("reschedule the data
quality check" beside three of them; "push my 1:1 with Ingrid" beside two "Caoimhe <> Ingrid 1:1"),
whether the user said the title in full or in part, unless the conversation's day, time or people
point at the agent's one alone.

And the other way round: an attendee list that re-sends the people already on the event being
changed names one of two namesakes the user never mentioned. The one already on the event is
that person (kept, not chosen); the user saying the name keeps the tie, since they may mean the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from guards.call import PendingCall
from guards.context import GuardContext
from guards.errors import ErrorType, is_error_payload, make_error
from guards.lookups import item_id
from guards.pack import ReferenceSpec
from guards.resolve.errors import listed_candidates
from guards.resolve.event_hints import EventHints
from guards.resolve.matching import Decision, Scored, content_words, filler_for, words
from guards.resolve.user_words import (
    name_phrases,
    named_apart,
    said_phrases,
    said_words,
    says_any,
    strings_in,
)


def same_name_error(
    call: PendingCall,
    ctx: GuardContext,
    path: str,
    value: str,
    spec: ReferenceSpec,
    choice: Scored,
    listing: Sequence[dict[str, Any]],
    hints: EventHints | None = None,
    *,
    mentioned: bool = False,
) -> dict[str, Any] | None:
    """The ``ambiguous_reference`` for a choice whose full name the user said (or, ``mentioned``, a
    part of it), when other visible items carry that name too and nothing the user said or a tool
    returned tells the agent's one apart (events: also not the days, times and people of the
    conversation, ``hints``)."""
    if not ctx.user_messages or choice.id.lower() in "\n".join(ctx.user_messages).lower():
        return None
    mine = name_phrases(choice.item, spec)
    said_in_full = bool(mine) and says_any(mine, said_phrases(ctx.user_messages))
    if not mine or not (mentioned or said_in_full):
        return None
    if not said_in_full and any(
        item_id(item, spec.lookup) != choice.id for item in named_apart(listing, spec, ctx.user_messages)
    ):
        return None  # a shared word ("review"), while the user named another item in full: not ambiguous
    namesakes = [
        item
        for item in listing
        if item_id(item, spec.lookup) not in (None, choice.id) and set(name_phrases(item, spec)) & set(mine)
    ]
    if not namesakes or _told_apart(choice.item, namesakes, ctx.user_messages, spec):
        return None
    if _result_names_only(choice.id, [item_id(i, spec.lookup) or "" for i in namesakes], ctx, spec):
        return None
    tied = [choice, *(Scored(item_id(i, spec.lookup) or "", choice.name, 100.0, [], i) for i in namesakes)]
    if hints is not None and [c.id for c in hints.narrow(tied)] == [choice.id]:
        return None
    candidates = listed_candidates(tied, spec)
    names = ", ".join(f"{c['name']} ({c['id']})" for c in candidates)
    return make_error(
        ErrorType.AMBIGUOUS,
        call.tool_name,
        f"{value!r} in {path!r} is {choice.name}, but {len(tied)} {spec.kind}s carry the name the user "
        f"{'said' if said_in_full else 'spoke of'}: {names}. Nothing the user said or a tool returned "
        f"singles out {value!r}.",
        details={"field": path, "value": value, "candidates": candidates, "reason": "same_name"},
        remediation=[
            f"Ask the user which {spec.kind} they mean, then call {call.tool_name} again with its id "
            f"in {path!r}."
        ],
    )


def break_tie_by_people_on_target(
    decision: Decision, call: PendingCall, path: str, value: str, ctx: GuardContext, spec: ReferenceSpec
) -> Decision:
    """Namesakes in an entry of a list: the one already on the event being changed, when the user's
    words do not mention the name at all (the agent is re-sending the event's people)."""
    if "[" not in path or not decision.tied or not call.people_on_target:
        return decision
    on_target = [c for c in decision.tied if c.id.lower() in call.people_on_target]
    if len(on_target) != 1:
        return decision
    said = set(said_words(ctx.user_messages))
    if set(content_words(value, filler_for(spec.kind))) & said:
        return decision
    winner = on_target[0]
    winner.evidence.append("already on the event being changed; the user did not name them")
    return Decision(winner, [], decision.ranked)


def _told_apart(
    item: dict[str, Any], namesakes: Sequence[dict[str, Any]], messages: Sequence[str], spec: ReferenceSpec
) -> bool:
    """Did the user say a word that only ``item`` carries (in any of its fields, its name aside)?"""
    filler = filler_for(spec.kind)
    own = {w for text in strings_in(item) for w in words(text)} - filler
    theirs = {w for other in namesakes for text in strings_in(other) for w in words(text)}
    said = {word for message in messages for word in words(message)}
    return bool((own - theirs) & said)


def _result_names_only(
    choice_id: str, other_ids: Sequence[str], ctx: GuardContext, spec: ReferenceSpec
) -> bool:
    """Did a prior tool result (not the agent's own directory search) carry the choice's ID and none
    of its namesakes' IDs? Names cannot tell namesakes apart; only IDs can."""
    for observation in ctx.tool_results:
        if spec.lookup.query is not None and observation.tool_name == spec.lookup.tool:
            continue
        if choice_id in list(strings_in(observation.args)):
            continue  # what the agent read about its own pick shows the pick, not the user's choice
        if isinstance(observation.result, dict) and is_error_payload(observation.result):
            continue
        texts = [t.lower() for t in strings_in(observation.result)]
        if any(choice_id.lower() in t for t in texts) and not any(
            o.lower() in t for o in other_ids if o for t in texts
        ):
            return True
    return False

"""A person nobody mentioned, where the user named someone else.

The user-words check (:mod:`guards.resolve.user_words`) leaves alone a person the user's words name
none of the words of: the name may come from elsewhere in the conversation ("share it with my
designer"). But when the user did name someone, and the agent's own directory search found them,
and the call carries a person instead whom the user's words do not touch (no word of their name or
address; typos and abbreviations allowed), who appears in no result other than that search, and who
is neither the acting user nor already on the event, the agent has swapped one for the other ("with
Xiadani Lachance", and the call invites lucia.halloran@). When exactly one such named person is
missing from the call, the error is a ``contradicts_user_words`` naming them; several make it an
``ambiguous_reference`` listing them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from guards.call import PendingCall
from guards.context import GuardContext, ToolObservation
from guards.errors import ErrorType, is_error_payload, make_error
from guards.lookups import display_name, item_id
from guards.pack import DomainPack, ReferenceSpec
from guards.paths import get_path
from guards.resolve.errors import MAX_LISTED, contradiction_error
from guards.resolve.matching import WORD_MATCH, Scored, content_words, filler_for, word_similarity, words
from guards.resolve.user_words import said_phrases, said_words, says_any, strings_in


def unmentioned_person_error(
    call: PendingCall,
    ctx: GuardContext,
    path: str,
    value: str,
    spec: ReferenceSpec,
    choice: Scored,
    pack: DomainPack | None = None,
) -> dict[str, Any] | None:
    """The error for a person of a write that nothing in the conversation mentions (module docstring).
    A listing of another kind of thing in ``pack`` that carries the person's address only as an
    item's ID (their own calendar) does not mention them."""
    if spec.lookup.query is None or not ctx.user_messages:
        return None
    if ctx.actor is not None and choice.id.lower() == ctx.actor.lower():
        return None
    if choice.id.lower() in "\n".join(ctx.user_messages).lower():
        return None
    said = said_words(ctx.user_messages)
    filler = filler_for(spec.kind)
    own = {w for name in (choice.name, choice.id) for w in content_words(name, filler)}
    if any(word_similarity(word, mine) >= WORD_MATCH for word in said for mine in own):
        return None
    other_kinds = [other for other in pack.references.values() if other.kind != spec.kind] if pack else []
    if _in_results(choice.id, ctx, spec, other_kinds):
        return None
    named = named_in_searches(call, ctx, spec, said)
    if not named:
        return None
    if len(named) == 1:
        target_id, target_name = named[0]
        message = (
            f"{value!r} in {path!r} is {choice.name} ({choice.id}), whom neither the user nor any result "
            f"mentions; the user named {target_name} ({target_id})."
        )
        return contradiction_error(call, path, value, spec, choice.name, target_id, target_name, message)
    candidates = [{"id": ident, "name": name} for ident, name in named[:MAX_LISTED]]
    return make_error(
        ErrorType.AMBIGUOUS,
        call.tool_name,
        f"{value!r} in {path!r} is {choice.name} ({choice.id}), whom neither the user nor any result "
        f"mentions; the user named {len(named)} others: "
        + ", ".join(f"{c['name']} ({c['id']})" for c in candidates)
        + ".",
        details={"field": path, "value": value, "candidates": candidates, "reason": "not_in_conversation"},
        remediation=[f"Use the {spec.kind} the user named, or ask the user whom they mean."],
    )


def _in_results(
    ident: str, ctx: GuardContext, spec: ReferenceSpec, other_kinds: Sequence[ReferenceSpec] = ()
) -> bool:
    """Does a result other than the agent's own directory search carry ``ident``, other than as the ID
    of a listed thing of another kind (a calendar list entry whose ID is the person's address)?"""
    needle = ident.lower()
    for observation in ctx.tool_results:
        if observation.tool_name == spec.lookup.tool:
            continue
        if isinstance(observation.result, dict) and is_error_payload(observation.result):
            continue
        texts = [text.lower() for text in strings_in(_without_ids_of(observation, needle, other_kinds))]
        if any(needle in text for text in texts):
            return True
    return False


def _without_ids_of(observation: ToolObservation, needle: str, other_kinds: Sequence[ReferenceSpec]) -> Any:
    """The observation's result, less the items of another kind's listing whose ID is ``needle``."""
    result = observation.result
    for other in other_kinds:
        if other.lookup.tool != observation.tool_name or other.lookup.query is not None:
            continue
        items = result.get(other.lookup.items) if isinstance(result, dict) else None  # top-level lists
        if isinstance(items, list):
            kept = [
                i
                for i in items
                if not isinstance(i, dict) or (item_id(i, other.lookup) or "").lower() != needle
            ]
            return {**result, other.lookup.items: kept}
    return result


def named_in_searches(
    call: PendingCall, ctx: GuardContext, spec: ReferenceSpec, said: list[str]
) -> list[tuple[str, str]]:
    """People earlier directory searches found whom the user's words name and the call does not carry:
    their full name said, or a word of it that no one in the call accounts for ("Caoimhe" beside a call
    that invites Teodora; not "Jonas" when Jonas Holm is invited and the search also found Jonas
    Pedersen)."""
    filler = filler_for(spec.kind)
    used = {text.lower() for text in strings_in(call.args)}
    people = [
        item
        for observation in ctx.tool_results
        if observation.tool_name == spec.lookup.tool and isinstance(observation.result, dict)
        for item in get_path(observation.result, spec.lookup.items, None) or []
        if isinstance(item, dict) and item_id(item, spec.lookup)
    ]
    accounted = {w for text in used for w in words(text)} | {
        w
        for item in people
        if (item_id(item, spec.lookup) or "").lower() in used
        for w in content_words(display_name(item, spec.lookup), filler)
    }
    found: dict[str, str] = {}
    for item in people:
        ident = item_id(item, spec.lookup) or ""
        if ident.lower() in used:
            continue
        name = display_name(item, spec.lookup)
        hits = [w for w in content_words(name, filler) if _said(w, said)]
        if not hits:
            continue
        # Said word for word ("Tomasz Lind"), or by a word no one in the call accounts for; not by
        # abbreviation alone when the call carries the one said exactly (Tomasz Lindqvist beside Lind).
        in_full = says_any([" ".join(words(name))], said_phrases(ctx.user_messages))
        if in_full or any(not _said(w, sorted(accounted)) for w in hits):
            found[ident] = name
    return sorted(found.items())


def _said(word: str, said: list[str]) -> bool:
    return any(word_similarity(user_word, word) >= WORD_MATCH for user_word in said)

"""An ID the agent picked from a listing must not contradict the user's words.

The resolver lets an ID the agent read in a listing pass (its choice to make). On a write, that choice
is checked once against the user's words: when those words name exactly one item of that listing in
full ("cancel the vendor sync"), the call uses a different one ("Vendor onboarding", the row next to it),
and no other field of the call uses the named one, the write is blocked with an
``ambiguous_reference`` that names the user's item and its ID. Nothing is checked when the user's words
name no item, name several, or name the one chosen; quoted text (an event's new title) and the user's
own primary calendar never count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from guards.call import Blocked, PendingCall
from guards.context import GuardContext
from guards.errors import ErrorType, make_error
from guards.lookups import display_name, item_id
from guards.pack import ReferenceSpec
from guards.resolve.user_words import named_by_user

# Quoted text (a new event's title) is not a reference; an apostrophe in a word ("Jonas's") is no quote.
_QUOTED = re.compile(
    r"(?<!\w)'[^']+?'(?!\w)|(?<!\w)\"[^\"]+?\"(?!\w)|\u201c[^\u201d]+\u201d|\u2018[^\u2019]+\u2019(?!\w)"
)


@dataclass(frozen=True)
class ListingChoice:
    """A visible ID the agent wrote into ``path``, and the listing it is one item of."""

    path: str
    value: str
    spec: ReferenceSpec
    items: list[dict[str, Any]]


def check_listing_choices(call: PendingCall, ctx: GuardContext, choices: list[ListingChoice]) -> None:
    """Block the first choice that contradicts what the user's words name (see the module docstring)."""
    if not choices or not ctx.user_messages:
        return
    words = [_QUOTED.sub(" ", message) for message in ctx.user_messages]
    used = set(_leaves(call.args))
    for choice in choices:
        if choice.value == ctx.actor:
            continue
        named = named_by_user(choice.items, choice.spec, words)
        if len(named) != 1:
            continue
        target = named[0]
        target_id = item_id(target, choice.spec.lookup)
        if target_id is None or target_id == choice.value or target_id in used:
            continue
        raise Blocked(_contradiction(call, choice, target, target_id))


def _leaves(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return []


def _contradiction(
    call: PendingCall, choice: ListingChoice, target: dict[str, Any], target_id: str
) -> dict[str, Any]:
    spec = choice.spec
    chosen = next((i for i in choice.items if item_id(i, spec.lookup) == choice.value), {})
    chosen_name = display_name(chosen, spec.lookup) if chosen else choice.value
    target_name = display_name(target, spec.lookup)
    return make_error(
        ErrorType.AMBIGUOUS,
        call.tool_name,
        f"{choice.path} {choice.value!r} is {chosen_name!r}, but the user's words name {target_name!r} "
        f"({target_id}).",
        details={
            "field": choice.path,
            "value": choice.value,
            "reason": "contradicts_user_words",
            "user_named": {"id": target_id, "name": target_name},
            "candidates": [{"id": target_id, "name": target_name}, {"id": choice.value, "name": chosen_name}],
        },
        remediation=[
            f"Use {choice.path}={target_id!r} ({target_name}), the {spec.kind} the user named, or ask the "
            f"user if they really mean {chosen_name!r}."
        ],
    )

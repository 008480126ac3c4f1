"""A write to a calendar nobody named: the user's own is the one meant.

"Set up a weekly retro with Bartholomew every Wednesday at 1:30pm" names no calendar, so the event
goes on the user's primary calendar. An agent that picked another calendar from the listing ("CEO
Diary") made a choice the user's words give no ground for. For a write that does not change an
existing item (not one of the pack's ``preconditions`` tools: a new event's ``calendarId``, not the
calendar of an event being changed), such a choice is blocked with a ``validation_error`` (reason
``not_named_by_user``) that gives the entry of the pack's alias (the primary) as
``details.use_value``, when all of these hold:

* the user's words name no item of that kind: no full name (a person's said without the kind's word,
  "with Agnieszka Pacheco", is about the person, not their calendar), no alias, not even the kind's
  own word ("calendar"), and no word of the chosen item's name;
* the chosen item is not the alias entry, and the user wrote no ID of the listing;
* the alias entry can take the write (the acting user's role there suffices).

Never a repair: the user may mean a calendar in words this reader does not follow.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from guards.call import Blocked, PendingCall
from guards.context import GuardContext
from guards.errors import ErrorType, make_error
from guards.lookups import alias_entry, display_name, item_id
from guards.pack import DomainPack, ReferenceSpec
from guards.resolve.matching import filler_for, singular
from guards.resolve.user_words import name_phrases


def check_unasked_destination(
    call: PendingCall,
    ctx: GuardContext,
    pack: DomainPack,
    path: str,
    spec: ReferenceSpec,
    items: list[dict[str, Any]],
    chosen: dict[str, Any],
    said_words: set[str],
    writable: Callable[[dict[str, Any]], bool],
    raw_messages: str,
) -> None:
    """Block ``chosen``, the item of listing ``items`` the agent wrote at ``path``, when the user named
    no item of its kind (see the module doc); ``said_words`` and ``raw_messages`` are the user's words,
    normalised and lower-cased."""
    filler = filler_for(spec.kind)
    chosen_words = {w for phrase in name_phrases(chosen, spec) for w in phrase.split() if w not in filler}
    if "[" in path or chosen_words & said_words or singular(spec.kind.lower()) in said_words:
        return
    if any((ident := item_id(item, spec.lookup)) and ident.lower() in raw_messages for item in items):
        return  # the user wrote an ID of the listing
    if any(call.tool_name in precondition.tools for precondition in pack.preconditions):
        return  # it changes an existing item: the calendar is where that item is, not the user's pick
    targets = sorted(set(spec.aliases.values()))
    own = next((e for t in targets if (e := alias_entry(items, t, spec.lookup, ctx.actor)) is not None), None)
    if own is None or own is chosen or not writable(own):
        return
    own_id, value = item_id(own, spec.lookup), item_id(chosen, spec.lookup)
    if own_id is None or value is None:
        return
    own_name, chosen_name = display_name(own, spec.lookup), display_name(chosen, spec.lookup)
    raise Blocked(
        make_error(
            ErrorType.VALIDATION,
            call.tool_name,
            f"{path} {value!r} is {chosen_name!r}, a {spec.kind} the user did not name; they named no "
            f"{spec.kind}, so theirs ({own_name!r}, {own_id}) is the one meant.",
            details={
                "field": path,
                "value": value,
                "reason": "not_named_by_user",
                "use_value": own_id,
                "missing_required_fields": [],
                "invalid_fields": [
                    {
                        "field": path,
                        "expected_type": f"the user's own {spec.kind} ({own_id})",
                        "received_type": f"a {spec.kind} nobody named",
                        "message": f"{value!r} is {chosen_name!r}; the user named no {spec.kind}",
                        "reason": "not_named_by_user",
                    }
                ],
            },
            remediation=[f"Use {path}={own_id!r} ({own_name}), or ask the user which {spec.kind} they mean."],
        )
    )

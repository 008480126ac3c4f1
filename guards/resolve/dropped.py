"""Someone nobody mentioned, in place of someone already on the event.

"Invite Jonas Holm and Teodora Delacroix to the repertoire planning": the agent re-sends the event's
attendees and adds the two, but one of the people already on it (Amara) has become someone else
(Aarav, the next row of a listing). A change to an existing event (the resolver read it) that drops
exactly one person already on it and adds exactly one whom the user's words do not touch (no word of
their address; the acting user aside) has swapped one for the other. It is blocked with a
``validation_error`` (reason ``drops_existing_attendee``) naming the dropped person as the value for
that entry (``details.use_value``), unless the user's words speak of removing or replacing someone.
"""

from __future__ import annotations

import re

from guards.call import Blocked, PendingCall
from guards.context import GuardContext
from guards.errors import ErrorType, make_error
from guards.pack import DomainPack
from guards.paths import iter_paths
from guards.resolve.matching import WORD_MATCH, word_similarity
from guards.resolve.user_words import said_words

_REMOVES = re.compile(
    r"\b(remove[sd]?|drop(?:ped)?|uninvite[sd]?|replac(?:e[sd]?|ing)|instead|swap(?:ped)?|take\s+\w+\s+off|"
    r"without|kick|no\s+longer|exclude[sd]?)\b",
    re.IGNORECASE,
)


def check_dropped_people(call: PendingCall, ctx: GuardContext, pack: DomainPack) -> None:
    """Block a swap of a person already on the event for one nobody mentioned (module docstring)."""
    if call.target_item is None or not ctx.user_messages or not isinstance(call.args, dict):
        return
    if any(_REMOVES.search(message) for message in ctx.user_messages):
        return
    actor = (ctx.actor or "").lower()
    on_target = {person for person in call.people_on_target if "@" in person and person != actor}
    said = set(said_words(ctx.user_messages))
    for pattern, spec in pack.references_for(call.tool_name).items():
        if spec.kind != "person" or "[" not in pattern:
            continue
        sent = [(path, value) for path, value in iter_paths(call.args, pattern) if isinstance(value, str)]
        if not sent:
            continue
        sent_ids = {value.lower() for _, value in sent}
        dropped = sorted(on_target - sent_ids)
        added = [
            (path, value)
            for path, value in sent
            if value.lower() not in call.people_on_target
            and value.lower() != actor
            and not _mentioned(value, said)
        ]
        if len(dropped) != 1 or len(added) != 1:
            continue
        (path, value), person = added[0], dropped[0]
        raise Blocked(
            make_error(
                ErrorType.VALIDATION,
                call.tool_name,
                f"{value!r} in {path!r} is someone the user did not mention, and the call drops {person}, "
                f"who is on the {spec.kind}'s event now and whom the user did not ask to remove.",
                details={
                    "field": path,
                    "value": value,
                    "reason": "drops_existing_attendee",
                    "dropped": person,
                    "use_value": person,
                    "missing_required_fields": [],
                    "invalid_fields": [
                        {
                            "field": path,
                            "expected_type": f"{person} (already on the event)",
                            "received_type": "a person nobody mentioned",
                            "message": f"{value!r} takes the place of {person}",
                            "reason": "drops_existing_attendee",
                        }
                    ],
                },
                remediation=[
                    f"Keep {person} in {path!r} (the people already on the event stay unless the user "
                    "asks to remove them), or ask the user."
                ],
            )
        )


def _mentioned(address: str, said: set[str]) -> bool:
    """Does a word of the address's name part appear in the user's words (typos allowed)?"""
    local = address.split("@", 1)[0]
    parts = [part for part in re.split(r"[._\-+]", local.lower()) if len(part) > 1]
    return any(word_similarity(word, part) >= WORD_MATCH for word in said for part in parts)

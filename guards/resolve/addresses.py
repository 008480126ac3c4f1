"""IDs and addresses the resolver lets through, and the one it does not: a name at the wrong domain.

An ID the user wrote verbatim, and an ID-shaped value outside a directory's authority
(:func:`outside_directory`), pass untouched. The resolver lets an address outside the acting user's
organisation pass: an external guest. But ``chris.lee@example.com``, when the user wrote
``chris.lee@acme.com`` or the directory has a Chris Lee at ``acme.com``, is a slip (an ID-shaped
guess with the right name), not a guest: it is blocked as not found, with the address the user or
the directory has as the suggestion.
"""

from __future__ import annotations

import re
from typing import Any

from guards.call import Blocked, PendingCall
from guards.context import GuardContext
from guards.errors import ErrorType, make_error
from guards.lookups import item_id
from guards.pack import ReferenceSpec
from guards.resolve.matching import words

_ADDRESS = re.compile(r"[^\s,;<>()\[\]'\"]+@[^\s,;<>()\[\]'\"]+\.\w+")


def check_same_name_elsewhere(
    call: PendingCall,
    ctx: GuardContext,
    path: str,
    value: str,
    spec: ReferenceSpec,
    items: list[dict[str, Any]],
) -> None:
    """An outside address whose name part is someone the user wrote, or a colleague, at another domain
    (``chris.lee@example.com`` when the user said ``chris.lee@acme.com``) is a slip, not a guest."""
    if "@" not in value or spec.lookup.query is None or value in "\n".join(ctx.user_messages):
        return
    local = value.rsplit("@", 1)[0].lower()
    written = _ADDRESS.findall("\n".join(ctx.user_messages))
    known = [item for item in items if (item_id(item, spec.lookup) or "").lower().startswith(local + "@")]
    same = sorted(
        {a.rstrip(".") for a in written if a.lower().startswith(local + "@")}
        | {str(item_id(item, spec.lookup)) for item in known}
    )
    same = [address for address in same if address.lower() != value.lower()]
    if not same:
        return
    raise Blocked(
        make_error(
            ErrorType.NOT_FOUND,
            call.tool_name,
            f"{value!r} in {path!r} is not in the directory, but {', '.join(same)} is the same name at "
            "another domain.",
            details={
                "field": path,
                "value": value,
                "reason": "same_name_other_domain",
                "suggestions": [{"id": address, "name": address} for address in same],
            },
            remediation=[f"Use {same[0]!r} in {path!r} if that is who the user means, or ask the user."],
        )
    )


def id_the_user_wrote(value: str, ctx: GuardContext) -> bool:
    """An ID-shaped value (no spaces; digits, ``@`` or ``_``) that the user's words contain verbatim."""
    if any(ch.isspace() for ch in value) or not any(ch.isdigit() or ch in "@_" for ch in value):
        return False
    return any(value in message for message in ctx.user_messages)


def outside_directory(value: str, spec: ReferenceSpec, ctx: GuardContext) -> bool:
    """May an ID-shaped value (``id_pattern``) that the lookup did not confirm pass untouched?

    A listing (``calendars_list``) shows only what the user has added, so anything ID-shaped passes.
    A directory search is authoritative inside the acting user's organisation: there an address it
    does not know is an error; outside it (an external guest) the address passes.
    """
    if spec.id_pattern is None or not re.search(spec.id_pattern, value):
        return False
    if spec.lookup.query is None or ctx.actor is None or "@" not in ctx.actor or "@" not in value:
        return True
    return value.rsplit("@", 1)[1].lower() != ctx.actor.rsplit("@", 1)[1].lower()


def address_within_name(value: str, display: str) -> bool:
    """Is ``value`` an address whose words are only some of its owner's name ("jonas@..." for Jonas
    Shah)? Such an address names its owner no better than that name does: "Jonas" is a first name,
    and two other Jonases share it."""
    if not _ADDRESS.fullmatch(value.strip()):
        return False
    return set(words(value)) < set(words(display))

"""A move to where the item already is changes nothing: it is not sent.

``events_move`` with ``destination`` equal to ``calendarId`` succeeds and does nothing, and the agent
then reports a move that never happened (it copied the source's ID into both fields). A pack-declared
move (``moves``: the source and destination fields) whose two fields name the same container (an
alias such as ``primary`` counts as the acting user's own) is blocked with a ``validation_error``
(reason ``same_as_source``) on the destination field. When the user's words name exactly one other
container of the listing by its full name, the error gives its ID as ``details.use_value``; otherwise
it only says what is wrong: which one they meant is not ours to guess.
"""

from __future__ import annotations

from typing import Any

from guards.call import Blocked, PendingCall, ToolCatalog
from guards.context import GuardContext
from guards.errors import ErrorType, make_error
from guards.lookups import display_name, fetch_items, item_id
from guards.pack import MoveSpec, ReferenceSpec
from guards.paths import get_path
from guards.resolve.matching import singular
from guards.resolve.user_words import named_apart, without_titles


def check_move(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    """Block a move whose destination is its source (see the module docstring)."""
    spec = catalog.pack.moves.get(call.tool_name)
    if spec is None or not isinstance(call.args, dict):
        return
    source, destination = get_path(call.args, spec.source, None), get_path(call.args, spec.destination, None)
    if not isinstance(source, str) or not isinstance(destination, str):
        return
    reference = catalog.pack.references_for(call.tool_name).get(spec.destination)
    aliases = reference.aliases if reference is not None else {}
    if _canonical(source, aliases, ctx.actor) != _canonical(destination, aliases, ctx.actor):
        return
    here = _canonical(source, aliases, ctx.actor)
    other = _other_named(call, ctx, reference, here) if reference is not None else None
    raise Blocked(_same_place_error(call, spec, destination, other, reference))


def _canonical(value: str, aliases: dict[str, str], actor: str | None) -> str:
    """The value as an ID: an alias of the user's own calendar ("primary") is their address."""
    if aliases.get(value.strip().lower()) == "primary" and actor:
        return actor.lower()
    return value.lower()


def _other_named(
    call: PendingCall, ctx: GuardContext, reference: ReferenceSpec, source: str
) -> dict[str, Any] | None:
    """The one container other than the source whose full name the user's words contain."""
    if ctx.lookup is None or not ctx.user_messages:
        return None
    items = fetch_items(ctx, call, reference.lookup, dict(reference.lookup.args), field="destination")
    if not items:
        return None
    kind_words = {singular(reference.kind.lower())}
    messages = [without_titles(message, kind_words) for message in ctx.user_messages]
    named = named_apart(items, reference, messages)
    named = [item for item in named if (item_id(item, reference.lookup) or "").lower() != source]
    return named[0] if len(named) == 1 else None


def _same_place_error(
    call: PendingCall,
    spec: MoveSpec,
    value: str,
    other: dict[str, Any] | None,
    reference: ReferenceSpec | None,
) -> dict[str, Any]:
    details: dict[str, Any] = {"field": spec.destination, "value": value, "reason": "same_as_source"}
    message = (
        f"{spec.destination} {value!r} is the {spec.source} the item is on now: {call.tool_name} would "
        f"move it nowhere."
    )
    remediation = [f"Send the {spec.destination} the user wants the item moved to."]
    if other is not None and reference is not None:
        ident = item_id(other, reference.lookup)
        name = display_name(other, reference.lookup)
        details["use_value"] = ident
        message += f" The user's words name {name!r} ({ident})."
        remediation = [f"Use {spec.destination}={ident!r} ({name!r}), the one the user named."]
    return make_error(ErrorType.VALIDATION, call.tool_name, message, details=details, remediation=remediation)

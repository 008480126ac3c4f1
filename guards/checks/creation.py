"""A container the user speaks of as existing is not created in its place.

"Put 'Blocking rehearsal' on the finance committee calendar", and no calendar the user can see is
called that (it is someone else's, or does not exist): an agent that creates a *Finance Committee*
calendar and writes there has answered a request nobody made. A pack-declared creation
(``creations``: ``calendars_insert`` makes a calendar named by ``summary``) is blocked with a
``precondition_error`` (reason ``not_asked_to_create``) when the user's words call that name by its
kind ("the finance committee calendar") and nothing in them asks for a new one (create, new, make, set
up, start, open). A request that does ask passes, however it names the new container.
"""

from __future__ import annotations

import re

from guards.call import Blocked, PendingCall, ToolCatalog
from guards.context import GuardContext
from guards.errors import ErrorType, make_error
from guards.paths import get_path
from guards.resolve.matching import singular, words
from guards.resolve.user_words import said_phrases, says_any

ASKS_FOR_NEW = re.compile(
    r"\b(create[sd]?|creating|new|make|making|made|set(?:ting)? ?up|start|open)\b", re.IGNORECASE
)
"""Words that ask for something to be made; any of them lets a creation pass (a miss, never a block)."""


def check_creation(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    """Block a creation the user did not ask for, of a container they spoke of as existing."""
    spec = catalog.pack.creations.get(call.tool_name)
    if spec is None or not ctx.user_messages or not isinstance(call.args, dict):
        return
    name = get_path(call.args, spec.name_field, None)
    if not isinstance(name, str) or not words(name):
        return
    if any(ASKS_FOR_NEW.search(message) for message in ctx.user_messages):
        return
    kind = singular(spec.kind.lower())
    if not says_any([f"{' '.join(words(name))} {kind}"], said_phrases(ctx.user_messages)):
        return
    raise Blocked(
        make_error(
            ErrorType.PRECONDITION,
            call.tool_name,
            f"{call.tool_name} would create a new {kind} {name!r}, but the user spoke of the {name} "
            f"{kind} as one that exists and did not ask for a new one. If none of the {kind}s they can "
            f"see ({spec.listed_by}) is called that, it cannot be found or is not accessible to them.",
            details={"field": spec.name_field, "value": name, "reason": "not_asked_to_create", "kind": kind},
            remediation=[
                f"Use the existing {kind} the user means (its id from {spec.listed_by}); if there is none, "
                f"tell the user the {name} {kind} cannot be found or is not accessible to them."
            ],
        )
    )

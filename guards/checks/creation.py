"""A container is created only when the user asks for one.

Requests nobody made, each blocked with a ``precondition_error`` (reason ``not_asked_to_create``)
when nothing in the user's words asks for something new (create, new, make, set up, start, open,
another, "a … calendar"):

* "Put 'Blocking rehearsal' on the finance committee calendar", and no calendar the user can see is
  called that: an agent that creates a *Finance Committee* calendar and writes there has answered a
  request nobody made. The user called the name by its kind, as one that exists.
* "Add 'Location shoot' to Stage Bookings": an agent that creates a calendar *Location Shoot* took the
  wrong tool. The user said the name in full, never as a calendar: it is the name of something else.
  The error names the pack's ``instead`` tool (``events_insert``) in ``details.use_tool``.
* "Add 'Customs walkthrough' to Pricing Committee", and no calendar the user can see (its listing,
  ``listed_by``) is called that: an agent that creates *Pricing Committee* made up the place the user
  named. That is a ``not_found_error`` that says so plainly: the user should hear that it cannot be
  found or is not accessible to them, not be sent to another tool.
* "Put 'Ultrasound training' on the Partner Buyouts calendar", and the agent creates a calendar
  *Meeting*: a name the user never said, while they spoke of a calendar (the kind's word) as one that
  exists. Also ``details.use_tool``. The same when the kind's word is not said but the name of a
  container the user can see is, as where something goes ("Add 'Podcast recording' to Editorial
  Board", and the agent creates *Meeting*).

A creation the pack declares (``creations``: ``calendars_insert`` makes a calendar named by
``summary``) is checked; a request that asks for a new one passes, however it names it, and so does a
name the user never said in full when they speak of no calendar at all ("put the papers somewhere":
no guess either way).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from guards.call import Blocked, PendingCall, ToolCatalog
from guards.context import GuardContext
from guards.errors import ErrorType, make_error
from guards.lookups import fetch_items, item_names
from guards.pack import CreationSpec
from guards.paths import get_path
from guards.resolve.matching import singular, words
from guards.resolve.user_words import said_phrases, says_any

ASKS_FOR_NEW = re.compile(
    r"\b(create[sd]?|creating|new|make|making|made|set(?:ting)? ?up|start|open|another)\b", re.IGNORECASE
)
"""Words that ask for something to be made; any of them lets a creation pass (a miss, never a block)."""

_NOT_AN_ARTICLE_PHRASE = r"(?!(?:to|on|in|into|onto|from|for|my|the|your|our|their|his|her|its)\b)"


def _asks_for_one(message: str, kind: str) -> bool:
    """ "a calendar", "an Audit Committee calendar": the indefinite article asks for a new one."""
    return ASKS_FOR_NEW.search(message) is not None or _a_new_one(kind).search(message) is not None


@lru_cache(maxsize=16)
def _a_new_one(kind: str) -> re.Pattern[str]:
    words_before = rf"(?:{_NOT_AN_ARTICLE_PHRASE}[\w'\u2019\-]+\s+){{0,4}}"
    return re.compile(rf"\ban?\s+{words_before}{re.escape(kind)}s?\b", re.IGNORECASE)


def check_creation(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    """Block a creation the user did not ask for (see the module docstring)."""
    spec = catalog.pack.creations.get(call.tool_name)
    if spec is None or not ctx.user_messages or not isinstance(call.args, dict):
        return
    name = get_path(call.args, spec.name_field, None)
    if not isinstance(name, str) or not words(name):
        return
    kind = singular(spec.kind.lower())
    if any(_asks_for_one(message, kind) for message in ctx.user_messages):
        return
    said = said_phrases(ctx.user_messages)
    phrase = " ".join(words(name))
    as_kind = [f"{phrase} {kind}", f"{kind} {phrase}", f"{kind} called {phrase}", f"{kind} named {phrase}"]
    if says_any(as_kind, said):
        raise Blocked(_existing_error(call, spec, name, kind))
    if says_any(_as_place(phrase), said) and _visible(call, ctx, catalog, spec, phrase) is False:
        raise Blocked(_not_found_error(call, spec, name, kind))
    if says_any([phrase], said):
        raise Blocked(_other_thing_error(call, spec, name, kind))
    if says_any([kind, f"{kind}s"], said):
        raise Blocked(_unsaid_name_error(call, spec, name, kind))
    place = _place_said(call, ctx, catalog, spec, said)
    if place is not None:
        raise Blocked(_unsaid_name_error(call, spec, name, kind, place))


def _as_place(phrase: str) -> list[str]:
    """The phrase said as where something goes ("to Pricing Committee", "on the Pricing Committee")."""
    places, determiners = ("to", "on", "onto", "in", "into"), ("", "the ", "our ")
    return [f"{place} {det}{phrase}" for place in places for det in determiners]


def _visible(
    call: PendingCall, ctx: GuardContext, catalog: ToolCatalog, spec: CreationSpec, phrase: str
) -> bool | None:
    """Is a container the user can see called ``phrase`` (``None``: its listing cannot be read)?"""
    names = _visible_names(call, ctx, catalog, spec)
    return None if names is None else phrase in names


def _place_said(
    call: PendingCall, ctx: GuardContext, catalog: ToolCatalog, spec: CreationSpec, said: list[str]
) -> str | None:
    """The name of a container the user can see that their words put something on ("to Editorial
    Board"): they spoke of one that exists, so a new one by a name they never said is not theirs."""
    names = _visible_names(call, ctx, catalog, spec) or {}
    return next((names[n] for n in sorted(names) if says_any(_as_place(n), said)), None)


def _visible_names(
    call: PendingCall, ctx: GuardContext, catalog: ToolCatalog, spec: CreationSpec
) -> dict[str, str] | None:
    """The names of the containers the user can see, by their normalised words (``None``: the listing
    cannot be read)."""
    references = catalog.pack.references.values()
    lookup = next((r.lookup for r in references if r.lookup.tool == spec.listed_by), None)
    if lookup is None or ctx.lookup is None:
        return None
    items = fetch_items(ctx, call, lookup, dict(lookup.args), field=spec.name_field)
    if items is None:
        return None
    names = {" ".join(words(name)): name for item in items for name in item_names(item, lookup)}
    names.pop("", None)
    return names


def _not_found_error(call: PendingCall, spec: CreationSpec, name: str, kind: str) -> dict[str, Any]:
    return make_error(
        ErrorType.NOT_FOUND,
        call.tool_name,
        f"No {kind} called {name!r} can be found among the {kind}s the user can see ({spec.listed_by}), "
        f"or it is not accessible to them. The user named it as one that exists, so {call.tool_name} "
        f"would make up a new {kind} in its place.",
        details={"field": spec.name_field, "value": name, "reason": "not_asked_to_create", "kind": kind},
        remediation=[f"Tell the user the {name} {kind} cannot be found or is not accessible to them."],
    )


def _existing_error(call: PendingCall, spec: CreationSpec, name: str, kind: str) -> dict[str, Any]:
    return make_error(
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


def _unsaid_name_error(
    call: PendingCall, spec: CreationSpec, name: str, kind: str, place: str | None = None
) -> dict[str, Any]:
    details: dict[str, Any] = {"field": spec.name_field, "value": name, "reason": "not_asked_to_create"}
    details["kind"] = kind
    remediation = [
        f"Use the {kind} the user means (its id from {spec.listed_by}); if it cannot be found, tell the "
        f"user it cannot be found or is not accessible to them."
    ]
    if spec.instead is not None:
        details["use_tool"] = spec.instead
        remediation.append(f"To add something to an existing {kind}, call {spec.instead}.")
    spoken_of = f"the {kind} {place!r}" if place is not None else f"a {kind}"
    message = (
        f"{call.tool_name} would create a new {kind} {name!r}, a name the user never said: they spoke "
        f"of {spoken_of} as one that exists and did not ask for a new one."
    )
    return make_error(
        ErrorType.PRECONDITION, call.tool_name, message, details=details, remediation=remediation
    )


def _other_thing_error(call: PendingCall, spec: CreationSpec, name: str, kind: str) -> dict[str, Any]:
    details: dict[str, Any] = {
        "field": spec.name_field,
        "value": name,
        "reason": "not_asked_to_create",
        "kind": kind,
    }
    remediation = [f"Do not create a {kind}: the user did not ask for one."]
    message = (
        f"{call.tool_name} would create a new {kind} {name!r}, but the user did not ask for a new "
        f"{kind}: they said {name!r} as the name of something else."
    )
    if spec.instead is not None:
        details["use_tool"] = spec.instead
        message += f" To add it to an existing {kind}, call {spec.instead}."
        remediation.append(f"Call {spec.instead} with {name!r}, on the {kind} the user named.")
    return make_error(
        ErrorType.PRECONDITION, call.tool_name, message, details=details, remediation=remediation
    )

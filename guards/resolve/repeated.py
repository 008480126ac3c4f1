"""One person twice in a list: someone the user named is missing.

"Put 'Simulation drill' there with Agnieszka Pacheco and Paulo": an agent that copied the wrong row of
a search result sends Agnieszka twice and Paulo not at all. After resolution, a list of person
references (``attendees[].email``) that holds the same address twice while exactly one person the
user named is missing from it is blocked with a ``validation_error`` (reason ``repeated_entry``) on
the later entry, that person as ``details.use_value``. A person the user named is someone an earlier
directory search found whose full name the user said, or the only person a search for words the user
said found. A repeat with nobody missing passes: the server keeps one.
"""

from __future__ import annotations

from typing import Any

from guards.call import Blocked, PendingCall
from guards.context import GuardContext
from guards.errors import ErrorType, make_error
from guards.lookups import item_id
from guards.pack import DomainPack, ReferenceSpec
from guards.paths import get_path, iter_paths
from guards.resolve.matching import words
from guards.resolve.user_words import QUOTED, named_by_user


def check_repeated_people(call: PendingCall, ctx: GuardContext, pack: DomainPack) -> None:
    """Block a list of people that names one person twice (see the module docstring)."""
    if not isinstance(call.args, dict):
        return
    for pattern, spec in pack.references_for(call.tool_name).items():
        if spec.kind != "person" or "[" not in pattern or spec.lookup.query is None:
            continue
        sent = [(path, value) for path, value in iter_paths(call.args, pattern) if isinstance(value, str)]
        seen: set[str] = set()
        for path, value in sent:
            if value.lower() not in seen:
                seen.add(value.lower())
                continue
            missing = sorted(set(_people_the_user_named(ctx, spec)) - {v.lower() for _, v in sent})
            if len(missing) == 1:
                raise Blocked(_repeated_error(call, path, value, missing[0]))
            return  # a repeat with nobody missing changes nothing (the server keeps one)


def _people_the_user_named(ctx: GuardContext, spec: ReferenceSpec) -> list[str]:
    """Addresses of people the user named, as earlier searches found them (see the module docstring)."""
    said = {word for message in ctx.user_messages for word in words(QUOTED.sub(" ", message))}
    unquoted = [QUOTED.sub(" ", message) for message in ctx.user_messages]
    query_arg = spec.lookup.query or ""
    named: list[str] = []
    for observation in ctx.tool_results:
        result = observation.result
        if (
            observation.tool_name != spec.lookup.tool
            or not isinstance(result, dict)
            or result.get("ok") is False
        ):
            continue
        found = [item for item in get_path(result, spec.lookup.items, None) or [] if isinstance(item, dict)]
        query = observation.args.get(query_arg) if isinstance(observation.args, dict) else None
        if isinstance(query, str) and len(found) == 1 and words(query) and set(words(query)) <= said:
            named.append(_address(found[0], spec))
        named += [_address(item, spec) for item in named_by_user(found, spec, unquoted)]
    return [address for address in named if address]


def _address(item: dict[str, Any], spec: ReferenceSpec) -> str:
    ident = item_id(item, spec.lookup)
    return ident.lower() if ident else ""


def _repeated_error(call: PendingCall, path: str, value: str, missing: str) -> dict[str, Any]:
    details: dict[str, Any] = {
        "field": path,
        "value": value,
        "reason": "repeated_entry",
        "missing_required_fields": [],
        "invalid_fields": [
            {
                "field": path,
                "expected_type": f"{missing}, whom the user named",
                "received_type": "a person already in the list",
                "message": f"{value!r} is already in the list",
                "reason": "repeated_entry",
            }
        ],
        "use_value": missing,
    }
    return make_error(
        ErrorType.VALIDATION,
        call.tool_name,
        f"{value!r} in {path!r} is already in the list; the user also named {missing}, who is not in it.",
        details=details,
        remediation=[f"Send {path}={missing!r}, or ask the user whom they meant."],
    )

"""The structured errors the resolver blocks with: ambiguous, not what the user said, not found.

Every candidate listed comes from the acting user's own lookups, so an error never reveals what the
user cannot see. Events are listed with their start, so same-named ones can be told apart.
"""

from __future__ import annotations

from typing import Any

from guards.call import PendingCall
from guards.errors import ErrorType, make_error
from guards.lookups import item_names
from guards.pack import ReferenceSpec
from guards.paths import iter_paths
from guards.resolve.matching import WORD_MATCH, Decision, Scored, content_words, filler_for, word_similarity

MAX_LISTED = 5
"""At most this many candidates (ambiguity) or suggestions (not found) are returned."""

SUGGESTION_FLOOR = 30.0
"""Suggestions below this score are noise; if none reach it, the first visible items are offered."""


def listed_candidates(scored: list[Scored], spec: ReferenceSpec) -> list[dict[str, Any]]:
    """``[{id, name}]`` for the user (events also get ``start``, so same-named ones can be told apart)."""
    entries = []
    for s in scored[:MAX_LISTED]:
        entry: dict[str, Any] = {"id": s.id, "name": s.name}
        when = next(
            (v for p in spec.lookup.time_fields for _, v in iter_paths(s.item, p) if isinstance(v, str)), None
        )
        if when is not None:
            entry["start"] = when
        entries.append(entry)
    return entries


def ambiguous_error(
    call: PendingCall, path: str, value: str, spec: ReferenceSpec, decision: Decision
) -> dict[str, Any]:
    candidates = listed_candidates(decision.tied, spec)
    names = ", ".join(f"{c['name']} ({c['id']})" for c in candidates)
    return make_error(
        ErrorType.AMBIGUOUS,
        call.tool_name,
        f"{value!r} in {path!r} matches {len(decision.tied)} {spec.kind}s equally well: {names}.",
        details={"field": path, "value": value, "candidates": candidates},
        remediation=[
            f"Ask the user which {spec.kind} they mean, then call {call.tool_name} again with its id "
            f"in {path!r}."
        ],
    )


def not_grounded_error(
    call: PendingCall,
    path: str,
    value: str,
    spec: ReferenceSpec,
    mention: str,
    choice: Scored,
    matches: list[Scored],
) -> dict[str, Any]:
    """The agent's resolved ``choice`` is not what the user's words name. Several matches: the user's
    words are ambiguous (``ambiguous_reference``, ask). One other match: the user was clear and the
    agent's value disagrees (a ``validation_error`` on the field, reason ``contradicts_user_words``)."""
    if len(matches) == 1 and matches[0].id != choice.id:
        target = matches[0]
        message = (
            f"{value!r} in {path!r} is {choice.name} ({choice.id}), but the user said {mention!r}, "
            f"which names {target.name} ({target.id})."
        )
        return contradiction_error(call, path, value, spec, choice.name, target.id, target.name, message)
    listed = matches if any(m.id == choice.id for m in matches) else [*matches, choice]
    names = ", ".join(f"{c['name']} ({c['id']})" for c in listed_candidates(matches, spec))
    return make_error(
        ErrorType.AMBIGUOUS,
        call.tool_name,
        f"{value!r} in {path!r} picks {choice.name} ({choice.id}), but the user only said {mention!r}, "
        f"which matches {len(matches)} {spec.kind}s: {names}. Nothing the user said or a tool returned "
        f"singles out {choice.name}.",
        details={
            "field": path,
            "value": value,
            "candidates": listed_candidates(listed, spec),
            "user_mention": mention,
            "reason": "ambiguous_in_user_words",
        },
        remediation=[
            f"Ask the user which {spec.kind} they mean (or use the one their words name), then call "
            f"{call.tool_name} again with its id in {path!r}."
        ],
    )


def contradiction_error(
    call: PendingCall,
    path: str,
    value: str,
    spec: ReferenceSpec,
    chosen_name: str,
    target_id: str,
    target_name: str,
    message: str,
) -> dict[str, Any]:
    """A value that contradicts what the user's words name: a validation error on the field, naming
    the user's item and its ID (not an ambiguous reference: the user was clear)."""
    return make_error(
        ErrorType.VALIDATION,
        call.tool_name,
        message,
        details={
            "field": path,
            "value": value,
            "reason": "contradicts_user_words",
            "user_named": {"id": target_id, "name": target_name},
            "candidates": [{"id": target_id, "name": target_name}, {"id": value, "name": chosen_name}],
            "missing_required_fields": [],
            "invalid_fields": [
                {
                    "field": path,
                    "expected_type": f"the {spec.kind} the user named ({target_id})",
                    "received_type": f"another {spec.kind}",
                    "message": f"{value!r} is {chosen_name!r}; the user named {target_name!r}",
                    "reason": "contradicts_user_words",
                }
            ],
        },
        remediation=[
            f"Use {path}={target_id!r} ({target_name}), the {spec.kind} the user named, or ask the user "
            f"if they really mean {chosen_name!r}."
        ],
    )


def not_found_error(
    call: PendingCall, path: str, value: str, spec: ReferenceSpec, decision: Decision
) -> dict[str, Any]:
    """Not found reads as not found: said plainly, with suggestions only when they share a word with
    what was asked for (never "nearest" items that merely happen to be visible)."""
    near = [s for s in decision.ranked if s.score >= SUGGESTION_FLOOR and _shares_a_word(value, s, spec)]
    suggestions = listed_candidates(near, spec)
    what = f"with id {value!r}" if _looks_like_an_id(value) else f"matching {value!r}"
    message = f"No {spec.kind} {what} can be found, or you do not have access to it ({path})."
    remediation = [
        f"Use the id of a {spec.kind} you can see (list them with {spec.lookup.tool}), or ask the user "
        f"which {spec.kind} they mean."
    ]
    if suggestions:
        message += " Similar names: " + ", ".join(f"{s['name']} ({s['id']})" for s in suggestions) + "."
    return make_error(
        ErrorType.NOT_FOUND,
        call.tool_name,
        message,
        details={"field": path, "value": value, "suggestions": suggestions},
        remediation=remediation,
    )


def _shares_a_word(value: str, candidate: Scored, spec: ReferenceSpec) -> bool:
    filler = filler_for(spec.kind)
    asked = content_words(value, filler)
    names = item_names(candidate.item, spec.lookup) or [candidate.name]
    offered = {word for name in names for word in content_words(name, filler)}
    return any(word_similarity(a, w) >= WORD_MATCH for w in offered for a in asked)


def _looks_like_an_id(value: str) -> bool:
    return bool(value) and not any(ch.isspace() for ch in value) and any(ch.isdigit() for ch in value)

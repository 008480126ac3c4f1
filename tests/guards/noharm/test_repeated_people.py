"""No-harm regression tests: one person twice in the attendees, while someone the user named is left
out, is refused with that person; a repeat with nobody missing passes."""

from __future__ import annotations

from guards import Guard, GuardContext
from tests.guards.noharm.helpers import INES, JONAS, KENJI, context, event, full_guard, world

TOMORROW_10 = ("2026-07-15T10:00:00+01:00", "2026-07-15T10:30:00+01:00")
WORDS = ["Set up 'Route review' tomorrow at 10am with Jonas Berg and Kenji"]


def _searched(words: list[str]) -> tuple[Guard, GuardContext]:
    env = world()
    ctx = context(env, words)
    for query in ("Jonas Berg", "Kenji"):
        ctx.observe("users_search", {"query": query}, env.call_tool("users_search", {"query": query}))
    return full_guard(env), ctx


def _with(*people: str) -> dict[str, object]:
    return event(INES, *TOMORROW_10, summary="Route review", attendees=[{"email": p} for p in people])


def test_a_repeated_person_in_place_of_one_the_user_named_is_refused_with_them() -> None:
    guard, ctx = _searched(WORDS)
    verdict = guard.check("events_insert", _with(JONAS, JONAS), ctx)
    assert verdict.error is not None and verdict.error["error_type"] == "validation_error"
    details = verdict.error["details"]
    assert details["reason"] == "repeated_entry"
    assert (details["field"], details["use_value"]) == ("attendees[1].email", KENJI)


def test_a_repeat_with_nobody_missing_passes() -> None:
    guard, ctx = _searched(WORDS)
    assert guard.check("events_insert", _with(JONAS, KENJI, JONAS), ctx).passed
    assert guard.check("events_insert", _with(JONAS, KENJI), ctx).passed


def test_without_a_search_nobody_is_known_to_be_missing() -> None:
    env = world()
    verdict = full_guard(env).check("events_insert", _with(JONAS, JONAS), context(env, WORDS))
    assert verdict.error is None or verdict.error["details"].get("reason") != "repeated_entry"

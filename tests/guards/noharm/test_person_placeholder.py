"""No-harm regression tests: a person placeholder in a write becomes the one person the user named
whom the agent's own search found and the call leaves out; anything less certain stays a blocked
placeholder. On ``world.yaml``."""

from __future__ import annotations

from typing import Any

import pytest

from guards import GuardContext, Verdict
from guards.context import ToolObservation
from tests.guards.noharm.helpers import DOMAIN, INES, JONAS, KENJI, context, full_guard, world

PRIYA = f"priya.raman@{DOMAIN}"
WORDS = "Book 'Carrier call' tomorrow at 10 with Jonas Berg and Kenji Mori."
SEARCHED = [("users_search", {"query": "Jonas Berg"}), ("users_search", {"query": "Mori"})]


def _insert(*people: str) -> dict[str, Any]:
    times = {
        "start": {"dateTime": "2026-07-15T10:00:00+01:00"},
        "end": {"dateTime": "2026-07-15T10:30:00+01:00"},
    }
    return {
        "calendarId": INES,
        "summary": "Carrier call",
        **times,
        "attendees": [{"email": p} for p in people],
    }


def _check(args: dict[str, Any], words: str, prior: list[tuple[str, dict[str, Any]]]) -> Verdict:
    env = world()
    ctx: GuardContext = context(env, [words])
    ctx.tool_results = [ToolObservation(name, dict(a), env.call_tool(name, dict(a))) for name, a in prior]
    return full_guard(env).check("events_insert", args, ctx)


def _placeholder_blocked(verdict: Verdict) -> bool:
    fields = (verdict.error or {}).get("details", {}).get("invalid_fields") or []
    return any(f.get("reason") == "placeholder" for f in fields)


@pytest.mark.parametrize("placeholder", ["<email>", "{email}", "your_email", "EMAIL_ADDRESS"])
def test_the_placeholder_becomes_the_named_person_the_search_found(placeholder: str) -> None:
    verdict = _check(_insert(JONAS, placeholder), WORDS, SEARCHED)
    assert verdict.passed, verdict.error
    assert verdict.args["attendees"] == [{"email": JONAS}, {"email": KENJI}]
    assert any(i.field == "attendees[1].email" and i.after == KENJI for i in verdict.interventions)


@pytest.mark.parametrize(
    ("args", "words", "prior"),
    [
        (_insert(JONAS, "<email>"), WORDS, []),  # the agent searched for no one
        (_insert("<email>"), WORDS, SEARCHED),  # two named people are missing
        (_insert(JONAS, "<email>", "{email}"), WORDS, SEARCHED),  # two placeholders
        (_insert(JONAS, KENJI, "<email>"), WORDS, SEARCHED),  # everyone named is already there
        (
            _insert(JONAS, "<email>"),
            "Book 'Carrier call' tomorrow at 10 with Jonas Berg.",
            [*SEARCHED, ("users_search", {"query": "Priya Raman"})],
        ),  # a search for someone nobody named
    ],
)
def test_a_placeholder_without_one_named_person_for_it_stays_blocked(
    args: dict[str, Any], words: str, prior: list[tuple[str, dict[str, Any]]]
) -> None:
    verdict = _check(args, words, prior)
    assert not verdict.passed and _placeholder_blocked(verdict)


ROSA = f"rosa.lind@{DOMAIN}"  # on the quay inspection already
QUAY_WORDS = "Add Jonas Berg and Kenji Mori to the quay inspection."


def _patch_quay(*people: str) -> dict[str, Any]:
    return {"calendarId": INES, "eventId": "nh0016qua", "attendees": [{"email": p} for p in people]}


def _check_patch(args: dict[str, Any]) -> Verdict:
    env = world()
    ctx: GuardContext = context(env, [QUAY_WORDS])
    ctx.tool_results = [ToolObservation(name, dict(a), env.call_tool(name, dict(a))) for name, a in SEARCHED]
    return full_guard(env).check("events_patch", args, ctx)


def test_on_an_event_with_everyone_kept_the_placeholder_becomes_the_named_person() -> None:
    verdict = _check_patch(_patch_quay(ROSA, JONAS, "<email>"))
    assert verdict.passed, verdict.error
    assert verdict.args["attendees"][2] == {"email": KENJI}


@pytest.mark.parametrize("people", [(JONAS, JONAS, "<email>"), (JONAS, "<email>")])
def test_a_placeholder_that_may_stand_for_someone_on_the_event_stays_blocked(people: tuple[str, ...]) -> None:
    # Rosa Lind is on the event and not in the list (the repeat may be where she was): no fill.
    verdict = _check_patch(_patch_quay(*people))
    assert not verdict.passed and not any(i.after == KENJI for i in verdict.interventions)
    reasons = {f.get("reason") for f in verdict.error["details"].get("invalid_fields") or []}  # type: ignore[index]
    assert reasons & {"placeholder", "drops_existing_attendee"}

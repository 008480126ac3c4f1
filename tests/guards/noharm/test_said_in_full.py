"""No-harm regression tests: a name the user said word for word is what their words name. A shared
word ("Tom", "gate") does not make the agent's other choice ambiguous, and a person's own calendar
in a listing is no mention of that person. On ``world.yaml``."""

from __future__ import annotations

from typing import Any

from guards import GuardContext, Verdict
from guards.context import ToolObservation
from tests.guards.noharm.helpers import DOMAIN, INES, KENJI, TOM_A, context, full_guard, world

TOM_B = f"tom.becker@{DOMAIN}"
PRIYA = f"priya.raman@{DOMAIN}"
LIAM = f"liam.walsh@{DOMAIN}"
DEPOT = "nh0002dep"  # "Depot visit", no attendees


def _invite(person: str) -> dict[str, Any]:
    return {"calendarId": INES, "eventId": DEPOT, "attendees": [{"email": person}]}


def _check(tool: str, args: dict[str, Any], words: str, prior: list[tuple[str, dict[str, Any]]]) -> Verdict:
    env = world()
    ctx: GuardContext = context(env, [words])
    ctx.tool_results = [ToolObservation(name, dict(a), env.call_tool(name, dict(a))) for name, a in prior]
    return full_guard(env).check(tool, args, ctx)


def test_a_full_name_said_names_that_person_not_every_namesake_of_a_word() -> None:
    verdict = _check("events_patch", _invite("Tom Alvarez"), "Invite Tom Becker to the depot visit.", [])
    assert verdict.error is not None
    details = verdict.error["details"]
    assert details["reason"] == "contradicts_user_words"
    assert details["user_named"]["id"] == TOM_B
    assert "Tom Becker" in verdict.error["message"]


def test_a_first_name_alone_still_leaves_the_two_toms_open() -> None:
    verdict = _check("events_patch", _invite("Tom Alvarez"), "Invite Tom to the depot visit.", [])
    assert verdict.error is not None and verdict.error["error_type"] == "ambiguous_reference"
    assert {c["id"] for c in verdict.error["details"]["candidates"]} == {TOM_A, TOM_B}


def test_the_person_said_in_full_passes() -> None:
    verdict = _check("events_patch", _invite("Tom Becker"), "Invite Tom Becker to the depot visit.", [])
    assert verdict.passed, verdict.error
    assert verdict.args["attendees"] == [{"email": TOM_B}]


SEEN = [("calendars_list", {}), ("users_search", {"query": "Priya Raman"})]


def test_a_calendar_listing_is_no_mention_of_its_owner() -> None:
    # Liam's calendar is in Ines's list; the user asked for Priya, whom the agent's search found.
    verdict = _check("events_patch", _invite(LIAM), "Invite Priya Raman to the depot visit.", SEEN)
    assert verdict.error is not None
    assert verdict.error["details"]["reason"] == "contradicts_user_words"
    assert verdict.error["details"]["user_named"]["id"] == PRIYA


def test_a_calendar_the_person_owns_in_the_listing_mentions_them() -> None:
    # Kenji owns Customer Calls APAC (its dataOwner): the listing speaks of him, not only of his calendar.
    verdict = _check("events_patch", _invite(KENJI), "Invite Priya Raman to the depot visit.", SEEN)
    assert verdict.passed, verdict.error


def test_the_owner_the_user_names_passes_beside_the_listing() -> None:
    prior = [("calendars_list", {}), ("users_search", {"query": "Kenji"})]
    verdict = _check("events_patch", _invite(KENJI), "Invite Kenji to the depot visit.", prior)
    assert verdict.passed, verdict.error


def test_a_person_an_event_listing_carries_is_mentioned_by_it() -> None:
    # Tom Becker is on the customs review the agent listed: a result mentions him.
    prior = [*SEEN, ("events_list", {"calendarId": INES, "q": "Customs review"})]
    verdict = _check("events_patch", _invite(TOM_B), "Invite Priya Raman to the depot visit.", prior)
    assert verdict.passed, verdict.error


def test_a_shared_word_with_an_event_named_in_full_is_not_namesake_ambiguity() -> None:
    # "gate" is a word of the four "Gate cutoff"s, but the user named "Gate inspection" in full.
    words = "Cancel the gate inspection on Thursday."
    prior: list[tuple[str, dict[str, Any]]] = [("events_list", {"calendarId": INES, "q": "gate"})]
    verdict = _check("events_delete", {"calendarId": INES, "eventId": "nh0012gate"}, words, prior)
    assert verdict.error is not None
    assert verdict.error["error_type"] == "validation_error"
    assert verdict.error["details"]["reason"] == "contradicts_user_words"
    assert verdict.error["details"]["user_named"]["id"] == "nh0020gins"


def test_the_gate_cutoff_the_user_names_is_still_ambiguous_among_its_namesakes() -> None:
    prior: list[tuple[str, dict[str, Any]]] = [("events_list", {"calendarId": INES, "q": "gate"})]
    verdict = _check(
        "events_delete", {"calendarId": INES, "eventId": "nh0012gate"}, "Cancel the gate cutoff.", prior
    )
    assert verdict.error is not None and verdict.error["error_type"] == "ambiguous_reference"


def test_a_person_said_only_by_abbreviation_beside_the_exact_one_is_not_named() -> None:
    # The search for "Liam Walsh" also found Liam Walshaw; the user named Liam Walsh (carried) and a Priya.
    prior = [("users_search", {"query": "Liam Walsh"}), ("users_search", {"query": "Priya"})]
    args = {"calendarId": INES, "eventId": DEPOT, "attendees": [{"email": LIAM}, {"email": TOM_A}]}
    verdict = _check("events_patch", args, "Invite Liam Walsh and Priya to the depot visit.", prior)
    assert verdict.error is not None and verdict.error["details"]["reason"] == "not_in_conversation"
    assert {c["id"] for c in verdict.error["details"]["candidates"]} == {PRIYA, f"priya@{DOMAIN}"}


def test_people_already_on_an_event_a_placeholder_names_are_kept() -> None:
    # Rosa Lind (Oslo) is on the quay inspection; the agent re-sends her by name, and a namesake of
    # hers lives in Toronto: the one on the event is the one meant.
    args = {
        "calendarId": INES,
        "eventId": "<eventId>",
        "attendees": [{"email": "Rosa Lind"}, {"email": "Tom Alvarez"}],
    }
    verdict = _check("events_patch", args, "Invite Tom Alvarez to the quay inspection.", [])
    assert verdict.passed, verdict.error
    assert verdict.args["eventId"] == "nh0016qua"
    assert verdict.args["attendees"] == [{"email": f"rosa.lind@{DOMAIN}"}, {"email": TOM_A}]

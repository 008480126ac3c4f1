"""No-harm regression tests: two people who share a full name ("Rosa Lind" in Oslo and in Toronto),
and four events that share a title ("Gate cutoff"). The name said in full picks none of them; the
address, a word only one carries, a tool result that names one, or (events) the day and time the user
said does; an attendee list that re-sends the event's people keeps the one already on it. On
``world.yaml``."""

from __future__ import annotations

from guards import Guard, GuardContext
from tests.guards.noharm.helpers import CALLS, DOMAIN, JONAS, TOM_A, check, context, full_guard, world

ROSA_OSLO = f"rosa.lind@{DOMAIN}"
ROSA_TORONTO = f"rlind@{DOMAIN}"
SHARE = "Let Rosa Lind make changes on the Customer Calls calendar."
CUTOFF = "Cancel the gate cutoff."


def _share(person: str) -> dict[str, object]:
    return {
        "calendarId": CALLS,
        "role": "writer",
        "scope": {"type": "user", "value": person},
    }


def test_a_full_name_two_people_share_picks_neither() -> None:
    verdict = check(world(), "acl_insert", _share(ROSA_OSLO), [SHARE])
    assert verdict.error is not None and verdict.error["error_type"] == "ambiguous_reference"
    details = verdict.error["details"]
    assert details["reason"] == "same_name"
    assert {c["id"] for c in details["candidates"]} == {ROSA_OSLO, ROSA_TORONTO}


def test_the_address_the_user_wrote_picks_one_namesake() -> None:
    words = [f"Let Rosa Lind ({ROSA_TORONTO}) make changes on the Customer Calls calendar."]
    verdict = check(world(), "acl_insert", _share(ROSA_TORONTO), words)
    assert verdict.passed, verdict.error


def test_a_word_only_one_namesake_carries_picks_her() -> None:
    words = ["Let Rosa Lind from Toronto make changes on the Customer Calls calendar."]
    verdict = check(world(), "acl_insert", _share(ROSA_TORONTO), words)
    assert verdict.passed, verdict.error


def test_a_unique_full_name_still_passes() -> None:
    words = ["Let Kenji Mori edit Customer Calls."]
    verdict = check(world(), "acl_insert", _share(f"kenji.mori@{DOMAIN}"), words)
    assert verdict.passed, verdict.error


def test_a_namesake_already_on_the_event_is_the_one_re_sent() -> None:
    # The agent re-sends the attendees by name; the user only asked to add Kenji.
    attendees = [{"email": "Rosa Lind"}, {"email": f"kenji.mori@{DOMAIN}"}]
    args = {"calendarId": "primary", "eventId": "Quay inspection", "attendees": attendees}
    verdict = check(world(), "events_patch", args, ["Add Kenji to the quay inspection."])
    assert verdict.passed, verdict.error
    assert [a["email"] for a in verdict.args["attendees"]] == [ROSA_OSLO, f"kenji.mori@{DOMAIN}"]


def test_a_namesake_the_user_names_stays_ambiguous_even_beside_one_on_the_event() -> None:
    attendees = [{"email": ROSA_OSLO}, {"email": "Rosa Lind"}]
    args = {"calendarId": "primary", "eventId": "Quay inspection", "attendees": attendees}
    verdict = check(world(), "events_patch", args, ["Add Rosa Lind to the quay inspection too."])
    assert verdict.error is not None and verdict.error["error_type"] == "ambiguous_reference"


def test_an_event_picked_from_several_with_its_title_picks_none_of_them() -> None:
    # Four "Gate cutoff"s on Ines's calendar; the user named none of their days.
    verdict = check(world(), "events_delete", {"calendarId": "primary", "eventId": "nh0013gate"}, [CUTOFF])
    assert verdict.error is not None and verdict.error["error_type"] == "ambiguous_reference"
    assert verdict.error["details"]["reason"] == "same_name"
    assert {"nh0012gate", "nh0013gate", "nh0014gate", "nh0015gate"} <= {
        c["id"] for c in verdict.error["details"]["candidates"]
    }


def test_the_day_and_time_the_user_said_pick_the_event_among_its_namesakes() -> None:
    words = ["Cancel the gate cutoff on Friday at 6pm."]
    verdict = check(world(), "events_delete", {"calendarId": "primary", "eventId": "nh0013gate"}, words)
    assert verdict.passed, verdict.error
    other = check(world(), "events_delete", {"calendarId": "primary", "eventId": "nh0012gate"}, words)
    assert other.error is not None and other.error["error_type"] == "ambiguous_reference"


def test_an_event_picked_from_several_its_title_the_user_spoke_of_in_part_picks_none() -> None:
    # Two "Weekly carrier sync"s; "the carrier sync" fits both.
    start, end = "2026-07-24T11:00:00+01:00", "2026-07-24T11:30:00+01:00"
    move = {"start": {"dateTime": start}, "end": {"dateTime": end}}
    args = {"calendarId": "primary", "eventId": "nh0017cs", **move}
    verdict = check(world(), "events_patch", args, ["Push the carrier sync to Friday the 24th at 11."])
    assert verdict.error is not None and verdict.error["error_type"] == "ambiguous_reference"
    assert verdict.error["details"]["reason"] == "same_name"
    assert {c["id"] for c in verdict.error["details"]["candidates"]} == {"nh0017cs", "nh0018cs"}
    # the day the user said tells them apart, beside the new one the call writes
    told_apart = (
        "Push Thursday's carrier sync to Friday the 24th at 11.",
        "Push the carrier sync on Thursday to Friday the 24th at 11.",
    )
    for words in told_apart:
        assert check(world(), "events_patch", args, [words]).passed, words
    # the other one's day, said as the new day, does not make it the one meant
    new_start, new_end = "2026-07-20T11:00:00+01:00", "2026-07-20T11:30:00+01:00"
    monday = {"start": {"dateTime": new_start}, "end": {"dateTime": new_end}}
    words = "Move the carrier sync on Thursday the 16th to Monday the 20th at 11."
    assert check(world(), "events_patch", {**args, **monday}, [words]).passed


def test_an_event_with_a_title_of_its_own_picked_from_a_listing_passes() -> None:
    args = {"calendarId": "primary", "eventId": "nh0002dep"}
    verdict = check(world(), "events_delete", args, ["Cancel the depot visit."])
    assert verdict.passed, verdict.error


PRIYA_NAIR = f"priya@{DOMAIN}"


def test_an_address_that_is_only_a_first_name_names_no_one_of_that_name() -> None:
    # "priya@" is Priya Nair's address; "Priya" is also Priya Raman's first name.
    args = {
        "calendarId": "primary",
        "summary": "Call with Priya",
        "start": {"dateTime": "2026-07-15T10:00:00+01:00"},
        "end": {"dateTime": "2026-07-15T10:30:00+01:00"},
        "attendees": [{"email": "Priya"}],
    }
    verdict = check(world(), "events_insert", args, ["Set up a call with Priya tomorrow at 10"])
    assert verdict.error is not None and verdict.error["error_type"] == "ambiguous_reference"
    shared = check(world(), "acl_insert", _share(PRIYA_NAIR), ["Let Priya edit the Customer Calls calendar."])
    assert shared.error is not None and shared.error["error_type"] == "ambiguous_reference"
    assert shared.error["details"]["user_mention"] == "Priya"


def test_the_full_name_still_finds_the_person_behind_a_first_name_address() -> None:
    words = ["Let Priya Nair edit the Customer Calls calendar."]
    verdict = check(world(), "acl_insert", _share("Priya Nair"), words)
    assert verdict.passed, verdict.error
    assert verdict.args["scope"]["value"] == PRIYA_NAIR


def test_a_name_said_exactly_is_not_a_longer_name_it_abbreviates() -> None:
    # "Walsh" abbreviates "Walshaw", but "Liam Walsh" is someone's exact name.
    words = ["Let Liam Walsh edit the Customer Calls calendar."]
    verdict = check(world(), "acl_insert", _share(f"liam.walshaw@{DOMAIN}"), words)
    assert verdict.error is not None
    assert verdict.error["details"]["reason"] == "contradicts_user_words"
    assert verdict.error["details"]["user_named"]["id"] == f"liam.walsh@{DOMAIN}"
    assert check(world(), "acl_insert", _share(f"liam.walsh@{DOMAIN}"), words).passed


def _after_searches(words: str, searches: list[str]) -> tuple[GuardContext, Guard]:
    env = world()
    ctx = context(env, [words])
    for query in searches:
        ctx.observe("users_search", {"query": query}, env.call_tool("users_search", {"query": query}))
    return ctx, full_guard(env)


def _call_with(attendees: list[str]) -> dict[str, object]:
    return {
        "calendarId": "primary",
        "summary": "Call",
        "start": {"dateTime": "2026-07-15T10:00:00+01:00"},
        "end": {"dateTime": "2026-07-15T10:30:00+01:00"},
        "attendees": [{"email": a} for a in attendees],
    }


def test_a_person_nobody_named_in_place_of_one_the_search_found_is_redirected() -> None:
    ctx, guard = _after_searches("Set up a call with Kenji Mori tomorrow at 10", ["Kenji Mori"])
    verdict = guard.check("events_insert", _call_with([f"liam.walsh@{DOMAIN}"]), ctx)
    assert verdict.error is not None
    assert verdict.error["details"]["reason"] == "contradicts_user_words"
    assert verdict.error["details"]["user_named"]["id"] == f"kenji.mori@{DOMAIN}"


def test_a_person_the_user_did_not_name_passes_when_no_one_named_is_missing() -> None:
    # "my Sydney lead": nothing the agent searched for is missing from the call.
    ctx, guard = _after_searches("Invite Tom Alvarez and my Sydney lead", ["Tom"])
    attendees = [f"tom.alvarez@{DOMAIN}", f"liam.walsh@{DOMAIN}"]
    verdict = guard.check("events_insert", _call_with(attendees), ctx)
    assert verdict.passed, verdict.error


# -- someone nobody mentioned in place of someone on the event ---------------------------------------

TOM_BECKER = f"tom.becker@{DOMAIN}"


def test_a_person_on_the_event_swapped_for_one_nobody_mentioned_is_kept() -> None:
    words = ["Invite Jonas Berg to the customs review."]
    swapped = [{"email": TOM_A}, {"email": JONAS}]  # tom.becker@ became the other Tom
    args = {"calendarId": "primary", "eventId": "nh0011cust", "attendees": swapped}
    verdict = check(world(), "events_patch", args, words)
    assert verdict.error is not None and verdict.error["details"]["reason"] == "drops_existing_attendee"
    assert verdict.error["details"]["field"] == "attendees[0].email"
    assert verdict.error["details"]["use_value"] == TOM_BECKER
    kept = {**args, "attendees": [{"email": TOM_BECKER}, {"email": JONAS}]}
    assert check(world(), "events_patch", kept, words).passed


def test_a_swap_the_user_asks_for_passes() -> None:
    # Jonas is "my deputy" here: nobody named him, but the user asked for the change
    args = {"calendarId": "primary", "eventId": "nh0011cust", "attendees": [{"email": JONAS}]}
    asked = ("Replace Tom Becker with my deputy on the customs review.", "Take Tom off it and add my deputy.")
    for words in asked:
        assert check(world(), "events_patch", args, [words]).passed, words

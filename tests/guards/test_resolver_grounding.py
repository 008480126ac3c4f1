"""A name the agent resolved must be what the user's words single out (the real acme world and pipeline)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from env import CalendarEnv
from guards import Guard, GuardContext, Verdict, load_pack
from guards.context import ToolObservation


@pytest.fixture(scope="module")
def env() -> CalendarEnv:
    return CalendarEnv("acme")


@pytest.fixture(scope="module")
def guard(env: CalendarEnv) -> Guard:
    return Guard(load_pack("calendar"), schemas={s.name: s.input_schema for s in env.tool_specs()})


def check(
    env: CalendarEnv,
    guard: Guard,
    tool: str,
    args: dict[str, Any],
    messages: list[str],
    seen: Sequence[tuple[str, dict[str, Any]]] = (),
) -> Verdict:
    ctx = GuardContext(
        now=env.now,
        timezone=env.timezone,
        user_messages=messages,
        lookup=env.call_tool,
        actor=env.actor,
    )
    for name, call_args in seen:
        ctx.tool_results.append(ToolObservation(name, call_args, env.call_tool(name, call_args)))
    return guard.check(tool, args, ctx)


def calendar_id(env: CalendarEnv, summary: str) -> str:
    items = env.call_tool("calendars_list", {"showHidden": True})["items"]
    return next(c["id"] for c in items if c["summary"] == summary)


def share(value: str) -> dict[str, Any]:
    return {"calendarId": "Team Social", "role": "writer", "scope": {"type": "user", "value": value}}


def test_a_guessed_dana_is_blocked_with_the_danas_the_user_may_mean(env, guard):
    verdict = check(env, guard, "acl_insert", share("Dana Kim"), ["Give Dana write access to Team Social"])
    assert verdict.blocked
    error = verdict.error
    assert error["error_type"] == "ambiguous_reference"
    assert error["details"]["field"] == "scope.value"
    assert error["details"]["value"] == "Dana Kim"
    assert error["details"]["user_mention"] == "Dana"  # as the user wrote it
    assert error["details"]["candidates"] == [
        {"id": "dana.kim@acme.com", "name": "Dana Kim"},
        {"id": "dana.reyes@acme.com", "name": "Dana Reyes"},
    ]
    assert "Dana Kim" in error["message"]


def test_the_guess_does_not_reach_the_world(env, guard):
    """Executing what the guard lets through never adds Dana Kim when the user only said Dana."""
    verdict = check(env, guard, "acl_insert", share("Kim"), ["Share Team Social with Dana, as writer"])
    assert verdict.error["error_type"] == "ambiguous_reference"
    rules = env.call_tool("acl_list", {"calendarId": calendar_id(env, "Team Social")})["items"]
    assert "user:dana.kim@acme.com" not in {rule["id"] for rule in rules}


def test_the_full_name_in_the_users_words_passes_and_executes(guard):
    env = CalendarEnv("acme")
    verdict = check(
        env, guard, "acl_insert", share("Dana Kim"), ["Give Dana Kim write access to Team Social"]
    )
    assert verdict.passed, verdict.error
    assert verdict.args["scope"]["value"] == "dana.kim@acme.com"
    assert verdict.args["calendarId"] == calendar_id(env, "Team Social")
    created = env.call_tool(verdict.tool_name, verdict.args)
    assert created["id"] == "user:dana.kim@acme.com" and created["role"] == "writer"


def test_the_email_in_the_users_words_grounds_the_choice(env, guard):
    verdict = check(
        env, guard, "acl_insert", share("Dana Kim"), ["Give dana.kim@acme.com write access to Team Social"]
    )
    assert verdict.passed, verdict.error
    assert verdict.args["scope"]["value"] == "dana.kim@acme.com"


def test_a_unique_first_name_passes(env, guard):
    verdict = check(env, guard, "acl_insert", share("Priya Patel"), ["Let Priya edit Team Social"])
    assert verdict.passed, verdict.error
    assert verdict.args["scope"]["value"] == "priya.patel@acme.com"


def test_names_the_user_never_mentioned_are_not_checked(env, guard):
    verdict = check(env, guard, "acl_insert", share("Dana Kim"), ["Share Team Social with my designer"])
    assert verdict.passed, verdict.error
    assert verdict.args["scope"]["value"] == "dana.kim@acme.com"


def primary_event(env: CalendarEnv, summary: str, attendees: set[str]) -> str:
    items = env.call_tool("events_list", {"calendarId": "primary", "maxResults": 250})["items"]
    return next(
        e["id"]
        for e in items
        if e.get("summary") == summary and {a["email"] for a in e.get("attendees", [])} == attendees
    )


def test_a_prior_result_that_singles_out_one_dana_grounds_the_choice(env, guard):
    messages = ["Give the Dana from my customer call write access to Team Social"]
    call = primary_event(env, "Customer call", {"ana@acme.com", "dana.kim@acme.com"})
    seen = [("events_get", {"calendarId": "primary", "eventId": call})]
    verdict = check(env, guard, "acl_insert", share("Dana Kim"), messages, seen)
    assert verdict.passed, verdict.error
    assert verdict.args["scope"]["value"] == "dana.kim@acme.com"


def test_a_prior_result_showing_both_danas_grounds_nothing(env, guard):
    messages = ["Give the Dana from my sync write access to Team Social"]
    sync = primary_event(env, "Sync with Dana", {"ana@acme.com", "dana.kim@acme.com", "dana.reyes@acme.com"})
    seen = [("events_get", {"calendarId": "primary", "eventId": sync})]
    verdict = check(env, guard, "acl_insert", share("Dana Kim"), messages, seen)
    assert verdict.error["error_type"] == "ambiguous_reference"


def test_the_agents_own_search_for_its_guess_is_no_evidence(env, guard):
    seen = [("users_search", {"query": "Dana Kim"})]
    verdict = check(
        env, guard, "acl_insert", share("Dana Kim"), ["Give Dana write access to Team Social"], seen
    )
    assert verdict.error["error_type"] == "ambiguous_reference"


def test_a_calendar_the_users_words_name_differently_is_blocked(env, guard):
    verdict = check(
        env,
        guard,
        "events_list",
        {"calendarId": "Marketing Campaigns"},
        ["What's on the Marketing calendar?"],
    )
    error = verdict.error
    assert error["error_type"] == "validation_error"
    assert error["details"]["reason"] == "contradicts_user_words"
    assert error["details"]["user_named"]["name"] == "Marketing"
    assert [c["name"] for c in error["details"]["candidates"]] == ["Marketing", "Marketing Campaigns"]


def test_a_calendar_the_user_named_uniquely_resolves(env, guard):
    for reference, said in [
        ("Marketing", "What's on the Marketing calendar?"),
        ("Team", "Show me the Team calendar"),
        ("Eng Team", "Show me the team calendar"),
        ("Marketing Campaigns", "What's on Marketing Campaigns?"),
    ]:
        verdict = check(env, guard, "events_list", {"calendarId": reference}, [said])
        assert verdict.passed, (reference, verdict.error)
    team = check(env, guard, "events_list", {"calendarId": "Eng Team"}, ["Show me the team calendar"])
    assert team.args["calendarId"] == calendar_id(env, "Team")


def test_a_calendar_mention_that_is_itself_ambiguous_blocks_a_guess(env, guard):
    verdict = check(env, guard, "events_list", {"calendarId": "Dana Kim"}, ["What's on Dana's calendar?"])
    assert verdict.error["error_type"] == "ambiguous_reference"
    assert {c["name"] for c in verdict.error["details"]["candidates"]} == {"Dana Kim", "Dana Reyes"}
    assert verdict.error["details"]["reason"] == "ambiguous_in_user_words"


def test_an_explicit_id_the_users_words_do_not_single_out_is_blocked_on_writes(env, guard):
    guessed = check(
        env, guard, "acl_insert", share("dana.kim@acme.com"), ["Give Dana write access to Team Social"]
    )
    assert guessed.error["error_type"] == "ambiguous_reference"
    assert {c["id"] for c in guessed.error["details"]["candidates"]} == {
        "dana.kim@acme.com",
        "dana.reyes@acme.com",
    }
    # The same ID passes when the user named her, and on reads (nothing is changed by a guess there).
    named = check(
        env, guard, "acl_insert", share("dana.kim@acme.com"), ["Give Dana Kim write access to Team Social"]
    )
    assert named.passed and named.args["scope"]["value"] == "dana.kim@acme.com"
    read = check(
        env,
        guard,
        "freebusy_query",
        {
            "timeMin": "2026-03-10T00:00:00-04:00",
            "timeMax": "2026-03-11T00:00:00-04:00",
            "items": [{"id": "dana.kim@acme.com"}],
        },
        ["Is Dana free tomorrow?"],
    )
    assert read.passed, read.error


def test_an_explicit_id_singled_out_by_what_the_agent_read_passes(env, guard):
    kim_1on1 = primary_event(env, "1:1 Ana / Dana Kim", {"ana@acme.com", "dana.kim@acme.com"})
    verdict = check(
        env,
        guard,
        "acl_insert",
        share("dana.kim@acme.com"),
        ["Give the Dana from my 1:1 this week write access to Team Social"],
        seen=[("events_get", {"calendarId": "primary", "eventId": kim_1on1})],
    )
    assert verdict.passed, verdict.error


def test_an_event_the_user_named_only_in_part_is_blocked_unless_their_words_single_it_out(env, guard):
    args = {"calendarId": "primary", "eventId": "1:1 Ana / Dana Kim"}
    guessed = check(env, guard, "events_get", args, ["Open my 1:1 with Dana"])
    assert guessed.error["error_type"] == "ambiguous_reference"
    assert {c["name"] for c in guessed.error["details"]["candidates"]} == {
        "1:1 Ana / Dana Kim",
        "1:1 Ana / Dana Reyes",
    }
    kim = primary_event(env, "1:1 Ana / Dana Kim", {"ana@acme.com", "dana.kim@acme.com"})
    for said in ["Open my 1:1 with Dana Kim", "Open my 1:1 with Dana, the one with Kim"]:
        verdict = check(env, guard, "events_get", args, [said])
        assert verdict.passed, (said, verdict.error)
        assert verdict.args["eventId"] == kim

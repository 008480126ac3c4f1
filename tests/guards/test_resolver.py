"""The resolver against a real world and the env's own lookups (no canned results)."""

from __future__ import annotations

import pytest

from env import FaultConfig
from guards import InterventionKind
from guards.resolve.references import MARGIN, THRESHOLD
from tests.guards.resolve_helpers import (
    BOARD,
    BOOKCLUB,
    DESIGN,
    ENG,
    HOLIDAYS,
    MARKETING,
    OFFSITE,
    SECRET,
    STANDUP_A,
    STANDUP_B,
    TEAM,
    context,
    resolve,
    resolver_guard,
    world_env,
)


@pytest.fixture(scope="module")
def env():
    return world_env()


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("Team", TEAM),
        ("my team's calendar", TEAM),  # possessive + filler
        ("TEAM", TEAM),  # case
        ("the team cal", TEAM),  # abbreviation of the kind word
        ("Teams", TEAM),  # plural
        ("offsite team", OFFSITE),  # word order
        ("our Team Ofsite calendar", OFFSITE),  # typo
        ("Enginering", ENG),  # typo
        ("the engineering calendar", ENG),
        ("growth marketing", MARKETING),  # the user's own summaryOverride
        ("Marketing", MARKETING),  # the calendar's real summary
        ("book club", BOOKCLUB),  # hidden in the user's list, still the user's calendar
        ("US holiday calendar", HOLIDAYS),  # plural + filler
        ("holidays", HOLIDAYS),  # names part of exactly one calendar
        ("design", DESIGN),
    ],
)
def test_calendar_names_resolve_despite_noise(env, reference, expected):
    verdict = resolve(env, "events_list", {"calendarId": reference})
    assert verdict.passed, verdict.error
    assert verdict.args["calendarId"] == expected
    [note] = verdict.interventions
    assert note.kind == InterventionKind.RESOLVED
    assert (note.field, note.before, note.after) == ("calendarId", reference, expected)
    assert "score" in note.reason


def test_valid_visible_ids_pass_untouched(env):
    for value in (TEAM, BOOKCLUB, "primary", env.actor):
        verdict = resolve(env, "events_list", {"calendarId": value})
        assert verdict.passed and verdict.args == {"calendarId": value}
        assert verdict.interventions == []


def test_pack_alias_for_the_users_own_calendar(env):
    verdict = resolve(env, "events_list", {"calendarId": "My Calendar"})
    assert verdict.args["calendarId"] == "primary"
    assert verdict.interventions[0].after == "primary"


def test_resolution_is_remembered_in_the_session(env):
    ctx = context(env)
    resolver_guard().check("events_list", {"calendarId": "the team cal"}, ctx)
    assert ctx.session.resolved == {"calendar:the team cal": TEAM}


def test_two_equally_named_calendars_are_reported_never_picked(env):
    verdict = resolve(env, "events_insert", {"calendarId": "the standup calendar"})
    assert verdict.blocked
    error = verdict.error
    assert error["error_type"] == "ambiguous_reference"
    assert error["details"]["field"] == "calendarId"
    assert error["details"]["value"] == "the standup calendar"
    assert {c["id"] for c in error["details"]["candidates"]} == {STANDUP_A, STANDUP_B}
    assert all(c["name"] == "Standup" for c in error["details"]["candidates"])
    assert verdict.args["calendarId"] == "the standup calendar"


def test_names_contained_in_several_calendars_are_ambiguous(env):
    verdict = resolve(env, "events_list", {"calendarId": "the sales calendar"})
    assert verdict.error["error_type"] == "ambiguous_reference"
    assert [c["name"] for c in verdict.error["details"]["candidates"]] == ["Sales East", "Sales West"]
    assert resolve(env, "events_list", {"calendarId": "west sales"}).args["calendarId"] == (
        "c_sales_west@group.calendar.globex.com"
    )


def test_short_words_get_no_typo_tolerance(env):
    verdict = resolve(env, "events_list", {"calendarId": "tea"})
    assert verdict.error["error_type"] == "not_found_error"


def test_exact_name_beats_names_that_only_contain_it_by_the_margin(env):
    verdict = resolve(env, "events_list", {"calendarId": "team"})
    assert verdict.args["calendarId"] == TEAM
    reason = verdict.interventions[0].reason
    assert "score 100" in reason and "next best" in reason
    # an exact name (100) leads a name that merely contains the reference (90) by at least the margin
    assert MARGIN <= 100 - 90 and THRESHOLD <= 90


def test_invisible_calendars_are_not_found_and_not_revealed(env):
    for reference in ("Board Meetings", "secret team plans", BOARD):
        verdict = resolve(env, "events_list", {"calendarId": reference})
        assert verdict.error["error_type"] == "not_found_error"
        shown = str(verdict.error)
        assert BOARD not in shown.replace(reference, "") and SECRET not in shown
        assert "Board Meetings" not in shown.replace(reference, "")
        assert "Secret Team Plans" not in shown


def test_not_found_lists_the_nearest_visible_suggestions(env):
    verdict = resolve(env, "events_list", {"calendarId": "platfrom standups"})
    error = verdict.error
    assert error["error_type"] == "not_found_error"
    suggestions = error["details"]["suggestions"]
    assert 0 < len(suggestions) <= 5
    assert {"id", "name"} <= set(suggestions[0])
    assert STANDUP_A in {s["id"] for s in suggestions}


def test_people_resolve_to_directory_emails(env):
    args = {
        "calendarId": "primary",
        "attendees": [{"email": "Priya"}, {"email": "dana kim"}, {"email": "Lee"}],
    }
    verdict = resolve(env, "events_insert", args)
    assert verdict.passed, verdict.error
    assert [a["email"] for a in verdict.args["attendees"]] == [
        "priya.shah@globex.com",
        "dana.kim@globex.com",
        "dana.lee@globex.com",
    ]
    assert {n.field for n in verdict.interventions} == {
        "attendees[0].email",
        "attendees[1].email",
        "attendees[2].email",
    }


def test_misspelt_people_are_found_through_a_broader_directory_search(env):
    verdict = resolve(env, "events_insert", {"calendarId": "primary", "attendees": [{"email": "Prya"}]})
    assert verdict.args["attendees"] == [{"email": "priya.shah@globex.com"}]
    wrong = resolve(env, "events_insert", {"calendarId": "primary", "attendees": [{"email": "Zelda"}]})
    assert wrong.error["error_type"] == "not_found_error"


def test_two_danas_are_ambiguous(env):
    verdict = resolve(env, "events_insert", {"calendarId": "primary", "attendees": [{"email": "Dana"}]})
    assert verdict.error["error_type"] == "ambiguous_reference"
    assert verdict.error["details"]["candidates"] == [
        {"id": "dana.kim@globex.com", "name": "Dana Kim"},
        {"id": "dana.lee@globex.com", "name": "Dana Lee"},
    ]


def test_addresses_pass_when_known_or_external_and_fail_when_unknown_inside_the_org(env):
    ok = resolve(
        env,
        "events_insert",
        {
            "calendarId": "primary",
            "attendees": [{"email": "priya.shah@globex.com"}, {"email": "bob@gmail.com"}],
        },
    )
    assert ok.passed and ok.interventions == []
    unknown = resolve(
        env, "events_insert", {"calendarId": "primary", "attendees": [{"email": "nobody@globex.com"}]}
    )
    assert unknown.error["error_type"] == "not_found_error"
    assert unknown.error["details"]["field"] == "attendees[0].email"


def test_acl_scope_is_a_person_only_for_user_scopes(env):
    user = resolve(
        env,
        "acl_insert",
        {"calendarId": OFFSITE, "role": "reader", "scope": {"type": "user", "value": "Priya"}},
    )
    assert user.args["scope"]["value"] == "priya.shah@globex.com"
    domain = resolve(
        env,
        "acl_insert",
        {"calendarId": OFFSITE, "role": "reader", "scope": {"type": "domain", "value": "globex.com"}},
    )
    assert domain.passed and domain.interventions == []


def test_acl_rule_by_person_name(env):
    owner = world_env(actor="marco.rossi@globex.com")  # only a calendar's owner may list its sharing
    verdict = resolve(owner, "acl_delete", {"calendarId": "the Team calendar", "ruleId": "Dana Kim"})
    assert verdict.args == {"calendarId": TEAM, "ruleId": "user:dana.kim@globex.com"}
    writer = resolve(env, "acl_delete", {"calendarId": "the Team calendar", "ruleId": "Dana Kim"})
    assert writer.args == {"calendarId": TEAM, "ruleId": "Dana Kim"}  # left for the permission check


def test_freebusy_items_are_people_or_calendars(env):
    verdict = resolve(
        env,
        "freebusy_query",
        {"timeMin": "x", "timeMax": "y", "items": [{"id": "Priya"}, {"id": "primary"}, {"id": TEAM}]},
    )
    assert [item["id"] for item in verdict.args["items"]] == ["priya.shah@globex.com", "primary", TEAM]


def test_without_a_lookup_function_nothing_is_resolved(env):
    verdict = resolver_guard().check(
        "events_list", {"calendarId": "my team's calendar"}, context(env, lookup=False)
    )
    assert verdict.passed and verdict.args == {"calendarId": "my team's calendar"}


def test_placeholders_are_left_to_grounding(env):
    verdict = resolve(env, "events_list", {"calendarId": "<calendar_id>"})
    assert verdict.passed and verdict.interventions == []


def test_lookups_are_cached_and_invalidated_by_writes(env):
    ctx = context(env)
    guard = resolver_guard()
    guard.check("events_patch", {"calendarId": "team", "eventId": "sprint demo"}, ctx)
    first = ctx.session.lookups
    assert first == 2  # calendars_list, then events_list on the resolved calendar
    guard.check("events_patch", {"calendarId": "team", "eventId": "sprint demo"}, ctx)
    assert ctx.session.lookups == first and ctx.session.cache_hits == 2
    ctx.observe("events_insert", {"calendarId": TEAM}, {"id": "new"})
    guard.check("events_patch", {"calendarId": "team", "eventId": "sprint demo"}, ctx)
    assert ctx.session.lookups == first + 1  # only events_list was dropped
    ctx.observe("acl_insert", {"calendarId": TEAM}, {"id": "rule"})
    guard.check("events_patch", {"calendarId": "team", "eventId": "sprint demo"}, ctx)
    assert ctx.session.lookups == first + 2  # calendars_list was dropped
    ctx.observe("events_get", {"calendarId": TEAM, "eventId": "x"}, {})
    guard.check("events_patch", {"calendarId": "team", "eventId": "sprint demo"}, ctx)
    assert ctx.session.lookups == first + 2  # reads invalidate nothing


def test_a_failing_lookup_becomes_a_retryable_structured_error():
    env = world_env(faults=FaultConfig(rate_limit=1.0, retry_after=2.0, tools=frozenset({"calendars_list"})))
    verdict = resolve(env, "events_list", {"calendarId": "team"})
    error = verdict.error
    assert error["error_type"] == "rate_limit_error"
    assert error["retryable"] is True
    assert error["details"]["lookup_tool"] == "calendars_list"
    assert error["details"]["retry_after"] == 2.0
    assert verdict.args == {"calendarId": "team"}


def test_a_lookup_function_that_raises_is_contained(env):
    def broken(tool, args):
        raise ConnectionError("directory unreachable")

    ctx = context(env)
    ctx.lookup = broken
    verdict = resolver_guard().check("events_list", {"calendarId": "team"}, ctx)
    assert verdict.error["error_type"] == "transient_error"
    assert "directory unreachable" in verdict.error["message"]


def test_full_default_pipeline_with_the_envs_schemas_executes_the_natural_call():
    from guards import Guard
    from tests.guards.resolve_helpers import PACK

    env = world_env()
    guard = Guard(PACK, {spec.name: spec.input_schema for spec in env.tool_specs()})
    call = {
        "calendarId": "my team's calendar",
        "summary": "Retro",
        "start": "2026-11-18 10:00",
        "end": "2026-11-18 11:00",
        "attendees": [{"email": "Priya"}],
    }
    verdict = guard.check(
        "events_insert", call, context(env, ["Retro on the team calendar Nov 18 10-11 with Priya"])
    )
    assert verdict.passed, verdict.error
    created = env.call_tool(verdict.tool_name, verdict.args)
    assert created["id"] == verdict.args["id"]
    assert created["organizer"]["email"] == TEAM
    assert created["attendees"][0]["email"] == "priya.shah@globex.com"


@pytest.mark.parametrize(
    ("reference", "summary"),
    [
        ("my team calendar", "Team"),  # exact beats "Team Offsite" / "Team Social"
        ("the eng team", "Team"),  # the user's own summaryOverride "Eng Team"
        ("marketing", "Marketing"),  # exact beats "Marketing Campaigns"
        ("campaigns", "Marketing Campaigns"),
        ("team socials", "Team Social"),
    ],
)
def test_acme_world_names(reference, summary):
    from env import CalendarEnv

    env = CalendarEnv()
    verdict = resolve(env, "events_list", {"calendarId": reference})
    assert verdict.passed, verdict.error
    calendars = {c["id"]: c["summary"] for c in env.call_tool("calendars_list", {})["items"]}
    assert calendars[verdict.args["calendarId"]] == summary


def test_acme_two_danas_calendars_are_ambiguous():
    from env import CalendarEnv

    verdict = resolve(CalendarEnv(), "events_list", {"calendarId": "Dana's calendar"})
    assert verdict.error["error_type"] == "ambiguous_reference"
    assert {c["name"] for c in verdict.error["details"]["candidates"]} == {"Dana Kim", "Dana Reyes"}


def test_occurrence_ids_of_recurring_events_pass_untouched(env):
    listed = env.call_tool("events_list", {"calendarId": TEAM, "singleEvents": True, "maxResults": 5})
    occurrence = next(e["id"] for e in listed["items"] if e.get("recurringEventId") == "ev0006sfnc")
    verdict = resolve(env, "events_patch", {"calendarId": TEAM, "eventId": occurrence})
    assert verdict.passed and verdict.args["eventId"] == occurrence and verdict.interventions == []


def test_a_write_the_pack_does_not_map_drops_every_cached_lookup(env):
    ctx = context(env)
    guard = resolver_guard()
    guard.check("events_patch", {"calendarId": "team", "eventId": "sprint demo"}, ctx)
    assert len(ctx.session.cache) == 2
    ctx.observe("calendars_delete", {"calendarId": OFFSITE}, {})
    assert ctx.session.cache == {} and ctx.session.invalidations == 2


def test_a_description_alone_never_resolves_but_ranks_suggestions(env):
    verdict = resolve(env, "events_list", {"calendarId": "sprint planning"})
    assert verdict.error["error_type"] == "not_found_error"
    assert verdict.error["details"]["suggestions"][0]["id"] == ENG

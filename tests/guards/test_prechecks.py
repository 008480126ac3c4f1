"""Permission and ordering pre-checks and idempotency keys, against the env's own access rules."""

from __future__ import annotations

import re

import pytest

from guards import Guard, GuardContext, InterventionKind
from guards.checks.idempotency import add_idempotency_key
from guards.checks.permissions import check_permissions
from guards.checks.preconditions import check_preconditions
from guards.resolve.references import resolve_references
from tests.guards.resolve_helpers import (
    BOARD,
    MARKETING,
    OFFSITE,
    PACK,
    STANDUP_A,
    STANDUP_B,
    TEAM,
    context,
    world_env,
)

EVENT_BODY = {
    "summary": "Planning",
    "start": {"dateTime": "2026-11-18T10:00:00-05:00"},
    "end": {"dateTime": "2026-11-18T11:00:00-05:00"},
}

WRITES = {
    "events_insert": lambda cal: {"calendarId": cal, **EVENT_BODY},
    "calendars_patch": lambda cal: {"calendarId": cal, "description": "updated"},
    "acl_insert": lambda cal: {
        "calendarId": cal,
        "role": "reader",
        "scope": {"type": "user", "value": "priya.shah@globex.com"},
    },
    "events_move": lambda cal: {"calendarId": "primary", "eventId": "ev0004plan", "destination": cal},
}


@pytest.fixture
def env():
    return world_env()


def permission_guard() -> Guard:
    return Guard(PACK, resolve_stages=[], validate_stages=[check_permissions])


def recording_context(env, sent: list[str]) -> GuardContext:
    ctx = context(env)

    def lookup(tool, args):
        sent.append(tool)
        return env.call_tool(tool, args)

    ctx.lookup = lookup
    return ctx


def test_write_to_a_read_only_calendar_is_blocked_with_remediation_and_never_sent(env):
    sent: list[str] = []
    verdict = permission_guard().check(
        "events_insert", WRITES["events_insert"](MARKETING), recording_context(env, sent)
    )
    error = verdict.error
    assert error["error_type"] == "permission_error" and error["http_status"] == 403
    assert error["details"]["accessRole"] == "reader"
    assert error["details"]["requiredRole"] == "writer"
    assert error["details"]["owners"] == ["priya.shah@globex.com"]
    assert any("priya.shah@globex.com" in r and "writer" in r for r in error["remediation"])
    assert "events_insert" not in sent and set(sent) <= {"calendars_list", "calendars_get"}


def test_free_busy_access_is_not_enough_to_write(env):
    verdict = permission_guard().check("events_insert", WRITES["events_insert"](STANDUP_B), context(env))
    assert verdict.error["details"]["accessRole"] == "freeBusyReader"


def test_owner_only_writes(env):
    blocked = permission_guard().check("acl_insert", WRITES["acl_insert"](TEAM), context(env))
    assert blocked.error["details"]["requiredRole"] == "owner"
    for calendar in (OFFSITE, "primary"):
        assert permission_guard().check("acl_insert", WRITES["acl_insert"](calendar), context(env)).passed


def test_invisible_resource_is_not_found_not_forbidden(env):
    verdict = permission_guard().check("events_insert", WRITES["events_insert"](BOARD), context(env))
    assert verdict.error["error_type"] == "not_found_error"
    assert "Board" not in verdict.error["message"]


def test_a_move_needs_write_access_to_the_destination_too(env):
    args = {"calendarId": TEAM, "eventId": "ev0007demo", "destination": MARKETING}
    verdict = permission_guard().check("events_move", args, context(env))
    assert verdict.error["details"]["field"] == "destination"
    assert verdict.error["details"]["owners"] == ["priya.shah@globex.com"]
    ok = {"calendarId": TEAM, "eventId": "ev0007demo", "destination": OFFSITE}
    assert permission_guard().check("events_move", ok, context(env)).passed


def test_reads_are_not_permission_checked(env):
    assert permission_guard().check("events_list", {"calendarId": STANDUP_B}, context(env)).passed


def test_resolution_then_permission_block_names_the_calendar(env):
    guard = Guard(PACK, resolve_stages=[resolve_references], validate_stages=[check_permissions])
    verdict = guard.check("events_insert", {"calendarId": "growth marketing", **EVENT_BODY}, context(env))
    assert verdict.error["error_type"] == "permission_error"
    assert verdict.error["details"]["value"] == MARKETING
    assert "Marketing" in verdict.error["message"]
    assert [i.kind for i in verdict.interventions] == [InterventionKind.RESOLVED]


@pytest.mark.parametrize("tool", sorted(WRITES))
def test_guard_blocks_exactly_the_writes_the_env_forbids(tool):
    env = world_env()
    calendars = [item["id"] for item in env.call_tool("calendars_list", {"showHidden": True})["items"]]
    assert len(calendars) >= 10
    for calendar in calendars:
        env.reset()
        args = WRITES[tool](calendar)
        verdict = permission_guard().check(tool, args, context(env))
        result = env.call_tool(tool, args)
        env_forbids = result.get("error_type") == "permission_error"
        assert (verdict.blocked and verdict.error["error_type"] == "permission_error") == env_forbids, (
            calendar
        )
        if env_forbids:
            assert verdict.error["details"]["accessRole"] == result["details"]["accessRole"]


def precondition_guard() -> Guard:
    return Guard(PACK, resolve_stages=[], validate_stages=[check_preconditions])


def test_unobserved_event_id_is_an_ordering_error(env):
    args = {"calendarId": "primary", "eventId": "ev0001kim", "summary": "moved"}
    verdict = precondition_guard().check("events_patch", args, context(env, lookup=False))
    error = verdict.error
    assert error["error_type"] == "precondition_error"
    assert error["details"]["field"] == "eventId"
    assert error["remediation"][0].startswith("Call events_list")


def test_event_id_observed_in_a_prior_listing_passes(env):
    ctx = context(env, lookup=False)
    ctx.observe("freebusy_query", {}, {"calendars": {"ev0001kim": {}}})
    args = {"calendarId": "primary", "eventId": "ev0001kim"}
    assert precondition_guard().check("events_delete", args, ctx).blocked  # not a tool that shows events
    ctx.observe(
        "events_list", {"calendarId": "primary"}, env.call_tool("events_list", {"calendarId": "primary"})
    )
    assert precondition_guard().check("events_delete", args, ctx).passed


def test_event_id_stated_by_the_user_passes(env):
    ctx = context(env, ["Please delete event ev0001kim from my calendar"], lookup=False)
    assert (
        precondition_guard()
        .check("events_delete", {"calendarId": "primary", "eventId": "ev0001kim"}, ctx)
        .passed
    )


def test_event_id_confirmed_by_the_resolver_passes(env):
    guard = Guard(PACK, resolve_stages=[resolve_references], validate_stages=[check_preconditions])
    verdict = guard.check("events_delete", {"calendarId": "primary", "eventId": "ev0001kim"}, context(env))
    assert verdict.passed
    named = guard.check("events_delete", {"calendarId": "primary", "eventId": "dentist"}, context(env))
    assert named.passed and named.args["eventId"] == "ev0005dent"


def test_acl_rule_must_come_from_acl_list(env):
    ctx = context(env, lookup=False)
    args = {"calendarId": OFFSITE, "ruleId": "user:ana@globex.com"}
    assert precondition_guard().check("acl_delete", args, ctx).error["error_type"] == "precondition_error"
    ctx.observe("acl_list", {"calendarId": OFFSITE}, env.call_tool("acl_list", {"calendarId": OFFSITE}))
    assert precondition_guard().check("acl_delete", args, ctx).passed


def key_guard() -> Guard:
    return Guard(PACK, resolve_stages=[], validate_stages=[add_idempotency_key])


def test_idempotency_key_is_added_deterministically_and_accepted_by_the_env(env):
    args = {"calendarId": STANDUP_A, **EVENT_BODY}
    first = key_guard().check("events_insert", args, context(env))
    again = key_guard().check("events_insert", args, context(env))
    key = first.args["id"]
    assert re.fullmatch(r"[0-9a-v]{26}", key)
    assert again.args["id"] == key
    assert first.interventions[0].kind == InterventionKind.IDEMPOTENCY_KEY
    other = key_guard().check("events_insert", {**args, "summary": "Other"}, context(env))
    assert other.args["id"] != key
    seeded = context(env)
    seeded.session.seed = 7
    assert key_guard().check("events_insert", args, seeded).args["id"] != key
    created = env.call_tool("events_insert", {**first.args, "calendarId": "primary"})
    assert created["id"] == key


def test_a_supplied_id_is_kept_and_other_tools_get_no_key(env):
    kept = key_guard().check(
        "events_insert", {"calendarId": "primary", "id": "abc12345", **EVENT_BODY}, context(env)
    )
    assert kept.args["id"] == "abc12345" and kept.interventions == []
    patched = key_guard().check(
        "events_patch", {"calendarId": "primary", "eventId": "ev0001kim"}, context(env)
    )
    assert "id" not in patched.args

"""Grounding of write calls: IDs must come from somewhere (a result, the user's words, a lookup)."""

from __future__ import annotations

import pytest

from guards import Guard, GuardContext, PendingCall, ToolCatalog
from guards.grounding import ground_values, is_placeholder
from tests.guards.grounding_helpers import (
    GUARD,
    PACK,
    SCHEMAS,
    TEAM,
    context,
    insert,
)

# -- references ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "placeholder", ["<calendar_id>", "your_calendar_id", "calendar_id_here", "{calendarId}", "CALENDAR_ID"]
)
def test_placeholder_ids_are_blocked_with_the_lookup_to_call(placeholder: str) -> None:
    ctx = context("Add a sync tomorrow at 2pm to my team calendar", lookup=True)
    verdict = GUARD.check(
        "events_insert", insert("2026-03-10T14:00:00-04:00", "2026-03-10T14:30:00-04:00", placeholder), ctx
    )
    error = verdict.error
    assert error is not None
    assert error["error_type"] == "validation_error"
    invalid = error["details"]["invalid_fields"][0]
    assert invalid["field"] == "calendarId"
    assert invalid["reason"] == "placeholder"
    assert error["details"]["lookup_tool"] == "calendars_list"
    assert "calendars_list" in error["remediation"][0]


def test_placeholder_detection_spares_real_ids() -> None:
    for real in ["primary", "ana@acme.com", TEAM, "evt_8f2k1q", "user:ana@acme.com", "4b1d3e7f9a"]:
        assert not is_placeholder(real, PACK), real
    for fake in ["<eventId>", "{{event_id}}", "event_id", "your-event-id", "EVENT_ID_HERE", "xxx", "abc123"]:
        assert is_placeholder(fake, PACK), fake


def test_alias_passes_without_evidence() -> None:
    ctx = context("Add a sync", results=[("users_search", {"items": []})])
    verdict = GUARD.check(
        "events_insert", insert("2026-03-10T14:00:00-04:00", "2026-03-10T14:30:00-04:00"), ctx
    )
    assert verdict.passed, verdict.error


def test_id_from_a_prior_tool_result_passes() -> None:
    ctx = context("Add a sync to the team calendar", results=[("calendars_list", {"items": [{"id": TEAM}]})])
    args = insert("2026-03-10T14:00:00-04:00", "2026-03-10T14:30:00-04:00", TEAM)
    verdict = GUARD.check("events_insert", args, ctx)
    assert verdict.passed and verdict.args == args


def test_id_in_the_users_words_passes() -> None:
    ctx = context(f"Add a sync to {TEAM}")
    verdict = GUARD.check(
        "events_insert", insert("2026-03-10T14:00:00-04:00", "2026-03-10T14:30:00-04:00", TEAM), ctx
    )
    assert verdict.passed, verdict.error


def test_invented_id_is_blocked_without_a_lookup() -> None:
    ctx = context(
        "Add a sync to the team calendar", results=[("calendars_list", {"items": [{"id": "other"}]})]
    )
    args = insert(
        "2026-03-10T14:00:00-04:00", "2026-03-10T14:30:00-04:00", "c_made_up@group.calendar.acme.com"
    )
    verdict = GUARD.check("events_insert", args, ctx)
    error = verdict.error
    assert error is not None
    invalid = error["details"]["invalid_fields"][0]
    assert (invalid["field"], invalid["reason"]) == ("calendarId", "ungrounded")
    assert error["remediation"][0].startswith("Call calendars_list")


def test_ids_with_a_pack_precondition_are_left_to_the_precondition_check() -> None:
    ctx = context("Cancel the standup", results=[("calendars_list", {"items": [{"id": "other"}]})])
    args = {"calendarId": "primary", "eventId": "evt_made_up_1"}
    assert GUARD.check("events_delete", args, ctx).passed
    error = Guard(PACK, SCHEMAS).check("events_delete", args, ctx).error
    assert error is not None and error["error_type"] == "precondition_error"
    assert "events_list" in error["remediation"][0]


def test_invented_attendee_email_is_blocked_without_a_lookup() -> None:
    ctx = context("Invite Dana to the sync")
    args = insert(
        "2026-03-10T14:00:00-04:00", "2026-03-10T14:30:00-04:00", attendees=[{"email": "dana@acme.com"}]
    )
    verdict = GUARD.check("events_insert", args, ctx)
    assert verdict.error is not None
    assert verdict.error["details"]["invalid_fields"][0]["field"] == "attendees[0].email"
    assert verdict.error["details"]["lookup_tool"] == "users_search"


def test_invented_id_rule_is_left_to_the_resolver_when_a_lookup_exists() -> None:
    ctx = context("Add a sync to the team calendar", lookup=True)
    args = insert(
        "2026-03-10T14:00:00-04:00", "2026-03-10T14:30:00-04:00", "c_made_up@group.calendar.acme.com"
    )
    verdict = GUARD.check("events_insert", args, ctx)
    assert verdict.passed and verdict.args == args


def test_fields_the_resolver_resolved_count_as_grounded() -> None:
    def resolved_by_lookup(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
        call.resolved_fields.add("eventId")

    guard = Guard(PACK, SCHEMAS, resolve_stages=[resolved_by_lookup], validate_stages=[ground_values])
    verdict = guard.check(
        "events_delete", {"calendarId": "primary", "eventId": "evt_x"}, context("Cancel it")
    )
    assert verdict.passed


def test_nothing_to_ground_against_passes() -> None:
    args = insert(
        "2026-03-10T14:00:00-04:00", "2026-03-10T14:30:00-04:00", "c_made_up@group.calendar.acme.com"
    )
    verdict = GUARD.check("events_insert", args, context())
    assert verdict.passed


def test_reads_are_not_grounded() -> None:
    verdict = GUARD.check(
        "events_list", {"calendarId": "c_guess@group.calendar.acme.com"}, context("What's on?")
    )
    assert verdict.passed


def test_error_payloads_are_not_evidence() -> None:
    made_up = "c_made_up@group.calendar.acme.com"
    echoed = {"ok": False, "error_type": "not_found_error", "details": {"value": made_up}}
    ctx = context("Add a sync to the team calendar", results=[("calendars_get", echoed)])
    verdict = GUARD.check(
        "events_insert", insert("2026-03-10T14:00:00-04:00", "2026-03-10T14:30:00-04:00", made_up), ctx
    )
    assert verdict.blocked

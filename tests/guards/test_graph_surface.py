"""The guards on a calendar shaped like Microsoft Graph's, from ``graph_calendar.yaml`` alone.

Each malformed-call class is run raw and guarded on fresh copies of the surface and judged by the
state (and, for reads, the answer) it leaves (:mod:`tests.guards.surfaces.cases`); valid calls of
every tool pass unchanged (a property over generated calls).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guards import Guard, InterventionKind
from guards.datetimes.day_bounds import day_boundary
from guards.pack_check import PackMismatch
from guards.recovery.classify import classify
from tests.guards.surfaces import graph_cases as gc
from tests.guards.surfaces.cases import judge, tally
from tests.guards.surfaces.graph_calendar import (
    DEFAULT,
    MARKETING,
    OFFSITE,
    PACK,
    PRIYA,
    SCHEMAS,
    STANDUP_LDN,
    STANDUP_NYC,
    ZONE,
    GraphCalendar,
)

KNOWN_MISSES = {"attendee_as_text", "attendee_flattened"}
"""Attendees sent as bare addresses or one level too flat: the guard does not rebuild two levels of
nesting, so it stops the call naming the field (a miss, not harm)."""


@pytest.mark.parametrize("case", gc.CASES, ids=lambda case: case.klass)
def test_each_malformed_call_class_raw_and_guarded(case):
    judged = judge(case, gc.new_surface, gc.guard(), gc.context)
    if case.gold is None:
        assert judged.raw_right  # the server refuses too; the guard's error says what to decide
        assert judged.guarded == "blocked_correctly"
        assert judged.error is not None and judged.error["details"].get("field")
    elif case.klass in KNOWN_MISSES:
        assert not judged.raw_right
        assert judged.guarded == "blocked_clear"
        assert judged.error["details"]["invalid_fields"][0]["field"].startswith("attendees[0]")
    else:
        assert not judged.raw_right, "not a malformed call: the raw call already does what was meant"
        assert judged.guarded == "repaired"


def test_no_call_is_passed_through_wrongly():
    counts = tally([judge(case, gc.new_surface, gc.guard(), gc.context) for case in gc.CASES])
    assert counts["passed_wrong"] == 0
    assert counts["raw_right"] == 3 and counts["repaired"] == len(gc.CASES) - 3 - len(KNOWN_MISSES)


# -- alias by a flag -------------------------------------------------------------------------------


def test_primary_is_the_calendar_flagged_default():
    surface = gc.new_surface()
    verdict = gc.guard().check("list_events", {"calendar_id": "primary"}, gc.context(surface, request="x"))
    assert verdict.passed and verdict.args == {"calendar_id": DEFAULT}
    [resolved] = verdict.interventions
    assert (resolved.kind, resolved.before, resolved.after) == (InterventionKind.RESOLVED, "primary", DEFAULT)


@pytest.mark.parametrize("flagged", [[], [DEFAULT, OFFSITE]], ids=["none", "two"])
def test_a_flag_that_picks_no_single_entry_is_no_alias(flagged):
    surface = gc.new_surface()
    for calendar in surface.calendars.values():
        calendar["isDefaultCalendar"] = calendar["id"] in flagged
    verdict = gc.guard().check("list_events", {"calendar_id": "primary"}, gc.context(surface, request="x"))
    assert verdict.blocked and verdict.error["error_type"] == "not_found_error"
    assert verdict.error["details"]["field"] == "calendar_id"


def test_a_flag_is_matched_by_kind_not_by_truthiness():
    surface = gc.new_surface()
    surface.calendars[DEFAULT]["isDefaultCalendar"] = "true"  # text, not the flag the pack names
    surface.calendars[MARKETING]["isDefaultCalendar"] = 1
    verdict = gc.guard().check("list_events", {"calendar_id": "primary"}, gc.context(surface, request="x"))
    assert verdict.blocked


# -- a lookup that returns one object, keyed by the value -----------------------------------------


def test_a_known_address_is_confirmed_by_a_single_object_lookup_and_passes_untouched():
    surface = gc.new_surface()
    args = gc.sync(attendees=gc.attendee(PRIYA))
    verdict = gc.guard().check("create_event", args, gc.context(surface, request=gc.WITH_PRIYA))
    assert verdict.passed and verdict.args == args and verdict.interventions == []


def test_an_address_outside_the_organisation_passes_and_a_name_is_refused_naming_the_field():
    surface = gc.new_surface()
    outside = gc.sync(attendees=gc.attendee("sam@fabrikam.example"))
    request = "Add 'Design sync' with sam@fabrikam.example on December 3 from 10 to 11am."
    assert gc.guard().check("create_event", outside, gc.context(surface, request=request)).passed
    named = gc.guard().check(
        "create_event", gc.sync(attendees=gc.attendee("Priya")), gc.context(surface, request="x")
    )
    assert named.error["error_type"] == "not_found_error"
    assert named.error["details"]["field"] == "attendees[0].emailAddress.address"


# -- the surface's errors ---------------------------------------------------------------------------


def test_odata_errors_are_failures_of_the_right_kind_with_no_pack():
    surface = gc.new_surface()
    denied = surface("create_event", gc.sync(MARKETING))
    missing = surface("delete_event", {"calendar_id": DEFAULT, "event_id": "AAMkAGev-9999"})
    malformed = surface("list_events", {"calendar_id": "Marketing"})
    assert classify(denied, "create_event").category == "permanent"
    assert classify(missing, "delete_event").error_type == "not_found_error"
    assert classify(malformed, "list_events").error_type == "validation_error"
    assert classify(malformed, "list_events", PACK.errors).error_type == "not_found_error"  # the pack's codes


def test_the_unknown_tool_text_is_a_failure_only_with_the_packs_pattern():
    text = gc.new_surface()("createEvent", {})
    assert classify(text, "createEvent").ok
    assert classify(text, "createEvent", PACK.errors).error_type == "unknown_tool"


# -- zones and local times ------------------------------------------------------------------------


def test_the_zone_is_always_filled_and_the_offset_dropped_when_the_instant_stays():
    surface = gc.new_surface()
    args = gc.sync(
        start={"dateTime": "2026-12-03T10:00:00-05:00"}, end={"dateTime": "2026-12-03T11:00:00-05:00"}
    )
    verdict = gc.guard().check("create_event", args, gc.context(surface, request=gc.SYNC))
    assert verdict.args["start"] == {"dateTime": "2026-12-03T10:00:00", "timeZone": ZONE}
    kinds = [(i.kind, i.field) for i in verdict.interventions]
    assert (InterventionKind.ZONE_FILLED, "start.timeZone") in kinds
    assert (InterventionKind.DATETIME, "start.dateTime") in kinds


def test_an_offset_that_is_not_the_zones_own_is_left_for_the_server():
    surface = gc.new_surface()
    args = gc.sync(
        start={"dateTime": "2026-12-03T16:00:00+01:00", "timeZone": ZONE},
        end={"dateTime": "2026-12-03T17:00:00+01:00", "timeZone": ZONE},
    )
    request = "Add 'Design sync' to my calendar on December 3 from 4 to 5pm Paris time."
    verdict = gc.guard().check("create_event", args, gc.context(surface, request=request))
    assert verdict.passed and verdict.args == args and verdict.interventions == []
    refused = surface("create_event", verdict.args)
    assert classify(refused, "create_event").error_type == "validation_error"
    assert surface.state()["created"] == 0


def test_a_date_in_an_events_own_start_is_never_read_as_a_whole_day():
    surface = gc.new_surface()
    args = gc.sync(start=gc.zoned("2026-12-03"), end=gc.zoned("2026-12-04"))
    verdict = gc.guard().check("create_event", args, gc.context(surface, request="Block December 3 for me."))
    assert verdict.blocked and verdict.error["error_type"] == "format_error"


def test_date_only_bounds_are_the_users_day_and_a_skipped_midnight_moves_forward():
    assert day_boundary(date(2026, 12, 3), ZONE) == "2026-12-03T00:00:00-05:00"
    assert day_boundary(date(2026, 9, 6), "America/Santiago") == "2026-09-06T01:00:00-03:00"
    surface = gc.new_surface()
    args = {
        "calendar_id": DEFAULT,
        "start_date_time": "2026-12-18T08:00:00-05:00",
        "end_date_time": "12/18/2026",
    }
    verdict = gc.guard().check("list_calendar_view", args, gc.context(surface, request="x"))
    assert verdict.args["start_date_time"] == "2026-12-18T08:00:00-05:00"
    assert verdict.args["end_date_time"] == "2026-12-19T00:00:00-05:00"


# -- the pack against the surface ------------------------------------------------------------------


def test_a_pack_whose_lookup_tool_the_surface_lacks_is_refused_when_the_guard_is_built():
    references = dict(PACK.references)
    calendar = references["calendar_id"]
    renamed = calendar.model_copy(
        update={"lookup": calendar.lookup.model_copy(update={"tool": "get_calendars"})}
    )
    pack = PACK.model_copy(update={"references": {**references, "calendar_id": renamed}})
    with pytest.raises(PackMismatch, match="get_calendars") as refused:
        Guard(pack, SCHEMAS)
    assert refused.value.missing == {"get_calendars": ["references.calendar_id"]}
    assert Guard(pack, SCHEMAS, check_surface=False).pack is pack


def test_a_part_of_the_surface_is_checked_only_for_the_lookups_it_needs():
    Guard(PACK, {"get_user": SCHEMAS["get_user"]})  # no reference applies to it
    with pytest.raises(PackMismatch) as refused:
        Guard(PACK, {"create_event": SCHEMAS["create_event"]})
    assert set(refused.value.missing) == {"list_calendars", "get_user"}


# -- do no harm: valid calls pass unchanged --------------------------------------------------------

_EDITABLE = [DEFAULT, OFFSITE, STANDUP_NYC, STANDUP_LDN]
_ZONES = ["America/New_York", "Europe/Berlin", "Asia/Kolkata", "UTC"]
_EXISTING_EVENTS = ["AAMkAGev-0001", "AAMkAGev-0002", "AAMkAGev-0004"]  # the default calendar's


@st.composite
def _local_span(draw: st.DrawFn) -> tuple[dict[str, str], dict[str, str]]:
    day = draw(st.dates(min_value=date(2026, 12, 2), max_value=date(2027, 6, 30)))
    start = datetime.combine(day, datetime.min.time()) + timedelta(minutes=30 * draw(st.integers(14, 38)))
    end = start + timedelta(minutes=30 * draw(st.integers(1, 6)))
    zone = draw(st.sampled_from(_ZONES))
    return gc.zoned(start.isoformat(), zone), gc.zoned(end.isoformat(), zone)


@st.composite
def valid_calls(draw: st.DrawFn) -> tuple[str, dict[str, Any], str]:
    tool = draw(
        st.sampled_from(["create_event", "update_event", "list_calendar_view", "list_events", "delete_event"])
    )
    subject = draw(st.sampled_from(["Design sync", "Hiring panel", "1:1", "Q1 planning"]))
    start, end = draw(_local_span())
    request = f"Please handle '{subject}'."
    if tool == "create_event":
        people = draw(
            st.lists(
                st.sampled_from([PRIYA, "marco.rossi@contoso.com", "sam@fabrikam.example"]),
                max_size=2,
                unique=True,
            )
        )
        args: dict[str, Any] = {
            "calendar_id": draw(st.sampled_from(_EDITABLE)),
            "subject": subject,
            "start": start,
            "end": end,
        }
        if people:
            args["attendees"] = [{"emailAddress": {"address": p}, "type": "required"} for p in people]
            request += " With " + ", ".join(people) + "."
        return tool, args, request
    if tool in ("update_event", "delete_event"):
        args = {"calendar_id": DEFAULT, "event_id": draw(st.sampled_from(_EXISTING_EVENTS))}
        if tool == "update_event":
            args["subject"] = subject
        return tool, args, request
    if tool == "list_events":
        return tool, {"calendar_id": draw(st.sampled_from([*_EDITABLE, MARKETING]))}, request
    low = datetime.fromisoformat(start["dateTime"]).replace(tzinfo=ZoneInfo(start["timeZone"]))
    bounds = {"start_date_time": low.isoformat(), "end_date_time": (low + timedelta(days=1)).isoformat()}
    return tool, {"calendar_id": draw(st.sampled_from(_EDITABLE)), **bounds}, request


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_calls())
def test_valid_calls_pass_unchanged_and_do_what_they_say(drawn):
    tool, args, request = drawn
    surface = GraphCalendar.seeded()
    verdict = gc.guard().check(tool, args, gc.context(surface, request=request))
    assert verdict.passed, verdict.error
    assert verdict.tool_name == tool and verdict.args == args
    assert verdict.interventions == []
    assert classify(surface(tool, args), tool, PACK.errors).ok

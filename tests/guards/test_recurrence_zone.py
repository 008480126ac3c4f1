"""A recurring event's missing start/end timeZone is filled from the user's zone when nothing else changes."""

from __future__ import annotations

from typing import Any

import pytest

from env import CalendarEnv
from guards import Guard, GuardContext, Verdict, load_pack
from guards.call import PendingCall, ToolCatalog
from guards.grounding.zone_fill import ZONE_FILLED, fill_required_zones
from guards.pack import DomainPack, IntervalSpec

ASKED = "Put a weekly planning block on my calendar, Mondays 9 to 10am, starting October 26"


@pytest.fixture()
def env() -> CalendarEnv:
    return CalendarEnv("acme")  # Ana, America/New_York; DST ends on 2026-11-01


def check(env: CalendarEnv, args: dict[str, Any], said: str = ASKED) -> Verdict:
    guard = Guard(load_pack("calendar"), schemas={s.name: s.input_schema for s in env.tool_specs()})
    ctx = GuardContext(
        now=env.now, timezone=env.timezone, user_messages=[said], lookup=env.call_tool, actor=env.actor
    )
    return guard.check("events_insert", args, ctx)


def weekly(start: str, end: str, start_zone: str | None = None) -> dict[str, Any]:
    zone = {} if start_zone is None else {"timeZone": start_zone}
    return {
        "calendarId": "primary",
        "summary": "Planning",
        "start": {"dateTime": start, **zone},
        "end": {"dateTime": end},
        "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=4"],
    }


def test_the_env_rejects_a_recurring_event_without_a_zone(env):
    raw = env.call_tool("events_insert", weekly("2026-10-26T09:00:00-04:00", "2026-10-26T10:00:00-04:00"))
    assert raw["ok"] is False
    assert raw["details"]["missing_required_fields"] == ["start.timeZone"]


def test_the_users_zone_is_filled_and_the_series_keeps_its_wall_clock_across_dst(env):
    verdict = check(env, weekly("2026-10-26T09:00:00-04:00", "2026-10-26T10:00:00-04:00"))
    assert verdict.passed, verdict.error
    assert verdict.args["start"] == {"dateTime": "2026-10-26T09:00:00-04:00", "timeZone": "America/New_York"}
    assert verdict.args["end"] == {"dateTime": "2026-10-26T10:00:00-04:00", "timeZone": "America/New_York"}
    filled = [(i.field, i.before, i.after) for i in verdict.interventions if i.kind == ZONE_FILLED]
    assert filled == [
        ("start.timeZone", None, "America/New_York"),
        ("end.timeZone", None, "America/New_York"),
    ]
    created = env.call_tool(verdict.tool_name, verdict.args)
    assert created.get("ok") is not False, created
    instances = env.call_tool("events_instances", {"calendarId": "primary", "eventId": created["id"]})
    starts = [item["start"]["dateTime"] for item in instances["items"]]
    assert starts == [
        "2026-10-26T09:00:00-04:00",
        "2026-11-02T09:00:00-05:00",  # after the switch to EST: still 9:00 on the user's wall clock
        "2026-11-09T09:00:00-05:00",
        "2026-11-16T09:00:00-05:00",
    ]


def test_a_naive_time_normalised_in_the_users_zone_gets_the_zone_too(env):
    verdict = check(env, weekly("2026-11-02T09:00:00", "2026-11-02T10:00:00"))
    assert verdict.passed, verdict.error
    assert verdict.args["start"] == {"dateTime": "2026-11-02T09:00:00-05:00", "timeZone": "America/New_York"}
    assert env.call_tool(verdict.tool_name, verdict.args).get("ok") is not False


def test_an_offset_the_users_zone_does_not_have_is_left_for_the_server_to_report(env):
    args = weekly("2026-10-26T22:00:00+09:00", "2026-10-26T23:00:00+09:00")
    verdict = check(env, args, "Put a weekly sync with Kenji on my calendar, Mondays 10pm Tokyo time")
    assert "timeZone" not in verdict.args["start"] and "timeZone" not in verdict.args["end"]
    assert all(i.kind != ZONE_FILLED for i in verdict.interventions)
    assert verdict.passed, verdict.error
    rejected = env.call_tool(verdict.tool_name, verdict.args)
    assert rejected["details"]["missing_required_fields"] == ["start.timeZone"]


def test_the_stated_start_zone_completes_the_end(env):
    args = weekly("2026-10-26T09:00:00+01:00", "2026-10-26T10:00:00+01:00", start_zone="Europe/Berlin")
    verdict = check(env, args, "Weekly planning on Mondays at 9am Berlin time, starting October 26")
    assert verdict.passed, verdict.error
    assert verdict.args["start"]["timeZone"] == "Europe/Berlin"
    assert verdict.args["end"] == {"dateTime": "2026-10-26T10:00:00+01:00", "timeZone": "Europe/Berlin"}


def test_single_events_are_left_alone(env):
    args = weekly("2026-10-26T09:00:00-04:00", "2026-10-26T10:00:00-04:00")
    del args["recurrence"]
    verdict = check(env, args, "Put a planning block on my calendar on October 26, 9 to 10am")
    assert verdict.passed, verdict.error
    assert "timeZone" not in verdict.args["start"]
    assert all(i.kind != ZONE_FILLED for i in verdict.interventions)


def test_the_rule_comes_from_the_pack():
    pack = DomainPack(
        name="rooms",
        intervals=[
            IntervalSpec(
                tools=["book"], start="from.at", end="to.at", zone_field="tz", zone_required_when=["repeat"]
            )
        ],
    )
    catalog = ToolCatalog(pack, {})
    ctx = GuardContext(now=CalendarEnv("acme").now, timezone="Europe/London")
    once = PendingCall("book", {"from": {"at": "2026-07-01T09:00:00+01:00"}}, "book")
    fill_required_zones(once, ctx, catalog)
    assert once.args == {"from": {"at": "2026-07-01T09:00:00+01:00"}}
    repeated = PendingCall(
        "book",
        {
            "from": {"at": "2026-07-01T09:00:00+01:00"},
            "to": {"at": "2026-07-01T08:00:00Z"},
            "repeat": "daily",
        },
        "book",
    )
    fill_required_zones(repeated, ctx, catalog)
    assert repeated.args["from"]["tz"] == "Europe/London"  # BST: +01:00
    assert "tz" not in repeated.args["to"]  # London is not at +00:00 in July

"""CalendarEnv state: reset isolation, seeds, clock, actor, snapshots/diffs, calendar and ACL tools."""

from __future__ import annotations

from datetime import datetime

import pytest

from env import CalendarEnv
from tests.env.conftest import calendar_id

TIMED = {"start": {"dateTime": "2026-03-10T10:00:00-04:00"}, "end": {"dateTime": "2026-03-10T11:00:00-04:00"}}


def test_reset_restores_the_template_and_sessions_are_isolated() -> None:
    first, second = CalendarEnv(), CalendarEnv()
    pristine = first.snapshot()
    created = first.call_tool("events_insert", {"calendarId": "primary", "summary": "Only in first", **TIMED})
    first.call_tool("calendars_delete", {"calendarId": calendar_id(first, "Team Social")})
    assert second.call_tool("events_get", {"calendarId": "primary", "eventId": created["id"]})[
        "error_type"
    ] == ("not_found_error")
    assert not first.diff(pristine, second.snapshot())
    first.reset()
    assert not first.diff(pristine, first.snapshot())
    assert first.call_tool("events_get", {"calendarId": "primary", "eventId": created["id"]})[
        "error_type"
    ] == ("not_found_error")


def test_seeds_make_generated_ids_reproducible() -> None:
    def new_id(env: CalendarEnv) -> str:
        return str(env.call_tool("events_insert", {"calendarId": "primary", **TIMED})["id"])

    env = CalendarEnv(seed=1)
    a = new_id(env)
    env.reset()
    assert new_id(env) == a
    env.reset(seed=2)
    b = new_id(env)
    assert b != a
    assert new_id(CalendarEnv(seed=2)) == b


def test_clock_and_actor_are_settable() -> None:
    env = CalendarEnv(actor="kenji.sato@acme.com", now="2026-03-20T10:00:00+09:00")
    assert env.actor == "kenji.sato@acme.com" and env.timezone == "Asia/Tokyo"
    assert env.now.isoformat() == "2026-03-20T10:00:00+09:00"
    created = env.call_tool("events_insert", {"calendarId": "primary", **TIMED})
    assert (
        created["created"] == "2026-03-20T10:00:00+09:00"
        and created["organizer"]["email"] == "kenji.sato@acme.com"
    )
    env.now = "2026-03-21T00:00:00Z"
    assert (
        env.call_tool("events_patch", {"calendarId": "primary", "eventId": created["id"], "summary": "x"})[
            "updated"
        ]
        == "2026-03-21T00:00:00Z"
    )
    env.reset()
    assert env.now.isoformat() == "2026-03-20T10:00:00+09:00"  # constructor defaults return on reset
    env.reset(actor="ana@acme.com", now="2026-04-01T08:00:00-04:00")
    assert env.actor == "ana@acme.com" and env.now.isoformat() == "2026-04-01T08:00:00-04:00"
    metadata = env.reset().observation.metadata
    assert metadata["actor"] == "kenji.sato@acme.com" and metadata["timezone"] == "Asia/Tokyo"
    with pytest.raises(ValueError, match="aware"):
        env.now = datetime(2026, 3, 9, 9)
    with pytest.raises(ValueError, match="Unknown actor"):
        env.reset(actor="ghost@acme.com")


def test_snapshot_diff_reports_added_changed_removed() -> None:
    env = CalendarEnv()
    before = env.snapshot()
    created = env.call_tool("events_insert", {"calendarId": "primary", "summary": "A", **TIMED})
    env.call_tool("calendars_patch", {"calendarId": calendar_id(env, "Team"), "description": "Renamed"})
    env.call_tool("acl_delete", {"calendarId": calendar_id(env, "Team Social"), "ruleId": "domain:acme.com"})
    diff = env.diff(before, env.snapshot())
    summary = {(change.resource, change.kind) for change in diff}
    assert summary == {("event", "added"), ("calendar", "changed"), ("acl_rule", "removed")}
    added = diff.of("event")[0]
    assert added.key == f"event:{created['id']}" and added.after["calendarId"] == "ana@acme.com"  # type: ignore[index]
    changed = diff.of("calendar")[0]
    assert changed.changed_fields() == ["description"]
    after = env.snapshot()
    events = env.records(after, "event")
    assert created["id"] in {event["id"] for event in events} and len(events) == len(before.events()) + 1
    assert len(env.records(after, "acl_rule")) == len(before.of("acl_rule")) - 1


def test_calendar_lifecycle_insert_patch_delete() -> None:
    env = CalendarEnv()
    created = env.call_tool("calendars_insert", {"summary": "Book Club", "description": "Monthly"})
    assert created["timeZone"] == "America/New_York" and created["id"].endswith("@group.calendar.acme.com")
    listed = {item["id"]: item for item in env.call_tool("calendars_list", {})["items"]}
    assert listed[created["id"]]["accessRole"] == "owner"
    rules = env.call_tool("acl_list", {"calendarId": created["id"]})["items"]
    assert rules == [
        {
            "kind": "calendar#aclRule",
            "id": "user:ana@acme.com",
            "scope": {"type": "user", "value": "ana@acme.com"},
            "role": "owner",
        }
    ]
    patched = env.call_tool(
        "calendars_patch",
        {"calendarId": created["id"], "summary": "Book Club 2", "timeZone": "Europe/London"},
    )
    assert patched["summary"] == "Book Club 2" and patched["timeZone"] == "Europe/London"
    assert env.call_tool("calendars_get", {"calendarId": created["id"]}) == patched
    env.call_tool("events_insert", {"calendarId": created["id"], **TIMED})
    assert env.call_tool("calendars_delete", {"calendarId": created["id"]})["deleted"] is True
    assert env.call_tool("calendars_get", {"calendarId": created["id"]})["error_type"] == "not_found_error"
    assert not [e for e in env.snapshot().events() if e["calendarId"] == created["id"]]
    blank = env.call_tool("calendars_insert", {"summary": "   "})
    assert blank["error_type"] == "validation_error"
    bad_zone = env.call_tool("calendars_insert", {"summary": "X", "timeZone": "EST5"})
    assert bad_zone["error_type"] == "format_error"


def test_calendars_list_overrides_hidden_and_paging() -> None:
    env = CalendarEnv()
    team = next(item for item in env.call_tool("calendars_list", {})["items"] if item["summary"] == "Team")
    assert team["summaryOverride"] == "Eng Team"
    first = env.call_tool("calendars_list", {"maxResults": 5})
    assert len(first["items"]) == 5 and first["items"][0]["primary"] is True
    rest = env.call_tool("calendars_list", {"maxResults": 250, "pageToken": first["nextPageToken"]})
    assert len(first["items"]) + len(rest["items"]) == len(env.call_tool("calendars_list", {})["items"])
    env.reset(actor="priya.patel@acme.com")
    holidays = "Company Holidays"
    assert holidays not in {i["summary"] for i in env.call_tool("calendars_list", {})["items"]}
    shown = [
        i for i in env.call_tool("calendars_list", {"showHidden": True})["items"] if i["summary"] == holidays
    ]
    assert shown[0]["hidden"] is True


def test_acl_tools_round_trip() -> None:
    env = CalendarEnv()
    team = calendar_id(env, "Team")
    inserted = env.call_tool(
        "acl_insert",
        {"calendarId": team, "role": "reader", "scope": {"type": "user", "value": "dana.kim@acme.com"}},
    )
    assert inserted["id"] == "user:dana.kim@acme.com"
    patched = env.call_tool("acl_patch", {"calendarId": team, "ruleId": inserted["id"], "role": "writer"})
    assert patched["role"] == "writer"
    ids = [rule["id"] for rule in env.call_tool("acl_list", {"calendarId": team})["items"]]
    assert ids[0] == "user:ana@acme.com" and "user:dana.kim@acme.com" in ids
    assert env.call_tool("acl_delete", {"calendarId": team, "ruleId": inserted["id"]})["deleted"] is True
    public = env.call_tool(
        "acl_insert", {"calendarId": team, "role": "freeBusyReader", "scope": {"type": "default"}}
    )
    assert public == {
        "kind": "calendar#aclRule",
        "id": "default",
        "scope": {"type": "default"},
        "role": "freeBusyReader",
    }
    bad = env.call_tool("acl_insert", {"calendarId": team, "role": "reader", "scope": {"type": "user"}})
    assert bad["details"]["missing_required_fields"] == ["scope.value"]
    bad_default = env.call_tool(
        "acl_insert", {"calendarId": team, "role": "reader", "scope": {"type": "default", "value": "x"}}
    )
    assert bad_default["error_type"] == "validation_error"
    bad_domain = env.call_tool(
        "acl_insert",
        {"calendarId": team, "role": "reader", "scope": {"type": "domain", "value": "not a domain"}},
    )
    assert bad_domain["error_type"] == "format_error"
    marketing = calendar_id(env, "Marketing")
    reader_view = env.call_tool("acl_list", {"calendarId": marketing})  # sharing is the owner's business
    assert reader_view["error_type"] == "permission_error" and reader_view["http_status"] == 403
    owner = env.call_tool("calendars_get", {"calendarId": marketing})["dataOwner"]
    assert owner != env.actor and "@" in owner
    fb_view = env.call_tool("acl_list", {"calendarId": calendar_id(env, "Marketing Campaigns")})
    assert fb_view["error_type"] == "permission_error"

"""Every role x operation cell: allowed at or above the needed role, 403 below it, 404 without access."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from env import CalendarEnv
from tests.env.worlds import ACTOR, OTHER, PERMISSION_WORLD, ROLES, role_calendar, role_event

Args = Callable[[str], dict[str, Any]]

EVENT_BODY = {
    "start": {"dateTime": "2026-03-11T10:00:00-04:00"},
    "end": {"dateTime": "2026-03-11T11:00:00-04:00"},
}

# (tool, minimum role, arguments for the calendar of a given role)
OPERATIONS: list[tuple[str, str, Args]] = [
    ("calendars_get", "freeBusyReader", lambda r: {"calendarId": role_calendar(r)}),
    ("events_list", "freeBusyReader", lambda r: {"calendarId": role_calendar(r)}),
    ("events_get", "freeBusyReader", lambda r: {"calendarId": role_calendar(r), "eventId": role_event(r)}),
    (
        "events_instances",
        "freeBusyReader",
        lambda r: {"calendarId": role_calendar(r), "eventId": role_event(r)},
    ),
    ("acl_list", "owner", lambda r: {"calendarId": role_calendar(r)}),
    ("events_insert", "writer", lambda r: {"calendarId": role_calendar(r), "summary": "New", **EVENT_BODY}),
    (
        "events_patch",
        "writer",
        lambda r: {"calendarId": role_calendar(r), "eventId": role_event(r), "summary": "X"},
    ),
    (
        "events_update",
        "writer",
        lambda r: {"calendarId": role_calendar(r), "eventId": role_event(r), **EVENT_BODY},
    ),
    ("events_delete", "writer", lambda r: {"calendarId": role_calendar(r), "eventId": role_event(r)}),
    (
        "events_move",
        "writer",
        lambda r: {"calendarId": role_calendar(r), "eventId": role_event(r), "destination": "primary"},
    ),
    ("calendars_patch", "owner", lambda r: {"calendarId": role_calendar(r), "summary": "Renamed"}),
    ("calendars_delete", "owner", lambda r: {"calendarId": role_calendar(r)}),
    (
        "acl_insert",
        "owner",
        lambda r: {
            "calendarId": role_calendar(r),
            "role": "reader",
            "scope": {"type": "user", "value": "new@example.com"},
        },
    ),
    (
        "acl_patch",
        "owner",
        lambda r: {"calendarId": role_calendar(r), "ruleId": f"user:{OTHER}", "role": "writer"},
    ),
    ("acl_delete", "owner", lambda r: {"calendarId": role_calendar(r), "ruleId": f"user:{OTHER}"}),
]

CELLS = [(tool, needed, args, role) for tool, needed, args in OPERATIONS for role in ROLES]


@pytest.mark.parametrize(
    ("tool", "needed", "args", "role"), CELLS, ids=[f"{tool}-{role}" for tool, _, _, role in CELLS]
)
def test_role_operation_cell(tool: str, needed: str, args: Args, role: str) -> None:
    env = CalendarEnv(world=PERMISSION_WORLD)
    before = env.snapshot()
    result = env.call_tool(tool, args(role))
    if role == "none":
        assert result["error_type"] == "not_found_error", result
        assert result["http_status"] == 404
    elif ROLES.index(role) < ROLES.index(needed):
        assert result["error_type"] == "permission_error", result
        assert result["http_status"] == 403
        assert result["details"]["accessRole"] == role
        assert result["details"]["requiredRole"] == needed
        assert result["details"]["owner"] == "owner@example.com"
        assert any("owner@example.com" in line for line in result["remediation"])
    else:
        assert result.get("ok") is not False, result
        return
    assert not env.diff(before, env.snapshot()), "a refused call must not change the world"


@pytest.mark.parametrize("role", ROLES)
def test_move_needs_writer_on_destination(role: str) -> None:
    env = CalendarEnv(world=PERMISSION_WORLD)
    created = env.call_tool("events_insert", {"calendarId": "primary", "summary": "Mine", **EVENT_BODY})
    result = env.call_tool(
        "events_move", {"calendarId": "primary", "eventId": created["id"], "destination": role_calendar(role)}
    )
    if role == "none":
        assert result["error_type"] == "not_found_error" and result["details"]["field"] == "destination"
    elif ROLES.index(role) < ROLES.index("writer"):
        assert result["error_type"] == "permission_error" and result["details"]["field"] == "destination"
    else:
        assert result["calendarId"] == role_calendar(role)
        moved = env.call_tool("events_get", {"calendarId": role_calendar(role), "eventId": created["id"]})
        assert moved["summary"] == "Mine"
        gone = env.call_tool("events_get", {"calendarId": "primary", "eventId": created["id"]})
        assert gone["error_type"] == "not_found_error"


@pytest.mark.parametrize("role", ROLES)
def test_freebusy_per_role(role: str) -> None:
    env = CalendarEnv(world=PERMISSION_WORLD)
    result = env.call_tool(
        "freebusy_query",
        {
            "timeMin": "2026-03-10T00:00:00-04:00",
            "timeMax": "2026-03-11T00:00:00-04:00",
            "items": [{"id": role_calendar(role)}],
        },
    )
    entry = result["calendars"][role_calendar(role)]
    if role == "none":
        assert entry["errors"] == [{"domain": "global", "reason": "notFound"}] and entry["busy"] == []
    else:
        assert entry["busy"] == [
            {"start": "2026-03-10T14:00:00Z", "end": "2026-03-10T15:00:00Z"},
            {"start": "2026-03-10T17:00:00Z", "end": "2026-03-10T18:00:00Z"},
        ]


def test_calendars_list_shows_each_visible_role_and_hides_none() -> None:
    env = CalendarEnv(world=PERMISSION_WORLD)
    items = env.call_tool("calendars_list", {})["items"]
    roles = {item["id"]: item["accessRole"] for item in items}
    assert roles == {ACTOR: "owner", **{role_calendar(r): r for r in ROLES if r != "none"}}
    writable = env.call_tool("calendars_list", {"minAccessRole": "writer"})["items"]
    assert {item["id"] for item in writable} == {ACTOR, role_calendar("writer"), role_calendar("owner")}


def test_group_domain_and_default_scopes_grant_access() -> None:
    world = {
        **PERMISSION_WORLD,
        "name": "scopes",
        "groups": [{"email": "team@example.com", "name": "Team", "members": [ACTOR]}],
        "acl": [
            {
                "calendarId": role_calendar("none"),
                "role": "writer",
                "scope": {"type": "group", "value": "team@example.com"},
            },
            {
                "calendarId": role_calendar("reader"),
                "role": "reader",
                "scope": {"type": "domain", "value": "example.com"},
            },
            {"calendarId": role_calendar("writer"), "role": "freeBusyReader", "scope": {"type": "default"}},
        ],
    }
    env = CalendarEnv(world=world)
    roles = {item["id"]: item["accessRole"] for item in env.call_tool("calendars_list", {})["items"]}
    assert roles[role_calendar("none")] == "writer"
    assert roles[role_calendar("reader")] == "reader"
    assert roles[role_calendar("writer")] == "freeBusyReader"
    assert role_calendar("owner") not in roles and role_calendar("freeBusyReader") not in roles


def test_lowering_own_role_takes_effect_immediately() -> None:
    env = CalendarEnv(world=PERMISSION_WORLD)
    calendar = role_calendar("owner")
    patched = env.call_tool(
        "acl_patch", {"calendarId": calendar, "ruleId": f"user:{ACTOR}", "role": "reader"}
    )
    assert patched == {
        "kind": "calendar#aclRule",
        "id": f"user:{ACTOR}",
        "scope": {"type": "user", "value": ACTOR},
        "role": "reader",
    }
    roles = {item["id"]: item["accessRole"] for item in env.call_tool("calendars_list", {})["items"]}
    assert roles[calendar] == "reader"
    refused = env.call_tool("events_insert", {"calendarId": calendar, **EVENT_BODY})
    assert refused["error_type"] == "permission_error"


def test_acl_changes_are_undone_by_reset() -> None:
    env = CalendarEnv(world=PERMISSION_WORLD, actor="owner@example.com")
    env.call_tool(
        "acl_patch", {"calendarId": role_calendar("reader"), "ruleId": f"user:{ACTOR}", "role": "writer"}
    )
    env.call_tool("acl_delete", {"calendarId": role_calendar("writer"), "ruleId": f"user:{ACTOR}"})
    snapshot = env.snapshot()
    assert snapshot.get(f"acl_rule:{role_calendar('reader')}/user:{ACTOR}")["role"] == "writer"  # type: ignore[index]
    assert snapshot.get(f"acl_rule:{role_calendar('writer')}/user:{ACTOR}") is None
    env.reset(actor=ACTOR)
    assert env.actor == ACTOR
    roles = {item["id"]: item["accessRole"] for item in env.call_tool("calendars_list", {})["items"]}
    assert roles[role_calendar("reader")] == "reader" and roles[role_calendar("writer")] == "writer"

"""The same guards on a different tool surface, described only by a pack file (no code changes).

``other_calendar.yaml`` names tools ``get_calendar_list``/``list_events``/``create_event``/...,
with fields ``calendar``, ``title``, ``starts_at``, ``guests`` and roles ``viewer < editor < admin``.
A small adapter translates those tools onto the bundled env, so lookups hit a real world.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from env import CalendarEnv
from guards import Guard, GuardContext, InterventionKind, load_pack
from guards.checks.idempotency import add_idempotency_key
from guards.checks.permissions import check_permissions
from guards.checks.preconditions import check_preconditions
from guards.errors import is_error_payload
from guards.resolve.references import resolve_references
from tests.guards.resolve_helpers import MARKETING, STANDUP_A, STANDUP_B, TEAM, world_env

PACK = load_pack(Path(__file__).parent / "packs" / "other_calendar.yaml")
ROLE = {"freeBusyReader": "busy_only", "reader": "viewer", "writer": "editor", "owner": "admin"}
LEVEL = {"viewer": "reader", "editor": "writer", "admin": "owner"}


class OtherCalendarAPI:
    """The made-up API, implemented by translating each call onto the env's own tools."""

    def __init__(self, env: CalendarEnv) -> None:
        self.env = env

    def __call__(self, tool: str, args: dict[str, Any]) -> Any:
        handler = getattr(self, tool, None)
        if handler is None:
            return {"ok": False, "error_type": "unknown_tool", "tool_name": tool, "message": "no such tool"}
        return handler(**args)

    def _env(self, tool: str, args: dict[str, Any], shape: Any) -> Any:
        result = self.env.call_tool(tool, args)
        return result if is_error_payload(result) else shape(result)

    def get_calendar_list(self) -> Any:
        def shape(result: dict[str, Any]) -> dict[str, Any]:
            return {
                "calendars": [
                    {
                        "calendar_id": c["id"],
                        "title": c.get("summaryOverride") or c["summary"],
                        "role": ROLE[c["accessRole"]],
                    }
                    for c in result["items"]
                ]
            }

        return self._env("calendars_list", {"showHidden": True}, shape)

    def list_events(self, calendar: str) -> Any:
        def shape(result: dict[str, Any]) -> dict[str, Any]:
            return {
                "events": [
                    {
                        "event_id": e["id"],
                        "title": e.get("summary", ""),
                        "starts_at": e["start"].get("dateTime") or e["start"].get("date"),
                        "guests": [a["email"] for a in e.get("attendees", [])],
                    }
                    for e in result["items"]
                ]
            }

        return self._env("events_list", {"calendarId": calendar}, shape)

    def find_people(self, text: str) -> Any:
        def shape(result: dict[str, Any]) -> dict[str, Any]:
            return {
                "people": [{"address": u["email"], "full_name": u["displayName"]} for u in result["items"]]
            }

        return self._env("users_search", {"query": text}, shape)

    def create_event(
        self,
        calendar: str,
        title: str,
        starts_at: str,
        ends_at: str,
        guests: list[str] | None = None,
        event_id: str | None = None,
    ) -> Any:
        args: dict[str, Any] = {
            "calendarId": calendar,
            "summary": title,
            "start": {"dateTime": starts_at},
            "end": {"dateTime": ends_at},
            "attendees": [{"email": g} for g in guests or []],
        }
        if event_id:
            args["id"] = event_id
        return self._env("events_insert", args, lambda e: {"event_id": e["id"], "title": e["summary"]})

    def update_event(self, calendar: str, event_id: str, title: str) -> Any:
        return self._env(
            "events_patch",
            {"calendarId": calendar, "eventId": event_id, "summary": title},
            lambda e: {"event_id": e["id"]},
        )

    def share_calendar(self, calendar: str, person: str, level: str) -> Any:
        args = {"calendarId": calendar, "role": LEVEL[level], "scope": {"type": "user", "value": person}}
        return self._env("acl_insert", args, lambda rule: {"shared": rule["id"]})


@pytest.fixture
def env():
    return world_env()


def guard() -> Guard:
    return Guard(
        PACK,
        resolve_stages=[resolve_references],
        validate_stages=[check_permissions, check_preconditions, add_idempotency_key],
    )


def ctx(env: CalendarEnv, *, lookup: bool = True) -> GuardContext:
    return GuardContext(
        now=env.now, timezone=env.timezone, lookup=OtherCalendarAPI(env) if lookup else None, actor=env.actor
    )


def test_natural_create_event_is_resolved_keyed_and_lands_in_the_world(env):
    call = {
        "calendar": "my team's calendar",
        "title": "Retro",
        "starts_at": "2026-11-18T10:00:00-05:00",
        "ends_at": "2026-11-18T11:00:00-05:00",
        "guests": ["Priya", "marco"],
    }
    verdict = guard().check("create_event", call, ctx(env))
    assert verdict.passed, verdict.error
    assert verdict.args["calendar"] == TEAM
    assert verdict.args["guests"] == ["priya.shah@globex.com", "marco.rossi@globex.com"]
    kinds = [i.kind for i in verdict.interventions]
    assert kinds.count(InterventionKind.RESOLVED) == 3 and InterventionKind.IDEMPOTENCY_KEY in kinds
    created = OtherCalendarAPI(env)("create_event", verdict.args)
    assert created["event_id"] == verdict.args["event_id"]
    [event] = [e for e in env.snapshot().events() if e.get("summary") == "Retro"]
    assert event["calendarId"] == TEAM
    assert {a["email"] for a in event["attendees"]} == {"priya.shah@globex.com", "marco.rossi@globex.com"}


def test_permission_uses_the_packs_role_names(env):
    call = {"calendar": "growth marketing", "title": "x", "starts_at": "a", "ends_at": "b"}
    verdict = guard().check("create_event", call, ctx(env))
    error = verdict.error
    assert error["error_type"] == "permission_error"
    assert (error["details"]["value"], error["details"]["accessRole"], error["details"]["requiredRole"]) == (
        MARKETING,
        "viewer",
        "editor",
    )


def test_ambiguity_and_people_on_the_other_surface(env):
    standup = guard().check(
        "share_calendar", {"calendar": "standup", "person": "x@y.org", "level": "viewer"}, ctx(env)
    )
    assert {c["id"] for c in standup.error["details"]["candidates"]} == {STANDUP_A, STANDUP_B}
    dana = guard().check(
        "share_calendar", {"calendar": "Team Offsite", "person": "Dana", "level": "viewer"}, ctx(env)
    )
    assert dana.error["error_type"] == "ambiguous_reference"
    assert dana.error["details"]["field"] == "person"


def test_event_resolution_by_person_and_day_on_the_other_surface(env):
    call = {"calendar": "me", "event_id": "1:1 with Dana on Thursday", "title": "moved"}
    verdict = guard().check("update_event", call, ctx(env))
    assert verdict.passed, verdict.error
    assert verdict.args["calendar"] == "primary" and verdict.args["event_id"] == "ev0001kim"
    assert OtherCalendarAPI(env)("update_event", verdict.args) == {"event_id": "ev0001kim"}


def test_ordering_precondition_on_the_other_surface(env):
    call = {"calendar": "primary", "event_id": "ev0001kim", "title": "moved"}
    verdict = Guard(PACK, resolve_stages=[], validate_stages=[check_preconditions]).check(
        "update_event", call, ctx(env, lookup=False)
    )
    assert verdict.error["error_type"] == "precondition_error"
    assert verdict.error["remediation"] == [
        "Call list_events on the calendar and use the event_id it returns."
    ]

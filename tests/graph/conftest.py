"""Fixtures for the graph tests: a fresh bundled calendar world per test and helpers to read it."""

from __future__ import annotations

from typing import Any

import pytest

from env import CalendarEnv


@pytest.fixture
def env() -> CalendarEnv:
    """The bundled ``acme`` world; the actor is ana@acme.com, now is Mon 2026-03-09 09:00 New York."""
    return CalendarEnv()


def calendar_id(env: CalendarEnv, summary: str) -> str:
    """The ID of the calendar the actor sees under ``summary``."""
    items = env.call_tool("calendars_list", {})["items"]
    return next(item["id"] for item in items if item["summary"] == summary)


def added_events(env: CalendarEnv, before: Any) -> list[dict[str, Any]]:
    """Events created since snapshot ``before``."""
    changes = env.diff(before, env.snapshot()).changes
    return [c.after for c in changes if c.resource == "event" and c.kind == "added" and c.after]


def guard_settings(env: CalendarEnv) -> dict[str, Any]:
    """The guard's clock, zone and actor for ``env``."""
    return {"now": env.now, "timezone": env.timezone, "actor": env.actor}

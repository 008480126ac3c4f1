"""Shared fixtures: a fresh acme environment per test and helpers to find calendars by name."""

from __future__ import annotations

from typing import Any

import pytest

from env import CalendarEnv


@pytest.fixture
def env() -> CalendarEnv:
    return CalendarEnv()


def calendar_id(env: CalendarEnv, summary: str) -> str:
    """The ID of the calendar whose summary is exactly ``summary`` (as the acting user sees it)."""
    items = env.call_tool("calendars_list", {"showHidden": True})["items"]
    matches = [item["id"] for item in items if item["summary"] == summary]
    assert len(matches) == 1, (summary, [item["summary"] for item in items])
    return matches[0]


def acme_calendar_id(summary: str) -> str:
    """The ID of a shared acme calendar by summary, read from the world data (visible or not)."""
    from env.world import read_world_source

    for calendar in read_world_source("acme")["calendars"]:
        if calendar["summary"] == summary:
            return str(calendar["id"])
    raise KeyError(summary)


def is_error(result: dict[str, Any], error_type: str) -> bool:
    return result.get("ok") is False and result.get("error_type") == error_type

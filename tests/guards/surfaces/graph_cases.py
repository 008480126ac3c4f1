"""The malformed-call classes on the Graph-shaped calendar (:mod:`.graph_calendar`)."""

from __future__ import annotations

from typing import Any

from guards import Guard, GuardContext
from tests.guards.surfaces.cases import Case, Surface
from tests.guards.surfaces.graph_calendar import (
    ACTOR,
    DEFAULT,
    MARCO,
    NOW,
    OFFSITE,
    PACK,
    PRIYA,
    SCHEMAS,
    ZONE,
    GraphCalendar,
)

SYNC = "Add 'Design sync' to my calendar on December 3 from 10 to 11am."
OFFSITE_SYNC = "Add 'Design sync' to the Team Offsite calendar on December 3 from 10 to 11am."


def zoned(local: str, zone: str = ZONE) -> dict[str, str]:
    return {"dateTime": local, "timeZone": zone}


def sync(calendar: str = DEFAULT, **changes: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "calendar_id": calendar,
        "subject": "Design sync",
        "start": zoned("2026-12-03T10:00:00"),
        "end": zoned("2026-12-03T11:00:00"),
    }
    args.update(changes)
    return {k: v for k, v in args.items() if v is not None}


def attendee(address: str) -> list[dict[str, Any]]:
    return [{"emailAddress": {"address": address}}]


GOLD_SYNC = ("create_event", sync())
GOLD_OFFSITE = ("create_event", sync(OFFSITE))
WITH_PRIYA = (
    "Add 'Design sync' with Priya Shah (priya.shah@contoso.com) to my calendar on December 3 from 10 to 11am."
)
DAY_VIEW = {
    "calendar_id": DEFAULT,
    "start_date_time": "2026-12-18T00:00:00-05:00",
    "end_date_time": "2026-12-19T00:00:00-05:00",
}

CASES: list[Case] = [
    Case("calendar_name_for_id", OFFSITE_SYNC, "create_event", sync("Team Offsite"), GOLD_OFFSITE),
    Case("alias_primary", SYNC, "create_event", sync("primary"), GOLD_SYNC),
    Case("alias_words", SYNC, "create_event", sync("my calendar"), GOLD_SYNC),
    Case(
        "ambiguous_name",
        "Add 'Design sync' to the standup calendar on December 3 from 10 to 11am.",
        "create_event",
        sync("Standup"),
        None,
    ),
    Case(
        "datetime_format",
        SYNC,
        "create_event",
        sync(start=zoned("12/03/2026 10:00 AM"), end=zoned("12/03/2026 11:00 AM")),
        GOLD_SYNC,
    ),
    Case(
        "offset_without_zone",
        SYNC,
        "create_event",
        sync(start={"dateTime": "2026-12-03T10:00:00-05:00"}, end={"dateTime": "2026-12-03T11:00:00-05:00"}),
        GOLD_SYNC,
    ),
    Case(
        "local_time_without_zone",
        SYNC,
        "create_event",
        sync(start={"dateTime": "2026-12-03T10:00:00"}, end={"dateTime": "2026-12-03T11:00:00"}),
        GOLD_SYNC,
    ),
    Case(
        "flat_datetime",
        SYNC,
        "create_event",
        sync(start="2026-12-03T10:00:00", end="2026-12-03T11:00:00"),
        GOLD_SYNC,
    ),
    Case("field_alias", SYNC, "create_event", {**sync(subject=None), "title": "Design sync"}, GOLD_SYNC),
    Case("tool_name", SYNC, "createEvent", sync(), GOLD_SYNC),
    Case(
        "attendee_as_text",
        WITH_PRIYA,
        "create_event",
        sync(attendees=[PRIYA]),
        ("create_event", sync(attendees=attendee(PRIYA))),
    ),
    Case(
        "attendee_flattened",
        WITH_PRIYA,
        "create_event",
        sync(attendees=[{"address": PRIYA}]),
        ("create_event", sync(attendees=attendee(PRIYA))),
    ),
    Case(
        "person_name_for_address",
        "Add 'Design sync' with Marco to my calendar on December 3 from 10 to 11am.",
        "create_event",
        sync(attendees=attendee("Marco")),
        None,
    ),
    Case(
        "event_title_for_id",
        "Rename the budget review to 'Budget review (moved)'.",
        "update_event",
        {"calendar_id": "primary", "event_id": "Budget review", "subject": "Budget review (moved)"},
        (
            "update_event",
            {"calendar_id": DEFAULT, "event_id": "AAMkAGev-0001", "subject": "Budget review (moved)"},
        ),
    ),
    Case(
        "unknown_event",
        "Cancel the quarterly party.",
        "delete_event",
        {"calendar_id": DEFAULT, "event_id": "Quarterly party"},
        None,
    ),
    Case(
        "date_only_bounds",
        "What is on my calendar on 12/18/2026?",
        "list_calendar_view",
        {"calendar_id": "my calendar", "start_date_time": "12/18/2026", "end_date_time": "12/18/2026"},
        ("list_calendar_view", DAY_VIEW),
        reads=True,
    ),
    Case(
        "date_only_bounds_iso",
        "What is on my calendar on December 18?",
        "list_calendar_view",
        {**DAY_VIEW, "start_date_time": "2026-12-18", "end_date_time": "2026-12-18"},
        ("list_calendar_view", DAY_VIEW),
        reads=True,
    ),
]

__all__ = ["CASES", "MARCO", "context", "guard", "new_surface"]


def new_surface() -> GraphCalendar:
    return GraphCalendar.seeded()


def guard() -> Guard:
    return Guard(PACK, SCHEMAS)


def context(surface: Surface, case: Case | None = None, request: str = "") -> GuardContext:
    """The acting user's context; the agent has listed the default calendar's events already (so an
    event ID it names was observed)."""
    listing = surface("list_events", {"calendar_id": DEFAULT})
    ctx = GuardContext(
        now=NOW,
        timezone=ZONE,
        user_messages=[case.request if case else request],
        lookup=surface,
        actor=ACTOR,
    )
    ctx.observe("list_events", {"calendar_id": DEFAULT}, listing)
    return ctx

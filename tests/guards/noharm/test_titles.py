"""No-harm regression tests: a new event's title keeps the one phrase the user quoted."""

from __future__ import annotations

import pytest

from tests.guards.noharm.helpers import INES, check, event, world

TOMORROW_10 = ("2026-07-15T10:00:00+01:00", "2026-07-15T10:30:00+01:00")


def test_a_title_that_leaves_out_the_quoted_one_is_refused_with_it() -> None:
    words = ["Book 'Vendor pitch' with Kenji tomorrow at 10am"]
    verdict = check(world(), "events_insert", event(INES, *TOMORROW_10, summary="Meeting"), words)
    assert verdict.error is not None and verdict.error["error_type"] == "validation_error"
    details = verdict.error["details"]
    assert details["invalid_fields"][0]["reason"] == "title_not_as_said"
    assert (details["field"], details["use_value"]) == ("summary", "Vendor pitch")


@pytest.mark.parametrize(
    "title", ["Vendor pitch", "vendor pitch", "Vendor pitch with Kenji", "Pitch: Vendor pitch!"]
)
def test_a_title_that_holds_the_quoted_one_passes(title: str) -> None:
    words = ["Book 'Vendor pitch' with Kenji tomorrow at 10am"]
    assert check(world(), "events_insert", event(INES, *TOMORROW_10, summary=title), words).passed


@pytest.mark.parametrize(
    "words",
    [
        "Book a vendor pitch with Kenji tomorrow at 10am",  # nothing quoted
        "Book 'Vendor pitch' or 'Supplier call' with Kenji tomorrow at 10am",  # two phrases
        "Add a standup to the 'Customer Calls' calendar tomorrow at 10am",  # a calendar's name
    ],
)
def test_without_one_quoted_title_any_title_passes(words: str) -> None:
    assert check(world(), "events_insert", event(INES, *TOMORROW_10, summary="Standup"), [words]).passed


def test_a_change_to_an_existing_event_is_not_judged() -> None:
    args = {"calendarId": INES, "eventId": "nh0002dep", "summary": "Depot visit (moved)"}
    assert check(world(), "events_patch", args, ["Rename the 'Depot visit' to something clearer"]).passed


def test_a_quote_the_call_resolves_as_a_calendar_is_no_title() -> None:
    words = ["Add a carrier review tomorrow at 10am to the calendar I call 'Dispatch'"]
    args = event("Dispatch", *TOMORROW_10, summary="Carrier review")
    verdict = check(world(), "events_insert", args, words)
    assert verdict.passed, verdict.error

"""No-harm regression tests: a call that lacks the argument a reference's lookup needs is told that
first, not that a namesake it re-sent is ambiguous. The quay inspection (Ines's calendar) has Rosa
Lind (rosa.lind@) on it, and the directory has two people called Rosa Lind. On ``world.yaml``."""

from __future__ import annotations

from typing import Any

from tests.guards.noharm.helpers import JONAS, check, world

WORDS = ["Add Jonas Berg to the quay inspection."]


def _patch(**scope: str) -> dict[str, Any]:
    attendees = [{"email": "Rosa Lind"}, {"email": JONAS}]
    return {**scope, "eventId": "Quay inspection", "attendees": attendees}


def test_a_missing_calendar_is_reported_before_a_namesake_it_leaves_unread() -> None:
    verdict = check(world(), "events_patch", _patch(), WORDS)
    assert verdict.error is not None and verdict.error["error_type"] == "validation_error"
    assert verdict.error["details"]["missing_required_fields"] == ["calendarId"]


def test_with_the_calendar_the_namesake_on_the_event_is_kept() -> None:
    verdict = check(world(), "events_patch", _patch(calendarId="primary"), WORDS)
    assert verdict.passed, verdict.error
    assert verdict.args["attendees"][0] == {"email": "rosa.lind@meridian-freight.com"}


def test_an_ambiguous_person_on_a_call_with_its_calendar_stays_ambiguous() -> None:
    args = {"calendarId": "primary", "eventId": "Quay inspection", "attendees": [{"email": "Tom"}]}
    verdict = check(world(), "events_patch", args, ["Add Tom to the quay inspection."])
    assert verdict.error is not None and verdict.error["error_type"] == "ambiguous_reference"

"""No-harm regression tests: a write that changes a calendar itself (sharing it, renaming it; the pack's
``subject_writes``) is about the calendar the user names. The user's own calendar (``primary`` or
their address) is the default place to put an event, never the default calendar to share: when the
user names another one, a write to their own is judged like any other choice. Named, it passes. On
``world.yaml`` (Ines owns Customer Calls; Fleet Ops is read-only for her)."""

from __future__ import annotations

import pytest

from tests.guards.noharm.helpers import CALLS, FLEET, INES, JONAS, check, event, world


def _share(calendar: str, words: str) -> dict[str, object]:
    args = {"calendarId": calendar, "role": "writer", "scope": {"type": "user", "value": JONAS}}
    verdict = check(world(), "acl_insert", args, [words])
    return {"passed": verdict.passed, **(verdict.error or {})}


@pytest.mark.parametrize("own", ["primary", INES])
@pytest.mark.parametrize(
    "words",
    [
        "Share the Fleet Ops calendar with Jonas with edit rights.",
        "Share the Fleet Ops calendar with Jonas Berg with edit rights.",  # his own calendar is not named
        "Give Jonas edit access to Fleet Ops.",  # the calendar shared, named without the word 'calendar'
    ],
)
def test_sharing_own_calendar_for_a_named_one_the_user_cannot_share_is_refused(own: str, words: str) -> None:
    refused = _share(own, words)
    assert refused["error_type"] == "permission_error"
    details = refused["details"]
    assert isinstance(details, dict) and details["reason"] == "user_named_not_writable"
    assert details["user_named"] == {"id": FLEET, "name": "Fleet Ops", "accessRole": "reader"}


@pytest.mark.parametrize("own", ["primary", INES])
def test_sharing_own_calendar_for_a_named_one_the_user_owns_is_redirected(own: str) -> None:
    refused = _share(own, "Share the Customer Calls calendar with Jonas with edit rights.")
    assert refused["error_type"] == "validation_error"
    details = refused["details"]
    assert isinstance(details, dict) and details["reason"] == "contradicts_user_words"
    assert details["user_named"]["id"] == CALLS
    assert _share(CALLS, "Share the Customer Calls calendar with Jonas with edit rights.")["passed"]


@pytest.mark.parametrize("own", ["primary", INES])
@pytest.mark.parametrize(
    "words",
    [
        "Share my calendar with Jonas with edit rights.",
        "Give Jonas edit rights.",  # no calendar named: the user's own is the one
        "Share my primary calendar with Jonas, as the Customer Calls calendar is.",
    ],
)
def test_own_calendar_shared_when_named_or_nothing_else_is(own: str, words: str) -> None:
    assert _share(own, words)["passed"]


def test_an_event_still_goes_on_the_users_own_calendar_by_default() -> None:
    # A new event is put somewhere: "copy the tyre check from Fleet Ops" names where it comes from.
    words = ["Copy the tyre check from the Fleet Ops calendar to tomorrow at 10."]
    args = event("primary", "2026-07-15T10:00:00+01:00", "2026-07-15T11:00:00+01:00", "Tyre check")
    assert check(world(), "events_insert", args, words).passed


def test_renaming_own_calendar_for_a_named_one_is_redirected() -> None:
    words = ["Rename the Customer Calls calendar to Client Calls."]
    verdict = check(world(), "calendars_patch", {"calendarId": "primary", "summary": "Client Calls"}, words)
    assert verdict.error is not None and verdict.error["details"]["reason"] == "contradicts_user_words"
    assert verdict.error["details"]["user_named"]["id"] == CALLS

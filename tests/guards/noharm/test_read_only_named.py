"""No-harm regression tests: when the calendar the user named is read-only for them and the agent
writes to another one instead, the error says that the request cannot be done as asked (a
``permission_error`` about the calendar asked for), not "use the calendar the user named". On
``world.yaml`` (Fleet Ops is read-only for Ines; Dispatch she may write)."""

from __future__ import annotations

from tests.guards.noharm.helpers import DISPATCH, FLEET, check, event, world

ASK_FLEET = "Put 'Tyre check' on the Fleet Ops calendar tomorrow at 10."
ASK_DISPATCH = "Put 'Tyre check' on the Dispatch calendar tomorrow at 10."
START, END = "2026-07-15T10:00:00+01:00", "2026-07-15T11:00:00+01:00"


def test_a_write_elsewhere_for_a_read_only_calendar_the_user_named_is_a_permission_error() -> None:
    verdict = check(world(), "events_insert", event(DISPATCH, START, END, "Tyre check"), [ASK_FLEET])
    assert verdict.error is not None
    assert verdict.error["error_type"] == "permission_error"
    details = verdict.error["details"]
    assert details["reason"] == "user_named_not_writable"
    assert details["user_named"] == {"id": FLEET, "name": "Fleet Ops", "accessRole": "reader"}
    assert "use_value" not in details
    assert "cannot be done as asked" in verdict.error["remediation"][0]


def test_the_read_only_calendar_itself_is_refused_by_the_permission_check() -> None:
    verdict = check(world(), "events_insert", event(FLEET, START, END, "Tyre check"), [ASK_FLEET])
    assert verdict.error is not None and verdict.error["error_type"] == "permission_error"
    assert verdict.error["details"]["accessRole"] == "reader"


def test_a_writable_calendar_the_user_named_is_still_a_redirect() -> None:
    verdict = check(world(), "events_insert", event(FLEET, START, END, "Tyre check"), [ASK_DISPATCH])
    assert verdict.error is not None and verdict.error["error_type"] == "validation_error"
    assert verdict.error["details"]["user_named"]["id"] == DISPATCH


def test_the_writable_calendar_the_user_named_passes() -> None:
    verdict = check(world(), "events_insert", event(DISPATCH, START, END, "Tyre check"), [ASK_DISPATCH])
    assert verdict.passed, verdict.error

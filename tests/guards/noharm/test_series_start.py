"""No-harm regression tests: a weekly series starts on one of the days it repeats on.

On ``world.yaml``; the clock is Tuesday 14 July 2026 in Lisbon (+01:00)."""

from __future__ import annotations

from typing import Any

from tests.guards.noharm.helpers import check, world

WEEKLY_THURSDAY = ["RRULE:FREQ=WEEKLY;BYDAY=TH"]


def _series(day: str, rule: list[str] = WEEKLY_THURSDAY) -> dict[str, Any]:
    zone = {"timeZone": "Europe/Lisbon"}
    return {
        "calendarId": "primary",
        "summary": "Yard walk",
        "start": {"dateTime": f"2026-07-{day}T09:00:00+01:00", **zone},
        "end": {"dateTime": f"2026-07-{day}T09:30:00+01:00", **zone},
        "recurrence": rule,
    }


def test_a_start_off_the_rule_moves_to_the_rule_day_the_user_said() -> None:
    words = ["Set up a weekly yard walk every Thursday at 9am for 30 minutes, starting Thursday the 16th."]
    verdict = check(world(), "events_insert", _series("17"), words)
    assert verdict.passed, verdict.error
    assert verdict.args["start"]["dateTime"] == "2026-07-16T09:00:00+01:00"
    assert verdict.args["end"]["dateTime"] == "2026-07-16T09:30:00+01:00"
    assert any(i.field == "start.dateTime" and "off its rule" in i.reason for i in verdict.interventions)


def test_a_start_off_the_rule_with_no_day_said_is_refused_naming_both_days() -> None:
    words = ["Set up a weekly yard walk every Thursday at 9am."]
    verdict = check(world(), "events_insert", _series("17"), words)
    assert verdict.error is not None
    (problem,) = verdict.error["details"]["invalid_fields"]
    assert problem["reason"] == "start_off_rule"
    assert "Thu 16 Jul" in verdict.error["remediation"][0] and "Thu 23 Jul" in verdict.error["remediation"][0]
    assert "use_value" not in verdict.error["details"]  # which Thursday is the user's to say


def test_a_start_on_the_rule_and_rules_of_other_shapes_pass_unchanged() -> None:
    words = ["Set up a yard walk at 9am, starting Thursday the 16th."]
    on_rule = _series("16")
    verdict = check(world(), "events_insert", on_rule, words)
    assert verdict.passed, verdict.error
    assert verdict.args["start"] == on_rule["start"]
    other_shapes = ("RRULE:FREQ=MONTHLY;BYDAY=3FR", "RRULE:FREQ=WEEKLY", "FREQ=WEEKLY;BYDAY=TH")
    for rule in ([line] for line in other_shapes):
        sent = _series("17", rule)
        verdict = check(world(), "events_insert", sent, ["Set up the yard walk every week at 9am."])
        assert verdict.passed, (rule, verdict.error)
        assert verdict.args["start"] == sent["start"]


def test_a_start_whose_offset_puts_it_on_another_day_is_not_moved_by_the_rule() -> None:
    # 23:30Z on Thursday is 00:30 on Friday in Lisbon: the offset is what is wrong, not the day.
    sent = _series("16")
    sent["start"]["dateTime"], sent["end"]["dateTime"] = "2026-07-16T23:30:00Z", "2026-07-17T00:00:00Z"
    words = ["Set up a weekly yard walk every Thursday, starting the 16th."]
    verdict = check(world(), "events_insert", sent, words)
    assert verdict.args["start"]["dateTime"] == "2026-07-16T23:30:00Z"

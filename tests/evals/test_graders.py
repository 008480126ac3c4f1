"""State-based grading on world diffs: expectations, forbidden writes, collateral damage, answers."""

from __future__ import annotations

from typing import Any

from evals.graders import grade, normalize_changes
from evals.tasks import Task

NOW = "2026-03-09T14:00:00Z"
EVENT = {
    "id": "evt1",
    "calendarId": "team@acme.com",
    "summary": "Design review",
    "start": {"dateTime": "2026-03-10T10:00:00-04:00"},
    "end": {"dateTime": "2026-03-10T11:00:00-04:00"},
    "status": "confirmed",
    "updated": "2026-03-01T00:00:00Z",
}


def make_task(**fields: Any) -> Task:
    data: dict[str, Any] = {
        "id": "t-explicit",
        "family": "f",
        "variant": "explicit",
        "pair_id": "t",
        "actor": "ana@acme.com",
        "now": NOW,
        "instruction": "do it",
        "plan": [],
    }
    data.update(fields)
    return Task.model_validate(data)


def change(
    before: dict[str, Any] | None, after: dict[str, Any] | None, resource: str = "event"
) -> dict[str, Any]:
    record = before or after or {}
    return {"resource": resource, "key": f"{resource}:{record['id']}", "before": before, "after": after}


def moved(**fields: Any) -> dict[str, Any]:
    return {**EVENT, **fields, "updated": "2026-03-09T14:00:01Z"}


RESCHEDULE = {
    "kind": "changed",
    "resource": "event",
    "match": {"id": "evt1"},
    "fields": {"start.dateTime": {"$instant": "2026-03-10T19:00:00Z"}},
}


def test_changed_expectation_passes_with_instant_in_another_offset() -> None:
    task = make_task(expect=[RESCHEDULE])
    after = moved(start={"dateTime": "2026-03-10T15:00:00-04:00"})
    result = grade(task, [change(EVENT, after)], "Done.")
    assert result.passed, result.failures
    assert result.writes == 1 and result.wrong_entity_writes == 0


def test_wrong_value_is_reported_with_the_field() -> None:
    task = make_task(expect=[RESCHEDULE])
    after = moved(start={"dateTime": "2026-03-10T15:00:00Z"})
    result = grade(task, [change(EVENT, after)], "Done.")
    assert not result.passed
    assert result.failure_kind == "wrong_value"
    assert "start.dateTime: expected {'$instant': '2026-03-10T19:00:00Z'}" in (
        result.failed_expectation or ""
    )


def test_missing_write_is_reported() -> None:
    result = grade(make_task(expect=[RESCHEDULE]), [], "Done.")
    assert not result.passed
    assert result.failure_kind == "missing_write"
    assert result.failed_expectation == "event changed (id='evt1'): not found"


def test_collateral_damage_fails_and_counts_as_wrong_entity_write() -> None:
    other = {**EVENT, "id": "evt2", "summary": "Standup"}
    task = make_task(expect=[RESCHEDULE])
    changes = [
        change(EVENT, moved(start={"dateTime": "2026-03-10T19:00:00Z"})),
        change(other, {**other, "summary": "Standup!"}),
    ]
    result = grade(task, changes, "Done.")
    assert not result.passed
    assert result.failure_kind == "collateral_change"
    assert result.collateral == ["event:evt2 changed (summary)"]
    assert result.wrong_entity_writes == 1


def test_write_to_the_wrong_event_is_wrong_entity() -> None:
    other = {**EVENT, "id": "evt2"}
    result = grade(
        make_task(expect=[RESCHEDULE]),
        [change(other, moved(id="evt2", start={"dateTime": "2026-03-10T19:00:00Z"}))],
        "ok",
    )
    assert not result.passed
    assert result.failure_kind == "missing_write"
    assert result.wrong_entity_writes == 1


def test_allow_collateral_ignores_other_changes() -> None:
    other = {**EVENT, "id": "evt2"}
    task = make_task(expect=[RESCHEDULE], allow_collateral=True)
    changes = [change(EVENT, moved(start={"dateTime": "2026-03-10T19:00:00Z"})), change(other, None)]
    assert grade(task, changes, "ok").passed


def test_bookkeeping_only_changes_are_ignored() -> None:
    normalized = normalize_changes([change(EVENT, {**EVENT, "updated": "x", "etag": "y", "sequence": 3})])
    assert normalized == []
    task = make_task(forbid={"any_write": True}, answer={"include_any": ["access"]})
    assert grade(task, [change(EVENT, {**EVENT, "updated": "x"})], "no access").passed


def test_created_with_attendees_and_count() -> None:
    new = {**EVENT, "id": "new1", "attendees": [{"email": "bo@acme.com"}, {"email": "cy@acme.com"}]}
    expect = {
        "kind": "created",
        "resource": "event",
        "match": {"summary": {"$contains": "design"}, "calendarId": "team@acme.com"},
        "fields": {"attendees": {"$emails": ["cy@acme.com", "bo@acme.com"]}},
    }
    assert grade(make_task(expect=[expect]), [change(None, new)], "ok").passed
    twice = make_task(expect=[{**expect, "count": 2}])
    result = grade(twice, [change(None, new)], "ok")
    assert (
        result.failed_expectation
        == "event created (summary={'$contains': 'design'}, calendarId='team@acme.com'): found 1 of 2"
    )


def test_deleted_accepts_removal_or_cancellation() -> None:
    task = make_task(expect=[{"kind": "deleted", "resource": "event", "match": {"id": "evt1"}}])
    assert grade(task, [change(EVENT, None)], "ok").passed
    assert grade(task, [change(EVENT, moved(status="cancelled"))], "ok").passed
    result = grade(task, [change(EVENT, moved(summary="x"))], "ok")
    assert not result.passed and result.failure_kind == "missing_write"


def test_forbidden_writes_to_a_calendar_and_any_write() -> None:
    task = make_task(forbid={"writes_to_calendars": ["team@acme.com"]}, answer={"include_any": ["access"]})
    new = {**EVENT, "id": "new1"}
    result = grade(task, [change(None, new)], "I have no access")
    assert result.failure_kind == "forbidden_write"
    assert result.failed_expectation == "forbidden write to calendar team@acme.com: event:new1 added"
    assert result.wrong_entity_writes == 1
    elsewhere = {**new, "calendarId": "ana@acme.com"}
    result = grade(task, [change(None, elsewhere)], "I have no access")
    assert result.failure_kind == "collateral_change"
    any_write = make_task(forbid={"any_write": True}, answer={"include_any": ["which"]})
    assert grade(any_write, [change(None, elsewhere)], "which one?").failure_kind == "forbidden_write"


def test_acl_rule_and_calendar_changes_touch_their_calendar() -> None:
    rule = {
        "id": "user:bo@acme.com",
        "calendarId": "team@acme.com",
        "role": "reader",
        "scope": {"type": "user", "value": "bo@acme.com"},
    }
    task = make_task(forbid={"writes_to_calendars": ["team@acme.com"]}, answer={"include_any": ["x"]})
    assert grade(task, [change(None, rule, "acl_rule")], "x").failure_kind == "forbidden_write"
    calendar = {"id": "team@acme.com", "summary": "Team"}
    assert (
        grade(task, [change(calendar, {**calendar, "summary": "T"}, "calendar")], "x").failure_kind
        == "forbidden_write"
    )


def test_answer_checks() -> None:
    task = make_task(
        forbid={"any_write": True},
        answer={"include_any": ["which", "clarify"], "include_all": ["team"], "exclude": ["done"]},
    )
    assert grade(task, [], "Which Team calendar did you mean?").passed
    assert grade(task, [], "Please clarify the team").passed
    assert grade(task, [], "Team: done, which").failure_kind == "answer"
    assert grade(task, [], "which one?").failed_expectation == "answer should mention ['team']"
    assert (
        grade(task, [], "ok team").failed_expectation == "answer should mention one of ['which', 'clarify']"
    )


def test_exists_reads_the_final_world() -> None:
    task = make_task(
        expect=[
            {
                "kind": "exists",
                "resource": "event",
                "match": {"id": "evt1"},
                "fields": {"summary": "Design review"},
            }
        ],
        forbid={"any_write": True},
    )
    assert not task.requires_write
    assert grade(task, [], "ok", lambda resource: [EVENT] if resource == "event" else []).passed
    missing = grade(task, [], "ok", lambda resource: [])
    assert missing.failed_expectation == "event exists (id='evt1'): no such record in the final world"
    assert grade(task, [], "ok").failure_kind == "missing_write"

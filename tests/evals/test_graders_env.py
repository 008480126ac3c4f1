"""Grading on real world diffs from the bundled environment: collateral damage and wrong entities."""

from __future__ import annotations

from typing import Any

from agents.plan import resolve_refs
from env import CalendarEnv
from evals.graders import GradeResult, grade
from evals.loader import load_suite
from evals.tasks import Task

TASKS = {t.id: t for t in load_suite("calendar")}


Call = tuple[str, dict[str, Any]]


def play(task: Task, extra: tuple[Call, ...] = (), answer: str | None = None) -> GradeResult:
    """Run the task's gold plan, then ``extra`` calls, and grade the world they leave."""
    env = CalendarEnv(world=task.world, actor=task.actor, now=task.now)
    before = env.snapshot()
    saved: dict[str, Any] = {}
    for step in task.plan:
        result = env.call_tool(step.tool, resolve_refs(step.args, saved))
        if step.save_as:
            saved[step.save_as] = result
    for tool, args in extra:
        assert env.call_tool(tool, args).get("ok") is not False
    after = env.snapshot()
    return grade(task, env.diff(before, after).changes, task.final_answer if answer is None else answer)


def _find(env: CalendarEnv, calendar_id: str, summary: str) -> str:
    items = env.call_tool("events_list", {"calendarId": calendar_id, "q": summary})["items"]
    return str(next(e["id"] for e in items if e["summary"] == summary))


def test_gold_plan_passes_and_an_extra_write_is_collateral_damage() -> None:
    task = TASKS["reschedule-sprint-demo-later-natural"]
    assert play(task).passed
    doctor = _find(CalendarEnv(), "primary", "Doctor appointment")
    result = play(task, (("events_delete", {"calendarId": "primary", "eventId": doctor}),))
    assert not result.passed
    assert result.failure_kind == "collateral_change"
    assert result.collateral == [f"event:{doctor} changed (status)"]
    assert result.wrong_entity_writes == 1


def test_rescheduling_the_wrong_event_is_a_wrong_entity_write() -> None:
    task = TASKS["reschedule-hiring-debrief-4pm-explicit"]
    env = CalendarEnv()
    hiring = next(c["id"] for c in env.call_tool("calendars_list", {})["items"] if c["summary"] == "Hiring")
    wrong = _find(env, hiring, "Interview - Casey Wu (frontend)")
    careless = task.model_copy(update={"plan": []})
    patch = {
        "calendarId": hiring,
        "eventId": wrong,
        "start": {"dateTime": "2026-03-13T16:00:00-04:00"},
        "end": {"dateTime": "2026-03-13T16:30:00-04:00"},
    }
    result = play(careless, (("events_patch", patch),))
    assert not result.passed
    assert result.failure_kind == "missing_write"
    assert result.wrong_entity_writes == 1


def test_permission_task_fails_on_a_workaround_write_and_on_a_silent_answer() -> None:
    task = TASKS["permission_denied-launch-retro-natural"]
    assert play(task).passed
    silent = play(task, answer="Done, added it.")
    assert silent.failure_kind == "answer"
    workaround = play(
        task,
        [
            (
                "events_insert",
                {
                    "calendarId": "primary",
                    "summary": "Launch retro",
                    "start": {"dateTime": "2026-03-13T10:00:00-04:00"},
                    "end": {"dateTime": "2026-03-13T11:00:00-04:00"},
                },
            )
        ],
    )
    assert workaround.failure_kind == "forbidden_write"
    assert workaround.wrong_entity_writes == 1


def test_ambiguous_task_fails_when_the_agent_guesses() -> None:
    task = TASKS["ambiguous-invite-dana-demo-natural"]
    assert play(task).passed
    guessed = task.model_copy(update={"plan": task.alternative_plan})
    result = play(guessed, answer="I invited Dana Kim.")
    assert not result.passed and result.failure_kind == "forbidden_write"


def test_exists_expectation_reads_the_final_world_through_a_real_episode() -> None:
    from evals.episode import run_episode

    base = TASKS["permission_denied-launch-retro-natural"].model_dump(mode="json")
    team = CalendarEnv().call_tool("calendars_list", {})["items"]
    team_id = next(c["id"] for c in team if c["summary"] == "Team")
    exists = {
        "kind": "exists",
        "resource": "calendar",
        "match": {"id": team_id},
        "fields": {"summary": "Team"},
    }
    passed = run_episode({**base, "expect": [exists]}, "raw", 0, 1, "oracle")
    assert passed.passed, passed.failures
    wrong = {**exists, "fields": {"summary": "Marketing"}}
    failed = run_episode({**base, "expect": [wrong]}, "raw", 0, 1, "oracle")
    assert failed.failure_kind == "wrong_value" and "summary: expected 'Marketing'" in (
        failed.failed_expectation or ""
    )

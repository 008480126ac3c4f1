"""The matchers task authors asked for, each judged both ways: attendee subsets, the first instances of
a series, answers judged by outcome, and a local time beside its zone compared as the instant it means."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage

from env import CalendarEnv
from evals.answers import final_status_of, judged_outcomes
from evals.graders import check_answer, grade
from evals.matchers import MatcherSpecError, first_mismatch, match_value, record_matches, validate_matchers
from evals.tasks import AnswerCheck, Task

SERIES = {
    "start": {"dateTime": "2026-03-10T15:00:00-04:00", "timeZone": "America/New_York"},
    "end": {"dateTime": "2026-03-10T15:30:00-04:00", "timeZone": "America/New_York"},
    "recurrence": ["RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=4"],
    "attendees": [{"email": "Ana@acme.com"}, {"email": "bo@acme.com"}, {"email": "cy@acme.com"}],
}


def test_emails_include_is_a_subset_not_an_equality() -> None:
    assert match_value({"$emails_include": ["ana@acme.com", "BO@acme.com"]}, SERIES["attendees"])
    assert not match_value({"$emails_include": ["ana@acme.com", "dee@acme.com"]}, SERIES["attendees"])
    assert not match_value({"$emails": ["ana@acme.com", "bo@acme.com"]}, SERIES["attendees"])
    assert not match_value({"$emails_include": ["ana@acme.com"]}, None)


def test_first_instances_follow_the_wall_clock_across_a_dst_switch() -> None:
    # New York leaves summer time on 2026-11-01: 15:00 stays 15:00, the offset changes
    autumn = {
        **SERIES,
        "start": {"dateTime": "2026-10-27T15:00:00-04:00", "timeZone": "America/New_York"},
        "end": {"dateTime": "2026-10-27T15:30:00-04:00", "timeZone": "America/New_York"},
    }
    right = {"recurrence": {"$first_instances": ["2026-10-27T19:00:00Z", "2026-11-03T15:00:00-05:00"]}}
    assert record_matches(right, autumn)
    shifted = {"recurrence": {"$first_instances": ["2026-10-27T19:00:00Z", "2026-11-03T19:00:00Z"]}}
    problem = first_mismatch(shifted, autumn)
    assert problem is not None and "2026-11-03 20:00:00+00:00" in problem


def test_first_instances_need_enough_instances_and_see_exdates() -> None:
    four = [f"2026-03-{day}T15:00:00-04:00" for day in ("10", "17", "24", "31")]
    assert record_matches({"recurrence": {"$first_instances": four}}, SERIES)
    assert not record_matches(
        {"recurrence": {"$first_instances": [*four, "2026-04-07T15:00:00-04:00"]}}, SERIES
    )
    skipped = {
        **SERIES,
        "recurrence": [*SERIES["recurrence"], "EXDATE;TZID=America/New_York:20260317T150000"],
    }
    assert not record_matches({"recurrence": {"$first_instances": four[:2]}}, skipped)
    assert record_matches({"recurrence": {"$first_instances": [four[0], four[2]]}}, skipped)
    all_day = {"start": {"date": "2026-03-02"}, "recurrence": ["RRULE:FREQ=DAILY;COUNT=3"]}
    assert record_matches({"recurrence": {"$first_instances": ["2026-03-02", "2026-03-03"]}}, all_day)
    assert not record_matches({"recurrence": {"$first_instances": ["2026-03-02", "2026-03-04"]}}, all_day)
    assert not record_matches({"recurrence": {"$first_instances": four[:1]}}, {"start": SERIES["start"]})


def test_bad_operands_are_spec_errors() -> None:
    with pytest.raises(MatcherSpecError, match=r"\$first_instances needs"):
        validate_matchers({"recurrence": {"$first_instances": ["next tuesday"]}}, "fields")
    with pytest.raises(MatcherSpecError, match=r"\$emails_include needs"):
        validate_matchers({"attendees": {"$emails_include": "ana@acme.com"}}, "fields")


def test_a_local_time_counts_as_the_instant_it_means_in_the_zone_beside_it() -> None:
    local = {"start": {"dateTime": "2026-03-10T20:00:00", "timeZone": "Europe/Berlin"}}
    assert record_matches({"start.dateTime": {"$instant": "2026-03-10T19:00:00Z"}}, local)
    assert record_matches({"start": {"$instant": "2026-03-10T15:00:00-04:00"}}, local)
    assert not record_matches({"start.dateTime": {"$instant": "2026-03-10T20:00:00Z"}}, local)
    assert not record_matches(
        {"start.dateTime": {"$instant": "2026-03-10T19:00:00Z"}},
        {"start": {"dateTime": "2026-03-10T20:00:00"}},
    )


def _local_time_task() -> Task:
    return Task.model_validate(
        {
            "id": "berlin-explicit",
            "family": "create",
            "variant": "explicit",
            "pair_id": "berlin",
            "actor": "ana@acme.com",
            "now": "2026-03-09T09:00:00-04:00",
            "instruction": "Add 'Berlin sync' at 8pm Berlin time tomorrow.",
            "plan": [],
            "expect": [
                {
                    "kind": "created",
                    "resource": "event",
                    "match": {"summary": "Berlin sync"},
                    "fields": {
                        "start.dateTime": {"$instant": "2026-03-10T19:00:00Z"},
                        "end.dateTime": {"$instant": "2026-03-10T19:30:00Z"},
                    },
                }
            ],
        }
    )


@pytest.mark.parametrize(("hour", "passes"), [("20", True), ("21", False)])
def test_an_event_written_as_local_time_plus_zone_grades_by_its_instant(hour: str, passes: bool) -> None:
    task = _local_time_task()
    env = CalendarEnv(world=task.world, actor=task.actor, now=task.now)
    before = env.snapshot()
    zone = "Europe/Berlin"
    env.call_tool(
        "events_insert",
        {
            "calendarId": "primary",
            "summary": "Berlin sync",
            "start": {"dateTime": f"2026-03-10T{hour}:00:00", "timeZone": zone},
            "end": {"dateTime": f"2026-03-10T{hour}:30:00", "timeZone": zone},
        },
    )
    result = grade(task, env.diff(before, env.snapshot()).changes, "Added.")
    assert result.passed is passes, result.failures


def test_answer_outcomes_tolerate_wording_and_still_fail_the_wrong_outcome() -> None:
    check = AnswerCheck(outcomes=["asked_for_clarification"])
    assert check_answer(check, "There are two calendars called Team - which one should I use?") is None
    assert check_answer(check, "Did you mean the Engineering Team or the Marketing Team calendar?") is None
    problem = check_answer(check, "Added 'Sync' to Team.")
    assert problem is not None and "judged: completed" in problem
    refusal = AnswerCheck(outcomes=["reported_no_access", "reported_not_found"])
    assert check_answer(refusal, "You only have read-only access to Launch, so I can't add it.") is None
    assert check_answer(refusal, "I couldn't find a calendar called Launch.") is None
    assert check_answer(refusal, "Booked it on Launch.") is not None


def test_a_structured_final_status_wins_over_the_phrases() -> None:
    check = AnswerCheck(outcomes=["reported_no_access"])
    # the words say "can't", but the agent itself reported that it asked a question
    assert check_answer(check, "I can't tell which one you mean.", "asked_for_clarification") is not None
    assert check_answer(check, "Sorry!", "reported_no_access") is None
    assert judged_outcomes("Sorry!", "no_such_status") == set()  # an unknown status falls back to phrases


def test_final_status_is_read_from_metadata_or_a_json_answer() -> None:
    tagged = AIMessage("ok", response_metadata={"final_status": "reported_not_found"})
    assert final_status_of(tagged) == "reported_not_found"
    kwargs = AIMessage("ok", additional_kwargs={"final_status": "completed"})
    assert final_status_of(kwargs) == "completed"
    as_json = AIMessage('{"status": "asked_for_clarification", "question": "which?"}')
    assert final_status_of(as_json) == "asked_for_clarification"
    assert final_status_of(AIMessage("{not json")) is None
    assert final_status_of(AIMessage("Done.")) is None

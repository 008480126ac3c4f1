"""No-harm regression tests, dates and conditions: the user's date order settles numeric dates (8),
a stated condition ("when we are both free") is never broken by a write (9), and a conversation is
read as a conversation (10). On a world of our own (``world.yaml``), not acme."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guards import InterventionKind
from guards.pack import UserSettingsSpec
from tests.guards.noharm.helpers import INES, JONAS, PACK, check, context, event, full_guard, world

LISBON = ZoneInfo("Europe/Lisbon")


def at(day: date, hour: int, minute: int = 0) -> str:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LISBON).isoformat()


# -- 8. date order from the user's settings ----------------------------------------------------------


def test_the_users_day_first_setting_reads_03_09_as_the_third_of_september() -> None:
    verdict = check(world(), "events_insert", event(INES, "03/09/2026 12:00 AM", "03/09/2026 1:00 AM"))
    assert verdict.passed, verdict.error
    assert verdict.args["start"]["dateTime"] == "2026-09-03T00:00:00+01:00"
    assert verdict.args["end"]["dateTime"] == "2026-09-03T01:00:00+01:00"


def test_without_any_date_order_the_same_date_is_ambiguous() -> None:
    env = world()
    pack = PACK.model_copy(update={"user_settings": UserSettingsSpec()})
    args = event(INES, "03/09/2026 12:00 AM", "03/09/2026 1:00 AM")
    verdict = full_guard(env, pack).check("events_insert", args, context(env))
    assert verdict.error is not None and verdict.error["error_type"] == "format_error"
    readings = {"2026-03-09T00:00:00+00:00", "2026-09-03T00:00:00+01:00"}  # WET in March, WEST in Sept
    assert set(verdict.error["details"]["candidates"]) == readings


def test_a_date_order_set_on_the_context_wins_over_the_settings() -> None:
    env = world()
    ctx = context(env)
    ctx.date_order = "MDY"
    args = event(INES, "03/09/2026 10:00", "03/09/2026 11:00")
    verdict = full_guard(env).check("events_insert", args, ctx)
    assert verdict.passed and verdict.args["start"]["dateTime"] == "2026-03-09T10:00:00+00:00"


# -- 9. request constraints: "when we are both free" ---------------------------------------------------


WEDNESDAY = date(2026, 7, 15)  # Jonas is busy 09:00-10:30 Lisbon time; Ines 14:00-15:00


def test_a_new_event_in_a_busy_slot_breaks_a_stated_condition_and_is_blocked() -> None:
    words = ["Book a 30-minute call with Jonas tomorrow between 9 and 11am, when we're both free"]
    args = event(INES, at(WEDNESDAY, 9, 30), at(WEDNESDAY, 10), attendees=[{"email": JONAS}])
    verdict = check(world(), "events_insert", args, words)
    assert verdict.error is not None and verdict.error["error_type"] == "conflict_error"
    assert JONAS in verdict.error["details"]["busy"]
    assert verdict.error["details"]["free_slots"][0] == at(WEDNESDAY, 10, 30)


def test_a_repair_never_lands_a_write_in_a_busy_slot() -> None:
    # The agent wrote 2pm in UTC for "2pm"; the offset repair would land it on Ines's depot visit.
    words = ["Put a 30-minute carrier review on Customer Calls tomorrow at 2pm when I'm free"]
    args = event(INES, "2026-07-15T14:00:00Z", "2026-07-15T14:30:00Z")
    verdict = check(world(), "events_insert", args, words)
    assert verdict.error is not None and verdict.error["error_type"] == "conflict_error"


def test_a_free_slot_passes_unchanged() -> None:
    words = ["Book a 30-minute call with Jonas tomorrow between 9 and 11am, when we're both free"]
    args = event(INES, at(WEDNESDAY, 10, 30), at(WEDNESDAY, 11), attendees=[{"email": JONAS}])
    verdict = check(world(), "events_insert", args, words)
    assert verdict.passed, verdict.error
    assert [i.kind for i in verdict.interventions] == [InterventionKind.IDEMPOTENCY_KEY]


def test_without_a_stated_condition_a_busy_slot_is_the_users_choice() -> None:
    words = ["Book a 30-minute call with Jonas tomorrow at 9:30am"]
    args = event(INES, at(WEDNESDAY, 9, 30), at(WEDNESDAY, 10), attendees=[{"email": JONAS}])
    assert check(world(), "events_insert", args, words).passed


# -- 10. conversations, not sentences ------------------------------------------------------------------

DINNER = [
    "Is Thursday evening free for a carrier dinner?",
    "And Friday?",
    "OK, put the dinner in, it's at 7pm",
]


def dinner(day: date, hour: int) -> dict[str, object]:
    return event(INES, at(day, hour), at(day, hour + 2), summary="Carrier dinner")


def test_a_day_the_user_stated_is_never_moved_to_another_stated_day() -> None:
    for day in (date(2026, 7, 16), date(2026, 7, 17)):  # Thursday, Friday
        verdict = check(world(), "events_insert", dinner(day, 19), DINNER)
        assert verdict.passed, verdict.error
        assert verdict.args["start"]["dateTime"] == at(day, 19)
        assert not [i for i in verdict.interventions if i.kind == InterventionKind.GROUNDING]


def test_the_latest_time_wins_over_an_earlier_one() -> None:
    words = ["Let's do the carrier dinner at 6pm on Friday", "Actually make it 7pm"]
    verdict = check(world(), "events_insert", dinner(date(2026, 7, 17), 19), words)
    assert verdict.passed and verdict.args["start"]["dateTime"] == at(date(2026, 7, 17), 19)


def test_a_time_stated_alone_leaves_the_agents_date_alone() -> None:
    words = ["Plan the carrier dinner for Thursday", "It's at 7pm"]
    verdict = check(world(), "events_insert", dinner(date(2026, 7, 17), 19), words)
    assert verdict.passed
    assert verdict.args["start"]["dateTime"] == at(date(2026, 7, 17), 19)


DAYS = [
    ("Thursday", date(2026, 7, 16)),
    ("Friday", date(2026, 7, 17)),
    ("Monday", date(2026, 7, 20)),
    ("July 22", date(2026, 7, 22)),
    ("tomorrow", date(2026, 7, 15)),
]
ASKS = ["Is {day} free?", "What about {day}?", "How does {day} look?", "Could we do {day} instead?"]
TIMES = [("7pm", 19), ("6pm", 18), ("8am", 8), ("noon", 12), ("3:30pm", 15.5)]
SAYS = ["Put it in, it's at {time}", "Book it at {time}", "Let's say {time} then"]


@settings(max_examples=60, deadline=None)
@given(
    asked=st.lists(st.sampled_from(DAYS), min_size=1, max_size=3, unique=True),
    ask_forms=st.lists(st.sampled_from(ASKS), min_size=3, max_size=3),
    chosen=st.integers(min_value=0, max_value=2),
    said=st.sampled_from(TIMES),
    say_form=st.sampled_from(SAYS),
)
def test_the_gold_call_of_a_conversation_passes_unchanged(
    asked: list[tuple[str, date]], ask_forms: list[str], chosen: int, said: tuple[str, float], say_form: str
) -> None:
    """Whichever stated day the dialogue settles on, the call at the stated time is left alone."""
    messages = [form.format(day=words) for form, (words, _) in zip(ask_forms, asked, strict=False)]
    messages.append(say_form.format(time=said[0]))
    day = asked[min(chosen, len(asked) - 1)][1]
    start = datetime(day.year, day.month, day.day, tzinfo=LISBON) + timedelta(hours=said[1])
    args = event(INES, start.isoformat(), (start + timedelta(hours=1)).isoformat(), summary="Dinner")
    verdict = check(world(), "events_insert", args, messages)
    assert verdict.passed, (messages, verdict.error)
    assert [i.kind for i in verdict.interventions] == [InterventionKind.IDEMPOTENCY_KEY], messages


# -- a zone-less value when the user named another zone -------------------------------------------


def test_a_zone_less_value_is_read_in_the_zone_the_user_named_when_it_says_that_time() -> None:
    words = ["Set up a 30-minute carrier call tomorrow at 4pm Tokyo time"]
    args = event(INES, "2026-07-15 16:00", "2026-07-15 16:30")
    verdict = check(world(), "events_insert", args, words)
    assert verdict.passed, verdict.error
    assert verdict.args["start"]["dateTime"] == "2026-07-15T16:00:00+09:00"
    assert verdict.args["end"]["dateTime"] == "2026-07-15T16:30:00+09:00"


def test_a_zone_less_value_that_matches_nothing_the_user_said_is_ambiguous() -> None:
    words = ["Set up a 30-minute carrier call tomorrow at 4pm Tokyo time"]
    args = event(INES, "2026-07-15 09:00", "2026-07-15 09:30")
    verdict = check(world(), "events_insert", args, words)
    assert verdict.error is not None and verdict.error["error_type"] == "format_error"
    readings = {"2026-07-15T09:00:00+01:00", "2026-07-15T09:00:00+09:00"}
    assert set(verdict.error["details"]["candidates"]) == readings


def test_a_value_with_its_own_offset_is_never_reread() -> None:
    words = ["Set up a 30-minute carrier call tomorrow at 4pm Tokyo time"]
    args = event(INES, "2026-07-15T16:00:00+09:00", "2026-07-15T16:30:00+09:00")
    verdict = check(world(), "events_insert", args, words)
    assert verdict.passed and verdict.args["start"]["dateTime"] == "2026-07-15T16:00:00+09:00"


def test_an_agent_writing_month_first_is_read_by_the_date_the_user_stated_not_by_the_setting() -> None:
    """Ines writes day-first; an agent that writes 09/16/2026 for "Wednesday 16 September" is read by
    what the user said, and one whose readings match nothing the user said is refused."""
    words = ["Book the depot audit on Wednesday 16 September at 10am"]
    agent = event(INES, "09/16/2026 10:00 AM", "09/16/2026 11:00 AM")
    verdict = check(world(), "events_insert", agent, words)
    assert verdict.passed and verdict.args["start"]["dateTime"] == "2026-09-16T10:00:00+01:00"
    unclear = check(world(), "events_insert", event(INES, "03/09/2026 10:00", "03/09/2026 11:00"), words)
    assert unclear.error is not None and unclear.error["error_type"] == "format_error"


# -- the time of day of a recurrence -----------------------------------------------------------------

WEEKLY = {"recurrence": ["RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=8"]}


def weekly(start: str, end: str) -> dict[str, object]:
    args = {**event(INES, start, end, summary="Carrier review"), **WEEKLY}
    args["start"] = {**args["start"], "timeZone": "Europe/Lisbon"}  # type: ignore[dict-item]
    args["end"] = {**args["end"], "timeZone": "Europe/Lisbon"}  # type: ignore[dict-item]
    return args


@pytest.mark.parametrize(("clock", "at"), [("10am", "10:00"), ("9.15am", "09:15"), ("9:15 am", "09:15")])
def test_a_series_written_at_its_clock_time_in_utc_is_moved_to_the_users_zone(clock: str, at: str) -> None:
    words = [f"Add a weekly carrier review to Customer Calls every Monday at {clock}, starting next Monday"]
    slipped = weekly(f"2026-07-20T{at}:00Z", f"2026-07-20T{at[:3]}45:00Z")
    verdict = check(world(), "events_insert", slipped, words)
    assert verdict.passed, verdict.error
    assert verdict.args["start"]["dateTime"] == f"2026-07-20T{at}:00+01:00"
    assert InterventionKind.GROUNDING in {i.kind for i in verdict.interventions}


def test_a_series_clock_only_confirms_a_slip_it_never_moves_a_value() -> None:
    words = ["Add a weekly carrier review to Customer Calls every Monday at 10am, starting next Monday"]
    correct = weekly("2026-07-20T10:00:00+01:00", "2026-07-20T10:30:00+01:00")
    unchanged = check(world(), "events_insert", correct, words)
    assert unchanged.passed and unchanged.args["start"]["dateTime"] == "2026-07-20T10:00:00+01:00"
    other = weekly("2026-07-20T11:00:00+01:00", "2026-07-20T11:30:00+01:00")  # the agent's choice, not ours
    verdict = check(world(), "events_insert", other, words)
    assert verdict.passed and verdict.args["start"]["dateTime"] == "2026-07-20T11:00:00+01:00"


def test_a_series_in_another_zone_gives_no_clock() -> None:
    words = ["Add a weekly carrier review to Customer Calls every Monday at 10am Tokyo time"]
    utc = weekly("2026-07-20T10:00:00Z", "2026-07-20T10:30:00Z")
    verdict = check(world(), "events_insert", utc, words)
    assert verdict.args["start"]["dateTime"] == "2026-07-20T10:00:00Z"

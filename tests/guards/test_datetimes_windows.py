"""Windows ("later today", "first thing tomorrow"), clock phrasings, and pieces that belong together."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import extract_datetimes

NY = "America/New_York"
NOW = datetime(2026, 2, 10, 9, 0, tzinfo=ZoneInfo(NY))  # Tuesday


def found(text: str):
    return extract_datetimes(text, now=NOW, tz=NY)


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(NY))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("can we talk later today?", local(2026, 2, 10, 9), local(2026, 2, 10, 23, 59, 59)),
        ("first thing tomorrow", local(2026, 2, 11, 8), local(2026, 2, 11, 10)),
        ("let's do first thing Monday", local(2026, 2, 16, 8), local(2026, 2, 16, 10)),
        ("are you free tonight?", local(2026, 2, 10, 20), local(2026, 2, 10, 23, 59, 59)),
    ],
)
def test_vague_times_are_windows(text, start, end):
    (expression,) = found(text)
    assert (expression.grain, expression.start, expression.end) == ("datetimerange", start, end)


def test_later_today_starts_now():
    (expression,) = found("later today")
    assert expression.exact_instant


def test_first_thing_alone_is_not_a_time():
    assert found("the first thing we need is a room") == []


def test_end_of_day_is_a_deadline_point():
    (expression,) = found("I need it by end of day")
    assert expression.value == local(2026, 2, 10, 23, 59, 59)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ten past noon", time(12, 10)),
        ("quarter to midnight", time(23, 45)),
        ("half past noon", time(12, 30)),
        ("meet at 14h", time(14)),
    ],
)
def test_clock_phrasings(text, value):
    (expression,) = found(text)
    assert expression.value == value


def test_hours_with_h_alone_stay_durations():
    (expression,) = found("it took 14h")
    assert expression.grain == "duration"


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("ping me in 3/4 of an hour", 45),
        ("in three quarters of an hour", 45),
        ("in a quarter of an hour", 15),
    ],
)
def test_fractions_of_an_hour_from_now(text, minutes):
    (expression,) = found(text)
    assert expression.value == NOW + timedelta(minutes=minutes) and expression.exact_instant


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("at nine oh five tomorrow", local(2026, 2, 11, 9, 5)),
        ("Move the sync to 11 tomorrow", local(2026, 2, 11, 11)),
        ("actually make that 10:30 tomorrow", local(2026, 2, 11, 10, 30)),
    ],
)
def test_a_day_and_a_time_that_belong_together_are_one_datetime(text, value):
    (expression,) = found(text)
    assert (expression.grain, expression.value) == ("datetime", value)


def test_a_numeric_date_with_an_h_time_is_one_ambiguous_datetime():
    (expression,) = found("the handover is 6/3 at 14h")
    assert expression.grain == "datetime" and expression.ambiguous
    assert {r.value for r in expression.readings} >= {local(2026, 6, 3, 14), local(2026, 3, 6, 14)}


def test_weekday_of_a_named_week():
    (expression,) = found("tuesday of last week")
    assert expression.value == date(2026, 2, 3)


def test_a_possessive_day_is_still_the_day():
    (expression,) = found("Cancel tomorrow's review")
    assert expression.value == date(2026, 2, 11)


def test_moving_from_one_day_to_another_names_two_days():
    assert [e.value for e in found("Shift everything from Thursday to Friday")] == [
        date(2026, 2, 12),
        date(2026, 2, 13),
    ]
    (span,) = found("I'm away from Thursday to Friday")
    assert (span.grain, span.start, span.end) == ("daterange", date(2026, 2, 12), date(2026, 2, 13))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("I need the deck by end of day Friday", local(2026, 2, 13, 23, 59, 59)),
        ("send the numbers by end of day on the 20th", local(2026, 2, 20, 23, 59, 59)),
        ("Friday end of day", local(2026, 2, 13, 23, 59, 59)),
        ("by end of day", local(2026, 2, 10, 23, 59, 59)),
    ],
)
def test_end_of_day_is_the_end_of_the_day_said_beside_it(text, value):
    (expression,) = found(text)
    assert (expression.grain, expression.value) == ("datetime", value)


def test_at_the_end_of_the_day_as_an_idiom_is_no_time():
    assert found("At the end of the day, it's your call") == []


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("between 10 and noon on Thursday", local(2026, 2, 12, 10), local(2026, 2, 12, 12)),
        ("from noon to 2 on Friday", local(2026, 2, 13, 12), local(2026, 2, 13, 14)),
        ("Friday from 10pm to 2am", local(2026, 2, 13, 22), local(2026, 2, 14, 2)),
        ("from 2pm till tomorrow 4:30pm", local(2026, 2, 10, 14), local(2026, 2, 11, 16, 30)),
    ],
)
def test_a_day_written_after_a_range_is_the_day_of_both_ends(text, start, end):
    (expression,) = found(text)
    assert (expression.start, expression.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("let's talk in an hour and a half", local(2026, 2, 10, 10, 30)),
        ("back in two and a half hours", local(2026, 2, 10, 11, 30)),
        ("ping me in 1 hour and 15 minutes", local(2026, 2, 10, 10, 15)),
    ],
)
def test_in_a_compound_length_is_a_time_from_now(text, value):
    (expression,) = found(text)
    assert (expression.grain, expression.value) == ("datetime", value)


def test_in_a_day_and_a_half_names_no_calendar_day():
    assert found("in a day and a half") == []


def test_adverbs_and_places_after_a_day_or_hour_do_not_hide_it():
    (day,) = found("Is the 20th still open?")
    assert day.value == date(2026, 2, 20)
    (clock,) = found("evening 7 at the club")
    assert clock.value == time(19)


@pytest.mark.parametrize(
    "text", ["May 2 people join the call?", "We offer 24/7 support", "the Friday after the launch"]
)
def test_words_that_only_look_like_a_date_or_qualify_it_unmodelled_abstain(text):
    assert found(text) == []


def test_may_followed_by_scheduling_words_is_the_month():
    (expression,) = found("May 12 works for the offsite")
    assert expression.value == date(2026, 5, 12)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the day before Valentine's Day", date(2026, 2, 13)),
        ("the day after Presidents' Day", date(2026, 2, 17)),
    ],
)
def test_the_day_before_or_after_a_date_moves_it_one_day(text, value):
    (expression,) = found(text)
    assert (expression.text, expression.value) == (text, value)

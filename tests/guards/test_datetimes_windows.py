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

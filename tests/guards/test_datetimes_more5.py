"""Classes found with `datetime_calendar_more5.jsonl` and the metamorphic property (issue 11)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import TemporalExpression, extract_datetimes

TZ = "America/New_York"
NOW = datetime(2026, 3, 3, 9, 15, tzinfo=ZoneInfo(TZ))  # a Tuesday


def found(text: str, now: datetime = NOW) -> list[TemporalExpression]:
    return extract_datetimes(text, now=now, tz=TZ)


def one_datetime(text: str) -> datetime:
    (expression,) = found(text)
    assert expression.grain == "datetime" and not expression.ambiguous, expression
    value = expression.reading.value
    assert isinstance(value, datetime)
    return value.replace(tzinfo=None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Let's meet March 12 noon.", datetime(2026, 3, 12, 12)),
        ("Let's meet March 12, 8 in the morning.", datetime(2026, 3, 12, 8)),
        ("Let's meet the 21st of March, twenty to five pm.", datetime(2026, 3, 21, 16, 40)),
        ("Let's meet Mar 12, 5ish.", datetime(2026, 3, 12, 17)),
        ("Let's meet on the 21st noon.", datetime(2026, 3, 21, 12)),
        ("Let's meet 3pm the 21st.", datetime(2026, 3, 21, 15)),
        ("Let's meet Friday week 3 pm.", datetime(2026, 3, 13, 15)),
        ("Let's meet Friday week 6:15 in the evening.", datetime(2026, 3, 13, 18, 15)),
        ("Let's meet 15:00 a week from Friday.", datetime(2026, 3, 13, 15)),
        ("Let's meet in a week, 1500 hrs.", datetime(2026, 3, 10, 15)),
        ("The 4th of March at 10 suits me", datetime(2026, 3, 4, 10)),
        ("9am my time on Monday", datetime(2026, 3, 9, 9)),
    ],
)
def test_a_date_and_a_time_that_belong_together_are_one_datetime(text: str, expected: datetime) -> None:
    assert one_datetime(text) == expected


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("Let's meet March 12 midnight.", datetime(2026, 3, 12, 0)),  # the start or the end of the 12th
        ("Let's meet 3/12 noon.", datetime(2026, 3, 12, 12)),  # March 12 or 3 December
    ],
)
def test_a_12_before_noon_or_midnight_may_be_the_dates(text: str, reading: datetime) -> None:
    (expression,) = found(text)
    assert expression.grain == "datetime" and expression.ambiguous
    values = {r.value for r in (expression.reading, *expression.alternatives)}
    assert reading in {v.replace(tzinfo=None) for v in values if isinstance(v, datetime)}


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("The workshop runs an hour and a quarter", 4500), ("seventy-two hours", 72 * 3600)],
)
def test_durations_in_words(text: str, seconds: int) -> None:
    (expression,) = found(text)
    assert expression.grain == "duration" and expression.duration == timedelta(seconds=seconds)


@pytest.mark.parametrize(
    ("text", "minutes"), [("Back in ninety minutes", 90), ("Call me back in an hour and a quarter", 75)]
)
def test_offsets_in_words(text: str, minutes: int) -> None:
    assert one_datetime(text) == NOW.replace(tzinfo=None) + timedelta(minutes=minutes)


@pytest.mark.parametrize(
    "text", ["Standup every Monday and Wednesday at 9:15", "every Tuesday, Thursday and Friday at 9"]
)
def test_every_distributes_over_a_list_of_days(text: str) -> None:
    assert found(text) == []  # a recurrence: no single day is meant


def test_a_week_named_after_a_list_of_days_is_every_days_week() -> None:
    thursday, friday = found("Thursday or Friday next week at 2?")
    assert thursday.reading.value == date(2026, 3, 12) and not thursday.ambiguous
    friday_value = friday.reading.value
    assert isinstance(friday_value, datetime) and friday_value.date() == date(2026, 3, 13)


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        # the coming Monday the 14th is 32 days on, the last one 59 days back: the coming one
        ("Monday the 14th", datetime(2026, 11, 12, 10), date(2026, 12, 14)),
        ("Saturday the 5th", datetime(2026, 8, 20, 10), date(2026, 9, 5)),
    ],
)
def test_a_weekday_with_a_day_is_the_coming_one_within_three_months(
    text: str, now: datetime, expected: date
) -> None:
    (expression,) = found(text, now.replace(tzinfo=ZoneInfo(TZ)))
    assert expression.reading.value == expected and not expression.ambiguous


def test_a_weekday_with_a_day_only_far_away_is_ambiguous() -> None:
    (expression,) = found("Saturday the 5th", datetime(2026, 3, 7, 22, 30, tzinfo=ZoneInfo(TZ)))
    assert expression.ambiguous and len(expression.alternatives) == 1


@pytest.mark.parametrize(
    ("text", "day"), [("Let's pencil in the twenty-third", 23), ("Let's meet the 21st.", 21)]
)
def test_an_ordinal_after_a_scheduling_verb_is_a_day(text: str, day: int) -> None:
    (expression,) = found(text)
    assert expression.reading.value == date(2026, 3, day)


@pytest.mark.parametrize("text", ["book the 2nd floor room", "it was 5 the 3rd", "the 3rd quarter past nine"])
def test_near_misses_stay_unread(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I was born on 15 April of 87", date(1987, 4, 15)),
        ("She was born on twenty five January nineteen eighty six", date(1986, 1, 25)),
        ("On fifteen August nineteen hundred ninety three, the plant opened.", date(1993, 8, 15)),
    ],
)
def test_a_year_after_of_or_in_words_with_a_day_in_words(text: str, expected: date) -> None:
    (expression,) = found(text)
    assert expression.reading.value == expected and not expression.ambiguous


@pytest.mark.parametrize("text", ["5 June of 12 people", "twenty five January"])
def test_numbers_that_are_no_year_leave_the_date_unread_or_yearless(text: str) -> None:
    assert all(not isinstance(e.reading.value, date) or e.reading.value.year >= 2025 for e in found(text))

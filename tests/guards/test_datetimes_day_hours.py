"""Bare hours a day settles, "this time tomorrow", "half four", a moved "up to" (batches more10, more12)."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import TemporalExpression, extract_datetimes

TZ = "Europe/Dublin"
NOW = datetime(2026, 11, 11, 10, 30, tzinfo=ZoneInfo(TZ))  # a Wednesday


def found(text: str) -> list[TemporalExpression]:
    return extract_datetimes(text, now=NOW, tz=TZ)


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=ZoneInfo(TZ))


def datetimes(text: str) -> list[datetime]:
    return [e.reading.value for e in found(text) if isinstance(e.reading.value, datetime)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Friday at 10 for the budget review?", at(13, 10)),
        ("Thursday at 3 for the handover", at(12, 15)),
        ("tomorrow at 9 about the invoice", at(12, 9)),
        ("Tomorrow night at 10 with the Singapore team", at(12, 22)),
        ("Call me tomorrow morning at 8 re the lease", at(12, 8)),
        ("Hold an hour on Monday at 2 for interviews", at(16, 14)),
    ],
)
def test_a_day_before_at_hour_makes_it_a_time_whatever_follows(text: str, value: datetime) -> None:
    assert value in datetimes(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Shall we say 11 tomorrow?", at(12, 11)),
        ("Can we do 2 on the 20th?", at(20, 14)),
        ("What about 4 on Friday?", at(13, 16)),
        ("Make it 9 on Monday", at(16, 9)),
        ("push it to 3 tomorrow", at(12, 15)),
    ],
)
def test_an_hour_offered_before_a_day_is_a_time_that_day(text: str, value: datetime) -> None:
    assert datetimes(text) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "Friday at 5 percent interest",
        "a table for 4 on Saturday",
        "We sold 40 on Friday",
        "Monday at 9 people showed up",
    ],
)
def test_a_quantity_next_to_a_day_stays_a_quantity(text: str) -> None:
    assert datetimes(text) == []
    assert [e.grain for e in found(text)] == ["date"]


def test_this_time_tomorrow_is_tomorrow_at_the_clock_time_of_now() -> None:
    (expression,) = found("Let's pick this up this time tomorrow")
    assert expression.text == "this time tomorrow" and expression.reading.value == at(12, 10, 30)
    (week,) = found("same place, this time next week")
    assert week.reading.value == at(18, 10, 30)


def test_this_time_without_a_day_and_same_time_are_not_now() -> None:
    assert found("this time I'll bring the slides") == []
    (day,) = found("same time tomorrow?")  # the same time as what was discussed, not as now
    assert day.grain == "date" and day.reading.value == date(2026, 11, 12)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Can we do half four tomorrow?", at(12, 16, 30)),
        ("half five today works", at(11, 17, 30)),
    ],
)
def test_british_half_an_hour_before_today_or_tomorrow(text: str, value: datetime) -> None:
    assert datetimes(text) == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Shift the stand-up to 9:15 tomorrow", at(12, 9, 15)),
        ("move the follow-up to 3pm Friday", at(13, 15)),
        ("Can you move the call up to 2pm on Thursday?", at(12, 14)),
    ],
)
def test_up_to_after_a_move_is_where_the_event_goes(text: str, value: datetime) -> None:
    (expression,) = found(text)
    assert expression.grain == "datetime" and expression.reading.value == value


def test_up_to_alone_is_still_a_bound() -> None:
    (expression,) = found("I can stay up to 3pm tomorrow")
    assert expression.grain == "datetimerange"
    assert (expression.reading.start, expression.reading.end) == (None, at(12, 15))
    assert isinstance(expression.reading.end, datetime) and expression.reading.end.time() == time(15)


def test_a_lower_case_day_after_a_name_is_the_day_not_a_named_feast() -> None:
    (_, day) = found("book 1h w/ Wei Ling thurs 4pm")
    assert day.reading.value == at(12, 16)
    assert found("We demo on Launch Monday") == []  # capitals: a named day we do not know
    (typo,) = found("What's on my calendar Wendesday?")
    assert typo.reading.value == date(2026, 11, 11)

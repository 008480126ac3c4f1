"""Voice commands, invites, letters and business English (issue 11, development batch more7)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import TemporalExpression, extract_datetimes

TZ = "Asia/Dhaka"
NOW = datetime(2026, 7, 14, 11, 20, tzinfo=ZoneInfo(TZ))  # a Tuesday


def found(text: str) -> list[TemporalExpression]:
    return extract_datetimes(text, now=NOW, tz=TZ)


def readings(expression: TemporalExpression) -> list[object]:
    return [r.value for r in (expression.reading, *expression.alternatives)]


@pytest.mark.parametrize(
    ("text", "clocks", "ambiguous"),
    [
        ("Remind me at quarter to six", [time(17, 45), time(5, 45)], True),  # six is a guessed hour
        ("twenty to eight", [time(7, 40), time(19, 40)], False),  # eight is a morning hour
        ("quarter to one", [time(12, 45), time(0, 45)], False),
        ("quarter to midnight", [time(23, 45)], False),
        ("quarter to noon", [time(11, 45)], False),
    ],
)
def test_minutes_to_an_hour_take_the_named_hours_half_of_the_day(
    text: str, clocks: list[time], ambiguous: bool
) -> None:
    (expression,) = found(text)
    assert readings(expression) == clocks and expression.ambiguous is ambiguous


@pytest.mark.parametrize(
    ("text", "texts"),
    [("Can we prepone the call to 3?", ["3"]), ("Can we shift the 4pm to 5?", ["4pm", "5"])],
)
def test_the_hour_a_meeting_moves_to(text: str, texts: list[str]) -> None:
    expressions = found(text)
    assert [e.text for e in expressions] == texts
    assert expressions[-1].reading.value == time(15 if texts == ["3"] else 17)


def test_change_the_count_to_3_is_no_time() -> None:
    assert found("change the count to 3.") == []


def test_in_two_hours_time_is_an_offset() -> None:
    (expression,) = found("I'll call you back in 2 hours time")
    value = expression.reading.value
    assert isinstance(value, datetime) and value == NOW + timedelta(hours=2)


def test_til_is_until() -> None:
    (expression,) = found("in a meeting til 2:30")
    assert expression.grain == "timerange"
    assert (expression.reading.start, expression.reading.end) == (None, time(14, 30))


@pytest.mark.parametrize("text", ["Add 1/2 tsp of salt", "Tuesday's child is full of grace"])
def test_recipes_and_rhymes_are_not_dates(text: str) -> None:
    assert found(text) == []

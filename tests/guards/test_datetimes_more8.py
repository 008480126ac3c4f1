"""Ranges, bounds and windows in requests to find time (issue 11, development batch more8)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import TemporalExpression, extract_datetimes

TZ = "Europe/Warsaw"
NOW = datetime(2026, 5, 11, 14, 0, tzinfo=ZoneInfo(TZ))  # a Monday


def found(text: str) -> list[TemporalExpression]:
    return extract_datetimes(text, now=NOW, tz=TZ)


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("I'm free for the next two hours", timedelta(hours=2)),
        ("Do not disturb for the next 30 minutes", timedelta(minutes=30)),
    ],
)
def test_the_next_hours_are_a_window_from_now(text: str, length: timedelta) -> None:
    (expression,) = found(text)
    assert expression.grain == "datetimerange"
    assert (expression.reading.start, expression.reading.end) == (NOW, NOW + length)


def test_the_rest_of_the_day_runs_to_its_end() -> None:
    (expression,) = found("I'm heads-down for the rest of the day")
    end = expression.reading.end
    assert expression.reading.start == NOW and isinstance(end, datetime)
    assert (end.date(), end.hour, end.minute) == (date(2026, 5, 11), 23, 59)


def test_the_whole_afternoon_is_the_afternoon() -> None:
    (expression,) = found("Can you hold the whole afternoon on Wednesday?")
    start = expression.reading.start
    assert isinstance(start, datetime) and (start.date(), start.hour) == (date(2026, 5, 13), 12)


def test_a_pronoun_after_a_day_is_no_name() -> None:
    (expression,) = found("Thursday through Saturday I'm in Krakow")
    assert expression.grain == "daterange" and expression.reading.start == date(2026, 5, 14)


def test_a_dotted_day_and_month() -> None:
    (expression,) = found("Shall we say 14.05. then?")
    assert expression.reading.value == date(2026, 5, 14) and not expression.ambiguous


@pytest.mark.parametrize(
    "text",
    [
        "Between 1 and 4 of us will make it",
        "We need from 10 to 12 kg of flour",
        "Python 3.12. is out",
        "we grew 10.05. percent",
    ],
)
def test_counts_and_versions_are_not_times(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "EPS came in at 1.12 versus 1.05 expected",  # development batch more9: precision
        "They bought 2,400 shares at 12.15",
        "Bake at 350 until golden",
        "Install build 2024.3.1 on the staging box",
        "Mix the antibody at a 1:50 dilution",
    ],
)
def test_prices_temperatures_versions_and_ratios_are_not_times(text: str) -> None:
    assert found(text) == []


def test_a_dotted_time_after_at_is_still_a_time_without_a_price() -> None:
    (expression,) = found("meet at 12.15 tomorrow")
    value = expression.reading.value
    assert isinstance(value, datetime) and (value.hour, value.minute) == (12, 15)

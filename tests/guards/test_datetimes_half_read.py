"""Expressions read only in part, or in the wrong clock (issue 11, precision): each was a wrong answer."""

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import extract_datetimes

NY = "America/New_York"
NOW = datetime(2026, 3, 4, 10, 0, tzinfo=ZoneInfo(NY))  # a Wednesday


def found(text: str) -> list[str]:
    return [e.text for e in extract_datetimes(text, now=NOW, tz=NY)]


def test_this_time_holds_no_one_elses_time() -> None:
    (expression,) = extract_datetimes("this time tomorrow", now=NOW, tz=NY)
    # tomorrow at the clock time of now (day_hours.py), and nobody's time zone
    assert expression.zone_owner is None
    assert expression.value == datetime(2026, 3, 5, 10, 0, tzinfo=ZoneInfo(NY))
    (owned,) = extract_datetimes("9am her time on Friday", now=NOW, tz=NY)
    assert owned.zone_owner == "her"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "Date: Tue, 3 Mar 2026 17:42:10 -0600",
            datetime(2026, 3, 3, 17, 42, 10, tzinfo=timezone(timedelta(hours=-6))),
        ),
        (
            "Date: Wed, 4 Mar 2026 09:30 +0530",
            datetime(2026, 3, 4, 9, 30, tzinfo=timezone(timedelta(hours=5, minutes=30))),
        ),
    ],
)
def test_a_mail_headers_numeric_offset_is_its_zone(text: str, value: datetime) -> None:
    (expression,) = extract_datetimes(text, now=NOW, tz=NY)
    assert expression.value == value


def test_a_terse_range_is_no_offset() -> None:
    # "-1130" is no UTC offset of 10:00; the day it is attached to abstains (loose_ends)
    assert found("meet 10:00 -1130 tomorrow") == ["10:00"]


@pytest.mark.parametrize("text", ["She ran the marathon in 3:45", "the timer ends in 0:30"])
def test_a_clock_after_in_is_a_length_of_time(text: str) -> None:
    assert found(text) == []


def test_a_clock_after_in_before_a_date_is_still_a_time() -> None:
    (expression,) = extract_datetimes("Let's have a meeting in 12:30 december 27th", now=NOW, tz=NY)
    assert expression.grain == "datetime" and expression.value.time() == time(12, 30)


def test_between_two_ordinal_days_is_a_span() -> None:
    (expression,) = extract_datetimes("Can we meet between the 10th and the 12th", now=NOW, tz=NY)
    assert (expression.start, expression.end) == (date(2026, 3, 10), date(2026, 3, 12))


@pytest.mark.parametrize(
    "text", ["set something up between the 21st and 23rd.", "the 21st to the 23rd I'm away"]
)
def test_half_of_a_span_of_ordinal_days_is_not_read_alone(text: str) -> None:
    assert found(text) == []


def test_two_ordinal_days_with_the_make_a_span_without_a_word_before() -> None:
    (expression,) = extract_datetimes("I'm away the 10th to the 12th", now=NOW, tz=NY)
    assert (expression.start, expression.end) == (date(2026, 3, 10), date(2026, 3, 12))


def test_waking_leans_to_the_morning() -> None:
    (expression,) = extract_datetimes("wake me up at five thirty", now=NOW, tz=NY)
    assert expression.ambiguous and expression.value == time(5, 30)
    assert time(17, 30) in [r.value for r in expression.readings]

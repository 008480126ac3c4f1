"""Ordinal days ("the 21st", "the 2nd of next month") and the dialogue turns that use them."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import extract_datetimes

NY = "America/New_York"
NOW = datetime(2026, 2, 10, 9, 0, tzinfo=ZoneInfo(NY))  # Tuesday


def found(text: str):
    return extract_datetimes(text, now=NOW, tz=NY)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Is the 21st free?", "the 21st", date(2026, 2, 21)),
        ("is the 12th free?", "the 12th", date(2026, 2, 12)),
        ("and the 13th?", "the 13th", date(2026, 2, 13)),
        ("no, the 20th", "the 20th", date(2026, 2, 20)),
        ("how about the 19th instead?", "the 19th", date(2026, 2, 19)),
        ("the 22nd works for me", "the 22nd", date(2026, 2, 22)),
        ("Book it on the 18th of this month", "the 18th of this month", date(2026, 2, 18)),
        ("Let's do the 2nd of next month", "the 2nd of next month", date(2026, 3, 2)),
        ("Payroll runs on the 5th day of next month", "the 5th day of next month", date(2026, 3, 5)),
    ],
)
def test_an_ordinal_day_is_this_months_day(text, span, value):
    (expression,) = found(text)
    assert (expression.text, expression.grain, expression.value, expression.ambiguous) == (
        span,
        "date",
        value,
        False,
    )


def test_a_day_already_past_this_month_is_next_months_and_flagged():
    (expression,) = found("can we move it to the 3rd?")
    assert expression.value == date(2026, 3, 3)
    assert expression.ambiguous and expression.alternatives[0].value == date(2026, 2, 3)


def test_an_ordinal_day_with_a_time_is_one_datetime():
    (expression,) = found("What about the 14th at 3pm?")
    assert (expression.grain, expression.value) == (
        "datetime",
        datetime(2026, 2, 14, 15, tzinfo=ZoneInfo(NY)),
    )


def test_two_ordinal_days_joined_by_and_are_two_days():
    assert [e.value for e in found("I'm out on the 23rd and the 24th")] == [
        date(2026, 2, 23),
        date(2026, 2, 24),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "It's on the 3rd floor",
        "This is the 2nd time I've asked",
        "The 21st century is here",
        "Use the 3rd and 4th options",
        "Take the 2nd exit on the left",
        "She is the 5th speaker",
        "We are the 1st team to ship it",
    ],
)
def test_ordinals_that_are_not_days_are_not_read(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # The ordinal is the date's, not a qualifier of the range after it ("the 3rd quarter").
        ("Book it on Thu the 12th from quarter past nine to quarter to ten.", (12, 9, 15), (12, 9, 45)),
        ("on the 12th from half past two to three pm", (12, 14, 30), (12, 15, 0)),
    ],
)
def test_a_range_of_clock_words_after_an_ordinal_day_is_read_on_that_day(
    text: str, start: tuple[int, int, int], end: tuple[int, int, int]
) -> None:
    (expression,) = found(text)
    assert expression.grain == "datetimerange"
    first, last = expression.reading.start, expression.reading.end
    assert first is not None and last is not None
    assert (first.day, first.hour, first.minute) == start
    assert (last.day, last.hour, last.minute) == end


def test_an_ordinal_right_before_a_clock_word_still_qualifies_nothing_it_does_not_own() -> None:
    assert found("the 3rd quarter past nine") == []

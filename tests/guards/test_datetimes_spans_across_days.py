"""Spans across days, numbers in workplaces and written formats (more57 to more59).

"shift" and "change" are nouns in "the night shift" and "the change freeze", so the range after them is a
range, not an event moved from one time to another. Two ordinal days joined by "through" are a span; a
week named after a span of weekdays is both ends' week; a clock after a month with its day is that
day's; "at 11 Pacific" names the zone without "time".
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tests.guards.chicago_reader import CHICAGO, found


def at(day: int, hour: int, month: int = 9) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=CHICAGO)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Overnight shift Saturday 10pm to Sunday 6am", at(19, 22), at(20, 6)),
        ("The change freeze runs from 8pm Saturday to 6am Monday", at(19, 20), at(21, 6)),
        ("Late shift from 6pm tonight to 2am", at(15, 18), at(16, 2)),
        ("Night shift 10pm tonight to 6am tomorrow", at(15, 22), at(16, 6)),
        ("Shift B covers the line from 10 pm tonight to 6 am", at(15, 22), at(16, 6)),
    ],
)
def test_a_shift_or_a_freeze_is_no_move(text: str, start: datetime, end: datetime) -> None:
    [expression] = found(text)
    assert (expression.start, expression.end) == (start, end)


def test_moving_an_event_still_names_where_it_goes() -> None:
    assert [e.text for e in found("move 3pm to 4pm")] == ["3pm", "4pm"]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Tahoe trip, the 23rd through the 25th", date(2026, 9, 23), date(2026, 9, 25)),
        ("Conference in Osaka the 17th through the 19th", date(2026, 9, 17), date(2026, 9, 19)),
        ("Flying out Tuesday to Thursday next week", date(2026, 9, 22), date(2026, 9, 24)),
    ],
)
def test_spans_of_days(text: str, start: date, end: date) -> None:
    [expression] = found(text)
    assert (expression.start, expression.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Hotel check-in 15:00 on the 23rd", at(23, 15)),
        ("Thu 1st Oct 10.00 in Shibuya", at(1, 10, month=10)),
        (
            "Let's sync at 11 Pacific on Friday",
            datetime(2026, 9, 18, 11, tzinfo=ZoneInfo("America/Los_Angeles")),
        ),
        ("Sunset's not until 10 tonight", at(15, 22)),
    ],
)
def test_clocks_that_belong_to_a_day(text: str, value: datetime) -> None:
    [expression] = found(text)
    assert expression.value == value


@pytest.mark.parametrize(
    "text", ["Release 2.10.4 replaces 2.9.12 on all 40 kiosks.", "The 12/24 V adapter draws 1.5 A."]
)
def test_versions_and_voltages_are_no_dates(text: str) -> None:
    assert found(text) == []


def test_a_bound_after_a_negated_verb_stays_a_bound() -> None:
    [expression] = found("Can't take calls until Friday at noon")
    assert (expression.start, expression.end) == (None, at(18, 12))


def test_a_lower_case_weekday_before_a_numeric_date_is_read_with_it() -> None:
    [expression] = found("tutor moved to mon 9/21 at 4")
    assert (expression.value, expression.ambiguous) == (at(21, 16), False)


@pytest.mark.parametrize(
    "text",
    [
        "SEND THE 1:50 ELEVATIONS TO THE CLIENT TOMORROW AT 11",
        "shift b covers the line from 10 pm tonight to 6 am",
    ],
)
def test_capitals_and_lower_case_read_as_the_words_do(text: str) -> None:
    assert len(found(text)) == 1

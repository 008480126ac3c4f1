"""Religious calendars, freight and long messages (more60 to more62).

A name before a weekday with its clock is no named day ("ETA Rotterdam Saturday 06:00"); a place named
after a holiday spoils no neighbour ("the game at Easter Road on Saturday at 3"); a 24-hour clock after
a date reads with it ("ETA 16 Mar 0900 local"); another month's day before a date is no year of it
("not March 10, March 11 at 15:00"); the end of a range whose start was not read, and a time in a
place's local time that no table names, abstain.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.guards.chicago_reader import CHICAGO, found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ETD Yangshan Sunday 23:00", datetime(2026, 9, 20, 23, 0, tzinfo=CHICAGO)),
        (
            "Are you going to the game at Easter Road on Saturday at 3?",
            datetime(2026, 9, 19, 15, tzinfo=CHICAGO),
        ),
        ("Update from carrier: ETA 16 Oct 0900 local", datetime(2026, 10, 16, 9, tzinfo=CHICAGO)),
        ("The Christmas cantata is December 13 at 4", datetime(2026, 12, 13, 16, tzinfo=CHICAGO)),
    ],
)
def test_days_and_clocks_beside_names(text: str, value: datetime) -> None:
    [expression] = found(text)
    assert expression.value == value


def test_a_volunteer_shift_is_no_move() -> None:
    [shift] = found("Soup kitchen shift this Saturday from 9 to 1")
    assert (shift.start, shift.end) == (
        datetime(2026, 9, 19, 9, tzinfo=CHICAGO),
        datetime(2026, 9, 19, 13, tzinfo=CHICAGO),
    )


def test_another_months_day_before_a_date_is_no_year() -> None:
    rejected, offered = found("not October 10, October 11 at 15:00 is better for our side.")
    assert (rejected.value, offered.value) == (date(2026, 10, 10), datetime(2026, 10, 11, 15, tzinfo=CHICAGO))


@pytest.mark.parametrize(
    "text",
    ["what about the 28th from half six to nine in the evening instead?", "call at 9am Rotterdam local time"],
)
def test_a_half_read_range_or_an_unknown_place_abstains_on_the_time(text: str) -> None:
    assert [e.grain for e in found(text)] in ([], ["date"])


def test_a_known_name_before_a_weekday_is_still_a_named_day() -> None:
    assert found("Get tickets for Super Bowl Sunday at 6") == []


@pytest.mark.parametrize(
    "text", ["the 28th from half six to nine in the evening", "Keep the vaccines between 2 and 8 degrees"]
)
def test_an_hour_in_words_left_unread_after_a_day_spoils_it_and_degrees_are_no_hours(text: str) -> None:
    assert found(text) == []

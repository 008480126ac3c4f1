"""Precision classes of issue 11 (datetime_calendar_more2): words that look temporal but are not, the
nearest meal, evening-leaning events, and offsets and windows counted in elapsed time across a DST change.
"""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import extract_datetimes

NY = "America/New_York"
# Tuesday 1 December 2026, 10:00 in New York.
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo(NY))


def found(text: str, now: datetime = NOW, tz: str = NY):
    return extract_datetimes(text, now=now, tz=tz)


def local(*args: int, tz: str = NY) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(tz))


@pytest.mark.parametrize(
    "text",
    [
        "Decorate the Christmas tree with the kids",
        "Who is organising the Christmas party?",
        "The Thanksgiving sale starts soon",
        "Any Cyber Monday deals on laptops?",
        "I need a Halloween costume",
        "Hide an Easter egg in the app",
        "Plans for Memorial Day weekend?",
        "We are open Mon-Fri",
        "Hours: Tuesday-Saturday only",
        "Put on your Sunday best",
        "Sat down with Priya",
        "One day we'll fix this",
        "Now that it works, ship it",
        "I love Wednesday Addams",
        "Did you see Saturday Night Live",
    ],
)
def test_no_expression_in_words_that_only_look_temporal(text):
    assert found(text) == []


def test_a_holiday_named_thing_spoils_no_neighbour():
    (expression,) = found("The Christmas party is on the 18th at 2pm")
    assert expression.value == local(2026, 12, 18, 14)


def test_an_eve_party_is_that_evening():
    (expression,) = found("New Year's Eve party at 10")
    assert expression.reading.value == local(2026, 12, 31, 22)
    assert expression.ambiguous  # "party" leans to the evening; it does not settle it
    assert local(2026, 12, 31, 10) in [r.value for r in expression.readings]


def test_a_good_friday_is_a_friday_not_good_friday():
    (expression,) = found("Have a good Friday")
    assert expression.value == datetime(2026, 12, 4).date()
    (holiday,) = found("Good Friday is off")
    assert holiday.value == datetime(2027, 3, 26).date()


def test_weekdays_with_a_week_are_still_a_range():
    (expression,) = found("I'm out Mon-Fri next week")
    assert expression.grain == "daterange"


def test_the_nearest_meal_sets_the_hour():
    first, second = found("Breakfast meeting at 8 and dinner at 8")
    assert first.value == time(8)
    assert second.value == time(20)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Drinks at 6 after work", time(18)),
        ("Supper at 7 with the team", time(19)),
        ("Breakfast at 9 for 10 people", time(9)),
    ],
)
def test_a_meal_makes_a_bare_hour_a_time(text, value):
    (expression,) = found(text)
    assert expression.value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Christmas Eve dinner at 8", local(2026, 12, 24, 20)),
        ("Friday lunch at 1", local(2026, 12, 4, 13)),
        ("Boxing Day brunch at 11", local(2026, 12, 26, 11)),
    ],
)
def test_a_meal_between_a_day_and_its_time_joins_them(text, value):
    (expression,) = found(text)
    assert expression.value == value
    assert not expression.ambiguous


def test_half_an_hour_british():
    london = local(2026, 12, 1, 10, tz="Europe/London")
    (expression,) = found("See you at half six", tz="Europe/London", now=london)
    assert expression.reading.value == time(18, 30)
    assert found("cut it in half six times") == []


# Sunday 8 March 2026, 01:30 EST in New York: the clocks jump from 02:00 to 03:00.
BEFORE_SPRING = local(2026, 3, 8, 1, 30)


def test_compound_offsets_are_elapsed_time_across_a_dst_change():
    (expression,) = found("call me in 1 hour and 20 minutes", now=BEFORE_SPRING)
    assert expression.value.isoformat() == "2026-03-08T03:50:00-04:00"


def test_within_a_compound_duration_is_a_window():
    (expression,) = found("reply within 2 hours and 15 minutes", now=BEFORE_SPRING)
    assert expression.grain == "datetimerange"
    assert expression.reading.start.isoformat() == "2026-03-08T01:30:00-05:00"
    assert expression.reading.end.isoformat() == "2026-03-08T04:45:00-04:00"


def test_later_today_ends_at_midnight_on_a_dst_day():
    (expression,) = found("finish it later today", now=BEFORE_SPRING)
    assert expression.reading.end.isoformat() == "2026-03-08T23:59:59-04:00"

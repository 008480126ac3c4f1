"""Holidays by the reader's country (from the holidays package), feasts, and unknown day names."""

import warnings
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import extract_datetimes

NOW = datetime(2026, 12, 1, 10, 0)  # Tuesday, wall time in each reader's zone


def one(text: str, tz: str):
    (expression,) = extract_datetimes(text, now=NOW, tz=tz)
    return expression


@pytest.mark.parametrize(
    ("text", "tz", "value"),
    [
        ("Thanksgiving", "America/New_York", date(2026, 11, 26)),
        ("Thanksgiving", "America/Toronto", date(2026, 10, 12)),
        ("Labour Day", "America/Chicago", date(2026, 9, 7)),
        ("Labour Day", "Australia/Sydney", date(2026, 10, 5)),  # New South Wales: first Monday of October
        ("Labour Day 2027", "Australia/Melbourne", date(2027, 3, 8)),  # Victoria: second Monday of March
        ("Labour Day 2027", "Europe/Berlin", date(2027, 5, 1)),
        ("Independence Day 2027", "Asia/Kolkata", date(2027, 8, 15)),
        ("Independence Day 2027", "America/New_York", date(2027, 7, 4)),
        ("Diwali", "Asia/Kolkata", date(2026, 11, 8)),
        ("Diwali", "America/New_York", date(2026, 11, 8)),  # only India defines it
        ("Victoria Day 2027", "America/Toronto", date(2027, 5, 24)),
        ("Melbourne Cup Day 2027", "Australia/Melbourne", date(2027, 11, 2)),
        ("Culture Day", "Asia/Tokyo", date(2026, 11, 3)),
        ("Boxing Day", "Europe/London", date(2026, 12, 26)),
        ("Mother's Day 2027", "Europe/London", date(2027, 3, 7)),  # Mothering Sunday
        ("Mother's Day 2027", "America/New_York", date(2027, 5, 9)),
    ],
)
def test_the_readers_country_picks_the_day(text, tz, value):
    expression = one(text, tz)
    assert (expression.value, expression.ambiguous) == (value, False)


def test_a_name_that_differs_by_country_is_ambiguous_for_a_reader_of_unknown_country():
    expression = one("Thanksgiving 2027", "UTC")
    assert expression.ambiguous
    assert {r.value for r in expression.readings} == {date(2027, 11, 25), date(2027, 10, 11)}
    london = one("Labour Day 2027", "Europe/London")  # no British Labour Day: every country's is a reading
    assert london.ambiguous and date(2027, 9, 6) in {r.value for r in london.readings}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Easter Monday 2027", date(2027, 3, 29)),
        ("Ash Wednesday 2027", date(2027, 2, 10)),
        ("Shrove Tuesday 2027", date(2027, 2, 9)),
        ("Good Friday 2027", date(2027, 3, 26)),
        ("Whit Monday 2027", date(2027, 5, 17)),
        ("Cyber Monday 2026", date(2026, 11, 30)),
    ],
)
def test_feasts_ending_in_a_weekday_are_the_feast_not_the_weekday(text, value):
    assert one(text, "America/New_York").value == value


@pytest.mark.parametrize(
    "text", ["results come in on Super Tuesday", "we ship on Founders Friday", "Blue Monday is grim"]
)
def test_an_unknown_word_attached_to_a_weekday_abstains(text):
    assert extract_datetimes(text, now=NOW, tz="America/New_York") == []


def test_a_known_word_before_a_weekday_still_reads():
    assert one("meet Dana on Monday", "America/New_York").value == date(2026, 12, 7)
    assert one("Let's do next Monday", "America/New_York").value == date(2026, 12, 7)


def test_estimated_lunar_dates_are_only_the_readers_own_estimate():
    eid = one("Eid al-Fitr 2027", "Asia/Kolkata")
    assert eid.ambiguous and len(eid.readings) == 2
    assert extract_datetimes("Eid al-Fitr 2027", now=NOW, tz="America/New_York") == []


def test_a_holiday_and_its_time_are_one_datetime():
    expression = one("Christmas Eve at 5pm", "America/New_York")
    assert (expression.grain, expression.value) == (
        "datetime",
        datetime(2026, 12, 24, 17, tzinfo=ZoneInfo("America/New_York")),
    )


@pytest.mark.parametrize(
    ("text", "tz", "value"),
    [
        ("Family Day 2027", "America/Toronto", date(2027, 2, 15)),
        ("Children's Day 2027", "Asia/Tokyo", date(2027, 5, 5)),
        ("Victory Day 2027", "Europe/Paris", date(2027, 5, 8)),
        ("VE Day 2027", "America/New_York", date(2027, 5, 8)),
    ],
)
def test_the_readers_own_public_holidays_go_by_the_libraries_names(text, tz, value):
    assert one(text, tz).value == value


def test_another_countrys_holiday_name_is_not_known_to_the_reader():
    assert extract_datetimes("Family Day 2027", now=NOW, tz="America/New_York") == []


@pytest.mark.parametrize(
    ("text", "tz", "value"),
    [
        ("US Thanksgiving", "America/Toronto", date(2026, 11, 26)),
        ("Canadian Thanksgiving 2027", "America/New_York", date(2027, 10, 11)),
        ("Indian Independence Day 2027", "America/New_York", date(2027, 8, 15)),
        ("give us Thanksgiving off", "America/Toronto", date(2026, 10, 12)),  # "us" is no country
    ],
)
def test_a_country_named_before_a_holiday_picks_its_day(text, tz, value):
    assert one(text, tz).value == value


@pytest.mark.parametrize(
    "text",
    [
        "Chinese New Year",
        "Orthodox Easter",
        "Lunar New Year party",
        "Brazilian Independence Day",
        "Taco Tuesday",
    ],
)
def test_a_qualifier_naming_another_calendar_abstains(text):
    assert extract_datetimes(text, now=NOW, tz="America/New_York") == []


def test_a_lunar_holiday_outside_the_librarys_years_abstains_without_a_warning() -> None:
    """The ``holidays`` tables for Diwali end in 2035; the year past them abstains, and says nothing."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert extract_datetimes("Diwali 2040", now=NOW, tz="Asia/Kolkata") == []
        assert [e.reading.value for e in extract_datetimes("Diwali 2034", now=NOW, tz="Asia/Kolkata")] == [
            date(2034, 11, 10)
        ]

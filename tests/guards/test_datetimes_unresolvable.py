"""Words attached to a date or time that make the whole expression abstain (issue 11, precision)."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import extract_datetimes

NY = "America/New_York"
NOW = datetime(2026, 5, 12, 10, 0, tzinfo=ZoneInfo(NY))  # a Tuesday


def found(text: str) -> list[str]:
    return [e.text for e in extract_datetimes(text, now=NOW, tz=NY)]


@pytest.mark.parametrize(
    "text",
    [
        "Thursday at 5 Narnia time",  # the day must not survive the unknown zone after its time
        "Friday 3pm Gotham time",
        "Let's sync at noon server time",
        "call at 4pm office time tomorrow",
        "Let's do Friday-ish",
        "tomorrow-ish works",
        "Mittwoch at 10",
        "viernes 9am",
        "tomorrow at 9 or 10",
        "at 9 or 10 tomorrow",
        "1st week of Oct. on Friday.",  # a week counted in a month is unread: not this week's Friday
        "Friday of the last week of July",
        "the second week in next month on Tuesday",
    ],
)
def test_the_whole_expression_abstains(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("schedule it next week Mon 9 am or 1 pm", ["next week Mon 9 am", "1 pm"]),
        ("find us 30 minutes on 11/20, 11/22 or 11/25", ["30 minutes", "11/20", "11/22", "11/25"]),
        ("at 9 or 10 people", ["at 9"]),
        ("let's say 9ish", ["9ish"]),
        ("away the first week of June, see you Friday", ["Friday"]),
    ],
)
def test_options_that_stand_alone_and_approximate_hours_are_kept(text: str, expected: list[str]) -> None:
    assert found(text) == expected


def test_an_owner_before_time_is_no_unknown_zone() -> None:
    (expression,) = extract_datetimes("at 10 your time on Monday", now=NOW, tz=NY)
    assert expression.zone_owner == "your" and expression.ambiguous


def test_st_johns_time_is_newfoundland_not_a_person() -> None:
    (expression,) = extract_datetimes("Call at 9am St. John's time tomorrow", now=NOW, tz=NY)
    assert expression.zone_owner is None and not expression.ambiguous
    assert expression.value == datetime(2026, 5, 13, 9, tzinfo=ZoneInfo("America/St_Johns"))
    assert expression.value.utcoffset().total_seconds() == -2.5 * 3600


@pytest.mark.parametrize(
    ("text", "day"), [("Send it by COB today", date(2026, 5, 12)), ("Lunchtime tomorrow?", date(2026, 5, 13))]
)
def test_a_vague_hour_keeps_its_day_and_makes_up_no_clock_time(text: str, day: date) -> None:
    (expression,) = extract_datetimes(text, now=NOW, tz=NY)
    assert expression.grain == "date" and expression.value == day
    assert not isinstance(expression.value, (datetime, time))


LONDON = "Europe/London"
SPRING = datetime(2026, 3, 26, 11, tzinfo=ZoneInfo(LONDON))


@pytest.mark.parametrize(
    ("text", "offset_hours"),
    [("9am NY time Monday", -4), ("9am LA time Monday", -7), ("8am UK time Monday", 1)],
)
def test_short_place_names_before_time_are_zones(text: str, offset_hours: int) -> None:
    (expression,) = extract_datetimes(text, now=SPRING, tz=LONDON)
    assert expression.value.utcoffset().total_seconds() == offset_hours * 3600


@pytest.mark.parametrize("text", ["9am XY time Monday", "9am US time"])
def test_an_unknown_or_many_zoned_abbreviation_before_time_abstains(text: str) -> None:
    assert extract_datetimes(text, now=SPRING, tz=LONDON) == []

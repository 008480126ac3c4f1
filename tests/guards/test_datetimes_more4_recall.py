"""Everyday phrasing read whole rather than in pieces (issue 11, development batch more4)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import extract_datetimes

NY = "America/New_York"
NOW = datetime(2026, 5, 12, 10, 0, tzinfo=ZoneInfo(NY))  # a Tuesday
SYDNEY = "Australia/Sydney"


def one(text: str, now: datetime = NOW, tz: str = NY):
    (expression,) = extract_datetimes(text, now=now, tz=tz)
    return expression


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("15h on Monday works", datetime(2026, 5, 18, 15, tzinfo=ZoneInfo(NY))),
        ("18h Friday", datetime(2026, 5, 15, 18, tzinfo=ZoneInfo(NY))),
    ],
)
def test_an_hour_marked_h_before_a_day_is_a_clock_time(text: str, value: datetime) -> None:
    expression = one(text)
    assert expression.grain == "datetime" and expression.value == value


@pytest.mark.parametrize("text", ["I only got 8h of sleep", "It's a 10h flight"])
def test_an_hour_marked_h_elsewhere_stays_a_duration(text: str) -> None:
    assert one(text).grain == "duration"


def test_hour_words_after_from_make_a_range() -> None:
    expression = one("Are you free from ten to twelve on Thursday?")
    assert expression.grain == "datetimerange"
    assert (expression.start, expression.end) == (
        datetime(2026, 5, 14, 10, tzinfo=ZoneInfo(NY)),
        datetime(2026, 5, 14, 12, tzinfo=ZoneInfo(NY)),
    )
    assert one("Meet me at ten to twelve").value.strftime("%H:%M") == "11:50"


def test_arvo_is_the_afternoon() -> None:
    now = datetime(2026, 8, 20, 15, tzinfo=ZoneInfo(SYDNEY))
    expression = one("Footy on Saturday arvo", now, SYDNEY)
    assert expression.grain == "datetimerange"
    assert (expression.start.hour, expression.end.hour, expression.start.day) == (12, 16, 22)


def test_1st_thing_is_first_thing() -> None:
    expression = one("1st thing tmrw")
    assert expression.grain == "datetimerange"
    assert (expression.start.hour, expression.end.hour, expression.start.day) == (8, 10, 13)
    assert extract_datetimes("the 1st thing we need", now=NOW, tz=NY) == []


@pytest.mark.parametrize(
    "text", ["I worked 14h on Monday", "a 15h layover on Friday", "we spent 16h on Saturday"]
)
def test_an_h_hour_after_a_determiner_or_a_verb_of_length_stays_a_duration(text: str) -> None:
    assert [e.grain for e in extract_datetimes(text, now=NOW, tz=NY)] == ["duration", "date"]


@pytest.mark.parametrize("text", ["see u 2morrow at 10", "tmw 10am?"])
def test_chat_spellings_of_tomorrow_keep_the_day_with_the_time(text: str) -> None:
    expression = one(text)
    assert expression.grain == "datetime" and expression.value == datetime(
        2026, 5, 13, 10, tzinfo=ZoneInfo(NY)
    )

"""Weekdays counted from today in ways the plain weekday rule would misread (issue 11, precision)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import extract_datetimes

BERLIN = "Europe/Berlin"
NOW = datetime(2026, 10, 28, 9, 0, tzinfo=ZoneInfo(BERLIN))  # a Wednesday


def found(text: str) -> list[str]:
    return [e.text for e in extract_datetimes(text, now=NOW, tz=BERLIN)]


@pytest.mark.parametrize(
    ("text", "start"), [("since Monday", date(2026, 10, 26)), ("since Friday", date(2026, 10, 23))]
)
def test_since_a_weekday_is_the_one_before(text: str, start: date) -> None:
    (expression,) = extract_datetimes(text, now=NOW, tz=BERLIN)
    assert expression.grain == "daterange" and expression.start == start and expression.end is None


@pytest.mark.parametrize(
    "text",
    ["Friday gone", "this Friday gone", "last Friday but one", "Friday the 31st", "Friday the 31st at 10"],
)
def test_the_whole_expression_abstains(text: str) -> None:
    assert found(text) == []


def test_a_weekday_with_its_day_near_is_still_read() -> None:
    (expression,) = extract_datetimes("Monday the 2nd", now=NOW, tz=BERLIN)
    assert expression.value == date(2026, 11, 2) and not expression.ambiguous

"""Words and numbers that look temporal but say no time (issue 11, development batch more4)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import extract_datetimes

NY = "America/New_York"
NOW = datetime(2026, 5, 12, 10, 0, tzinfo=ZoneInfo(NY))  # a Tuesday


def found(text: str, tz: str = NY) -> list[str]:
    return [e.text for e in extract_datetimes(text, now=NOW, tz=tz)]


@pytest.mark.parametrize(
    "text",
    [
        "Jan and Dec are joining the call",  # names joined by "and", no preposition before them
        "Dec and Jan are out",
        "Meet at the Sunday market",
        "Give me a minute",
        "hang on a sec",
        "Did you watch the 6 o'clock news?",
        "from 9 to 5 on weekdays",  # a schedule, as "Mon-Fri 9-5"
        "I work weekends",
        "from ten to twelve people came",  # a "from" hour before "to twelve" is a range or nothing
        "we grew from ten to twelve",
    ],
)
def test_no_expression(text: str) -> None:
    assert found(text) == []


def test_months_after_a_preposition_are_still_months() -> None:
    assert found("Sales in Jan and Dec were low") == ["Jan", "Dec"]
    assert found("between Jan and Mar") == ["between Jan and Mar"]


def test_a_holiday_before_long_weekend_names_the_weekend() -> None:
    now = datetime(2026, 11, 30, 10, tzinfo=ZoneInfo("America/Toronto"))
    assert extract_datetimes("Family Day long weekend", now=now, tz="America/Toronto") == []
    (day,) = extract_datetimes("Family Day", now=now, tz="America/Toronto")
    assert day.value == date(2027, 2, 15)


def test_a_half_day_is_no_twelve_hours_and_spoils_no_neighbour() -> None:
    (expression,) = extract_datetimes("Can we do a half day on the 30th?", now=NOW, tz=NY)
    assert expression.text == "the 30th" and expression.value == date(2026, 5, 30)


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("I ran a 5k in 25 minutes", timedelta(minutes=25)),
        ("ran 10 miles in 2 hours", timedelta(hours=2)),
        ("we finished it in 10 minutes", timedelta(minutes=10)),
    ],
)
def test_how_long_something_took_is_a_duration_not_a_time(text: str, length: timedelta) -> None:
    (expression,) = extract_datetimes(text, now=NOW, tz=NY)
    assert expression.grain == "duration" and expression.duration == length


@pytest.mark.parametrize(
    "text", ["call me in 5 minutes", "I'll be done in 10 minutes", "the 5k starts in 45 mins"]
)
def test_an_offset_from_now_stays_a_time(text: str) -> None:
    (expression,) = extract_datetimes(text, now=NOW, tz=NY)
    assert expression.grain == "datetime"


def test_a_from_hour_before_noon_still_opens_the_range() -> None:
    now = datetime(2026, 8, 3, 15, tzinfo=ZoneInfo("America/Los_Angeles"))
    (expression,) = extract_datetimes("Hold from 9 to noon on Wednesday", now=now, tz="America/Los_Angeles")
    assert (expression.start.hour, expression.end.hour) == (9, 12)


@pytest.mark.parametrize(
    "text", ["Flat 9/30 Orchard Road", "Unit 4-12, 5 Jalan Besar", "No. 9/30 Orchard Road"]
)
def test_a_flat_or_unit_number_is_no_date(text: str) -> None:
    assert found(text) == []


def test_no_as_an_answer_keeps_the_date() -> None:
    (expression,) = extract_datetimes("no 9/30 works for me", now=NOW, tz=NY)
    assert expression.text == "9/30"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [("from 10 to 11.30 on Friday", (10, 0), (11, 30)), ("from nine to ten thirty Monday", (9, 0), (10, 30))],
)
def test_a_from_hour_joins_the_end_read_after_it(
    text: str, start: tuple[int, int], end: tuple[int, int]
) -> None:
    (expression,) = extract_datetimes(text, now=NOW, tz=NY)
    assert expression.grain == "datetimerange"
    assert (expression.start.hour, expression.start.minute) == start
    assert (expression.end.hour, expression.end.minute) == end


def test_the_end_of_a_range_after_an_h_hour_is_not_read_alone() -> None:
    assert [e.grain for e in extract_datetimes("from 13h to 15h on Friday", now=NOW, tz=NY)] != ["datetime"]
    assert all(e.grain != "datetime" for e in extract_datetimes("from 13h to 15h on Friday", now=NOW, tz=NY))


def test_from_a_number_to_a_number_of_things_is_no_time() -> None:
    assert found("from 4 to 6 people") == []

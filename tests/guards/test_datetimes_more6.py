"""Chat, rosters, itineraries and bookings (issue 11, development batch more6)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import TemporalExpression, extract_datetimes

TZ = "Europe/Athens"
NOW = datetime(2026, 10, 22, 14, 0, tzinfo=ZoneInfo(TZ))  # a Thursday, three days before the change back


def found(text: str) -> list[TemporalExpression]:
    return extract_datetimes(text, now=NOW, tz=TZ)


def wall(value: object) -> datetime:
    assert isinstance(value, datetime)
    return value.replace(tzinfo=None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ok 2nite 7ish?", datetime(2026, 10, 22, 19)),
        ("mtg moved to wed 3pm", datetime(2026, 10, 28, 15)),
        ("Shift starts 0600 tomorrow", datetime(2026, 10, 23, 6)),
        ("Your table for 4 on Sat, Oct 24 at 7:30 PM is confirmed", datetime(2026, 10, 24, 19, 30)),
    ],
)
def test_chat_and_bookings_read_as_one_datetime(text: str, expected: datetime) -> None:
    (expression,) = found(text)
    assert expression.grain == "datetime" and not expression.ambiguous
    assert wall(expression.reading.value) == expected


def test_lower_case_days_after_a_word_that_introduces_them() -> None:
    friday, monday = found("can't do fri, how abt mon?")
    assert (friday.reading.value, monday.reading.value) == (date(2026, 10, 23), date(2026, 10, 26))


@pytest.mark.parametrize("text", ["we sat on it", "c'mon, let's go", "yeah mon"])
def test_lower_case_day_words_without_a_lead_stay_words(text: str) -> None:
    assert [e.grain for e in found(text) if e.grain == "date"] == []


def test_a_bare_eve_after_a_day_is_its_evening() -> None:
    (expression,) = found("thurs eve?")
    assert expression.grain == "datetimerange"
    assert wall(expression.reading.start) == datetime(2026, 10, 22, 16)


def test_chat_drops_the_colon_after_by_or_at() -> None:
    (expression,) = found("running l8, there by 930")
    assert expression.reading.value == time(9, 30)
    assert found("Call the front desk at 303-555-0147") == []


def test_a_compact_duration_in_hours_and_minutes() -> None:
    (expression,) = found("Layover in Chicago: 1h 35m")
    assert expression.grain == "duration" and expression.duration == timedelta(hours=1, minutes=35)


def test_a_night_shift_ends_the_next_morning_in_the_24_hour_clock() -> None:
    shift = found("Night shift: Saturday 22:00 to 06:00 Sunday")[0]
    assert wall(shift.reading.start) == datetime(2026, 10, 24, 22)
    assert wall(shift.reading.end) == datetime(2026, 10, 25, 6)  # not 18:00: a leading zero is 24-hour


def test_a_shift_with_a_guessed_hour_offers_the_night_reading() -> None:
    (expression,) = found("can you cover my Sat 6-2?")
    assert expression.grain == "datetimerange" and expression.ambiguous
    readings = {(wall(r.start), wall(r.end)) for r in (expression.reading, *expression.alternatives)}
    assert (datetime(2026, 10, 24, 6), datetime(2026, 10, 24, 14)) in readings
    assert (datetime(2026, 10, 24, 18), datetime(2026, 10, 25, 2)) in readings


@pytest.mark.parametrize(
    "text",
    [
        "Flight LH 401 arrives 06:55+1",  # which day, and whose zone?
        "Our hours are Monday to Friday, 9 to 6",  # a window on every day, not one range
        "Use promo code OCT15 at checkout",
    ],
)
def test_things_that_only_look_like_one_time_are_not_read(text: str) -> None:
    assert found(text) == []


def test_an_offset_glued_to_a_clock_is_its_zone() -> None:
    (expression,) = found("2026-03-05T10:00+02:00")
    value = expression.reading.value
    assert isinstance(value, datetime) and value.utcoffset() == timedelta(hours=2)
    (utc,) = found("2026-03-05T10:00:00Z")
    assert isinstance(utc.reading.value, datetime) and utc.reading.value.utcoffset() == timedelta(0)
    (meeting,) = found("meeting at 10:00-11:00 tomorrow")  # a glued "-" stays a range
    assert meeting.grain == "datetimerange"

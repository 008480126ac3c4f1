"""Day parts read with clock times: never the wrong half of the day, contradictions abstain."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import extract_datetimes
from guards.datetimes.resolve import PART_HOURS

NY = "America/New_York"
NOW = datetime(2026, 2, 10, 9, 0, tzinfo=ZoneInfo(NY))  # Tuesday


def found(text: str, now: datetime = NOW):
    return extract_datetimes(text, now=now, tz=NY)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("evening 6 works", time(18)),
        ("the deploy is night 10:15", time(22, 15)),
        ("standup moved to night 9:30", time(21, 30)),
        ("afternoon 2 is fine", time(14)),
        ("morning 9 is fine", time(9)),
        ("evening at 8 then", time(20)),
        ("the party starts at seven in the night", time(19)),
        ("call me at 6 o'clock in the evening", time(18)),
        ("meet at 1 o'clock in the afternoon", time(13)),
        ("I land at 11 at night", time(23)),
        ("ring me at 4 in the morning", time(4)),
    ],
)
def test_a_part_of_the_day_picks_the_half_of_the_clock(text, value):
    (expression,) = found(text)
    assert (expression.grain, expression.value) == ("time", value)


def test_a_part_before_a_time_joins_the_day_after_it():
    (expression,) = found("remind me evening 8 tomorrow")
    assert expression.value == datetime(2026, 2, 11, 20, tzinfo=ZoneInfo(NY))


@pytest.mark.parametrize(
    "text", ["the alarm is 10pm in the morning", "see you this morning at 3pm", "morning 10pm"]
)
def test_a_time_the_part_cannot_hold_abstains(text):
    assert found(text) == []


@pytest.mark.parametrize("part", ["morning", "afternoon", "evening", "night"])
@pytest.mark.parametrize("hour", range(1, 13))
def test_no_reading_falls_outside_the_part_named(part, hour):
    for text in (
        f"{part} {hour}:15",
        f"at {hour} in the {part}" if part != "night" else f"at {hour} at night",
    ):
        for expression in found(text):
            for reading in expression.readings:
                assert isinstance(reading.value, time)
                assert reading.value.hour in PART_HOURS[part], (text, reading.value)


def test_small_hours_of_tonight_are_the_next_calendar_day():
    (later,) = found("the restart is tonight at 1am")
    assert later.value == datetime(2026, 2, 11, 1, tzinfo=ZoneInfo(NY))
    just_after_midnight = datetime(2026, 2, 10, 0, 30, tzinfo=ZoneInfo(NY))
    (same_night,) = found("the restart is tonight at 1am", now=just_after_midnight)
    assert same_night.value == datetime(2026, 2, 10, 1, tzinfo=ZoneInfo(NY))
    (friday,) = found("Friday night at 2")
    assert friday.value == datetime(2026, 2, 14, 2, tzinfo=ZoneInfo(NY))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Dinner Saturday at 8", datetime(2026, 2, 14, 20, tzinfo=ZoneInfo(NY))),
        ("breakfast meeting at 7 tomorrow", datetime(2026, 2, 11, 7, tzinfo=ZoneInfo(NY))),
        ("put the dinner in, it's at 7", time(19)),
        ("Drinks at 6?", time(18)),
    ],
)
def test_a_meal_sets_the_part_of_the_day(text, value):
    (expression,) = found(text)
    assert (expression.value, expression.ambiguous) == (value, False)


def test_a_written_meridiem_wins_over_the_meal():
    (expression,) = found("dinner at 7am, oddly")
    assert expression.value == time(7)

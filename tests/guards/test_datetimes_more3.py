"""Classes of issue 11 found with datetime_calendar_more3: weekdays a week on, feasts that open a
sentence, clock times in words, idioms that name no day, things named for a holiday, a bare hour
before a zone or a meal, spelled ordinal days and misspelt weekdays. Each positive case has a near
neighbour that must keep its old reading.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import extract_datetimes

LONDON = "Europe/London"
# Wednesday 14 October 2026, 09:00 in London (BST, +01:00).
NOW = datetime(2026, 10, 14, 9, 0, tzinfo=ZoneInfo(LONDON))


def found(text: str, now: datetime = NOW, tz: str = LONDON):
    return extract_datetimes(text, now=now, tz=tz)


def local(*args: int, tz: str = LONDON) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(tz))


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Let's meet a week on Monday", date(2026, 10, 26)),
        ("a week from Friday", date(2026, 10, 23)),
        ("Can we do Thursday fortnight?", date(2026, 10, 29)),
        ("Tuesday week works", date(2026, 10, 27)),
    ],
)
def test_a_weekday_a_week_on_is_not_the_plain_weekday(text, day):
    (expression,) = found(text)
    assert (expression.grain, expression.value, expression.ambiguous) == ("date", day, False)


def test_a_weekday_week_said_on_that_weekday_is_ambiguous():
    (expression,) = found("Wednesday week")
    assert expression.ambiguous
    assert [r.value for r in expression.readings] == [date(2026, 10, 21), date(2026, 10, 28)]


@pytest.mark.parametrize("text", ["next Thursday week", "see you Monday week 12"])
def test_a_modified_weekday_week_abstains(text):
    assert [e for e in found(text) if e.grain == "date"] == []


def test_near_neighbours_of_a_week_on_keep_their_reading():
    assert [(e.grain, e.text) for e in found("I spent a week on holiday")] == [("duration", "a week")]
    assert [e.text for e in found("a week on the project from Monday")] == ["a week", "Monday"]


def test_the_week_after_next_is_the_week_two_weeks_on():
    (expression,) = found("Can we meet the week after next?")
    assert (expression.reading.start, expression.reading.end) == (date(2026, 10, 26), date(2026, 11, 2))
    (weekend,) = found("the weekend after next")
    assert (weekend.reading.start, weekend.reading.end) == (date(2026, 10, 31), date(2026, 11, 2))
    (week,) = found("next week")
    assert (week.reading.start, week.reading.end) == (date(2026, 10, 19), date(2026, 10, 26))


def test_a_feast_opening_a_sentence_is_not_the_plain_weekday():
    assert [e.text for e in found("Remembrance Sunday falls on the 8th")] == ["the 8th"]
    assert found("Mothering Sunday") == []
    (friday,) = found("Book Friday at 3pm")
    assert friday.value == local(2026, 10, 16, 15)
    (perhaps,) = found("Perhaps Friday is better")
    assert perhaps.value == date(2026, 10, 16)


@pytest.mark.parametrize(
    ("text", "clock"),
    [
        ("twenty to nine", time(8, 40)),
        ("twenty-five to four", time(15, 35)),
        ("at ten to twelve", time(11, 50)),
    ],
)
def test_minutes_to_the_hour_in_words(text, clock):
    (expression,) = found(text)
    assert expression.value == clock


def test_minutes_to_the_hour_next_to_a_window_keep_the_clock_time():
    (expression,) = found("twenty to nine tomorrow morning")
    assert (expression.value, expression.ambiguous) == (local(2026, 10, 15, 8, 40), False)


def test_ten_to_twelve_after_from_is_no_clock_time():
    assert all(e.value != time(11, 50) for e in found("from ten to twelve"))


@pytest.mark.parametrize(
    "text",
    [
        "Call me back in a sec",
        "back in a second",
        "Happy Friday!",
        "Happy Monday, team",
        "Christmas? It falls on a Friday",
        "any Monday works",
        "Well, it's 5 o'clock somewhere",
        "We sell Labor Day mattresses",
        "Diwali greetings to all",
        "Tuesday Morning is a store",
    ],
)
def test_words_that_name_no_day_or_time(text):
    assert [e for e in found(text, tz="America/New_York") if e.text != "Christmas"] == []


def test_neighbours_of_the_idioms_keep_their_reading():
    (seconds,) = found("in 30 seconds")
    assert seconds.value == local(2026, 10, 14, 9, 0, 30)
    (good,) = found("Have a good Friday")
    assert good.value == date(2026, 10, 16)
    (clock,) = found("Friday at 5 o'clock")
    assert clock.value == local(2026, 10, 16, 17)
    (morning,) = found("Tuesday morning works")
    assert morning.reading.start == local(2026, 10, 20, 8)


def test_a_holiday_keeps_its_day_before_plans_a_meal_or_a_verb():
    ny = "America/New_York"
    (plans,) = found("Memorial Day plans", tz=ny)
    assert plans.value == date(2027, 5, 31)
    (drinks,) = found("Christmas Eve drinks at 6", tz=ny)
    assert drinks.value == datetime(2026, 12, 24, 18, tzinfo=ZoneInfo(ny))
    christmas, _friday_void = [*found("Christmas falls on a Friday", tz=ny), None]
    assert christmas is not None and christmas.value == date(2026, 12, 25)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("tmrw at 4 then", local(2026, 10, 15, 16)),
        ("Wensday at 2 works", local(2026, 10, 14, 14)),
        ("Shall we say half four on Friday?", local(2026, 10, 16, 16, 30)),
        ("tomorrow at 7 for breakfast", local(2026, 10, 15, 7)),
        ("at 9 CEST tomorrow", datetime(2026, 10, 15, 9, tzinfo=ZoneInfo("Europe/Paris"))),
        ("at 10 PT on Friday", datetime(2026, 10, 16, 10, tzinfo=ZoneInfo("America/Los_Angeles"))),
    ],
)
def test_a_day_and_its_hour_join(text, value):
    (expression,) = found(text)
    assert (expression.grain, expression.value, expression.ambiguous) == ("datetime", value, False)


def test_a_meal_after_the_hour_settles_it_and_nothing_else_does():
    (drinks,) = found("Meet at 6 for drinks")
    assert (drinks.value, drinks.ambiguous) == (time(18), False)
    assert all(e.value != local(2026, 10, 15, 7) or e.ambiguous for e in found("tomorrow at 7 for the team"))


def test_a_lower_case_abbreviation_after_a_number_is_no_zone():
    assert found("set it in 10 pt font") == []


def test_spelled_ordinal_days_from_the_thirteenth_on():
    (day,) = found("Let's do the twenty-first")
    assert day.value == date(2026, 10, 21)
    assert found("in the twenty-first century") == []
    assert found("Let's do the second") == []


NY = "America/New_York"
# Wednesday 18 November 2026, 11:00 in New York (EST, -05:00).
NOV = datetime(2026, 11, 18, 11, 0, tzinfo=ZoneInfo(NY))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Can we do the Monday after Thanksgiving?", date(2026, 11, 30)),
        ("Monday after Thanksgiving", date(2026, 11, 30)),
        ("the Friday before Christmas", date(2026, 12, 18)),
        ("the Friday before Christmas at 3pm", datetime(2026, 12, 18, 15, tzinfo=ZoneInfo(NY))),
    ],
)
def test_a_weekday_counted_from_a_date_is_not_this_weeks(text, value):
    (expression,) = found(text, now=NOV, tz=NY)
    assert expression.value == value


def test_a_weekend_counted_from_a_date():
    (before,) = found("the weekend before Thanksgiving", now=NOV, tz=NY)
    assert (before.reading.start, before.reading.end) == (date(2026, 11, 21), date(2026, 11, 23))
    (after,) = found("the weekend after Christmas", now=NOV, tz=NY)
    assert (after.reading.start, after.reading.end) == (date(2026, 12, 26), date(2026, 12, 28))


def test_a_weekday_counted_from_something_else_abstains_and_neighbours_keep_theirs():
    assert found("the Friday after the launch", now=NOV, tz=NY) == []
    assert found("the weekend after Christmas at 3pm", now=NOV, tz=NY) == []
    (monday,) = found("Monday after lunch", now=NOV, tz=NY)
    assert monday.value == date(2026, 11, 23)
    (weekend,) = found("Is the weekend free?", now=NOV, tz=NY)
    assert weekend.reading.start == date(2026, 11, 21)


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Call at 3pm in London on Friday", "Europe/London"),
        ("9am Sydney on Monday", "Australia/Sydney"),
        ("at noon London tomorrow", "Europe/London"),
    ],
)
def test_a_place_right_after_a_clock_time_is_its_zone(text, zone):
    (expression,) = found(text, now=NOV, tz=NY)
    assert expression.zone == zone
    assert expression.value.utcoffset() == expression.value.astimezone(ZoneInfo(zone)).utcoffset()


def test_a_place_name_that_goes_on_or_an_unknown_room_is_no_zone():
    (bridge,) = found("Meet at 3pm in London Bridge station", now=NOV, tz=NY)
    assert (bridge.text, bridge.zone) == ("3pm", None)
    (room,) = found("at 3pm in Conference Room B", now=NOV, tz=NY)
    assert room.zone is None


SYD = "Australia/Sydney"
# Friday 5 June 2026, 09:30 in Sydney (AEST, +10:00).
JUNE = datetime(2026, 6, 5, 9, 30, tzinfo=ZoneInfo(SYD))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("the morning of the 12th", datetime(2026, 6, 12, 8), datetime(2026, 6, 12, 12)),
        ("evening of the 12th", datetime(2026, 6, 12, 16), datetime(2026, 6, 12, 20)),
        ("morning of Monday", datetime(2026, 6, 8, 8), datetime(2026, 6, 8, 12)),
    ],
)
def test_the_part_of_a_day_is_not_the_whole_day(text, start, end):
    (expression,) = found(text, now=JUNE, tz=SYD)
    assert expression.grain == "datetimerange"
    bounds = (expression.reading.start.replace(tzinfo=None), expression.reading.end.replace(tzinfo=None))
    assert bounds == (start, end)


def test_the_part_of_something_else_is_no_time():
    assert found("the morning of the meeting", now=JUNE, tz=SYD) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("Monday 18.30", datetime(2026, 6, 8, 18, 30)), ("9.15 on Monday", datetime(2026, 6, 8, 9, 15))],
)
def test_a_dotted_clock_time_beside_a_day(text, value):
    (expression,) = found(text, now=JUNE, tz=SYD)
    assert expression.value.replace(tzinfo=None) == value


@pytest.mark.parametrize(
    "text", ["version 2.30 on Monday", "It costs 4.30 on Monday", "It was 4.72 on Monday"]
)
def test_a_dotted_number_beside_a_day_is_no_time(text):
    assert [e.text for e in found(text, now=JUNE, tz=SYD)] == ["Monday"]


def test_half_an_hour_word_before_a_day():
    (expression,) = found("half 9 on Monday", now=JUNE, tz=SYD)
    assert expression.value.replace(tzinfo=None) == datetime(2026, 6, 8, 9, 30)
    assert [e.text for e in found("half the team on Monday", now=JUNE, tz=SYD)] == ["Monday"]


@pytest.mark.parametrize("text", ["Merry Christmas!", "Happy Easter, everyone", "Happy New Year!"])
def test_a_holiday_greeting_names_no_day(text):
    assert found(text) == []


def test_a_holiday_next_to_the_word_happy_is_still_a_day():
    (easter,) = found("I'm off for Easter, happy to meet after")
    assert easter.text == "Easter"


@pytest.mark.parametrize("text", ["Seat 7A", "Gate 7 a bit further", "I take 2 a day", "Room 4a is free"])
def test_a_number_with_a_lone_letter_is_a_label(text):
    assert found(text, now=NOV, tz=NY) == []


def test_a_short_meridiem_glued_to_the_hour_is_still_a_time():
    (nine,) = found("call at 9a tomorrow", now=NOV, tz=NY)
    assert nine.value == datetime(2026, 11, 19, 9, tzinfo=ZoneInfo(NY))
    (three,) = found("meet at 3p", now=NOV, tz=NY)
    assert three.value == time(15)

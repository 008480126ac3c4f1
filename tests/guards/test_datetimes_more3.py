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


CHICAGO = "America/Chicago"


def test_a_wall_time_the_clocks_skip_is_not_read():
    friday = datetime(2026, 3, 6, 16, tzinfo=ZoneInfo(CHICAGO))  # clocks spring forward on Sunday 8th
    assert found("Sunday at 2:30am", now=friday, tz=CHICAGO) == []
    (before,) = found("Sunday at 1:30am", now=friday, tz=CHICAGO)
    assert before.value.utcoffset().total_seconds() == -6 * 3600
    (after,) = found("Sunday at 3:30am", now=friday, tz=CHICAGO)
    assert after.value.utcoffset().total_seconds() == -5 * 3600


def test_a_wall_time_the_clocks_repeat_is_both_instants():
    friday = datetime(2026, 10, 30, 16, tzinfo=ZoneInfo(CHICAGO))  # clocks fall back on Sunday 1 Nov
    (twice,) = found("Sunday at 1:30am", now=friday, tz=CHICAGO)
    assert twice.ambiguous
    offsets = [r.value.utcoffset().total_seconds() / 3600 for r in twice.readings[:2]]
    assert offsets == [-5, -6]
    (once,) = found("Sunday at 2:30am", now=friday, tz=CHICAGO)
    assert not once.ambiguous


DENVER = "America/Denver"
# Wednesday 9 September 2026, 10:00 in Denver (MDT, -06:00).
SEPT = datetime(2026, 9, 9, 10, tzinfo=ZoneInfo(DENVER))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("not before 10 on Monday", datetime(2026, 9, 14, 10), None),
        ("no earlier than 9 on Monday", datetime(2026, 9, 14, 9), None),
        ("not after 5pm Friday", None, datetime(2026, 9, 11, 17)),
        ("no later than 5pm Friday", None, datetime(2026, 9, 11, 17)),
        ("before 10 tomorrow", None, datetime(2026, 9, 10, 10)),
    ],
)
def test_a_negated_bound_turns_round(text, start, end):
    (expression,) = found(text, now=SEPT, tz=DENVER)
    naive = [
        p.replace(tzinfo=None) if p else None for p in (expression.reading.start, expression.reading.end)
    ]
    assert naive == [start, end]


@pytest.mark.parametrize("text", ["Tell Mr. Friday", "Ask Dr May to join", "Captain Monday says hi"])
def test_a_title_before_a_date_word_makes_a_name(text):
    assert found(text, now=SEPT, tz=DENVER) == []


def test_a_title_far_before_a_date_word_is_no_name():
    (friday,) = found("Aunt June arrives Friday", now=SEPT, tz=DENVER)
    assert friday.value == date(2026, 9, 11)


DUBLIN = "Europe/Dublin"
# Wednesday 13 May 2026, 15:00 in Dublin (IST, +01:00).
MAY = datetime(2026, 5, 13, 15, tzinfo=ZoneInfo(DUBLIN))


@pytest.mark.parametrize(
    ("text", "texts"),
    [
        ("Move my 4pm to 5", ["4pm"]),
        ("Push the 2:30 to 3", ["2:30"]),
        ("Can you move my 10:00 to 11:00?", ["10:00", "11:00"]),
    ],
)
def test_a_moved_event_and_its_new_time_are_no_range(text, texts):
    expressions = found(text, now=MAY, tz=DUBLIN)
    assert [e.text for e in expressions] == texts
    assert all(e.grain == "time" for e in expressions)


@pytest.mark.parametrize(
    "text", ["Move the review to Friday 10 to 11", "the 2:30 to 3 slot is free", "move it from 2 to 3"]
)
def test_a_new_slot_or_a_range_after_a_move_is_still_a_range(text):
    (expression,) = found(text, now=MAY, tz=DUBLIN)
    assert expression.grain in ("timerange", "datetimerange")


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Friday PM", datetime(2026, 5, 15, 12)),
        ("Monday AM", datetime(2026, 5, 18, 8)),
        ("tomorrow a.m.", datetime(2026, 5, 14, 8)),
    ],
)
def test_am_or_pm_after_a_day_is_its_morning_or_afternoon(text, start):
    (expression,) = found(text, now=MAY, tz=DUBLIN)
    assert (expression.grain, expression.reading.start.replace(tzinfo=None)) == ("datetimerange", start)


def test_am_as_a_verb_after_a_day_is_no_morning():
    (friday,) = found("Friday am I free?", now=MAY, tz=DUBLIN)
    assert (friday.grain, friday.value) == ("date", date(2026, 5, 15))


TORONTO = "America/Toronto"
# Wednesday 14 January 2026, 09:00 in Toronto.
JAN = datetime(2026, 1, 14, 9, tzinfo=ZoneInfo(TORONTO))


@pytest.mark.parametrize("text", ["Friday at midnight", "midnight on Friday"])
def test_midnight_of_a_day_is_its_end_or_its_start(text):
    (expression,) = found(text, now=JAN, tz=TORONTO)
    assert expression.ambiguous
    assert [r.value.replace(tzinfo=None) for r in expression.readings[:2]] == [
        datetime(2026, 1, 17, 0, 0),
        datetime(2026, 1, 16, 0, 0),
    ]


def test_midnight_of_a_night_is_its_end():
    for text in ("midnight tonight", "Friday night at midnight"):
        (expression,) = found(text, now=JAN, tz=TORONTO)
        assert not expression.ambiguous


KOLKATA = "Asia/Kolkata"
# Wednesday 22 July 2026, 14:00 in Kolkata.
JULY = datetime(2026, 7, 22, 14, tzinfo=ZoneInfo(KOLKATA))


def test_weekday_next_is_next_weekday_with_its_ambiguity():
    (friday,) = found("Friday next", now=JULY, tz=KOLKATA)
    assert friday.ambiguous and friday.value == date(2026, 7, 31)
    (monday,) = found("Monday next at 10", now=JULY, tz=KOLKATA)
    assert (monday.value, monday.ambiguous) == (datetime(2026, 7, 27, 10, tzinfo=ZoneInfo(KOLKATA)), False)
    (week,) = found("see you Friday next week", now=JULY, tz=KOLKATA)
    assert week.value == date(2026, 7, 31)


def test_next_to_next():
    (week,) = found("next to next week", now=JULY, tz=KOLKATA)
    assert (week.reading.start, week.reading.end) == (date(2026, 8, 3), date(2026, 8, 10))
    assert found("next to next Friday", now=JULY, tz=KOLKATA) == []

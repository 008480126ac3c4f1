"""Classes of issue 11 found with datetime_calendar_more3 (continued): wall times a DST change skips or
repeats, negated bounds, titles before date words, a moved event and its new time, am/pm after a day,
midnight of a day, and "Friday next" / "next to next week". Each has a near neighbour that keeps its
reading.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import extract_datetimes


def found(text: str, *, now: datetime, tz: str):
    return extract_datetimes(text, now=now, tz=tz)


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
        ("Move my 4pm to 5", ["4pm", "5"]),  # the bare new hour is a time too (more7)
        ("Push the 2:30 to 3", ["2:30", "3"]),
        ("Can you move my 10:00 to 11:00?", ["10:00", "11:00"]),
    ],
)
def test_a_moved_event_and_its_new_time_are_no_range(text, texts):
    expressions = found(text, now=MAY, tz=DUBLIN)
    assert [e.text for e in expressions] == texts
    assert all(e.grain == "time" for e in expressions)


@pytest.mark.parametrize("text", ["move it from 2 to 3", "Shift Tuesday's standup from 9:15 to 9:45"])
def test_a_move_from_one_time_to_another_is_no_range(text):
    # from where the event is to where it goes (more29): read as a range, a grounding guard could
    # take its end for the event's
    assert all(e.grain not in ("timerange", "datetimerange") for e in found(text, now=MAY, tz=DUBLIN))


@pytest.mark.parametrize(
    "text", ["Move the review to Friday 10 to 11", "the 2:30 to 3 slot is free", "book it from 2 to 3"]
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

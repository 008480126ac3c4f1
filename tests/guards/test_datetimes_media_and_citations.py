"""Numbers from recordings, music, law and eyesight, and a few clock forms (more42 to more45).

A position in a recording or its length is no clock ("at 3:45 in the VOD", "skip to 1:23:45", "a 4:33
track", "4:12 long"), nor a citation ("Article 2:15"), a time signature ("the riff is in 7/8") or
eyesight ("6/9 in the right eye"). "starting in 10 minutes" and "starting at 6:15pm" name when
something starts: a point, not a range open at the end. "Saturday, first match at 10" holds no first
of a month; "Sunday 19h" is 19:00 on Sunday; "from noon to 3" is a range; the hours of a recurrence
("every Saturday from 10 to noon") belong to it.
"""

from __future__ import annotations

from datetime import datetime, time

import pytest

from tests.guards.chicago_reader import CHICAGO, found


@pytest.mark.parametrize(
    "text",
    [
        "Skip to 3:45 in the VOD for the clutch",
        "At 12:03 in the VOD you can see him desync",
        "The 3:30 mark in the highlight reel is the best play",
        "Skip to 1:23:45 for the final boss fight",
        "Clip it at 1:02:33 in the VOD",
        "The opener runs 3:45 and the closer is a 7:12 epic",
        "Her new single is a 4:33 track with a long outro",
        "Track 7 is 4:12 long",
        "Article 2:15 of the Code of Companies and Associations was applied.",
        "The riff is in 7/8",
        "The bridge drops into 6/8",
        "Eye test: 6/6 in the left eye and 6/9 in the right.",
        "The alderman holds office hours every Saturday from 10 to noon.",
    ],
)
def test_positions_lengths_citations_meters_and_recurrences_are_no_times(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "clock"),
    [("meet at 3:45 in the lobby", time(15, 45)), ("the bus runs 7:15 to 9", time(7, 15))],
)
def test_clocks_near_those_words_stay_clocks(text: str, clock: time) -> None:
    [expression] = found(text)
    assert clock in (expression.value, expression.start)


def test_starting_in_an_offset_is_a_point() -> None:
    [expression] = found("Stream's starting in 10 minutes, grab snacks")
    assert expression.grain == "datetime"
    assert expression.value == datetime(2026, 9, 15, 11, 40, tzinfo=CHICAGO)


def test_starting_at_a_clock_is_a_point_and_starting_a_day_a_bound() -> None:
    assert [e.value for e in found("Our set is 45 minutes, starting at 6:15pm")][-1] == time(18, 15)
    [bound] = found("starting Monday")
    assert bound.grain == "daterange" and bound.end is None


def test_a_weekday_before_a_spelled_ordinal_of_something_else_is_the_weekday() -> None:
    [day, hour] = found("Tourney check-in is 9:30am Saturday, first match at 10")
    assert day.value == datetime(2026, 9, 19, 9, 30, tzinfo=CHICAGO)
    assert hour.value == time(10, 0)


def test_an_hour_marked_with_h_after_a_day() -> None:
    [expression] = found("Tournament final is Sunday 19h")
    assert expression.value == datetime(2026, 9, 20, 19, 0, tzinfo=CHICAGO)


def test_a_range_from_noon() -> None:
    [expression] = found("Rehearsal Saturday from noon to 3")
    assert (expression.start, expression.end) == (
        datetime(2026, 9, 19, 12, 0, tzinfo=CHICAGO),
        datetime(2026, 9, 19, 15, 0, tzinfo=CHICAGO),
    )
    assert len(expression.readings) == 2  # this Saturday and last; noon is never midnight


@pytest.mark.parametrize(
    "text",
    [
        "Keynote: 'Twenty Years of Open Science' by Prof. Dana Hale",
        "Update: the opening keynote now starts",
        "Heating on weekday mornings at 6:30",
    ],
)
def test_a_quoted_title_the_present_now_and_a_recurrence_with_its_hour_name_no_time(text: str) -> None:
    assert found(text) == []


def test_a_meal_before_a_dotted_range_makes_it_a_range_of_hours() -> None:
    [expression] = found("Morning tea 10.30-11")
    assert (expression.start, expression.end) == (time(10, 30), time(11, 0))


def test_a_game_on_a_day_stays_a_day() -> None:
    [expression] = found("let's play Friday at 3")
    assert expression.value == datetime(2026, 9, 18, 15, 0, tzinfo=CHICAGO)


@pytest.mark.parametrize(
    "text",
    [
        "The choir closed with a hymn of thanksgiving.",
        "Put Last Christmas by Wham! on the office playlist.",
        "He was grinning like a kid on Christmas morning.",
        "Honestly, this job feels like Groundhog Day.",
        "We rewatched The Nightmare Before Christmas with the kids.",
        "Asking the board to cut bonuses is like turkeys voting for Christmas.",
        "Christmas came early for the Leafs with that trade.",
        "Restart the sprint on the first Monday after New Year's Day.",
    ],
)
def test_holiday_sayings_titles_and_days_counted_from_a_holiday_we_cannot_count(text: str) -> None:
    assert found(text) == []


def test_a_bound_before_a_holiday_stays_a_bound() -> None:
    [expression] = found("book it before Christmas")
    assert expression.grain == "daterange" and expression.start is None


def test_a_wedding_breakfast_sets_no_morning() -> None:
    [expression] = found("Wedding breakfast at 5.30 in the marquee")
    assert expression.value == time(17, 30)  # the afternoon by the hour-alone rule, as after any other word

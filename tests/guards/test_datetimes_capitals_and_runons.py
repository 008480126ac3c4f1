"""Messages in capitals, long run-on messages and numbers beside dates (batches more33, more34).

Text written all in capitals reads as its words do: "BEFORE" counts back as "before" does, "NINE
THIRTY" is a clock, and "I SAT" is the verb, since a capital there marks no name. A part of the day
next to a bound settles its hour ("tonight after 9" is after 21:00 tonight). A weekday with a day of
the month is the coming such day ("Friday the 27th"). Bare ordinals read after words that offer a day
("I proposed the 17th") and before an em dash or a new clause; two slash dates joined by a dash are a
range, and a slash number with a letter after it is a code.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import TemporalExpression, extract_datetimes

TZ = "America/Chicago"
CHICAGO = ZoneInfo(TZ)
NOW = datetime(2026, 1, 13, 10, 20, tzinfo=CHICAGO)  # a Tuesday


def found(text: str, now: datetime = NOW) -> list[TemporalExpression]:
    return extract_datetimes(text, now=now, tz=TZ)


def only(text: str, now: datetime = NOW) -> TemporalExpression:
    expressions = found(text, now)
    assert len(expressions) == 1, expressions
    return expressions[0]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("3 DAYS BEFORE THE 20TH", date(2026, 1, 17)),
        ("Drop the car off 3 days BEFORE the 20th", date(2026, 1, 17)),
        ("2 DAYS AFTER THE 20TH", date(2026, 1, 22)),
    ],
)
def test_an_offset_written_in_capitals_counts_the_same_way(text: str, day: date) -> None:
    assert only(text).value == day


@pytest.mark.parametrize(
    ("text", "clock"),
    [
        ("CANCEL MY NINE THIRTY", time(9, 30)),
        ("BOOK A TABLE FOR TWO AT NINE THIRTY PM", time(21, 30)),
    ],
)
def test_number_word_clocks_in_capitals_are_clocks(text: str, clock: time) -> None:
    assert only(text).value == clock


def test_capitalised_number_words_in_mixed_case_stay_a_name() -> None:
    assert found("Seven Eleven onigiri are better than the ones at Lawson") == []


def test_the_verb_sat_in_capitals_is_no_saturday() -> None:
    assert found("I SAT IN TRAFFIC THE WHOLE WAY") == []
    assert only("OFFICE CLOSED SAT 24TH").value == date(2026, 1, 24)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("tonight after 9?", datetime(2026, 1, 13, 21, 0, tzinfo=CHICAGO), None),
        ("tonight before 11", None, datetime(2026, 1, 13, 23, 0, tzinfo=CHICAGO)),
        ("tomorrow night after 10", datetime(2026, 1, 14, 22, 0, tzinfo=CHICAGO), None),
        ("this morning until 11", None, datetime(2026, 1, 13, 11, 0, tzinfo=CHICAGO)),
    ],
)
def test_a_part_of_the_day_settles_the_hour_of_a_bound(
    text: str, start: datetime | None, end: datetime | None
) -> None:
    expression = only(text)
    assert expression.grain == "datetimerange"
    assert (expression.start, expression.end) == (start, end)
    assert not expression.ambiguous


def test_a_bound_outside_the_part_of_the_day_is_not_moved_into_it() -> None:
    bound = next(e for e in found("tonight after 6") if e.text == "after 6")
    assert bound.ambiguous  # 18:00 lies before "tonight" (from 20:00): the hour stays a guess


def test_a_weekday_with_a_day_of_the_month_is_the_coming_one() -> None:
    now = datetime(2026, 3, 5, 16, 40, tzinfo=CHICAGO)  # 27 February was a Friday, so is 27 March
    assert only("then the painters finish on Friday the 27th", now).value == date(2026, 3, 27)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("I proposed the 17th or the 18th instead", [date(2026, 1, 17), date(2026, 1, 18)]),
        ("Not the 24th \u2014 the 25th. Riku has a shift.", [date(2026, 1, 24), date(2026, 1, 25)]),
    ],
)
def test_bare_ordinals_after_an_offer_or_before_an_em_dash_are_days(text: str, days: list[date]) -> None:
    assert [e.value for e in found(text)] == days


def test_an_ordinal_before_and_a_new_clause_ends_its_bound() -> None:
    expression = only("the contractor is tied up until the 22nd and honestly I'd rather wait")
    assert (expression.start, expression.end) == (None, date(2026, 1, 22))


def test_and_before_a_noun_keeps_an_ordinal_an_ordinal() -> None:
    assert found("the 2nd and final round") == []


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Out of office 12/21-12/23, ext. 4410 covers", date(2026, 12, 21), date(2026, 12, 23)),
        ("off 21/12 - 23/12", date(2026, 12, 21), date(2026, 12, 23)),
    ],
)
def test_two_slash_dates_joined_by_a_dash_are_a_range(text: str, start: date, end: date) -> None:
    expression = only(text, datetime(2026, 12, 8, 8, 0, tzinfo=CHICAGO))
    assert (expression.grain, expression.start, expression.end) == ("daterange", start, end)


@pytest.mark.parametrize("text", ["Shipment 12/08-A is in aisle 14", "size 3/4-5 in stock"])
def test_a_slash_number_glued_to_a_code_or_a_number_is_no_date(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "clock"),
    [("Kids are collected at 3 from Room 14", time(15, 0)), ("Spin class is at 5 in studio 3B", time(17, 0))],
)
def test_a_place_after_a_bare_hour_ends_the_time(text: str, clock: time) -> None:
    assert only(text).value == clock


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("11:30 AM KOLKATA TIME ON FRIDAY", "Asia/Kolkata"),
        ("3PM LONDON TIME FRIDAY", "Europe/London"),
        ("CALL AT 9AM EST TOMORROW", "America/New_York"),
    ],
)
def test_a_place_or_abbreviation_in_capitals_still_names_its_zone(text: str, zone: str | None) -> None:
    expression = only(text)
    assert expression.zone == zone
    assert expression.grain == "datetime"


@pytest.mark.parametrize(
    ("text", "clock", "zone"),
    [("MEETING AT 9 ET", time(9, 0), "America/New_York"), ("LAUNCH AT 1400 GMT", time(14, 0), "UTC")],
)
def test_abbreviations_in_capitals_keep_their_zone(text: str, clock: time, zone: str) -> None:
    expression = only(text)
    assert (expression.value, expression.zone) == (clock, zone)


@pytest.mark.parametrize(
    ("text", "owner"),
    [("3PM HIS TIME ON FRIDAY", "his"), ("DOES 4PM YOUR TIME WORK?", "your")],
)
def test_an_owner_in_capitals_is_no_place(text: str, owner: str) -> None:
    expression = only(text)
    assert (expression.zone_owner or "").lower() == owner
    assert expression.ambiguous


@pytest.mark.parametrize("text", ["SUITE 1730, 1055 WEST GEORGIA ST", "PICKUP AT 4 AT THE WEST ENTRANCE"])
def test_an_abbreviation_that_is_an_english_word_names_no_zone_in_capitals(text: str) -> None:
    assert all(e.zone is None for e in found(text))
    assert all(e.text != "1055" for e in found(text))


def test_days_heading_bulleted_lines_are_days_in_lower_case() -> None:
    note = "- wed 7am: spin class\n- tue off\n- fri: off\n- sat: football"
    assert [e.value for e in found(note) if e.grain == "date"] == [
        date(2026, 1, 13),
        date(2026, 1, 16),
        date(2026, 1, 17),
    ]


def test_a_bulleted_word_that_is_no_day_heading_stays_a_word() -> None:
    assert found("- sun cream\n- hat\n- sat nav") == []


def test_an_ordinal_before_a_colon_is_a_day_and_a_number_before_one_a_clock() -> None:
    now = datetime(2026, 8, 27, 11, 45, tzinfo=CHICAGO)
    assert only("- mon 31st: Sipho's leaving do", now).value == date(2026, 8, 31)
    assert only("Mon 31st: leaving do", now).text == "Mon 31st"
    assert only("at 3:30", now).value == time(15, 30)

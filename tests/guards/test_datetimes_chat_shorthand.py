"""Phone texts in shorthand and relative days as British English writes them (batches more26, more28).

"2moro", "2day", "2nite" stand wherever "tomorrow", "today", "tonight" do; "b4" is "before", "til" is
"till", "nxt" is "next", "wknd" is "weekend"; lower-case short weekdays read beside a clock, a range of
hours, an ordinal day or a part of the day, never as the verb or the noun ("she sat next 2 me", "the sun
morning glow"). "tomorrow week" and "a week tomorrow" are a week after tomorrow; "the Monday after next"
a week after the Monday "next Monday" names.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import TemporalExpression, extract_datetimes

TZ = "Europe/London"
LONDON = ZoneInfo(TZ)
NOW = datetime(2026, 10, 12, 9, 30, tzinfo=LONDON)  # a Monday


def found(text: str) -> list[TemporalExpression]:
    return extract_datetimes(text, now=NOW, tz=TZ)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 10, day, hour, minute, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("c u 2moro @ 11 at the station", at(13, 11)),
        ("lunch 12.30 2moro?", at(13, 12, 30)),
        ("need it by 5 2moro", at(13, 17)),
        ("cinema 2day 3.45?", at(12, 15, 45)),
        ("half 7 2nite at the pub?", at(12, 19, 30)),
        ("thurs 12.30 lunch @ the hawker centre", at(15, 12, 30)),
        ("sat 17th 2pm bday party", at(17, 14)),
        ("wed 14th 11am at the office?", at(14, 11)),
        ("train gets in 18:42 x", time(18, 42)),
        ("Move my haircut to tomorrow week at 11", at(20, 11)),
        ("Can we do the tire swap a week tomorrow?", date(2026, 10, 20)),
        ("Book my oil change for the Monday after next", date(2026, 10, 26)),
    ],
)
def test_shorthand_points_read(text: str, value: object) -> None:
    [expression] = found(text)
    assert expression.reading.value == value and not expression.ambiguous


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("at the office til 5 2day", None, at(12, 17)),
        ("drop the keys 2moro b4 9 pls", None, at(13, 9)),
        ("need the car back b4 noon 2moro", None, at(13, 12)),
        ("free after 3 2day", at(12, 15), None),
        ("climbing sat 9-12?", at(17, 9), at(17, 12)),
        ("pool party sat 2-5", at(17, 14), at(17, 17)),
        ("u around sat morning?", at(17, 8), at(17, 12)),
        ("u free this wknd?", date(2026, 10, 17), date(2026, 10, 19)),
    ],
)
def test_shorthand_ranges_and_bounds_read(text: str, start: object, end: object) -> None:
    [expression] = found(text)
    assert (expression.reading.start, expression.reading.end) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "she sat next 2 me on the bus",
        "the sun morning glow",
        "b4 u go",
        "she sat 26th in the race",
        "we sat at 6 desks",
    ],
)
def test_verbs_and_nouns_are_no_days(text: str) -> None:
    assert found(text) == []


def test_sat_before_an_at_sign_and_an_hour_is_saturday() -> None:
    [expression] = found("swim sat @ 6?")  # "@" is chat's, not the verb's "sat at"
    assert expression.ambiguous and {r.value for r in expression.readings} >= {at(17, 6), at(17, 18)}


def test_nxt_is_next_with_its_ambiguity() -> None:
    [expression] = found("nxt fri 3pm?")  # said on a Monday: this week's Friday is still ahead
    assert expression.ambiguous and {r.value for r in expression.readings} == {at(16, 15), at(23, 15)}


def test_the_friday_after_next_is_ambiguous_while_next_friday_is() -> None:
    wednesday = datetime(2026, 3, 11, 14, tzinfo=ZoneInfo("America/Chicago"))
    [expression] = extract_datetimes("Let's do the Friday after next", now=wednesday, tz="America/Chicago")
    assert expression.ambiguous
    assert {r.value for r in expression.readings} == {date(2026, 3, 20), date(2026, 3, 27)}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Tomorrow by 9 I will be at the ministry", at(13, 9)),
        ("See you at 3 at the market", time(15)),
    ],
)
def test_a_new_clause_or_a_place_after_a_bare_hour_ends_the_time(text: str, value: object) -> None:
    [expression] = found(text)
    assert expression.reading.value == value


@pytest.mark.parametrize(
    "text", ["Pls text me at 0917 555 1234", "My house is at Jalan SS 2/24, Petaling Jaya"]
)
def test_phone_numbers_and_street_numbers_are_no_times(text: str) -> None:
    assert found(text) == []

"""Calendar requests in English as speakers of other languages write it (batch more36).

Phrasings carried over from other languages that a careful reader is sure of: "the day 15" is the
15th, "at 10 of the morning" is "at 10 in the morning", "at 14 hours" is 14:00, "at 9 and half" is
half past nine, "the 3 of May I am away" names May. "has 12 years" is an age, not a length; "at 9
hours" may be a clock or a time since something, and stays a length as before.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import TemporalExpression, extract_datetimes

TZ = "Europe/Madrid"
MADRID = ZoneInfo(TZ)
NOW = datetime(2026, 1, 13, 10, 0, tzinfo=MADRID)  # a Tuesday


def found(text: str) -> list[TemporalExpression]:
    return extract_datetimes(text, now=NOW, tz=TZ)


def only(text: str) -> TemporalExpression:
    expressions = found(text)
    assert len(expressions) == 1, expressions
    return expressions[0]


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=MADRID)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Can we see us the day 15 at 10 of the morning?", at(1, 15, 10)),
        ("Please come the day 28 at 1 in the afternoon", at(1, 28, 13)),
        ("Let's talk tomorrow at the 9 of the morning", at(1, 14, 9)),
        ("The flight leaves at 8 of the night on Friday", at(1, 16, 20)),
        ("Can you come at 3 of the afternoon of Sunday?", at(1, 18, 15)),
        ("Call me at 6 o'clock of the evening tomorrow", at(1, 14, 18)),
        ("We arrive to Madrid tonight at 22 hours", at(1, 13, 22)),
        ("I can do it on Monday at 14 hours", at(1, 19, 14)),
        ("The appointment is the 3 of February at 9 and half", at(2, 3, 9, 30)),
    ],
)
def test_phrasings_carried_over_from_other_languages_are_read(text: str, value: datetime) -> None:
    assert only(text).value == value


def test_the_day_and_a_number_is_a_day_of_the_month() -> None:
    assert only("Can we schedule the visit for the day 25?").value == date(2026, 1, 25)


def test_the_day_and_a_number_of_something_else_is_a_count() -> None:
    assert found("the day 2 of the trip was the best") == []


def test_a_range_ending_in_o_clock_takes_the_day_after_it() -> None:
    expression = only("The workshop goes from 9 until 12 o'clock on Friday")
    assert (expression.start, expression.end) == (at(1, 16, 9), at(1, 16, 12))


def test_may_after_of_is_the_month_even_before_a_pronoun() -> None:
    assert date(2026, 5, 3) in {r.value for r in only("The 3 of May I am in Dubai").readings}
    assert found("Group 3 may join later") == []
    assert found("the 3 may go") == []


@pytest.mark.parametrize("text", ["the small one has 12 years", "My son has 7 years and he is in the CE1"])
def test_ages_are_no_lengths(text: str) -> None:
    assert found(text) == []


def test_hours_under_thirteen_after_at_stay_a_length() -> None:
    [expression] = found("pain at 9 hours")
    assert expression.grain == "duration"


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("she has 12 years of experience", 12 * 365 * 86400), ("at 14 hours of flight", 14 * 3600)],
)
def test_lengths_with_more_words_after_them_stay_lengths(text: str, seconds: int) -> None:
    expression = only(text)
    assert expression.grain == "duration"
    assert expression.duration is not None and expression.duration.total_seconds() >= seconds * 0.99


def test_a_departure_named_by_its_dotted_clock_before_a_day() -> None:
    expression = only("Get me a seat on the 7.52 tomorrow")
    assert expression.ambiguous
    assert {r.value for r in expression.readings} == {at(1, 14, 7, 52), at(1, 14, 19, 52)}
    assert {e.grain for e in found("the 7.52 figure tomorrow")} == {"date"}

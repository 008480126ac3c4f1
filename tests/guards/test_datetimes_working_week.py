"""An ordinary working week and everyday precision (batches more46 and more47).

"Wednesday afternoon's no good" reads the afternoon ("'s" is "is"); a day turned down and a day
offered are two days ("cant do tmrw, thurs at 11?"); "from 1:30 onwards" is a bound; ordinals before
"has" or "here" are days; a day before a dotted range of hours makes it a clock ("Friday 10 to
11.30"); "0600 on the 15th" is a clock; EAT, SAST, PKT and other zones of Africa and Asia are known
(and "1pm cat cafe" names no zone). Titles with a unit of time ("28 Days Later"), streets named for a
date ("14 March Road") and "Rome wasn't built in a day" name no time; "lands on 2 May" names May.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import TemporalExpression, extract_datetimes

TZ = "Asia/Singapore"
SINGAPORE = ZoneInfo(TZ)
NOW = datetime(2026, 12, 8, 17, 10, tzinfo=SINGAPORE)  # a Tuesday


def found(text: str) -> list[TemporalExpression]:
    return extract_datetimes(text, now=NOW, tz=TZ)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=SINGAPORE)


def test_a_day_part_before_a_contracted_is_stays_a_time() -> None:
    [expression] = found("Wednesday afternoon's no good")
    assert expression.start == at(9, 12)
    assert found("2026's budget is tight") == []


def test_a_day_turned_down_and_a_day_offered_are_two_days() -> None:
    [refused, offered] = found("cant do tmrw, thurs at 11?")
    assert refused.value == date(2026, 12, 9)
    assert offered.value == at(10, 11)


def test_a_day_that_restates_another_is_one_day() -> None:
    [expression] = found("tomorrow, Wednesday at 10")
    assert expression.value == at(9, 10)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Thursday from 1:30 onwards is open", at(10, 13, 30), None),
        ("Friday 10 to 11.30 is yours", at(11, 10), at(11, 11, 30)),
    ],
)
def test_a_day_with_a_bound_or_a_dotted_range(text: str, start: datetime, end: datetime | None) -> None:
    [expression] = found(text)
    assert (expression.start, expression.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("which is 9am on the 22nd here", at(22, 9)),
        ("Vessel ETA is 0600 on the 15th", at(15, 6)),
        (
            "The Nairobi team proposes 11am EAT on Friday",
            datetime(2026, 12, 11, 11, 0, tzinfo=timezone(timedelta(hours=3))),
        ),
    ],
)
def test_clocks_with_a_day_after_them(text: str, value: datetime) -> None:
    [expression] = found(text)
    assert expression.value == value


def test_ordinals_before_has_are_days() -> None:
    assert len(found("The board meeting on the 1st has moved to the 3rd.")) == 2


def test_an_abbreviation_that_is_an_english_word_in_lower_case_is_the_word() -> None:
    [expression] = found("lunch at 1pm cat cafe")
    assert expression.value == time(13, 0) and expression.zone is None


@pytest.mark.parametrize(
    "text",
    [
        "We watched 28 Days Later with the lights off",
        "Our first dance was Eight Days a Week",
        "We sang The Twelve Days of Christmas at the school concert",
        "Our new flat is 14 March Road, above the launderette",
        "Rome wasn't built in a day",
        "Use a 3/8 drill bit for the hinges",
        "2.50-3.50 each",
    ],
)
def test_titles_streets_sayings_and_sizes_name_no_time(text: str) -> None:
    assert found(text) == []


def test_a_month_after_on_before_another_word_is_the_month() -> None:
    [expression] = found("May lands on 2 May on QF 432")
    assert expression.value == date(2027, 5, 2) or date(2027, 5, 2) in {r.value for r in expression.readings}
    assert found("we may go on 2 may be") == []


@pytest.mark.parametrize(
    "text",
    [
        "Meter reading: 04512 day, 01877 night",
        "Council tax is band D at 9 Sunday Lane",
        "First and last month's rent is $2,650",
    ],
)
def test_meter_readings_streets_and_deposits_name_no_time(text: str) -> None:
    assert found(text) == []


def test_last_months_rent_alone_is_last_month() -> None:
    [expression] = found("I paid last month's rent")
    assert expression.grain == "daterange"


def test_a_part_of_the_day_settles_both_ends_of_a_range() -> None:
    [expression] = found("The removalists will be there Monday morning between 7 and 9")
    assert (expression.start, expression.end) == (at(14, 7), at(14, 9))
    assert not expression.ambiguous


def test_a_spelled_hour_after_by_keeps_its_meridiem_and_day() -> None:
    [expression] = found("remind me by five pm today to call the landlord")
    assert expression.value == at(8, 17)

"""Clocks as dictation and chat write them, and zones written in lower case or after a 24-hour clock
(the seventh round's batches more19, more22 and more23, and the lower-case probe over the corpora)."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import TemporalExpression, extract_datetimes

TZ = "Europe/London"
NOW = datetime(2026, 11, 10, 14, 30, tzinfo=ZoneInfo(TZ))  # a Tuesday
LONDON = ZoneInfo(TZ)


def found(text: str, tz: str = TZ) -> list[TemporalExpression]:
    return extract_datetimes(text, now=NOW.astimezone(ZoneInfo(tz)), tz=tz)


def one(text: str, tz: str = TZ) -> TemporalExpression:
    [expression] = found(text, tz)
    return expression


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("um call mum at 6 30 this evening", datetime(2026, 11, 10, 18, 30, tzinfo=LONDON)),
        ("set an alarm for 6 45 am", time(6, 45)),
        ("book a cab for 5 45 am tomorrow", datetime(2026, 11, 11, 5, 45, tzinfo=LONDON)),
        ("book a haircut for sunday at 11 30", datetime(2026, 11, 15, 11, 30, tzinfo=LONDON)),
        ("the kids get out at 2 45 on friday", datetime(2026, 11, 13, 14, 45, tzinfo=LONDON)),
        ("book a table for four at eight pm on friday", datetime(2026, 11, 13, 20, tzinfo=LONDON)),
        ("earliest I can do is 4 tomorrow", datetime(2026, 11, 11, 16, tzinfo=LONDON)),
        ("the electrician is coming at 9 on wednesday", datetime(2026, 11, 11, 9, tzinfo=LONDON)),
        ("can we do fri 27th", datetime(2026, 11, 27).date()),
    ],
)
def test_dictated_and_chat_clocks_read(text: str, value: object) -> None:
    assert one(text).reading.value == value


@pytest.mark.parametrize(
    "text",
    ["call me on 082 555 0134", "unit 6 30 smith street", "at 6 30 people came", "March 12 11 a.m. sharp"],
)
def test_numbers_with_a_space_stay_numbers_or_a_day_and_a_clock(text: str) -> None:
    for expression in found(text):
        assert expression.grain == "datetime" and expression.text.lower().startswith("march 12 11")


@pytest.mark.parametrize(
    ("text", "offset_hours", "clock"),
    [
        ("meet at 3 gmt tomorrow", 0, time(15)),
        ("meet at 9 cest tomorrow", 2, time(9)),
        ("noon et tomorrow", -5, time(12)),
        ("The release goes out at 1400 GMT tomorrow", 0, time(14)),
        ("Send the numbers by 1700 UTC tomorrow", 0, time(17)),
    ],
)
def test_a_zone_in_lower_case_or_after_a_24_hour_clock_is_kept(
    text: str, offset_hours: int, clock: time
) -> None:
    value = one(text).reading.value
    assert isinstance(value, datetime)
    assert value.utcoffset() == timedelta(hours=offset_hours) and value.timetz().replace(tzinfo=None) == clock


@pytest.mark.parametrize("text", ["10 pt font on friday", "flight 1230 UTC", "in 2026 GMT was the default"])
def test_words_that_are_no_zones_after_a_number(text: str) -> None:
    assert all(e.grain == "date" for e in found(text))


def test_an_abbreviation_of_several_zones_read_abroad_offers_each_zones_instant() -> None:
    expression = one("Can we talk 9am CST on Monday?", tz="Asia/Tokyo")
    assert expression.ambiguous and expression.zone_problem
    offsets = {r.value.utcoffset() for r in expression.readings if isinstance(r.value, datetime)}
    assert offsets == {timedelta(hours=-6), timedelta(hours=8)}  # US Central or China, never Tokyo
    first = expression.reading.value
    assert first == datetime(2026, 11, 16, 9, tzinfo=timezone(timedelta(hours=-6)))


def test_at_home_the_abbreviation_is_the_readers_own() -> None:
    expression = one("Can we talk 9am CST on Monday?", tz="America/Chicago")
    assert expression.reading.value == datetime(2026, 11, 16, 9, tzinfo=ZoneInfo("America/Chicago"))


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("let's aim for wednesday morning dana's time", "dana"),
        ("can you find something in marco's afternoon on friday", "marco"),
    ],
)
def test_a_lower_case_owner_beside_a_part_of_the_day_keeps_the_time_hers(text: str, owner: str) -> None:
    expression = one(text)
    assert expression.zone_owner == owner and expression.ambiguous


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("your itinerary dep 07:40 thu 14 may", datetime(2026, 5, 14, 7, 40, tzinfo=LONDON)),
        ("check-out by 11:00 on sun 14 jun", datetime(2026, 6, 14, 11, tzinfo=LONDON)),
    ],
)
def test_a_lower_case_weekday_before_a_date_joins_it(text: str, value: datetime) -> None:
    expression = extract_datetimes(text, now=datetime(2026, 5, 10, 9, tzinfo=LONDON), tz=TZ)[0]
    assert expression.reading.value == value


def test_a_lower_case_short_weekday_before_may_the_verb_is_no_day() -> None:
    assert found("the sun 14 may be hot") == []


def test_a_day_and_a_bound_at_a_written_offset_read_at_that_offset() -> None:
    # raised ZoneInfoNotFoundError ("UTC-01:00" is no IANA name); found by the hypothesis property
    expression = one("TOMORROW UTC-1 SINCE 9")
    assert expression.reading.start == datetime(2026, 11, 11, 9, tzinfo=timezone(timedelta(hours=-1)))

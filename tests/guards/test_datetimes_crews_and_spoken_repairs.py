"""Aviation times and spoken calls (more64 and more65).

"1400Z" and "14:30 Zulu" are UTC; four digits before a zone or "local" are a clock. A value a speaker
takes back is no expression ("tuesday no sorry wednesday"); a spoken pair before a price is a price
("nine fifty a unit"); the words a speaker fills pauses with say nothing.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from tests.guards.chicago_reader import CHICAGO, found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The FAA line check is Friday at 1500Z", datetime(2026, 9, 18, 15, 0, tzinfo=UTC)),
        ("The ferry flight to Shannon leaves Friday at 1430 Zulu", datetime(2026, 9, 18, 14, 30, tzinfo=UTC)),
        ("Friday at 14:30 Zulu", datetime(2026, 9, 18, 14, 30, tzinfo=UTC)),
        ("Crew rest ends at 0400 local tomorrow", datetime(2026, 9, 16, 4, 0, tzinfo=CHICAGO)),
    ],
)
def test_zulu_and_local_clocks(text: str, value: datetime) -> None:
    [expression] = found(text)
    assert expression.value == value


def test_a_labelled_number_before_z_is_no_clock() -> None:
    assert found("Part 1400Z is in stock") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("can we push it to tuesday no sorry wednesday", date(2026, 9, 16)),
        ("saturday sorry i mean sunday at ten", datetime(2026, 9, 20, 10, tzinfo=CHICAGO)),
        ("let's meet tomorrow no sorry sunday", date(2026, 9, 20)),
        ("at seven no make that eight in the morning", time(8)),
        ("it's on the thirtieth sorry the thirty first", date(2026, 10, 31)),
    ],
)
def test_only_the_value_said_last_stands(text: str, value: object) -> None:
    [expression] = found(text)
    assert expression.value == value


def test_a_day_turned_down_on_purpose_is_still_read() -> None:
    assert [e.text for e in found("not Tuesday, Wednesday at 3")] == ["Tuesday", "Wednesday at 3"]


@pytest.mark.parametrize(
    "text",
    ["it was three fifty for a coffee", "it's around four fifty rupees only",
     "the quote came in at nine fifty a unit", "it's in room three twelve"],
)  # fmt: skip
def test_spoken_prices_and_rooms_are_no_clocks(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("um set an alarm for like six forty five", time(6, 45)),
        ("so it's uh the fifteenth at nine", datetime(2026, 9, 15, 9, tzinfo=CHICAGO)),
        ("the deadline's the twenty fifth", date(2026, 9, 25)),
    ],
)
def test_fillers_say_nothing(text: str, reading: object) -> None:
    [expression] = found(text)
    assert reading in [r.value for r in expression.readings]


def test_a_range_of_hour_words_after_a_day_before_a_reply() -> None:
    [expression] = found("um friday between one and three is open")
    assert (expression.start, expression.end) == (
        datetime(2026, 9, 18, 13, tzinfo=CHICAGO),
        datetime(2026, 9, 18, 15, tzinfo=CHICAGO),
    )


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Deicing pad 3 is booked tomorrow from 0600 to 0730", (16, 6, 0), (16, 7, 30)),
        ("The hangar slot is Saturday 2300 to Sunday 0500", (19, 23, 0), (20, 5, 0)),
    ],
)
def test_rotas_of_four_digit_clocks_beside_days(
    text: str, start: tuple[int, int, int], end: tuple[int, int, int]
) -> None:
    [expression] = found(text)
    assert (expression.start, expression.end) == (
        datetime(2026, 9, start[0], start[1], start[2], tzinfo=CHICAGO),
        datetime(2026, 9, end[0], end[1], end[2], tzinfo=CHICAGO),
    )


@pytest.mark.parametrize("text", ["flight 1230 UTC", "in 2026 GMT was the default"])
def test_a_flight_number_or_a_year_before_utc_is_no_clock(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Week 12 of the programme is all envelope works",
        "Drawing A-101 rev C supersedes rev B for the 1:50 details",
    ],
)
def test_a_programmes_week_and_a_drawings_scale_are_no_dates(text: str) -> None:
    assert found(text) == []


def test_a_country_names_its_zone() -> None:
    [call] = found("Site call with the Auckland office at 2pm New Zealand time on Tuesday")
    assert call.value == datetime(2026, 9, 15, 14, tzinfo=ZoneInfo("Pacific/Auckland"))

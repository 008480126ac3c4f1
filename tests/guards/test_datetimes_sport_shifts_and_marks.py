"""Numbers from sport, school, finance and shift work (batches more38 to more41).

Paces, gaps, splits and race times written like clocks are no clocks ("7:45 per mile", "1:12 down",
"broke 5:00", "1:23.45"); marks and ratings after a verb are no dates ("scored 7/9", "shot 7/10");
ratios listed after "ratio" are none either, nor a price in cents or a code after a slash. Rotas write
24-hour clocks without colons ("Tuesday 2200-0600", "the 0600 start"), which read as clocks, while
codes, counts and years of four digits do not.
"""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import TemporalExpression, extract_datetimes

TZ = "Europe/Berlin"
BERLIN = ZoneInfo(TZ)
NOW = datetime(2026, 2, 26, 13, 0, tzinfo=BERLIN)  # a Thursday


def found(text: str) -> list[TemporalExpression]:
    return extract_datetimes(text, now=NOW, tz=TZ)


@pytest.mark.parametrize(
    "text",
    [
        "Her pace was 7:45 per mile",
        "Target pace is 5:30/km for the first half",
        "Ran 20 miles at 8:10 pace",
        "Vingegaard finished 2nd, 1:12 down",
        "He finally broke 5:00 for the mile",
        "Halfway split was 1:29:40",
        "She negative-split it: 21:04 then 20:51",
        "She clocked 1:58.6 for the 800",
        "He ran 1:23.45 in qualifying",
        "He shot 7/10 from the line",
        "Ruby scored 7/9 on her spelling quiz",
        "The rubric gives 8/10 for clarity",
        "Do 4 rounds of 12/10 calories on the bike",
        "The 5/6 split class is in Room 12",
        "The board approved a 1:10 bonus issue",
        "Ratio is 1:6 on days and 1:10 on nights",
        "The miner raised $45.5m at 12.30 cents a share",
        "The paper code is 8461/1H",
        "Budget code 0830-1145 approved",
        "orders 1000-1500 units",
        "pages 1200-1230",
    ],
)
def test_numbers_of_sport_marks_money_and_codes_are_no_times(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "clock"),
    [
        ("I ran at 6:30 this morning", time(6, 30)),
        ("Wave B starts at 8:05", time(8, 5)),
        ("meet at 12.30 tomorrow", time(12, 30)),
    ],
)
def test_clocks_beside_those_words_stay_clocks(text: str, clock: time) -> None:
    [expression] = found(text)
    value = expression.value
    assert (value.time() if isinstance(value, datetime) else value) == clock


def test_a_date_after_scored_on_stays_a_date() -> None:
    [expression] = found("scored on 3/4")
    assert expression.grain == "date"


def test_the_present_state_spoils_no_time_beside_it() -> None:
    [expression] = found("The postponed game is now Tuesday at 8pm")
    assert expression.value == datetime(2026, 3, 3, 20, 0, tzinfo=BERLIN)
    assert found("the fare is now 500") == []


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        (
            "Night fill Tuesday 2200-0600",
            datetime(2026, 3, 3, 22, 0, tzinfo=BERLIN),
            datetime(2026, 3, 4, 6, 0, tzinfo=BERLIN),
        ),
        (
            "Pick shift tomorrow 0600-1430",
            datetime(2026, 2, 27, 6, 0, tzinfo=BERLIN),
            datetime(2026, 2, 27, 14, 30, tzinfo=BERLIN),
        ),
        (
            "swap for your Wednesday 1400-2200?",
            datetime(2026, 3, 4, 14, 0, tzinfo=BERLIN),
            datetime(2026, 3, 4, 22, 0, tzinfo=BERLIN),
        ),
    ],
)
def test_a_day_and_a_24_hour_range_without_colons(text: str, start: datetime, end: datetime) -> None:
    [expression] = found(text)
    assert (expression.start, expression.end) == (start, end)


def test_a_24_hour_range_without_colons_alone_is_a_range_of_clocks() -> None:
    [shift, lunch] = found("General shift 0900-1800 with 1 hour lunch")
    assert (shift.start, shift.end) == (time(9, 0), time(18, 0))
    assert lunch.grain == "duration"


def test_years_written_as_a_range_stay_years() -> None:
    [expression] = found("from 2019-2023")
    assert expression.grain == "daterange"


@pytest.mark.parametrize(
    ("text", "clocks"),
    [
        ("Clock in by 0550 for the 0600 start", [time(5, 50), time(6, 0)]),
        ("Night differential starts at 2200 and ends at 0600", [time(22, 0), time(6, 0)]),
    ],
)
def test_events_named_by_a_24_hour_clock(text: str, clocks: list[time]) -> None:
    assert [e.value for e in found(text)] == clocks


def test_a_quantity_that_changed_between_two_numbers_names_no_years() -> None:
    assert found("My rating went from 1980 to 2024 this split") == []
    [years] = found("from 2019 to 2023 I lived in Rome")
    assert years.grain == "daterange"

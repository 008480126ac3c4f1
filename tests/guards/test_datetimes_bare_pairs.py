"""A bare number pair ("14:32", "7/2", "12.30") is a date or a clock time only with evidence around it.

Scores, odds, verses, laps, timers and fractions are written the same way as dates and clock times;
a pair with no date or time word of its own is read only where a scheduling word, a thing that
happens at a time, a reply about a time, or a list with such a pair stands beside it.
"""

from __future__ import annotations

from datetime import date, time

import pytest

from tests.guards.chicago_reader import found


@pytest.mark.parametrize(
    "text",
    [
        "Kill feed shows 14:32 on the replay",
        "the timer read 00:59 when it blew",
        "He won the hand 7/2 offsuit",
        "The scoreboard said 12:40 left in the third",
        "Verse 4:12 is my favourite",
        "He went 11/14 from the field",
        "She negative-split it: 21:04 then 20:51",
    ],
)
def test_a_pair_with_nothing_that_schedules_it_is_no_date_or_time(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("Meet at 3:45 in the lobby", time(15, 45)),
        ("Can we do 10/20?", date(2026, 10, 20)),
        ("The 9:15 train is cancelled", time(9, 15)),
        ("Your 2:15 scan is confirmed", time(14, 15)),
        ("7/15 works for me", date(2027, 7, 15)),
        ("Moved to 11:45", time(11, 45)),
        ("11:45 instead?", time(11, 45)),
        ("The Alfa Pendular departs Lisboa Santa Apolónia 08:39", time(8, 39)),
        ("Picture day is 9/30", date(2026, 9, 30)),
    ],
)
def test_a_pair_that_something_schedules_is_read(text: str, reading: date | time) -> None:
    [expression] = found(text)
    assert reading in [r.value for r in expression.readings]


@pytest.mark.parametrize(
    ("text", "clocks"),
    [
        ("Give 1g IV at 06:00 and 18:00", [time(6), time(18)]),
        ("Doors 17:00, show 18:00", [time(17), time(18)]),
        ("Timeline: 14:05 alert fired, 14:40 rollback complete.", [time(14, 5), time(14, 40)]),
    ],
)
def test_a_pair_listed_with_a_scheduled_one_is_read_too(text: str, clocks: list[time]) -> None:
    assert [e.value for e in found(text)] == clocks

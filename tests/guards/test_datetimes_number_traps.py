"""Numbers and words that look like dates or times in the seventh round's batches (more19-more23).

Fractions, time signatures, odds, ratings without a comma, file numbers, far years, scripture verses,
works named after a clock word, idioms; and the nearby sentences that must still read.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import TemporalExpression, extract_datetimes

TZ = "Europe/London"
NOW = datetime(2026, 11, 10, 14, 30, tzinfo=ZoneInfo(TZ))  # a Tuesday


def found(text: str) -> list[TemporalExpression]:
    return extract_datetimes(text, now=NOW, tz=TZ)


@pytest.mark.parametrize(
    "text",
    [
        "The waltz is in 3/4 time",
        "The verse switches to a 6/8 groove",
        "He found a 33 1/3 pressing at the market",
        "Add 2 1/2 cups of stock",
        "Platform 9 3/4 is a photo spot",
        "Solve 3/4 + 1/8 and simplify",
        "The Jets are 7/2 underdogs",
        "The 9/4 favourite fell at the last",
        "The bookies have the Storm at 5/1",
        "demo went great 10/10",
        "the food was superb 4/5",
        "Please quote file number ERA 3/26 in any reply",
        "Invoice 10-31-4471 covers 3 units",
        "The sign said John 3:16",
        "We read Romans 8:28 together",
        "The Doctor Who episode Midnight is the scariest one",
        "She's rewatching Friday the 13th with the lights off",
        "Stop playing Monday-morning quarterback with the budget",
        "at the end of the day it's your call",
        "dr monday will see you soon",
        "the 21st to the 23rd I'm away fyi",
        "I'm off the 21st-23rd",
        "Can we do Friday the 36th at 3pm?",
        "Ticket MAY-12 is blocked on design",
        "Progress: 12/15 subtasks closed",
        "The jumper comes in size 8/10 or 12/14",
        "He wears a 32/34 waist",
        "The wedding guest list is at 150",
        "Dilute 1:10 and mix well",
        "The screen is 16:10 and refreshes at 144Hz",
        "The Gospel reading was Mark 10:45",
    ],
)
def test_numbers_names_and_idioms_that_only_look_temporal(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Can we meet 3/4 at 10?", datetime(2027, 3, 4, 10, tzinfo=ZoneInfo(TZ))),
        ("Platform 9 3/4 tours run Saturday at 10:30", datetime(2026, 11, 14, 10, 30, tzinfo=ZoneInfo(TZ))),
        ("The 9/4 favourite runs at Aintree on 11 April", date(2027, 4, 11)),
        ("due 10-31-2027", date(2027, 10, 31)),
        ("Mark 10:30 in your diary", time(10, 30)),
        ("see you 3:16 tomorrow", datetime(2026, 11, 11, 15, 16, tzinfo=ZoneInfo(TZ))),
        ("the show at Midnight was great", time(0)),
        ("at the end of the day we'll send it", datetime(2026, 11, 10, 23, 59, 59, tzinfo=ZoneInfo(TZ))),
        ("the 21st to the 23rd works", None),
        ("Mark 10:45 is the reading at the 11:30 mass", time(11, 30)),
        ("meet at 930", time(9, 30)),
        ("the 12/15 meeting moved", date(2026, 12, 15)),
    ],
)
def test_the_real_dates_and_times_beside_them_still_read(text: str, value: object) -> None:
    [expression] = found(text)
    if value is None:  # a span of days
        assert (expression.reading.start, expression.reading.end) == (date(2026, 11, 21), date(2026, 11, 23))
    else:
        assert expression.reading.value == value


def test_a_rating_needs_the_end_of_the_sentence() -> None:
    [expression] = found("great, 5/5 works for me")
    assert expression.grain == "date" and expression.ambiguous  # 5 May, or the 5th of May next year


def test_weekdays_on_both_ends_of_a_span_of_days_pick_its_year() -> None:
    march = datetime(2026, 3, 2, 9, tzinfo=ZoneInfo(TZ))
    [festival] = extract_datetimes("Festival: Fri 13 \u2013 Sun 15 March, gates open daily", now=march, tz=TZ)
    assert (festival.reading.start, festival.reading.end) == (date(2026, 3, 13), date(2026, 3, 15))
    assert extract_datetimes("Fri 14 \u2013 Sun 16 March", now=march, tz=TZ) == []  # no such days this year


@pytest.mark.parametrize(
    ("text", "texts"),
    [
        ("Ages 8 to 11. June said the store opens at 9 on Saturday", ["at 9 on Saturday"]),
        (
            "Demo went great, 10/10. The season runs from 18 January to 6 February.",
            ["from 18 January to 6 February"],
        ),
        ("Book the room on Wednesday. PM sync tomorrow at 4", ["Wednesday", "tomorrow at 4"]),
    ],
)
def test_a_full_stop_ends_what_the_next_sentence_cannot_join(text: str, texts: list[str]) -> None:
    assert [e.text for e in found(text)] == texts

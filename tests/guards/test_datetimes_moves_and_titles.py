"""Requests that move existing events by their times, invite lines, and titles named after days
(batches more29, more31, more32)."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import TemporalExpression, extract_datetimes

TZ = "Europe/London"
LONDON = ZoneInfo(TZ)
NOW = datetime(2026, 10, 21, 9, 5, tzinfo=LONDON)  # a Wednesday


def found(text: str) -> list[TemporalExpression]:
    return extract_datetimes(text, now=NOW, tz=TZ)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Cancel Thursday's 2:30 with the auditors", [datetime(2026, 10, 22, 14, 30, tzinfo=LONDON)]),
        ("Cancel tonight's 6pm drinks", [datetime(2026, 10, 21, 18, tzinfo=LONDON)]),
        ("Move tomorrow's 8:30 to 9", [datetime(2026, 10, 22, 8, 30, tzinfo=LONDON), time(9)]),
        ("Move Friday's 4pm to 5", [datetime(2026, 10, 23, 16, tzinfo=LONDON), time(17)]),
        ("Prepone the 4 pm client call to 3", [time(16), time(15)]),
        (
            "Push Friday's 9am to Monday at 9:15",
            [datetime(2026, 10, 23, 9, tzinfo=LONDON), datetime(2026, 10, 26, 9, 15, tzinfo=ZoneInfo(TZ))],
        ),
    ],
)
def test_a_days_time_is_that_day_and_a_move_is_no_range(text: str, values: list[object]) -> None:
    assert [e.reading.value for e in found(text)] == values


def test_an_invite_line_with_a_middle_dot_and_a_zone_label_is_one_range() -> None:
    chicago = ZoneInfo("America/Chicago")
    now = datetime(2026, 11, 13, 17, 30, tzinfo=chicago)
    text = "Tuesday 17 Nov 2026 \u22c5 1:00 \u2013 2:00pm (Central Time - Chicago)"
    [invite] = extract_datetimes(text, now=now, tz="America/Chicago")
    assert (invite.reading.start, invite.reading.end) == (
        datetime(2026, 11, 17, 13, tzinfo=chicago),
        datetime(2026, 11, 17, 14, tzinfo=chicago),
    )


@pytest.mark.parametrize(
    "text",
    [
        "The Day After Tomorrow is a daft film but I love it",
        "Groundhog Day is the one film my dad quotes constantly",
        "Seven Eleven onigiri are better than the ones at Lawson",
        "Platform 9 and 3/4 is always packed with tourists",
    ],
)
def test_titles_names_and_fractions_are_no_dates(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize("text", ["Tomorrow is film night", "Christmas Day is when we watch a film"])
def test_a_day_before_talk_of_films_is_still_a_day(text: str) -> None:
    assert len(found(text)) == 1

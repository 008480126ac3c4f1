"""Ranges that end after midnight end on the next day, whichever way the day is written.

"Friday from 10pm until midnight", "Friday 6pm-12am", "10pm Friday until 1am" and "between 11pm
Friday and 1am" all end early on Saturday: never on Friday before they start, never a week later.
"10pm to 12" ends at midnight and "9am to 12" at noon: the nearer end after the start.
"""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import extract_datetimes

TZ = "Europe/London"
LONDON = ZoneInfo(TZ)
NOW = datetime(2026, 1, 20, 8, 30, tzinfo=LONDON)  # a Tuesday; Friday is the 23rd


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 1, day, hour, 0, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Friday from 10pm until midnight", at(23, 22), at(24, 0)),
        ("Friday at 10pm until midnight", at(23, 22), at(24, 0)),
        ("Friday 6pm-12am", at(23, 18), at(24, 0)),
        ("Friday from 10pm to 12", at(23, 22), at(24, 0)),
        ("10pm Friday until 1am", at(23, 22), at(24, 1)),
        ("between 11pm Friday and 1am", at(23, 23), at(24, 1)),
        ("Friday 10pm-2am", at(23, 22), at(24, 2)),
        ("Friday 9am to 12", at(23, 9), at(23, 12)),
    ],
)
def test_a_range_ends_at_its_first_end_after_its_start(text: str, start: datetime, end: datetime) -> None:
    [expression] = extract_datetimes(text, now=NOW, tz=TZ)
    assert (expression.start, expression.end) == (start, end)
    for reading in expression.readings:
        assert reading.start is not None and reading.end is not None
        assert reading.start < reading.end  # type: ignore[operator]
        assert reading.end - reading.start < timedelta(days=1)  # type: ignore[operator]


DAYS = ["Friday", "tomorrow", "on Friday", "Fri 23 Jan", "on the 23rd", "this Friday"]
CLOCK_PAIRS = [
    ("10pm", "midnight"), ("10pm", "2am"), ("9", "5"), ("11pm", "1am"), ("22:00", "06:00"),
    ("11pm", "3"), ("6pm", "12am"), ("10:30pm", "12:30am"), ("9am", "12"), ("7pm", "11"),
]  # fmt: skip


def test_no_reading_of_any_day_and_range_ends_before_it_starts_or_runs_past_a_night() -> None:
    """Every way of writing a day and two clocks, every reading: the end follows the start within hours."""
    bad = []
    for day, (first, second), sep in itertools.product(DAYS, CLOCK_PAIRS, ["until", "to", "-", "till"]):
        for text in (
            f"{day} {first} {sep} {second}",
            f"{first} {sep} {second} {day}",
            f"{day} from {first} {sep} {second}",
            f"{first} {day} {sep} {second}",
            f"between {first} and {second} {day}",
        ):
            for expression in extract_datetimes(text, now=NOW, tz=TZ):
                for r in expression.readings:
                    dated = isinstance(r.start, datetime) and isinstance(r.end, datetime)
                    if dated and not r.start < r.end <= r.start + timedelta(hours=20):  # type: ignore[operator]
                        bad.append((text, r.start, r.end))
    assert bad == []

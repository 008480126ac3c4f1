"""Pasted timestamps, counts in log lines, and one instant written in several zones (more23, more35).

An ISO 8601 timestamp is one instant whatever its offset's sign or its fraction of a second
("2026-12-16T12:02:44-06:00" is no range to 06:00). "retry 3/5" and "ok (3/3)" count, they name no
day. Clocks written side by side in several zones ("9:00 PT / 2:00 JST") take the readings that
name one instant; when two pairs of readings do, each clock is ambiguous between them.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import TemporalExpression, extract_datetimes

TZ = "America/Chicago"
NOW = datetime(2026, 12, 16, 13, 0, tzinfo=ZoneInfo(TZ))


def found(text: str, tz: str = TZ) -> list[TemporalExpression]:
    return extract_datetimes(text, now=NOW, tz=tz)


def offset(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


@pytest.mark.parametrize(
    ("text", "instant"),
    [
        (
            "Deployed at 2026-12-16T12:02:44-06:00 from commit 9f3c2ab.",
            datetime(2026, 12, 16, 12, 2, 44, tzinfo=offset(-6)),
        ),
        ("Started: 2026-06-02T23:58:12-03:00", datetime(2026, 6, 2, 23, 58, 12, tzinfo=offset(-3))),
        ("2026-06-02T23:58:12.345-03:00 ERROR", datetime(2026, 6, 2, 23, 58, 12, tzinfo=offset(-3))),
        ("2026-06-02T23:58:12.345Z", datetime(2026, 6, 2, 23, 58, 12, tzinfo=offset(0))),
        ("2026-06-02T10:00-05:00", datetime(2026, 6, 2, 10, 0, tzinfo=offset(-5))),
    ],
)
def test_an_iso_timestamp_is_one_instant_with_its_offset(text: str, instant: datetime) -> None:
    [expression] = found(text)
    assert expression.grain == "datetime"
    assert expression.value == instant
    assert expression.value.utcoffset() == instant.utcoffset()  # type: ignore[union-attr]


def test_two_timestamps_side_by_side_stay_two_instants() -> None:
    text = "Started: 2026-06-02T23:58:12-03:00 Finished: 2026-06-03T00:41:55-03:00"
    assert [e.value for e in found(text)] == [
        datetime(2026, 6, 2, 23, 58, 12, tzinfo=offset(-3)),
        datetime(2026, 6, 3, 0, 41, 55, tzinfo=offset(-3)),
    ]


def test_a_glued_dash_between_clocks_without_a_date_is_still_a_range() -> None:
    [expression] = found("2026-06-02 10:00-11:00")
    assert expression.grain == "datetimerange"
    assert (expression.start.hour, expression.end.hour) == (10, 11)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "WARN payment-gw: retry 3/5 for txn 99812",
        "INFO healthcheck ok (3/3)",
        "attempt 2/3 failed",
        "Game 4/5 of the series",
    ],
)
def test_the_nth_of_a_count_is_no_date(text: str) -> None:
    assert found(text) == []


def test_a_slash_date_after_on_stays_a_date() -> None:
    [expression] = found("the test on 3/5")
    assert expression.grain == "date"


def test_clocks_in_two_zones_take_the_readings_that_name_one_instant() -> None:
    [pacific, greenwich] = found("9:00 PT / 5:00 GMT", tz="America/Los_Angeles")
    assert (pacific.value, greenwich.value) == (time(9, 0), time(17, 0))
    assert not pacific.ambiguous and not greenwich.ambiguous


def test_when_two_pairs_of_readings_name_one_instant_both_clocks_are_ambiguous() -> None:
    text = "Kickoff: Mon 9 Nov 9:00 PT / Tue 10 Nov 2:00 JST"
    now = datetime(2026, 11, 2, 9, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
    [pacific, tokyo] = extract_datetimes(text, now=now, tz="America/Los_Angeles")
    assert pacific.ambiguous and tokyo.ambiguous
    assert tokyo.value == datetime(2026, 11, 10, 2, 0, tzinfo=ZoneInfo("Asia/Tokyo"))  # agrees with 9:00 PT
    assert datetime(2026, 11, 10, 14, 0, tzinfo=ZoneInfo("Asia/Tokyo")) in {r.value for r in tokyo.readings}


def test_clocks_that_name_no_one_instant_are_left_as_written() -> None:
    [first, second] = found("9:30 PT / 9:30 ET", tz="America/Los_Angeles")
    assert (first.value, second.value) == (time(9, 30), time(9, 30))

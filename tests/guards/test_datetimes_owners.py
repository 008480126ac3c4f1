"""Another person's time: the zone is theirs, so the reader's zone is never used silently."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import DatetimeAmbiguityError, extract_datetimes, normalize_datetime

NY = "America/New_York"
NOW = datetime(2026, 2, 10, 9, 0, tzinfo=ZoneInfo(NY))  # Tuesday
ZONES = {"Jonas": "Europe/Berlin", "her": "Asia/Tokyo"}


def found(text: str, **kwargs):
    return extract_datetimes(text, now=NOW, tz=NY, **kwargs)


@pytest.mark.parametrize(
    ("text", "owner", "grain"),
    [
        ("9am Jonas's time", "Jonas", "time"),
        ("at 10 in Kenji's time zone", "Kenji", "time"),
        ("3pm his time on Friday", "his", "datetime"),
        ("4pm your time", "your", "time"),
        ("can we do 8am Priya's time on Monday?", "Priya", "datetime"),
        ("let's do her morning tomorrow", "her", "datetimerange"),
        ("their afternoon on Thursday", "their", "datetimerange"),
        ("5pm James' time", "James", "time"),
    ],
)
def test_the_owner_is_named_and_the_reading_is_not_trusted(text, owner, grain):
    (expression,) = found(text)
    assert (expression.zone_owner, expression.grain, expression.zone) == (owner, grain, None)
    assert expression.ambiguous and owner in (expression.zone_problem or "")


def test_readings_stay_in_the_readers_zone_until_the_owner_is_known():
    (expression,) = found("3pm his time on Friday")
    assert expression.value == datetime(2026, 2, 13, 15, tzinfo=ZoneInfo(NY))


def test_a_resolver_gives_the_owners_zone():
    (expression,) = found("9am Jonas's time tomorrow", zone_for_owner=ZONES.get)
    assert (expression.zone, expression.zone_owner, expression.ambiguous) == ("Europe/Berlin", "Jonas", False)
    assert expression.value == datetime(2026, 2, 11, 9, tzinfo=ZoneInfo("Europe/Berlin"))
    (morning,) = found("her morning tomorrow", zone_for_owner=ZONES.get)
    assert morning.start == datetime(2026, 2, 11, 8, tzinfo=ZoneInfo("Asia/Tokyo"))


@pytest.mark.parametrize("answer", [None, "", "Mars/Olympus"])
def test_a_resolver_without_a_usable_zone_leaves_it_ambiguous(answer):
    (expression,) = found("9am Jonas's time", zone_for_owner=lambda _owner: answer)
    assert expression.ambiguous and expression.zone is None and expression.zone_owner == "Jonas"


def test_my_time_is_the_readers_zone():
    (expression,) = found("9am my time")
    assert (expression.value, expression.zone_owner, expression.ambiguous) == (time(9), None, False)


@pytest.mark.parametrize(
    "text",
    [
        "she took her time with it",
        "her morning routine",
        "Ask Jonas what time works for him",
        "Take your time",
        "Monday's time slot is gone",
    ],
)
def test_possessives_without_a_time_are_not_expressions(text):
    assert [e for e in found(text) if e.zone_owner] == []


def test_normalize_says_whose_zone_is_needed():
    with pytest.raises(DatetimeAmbiguityError) as caught:
        normalize_datetime("9am Jonas's time", now=NOW, tz=NY)
    assert caught.value.zone_owner == "Jonas"
    error = caught.value.to_error("events_insert", "start.dateTime")
    assert error["error_type"] == "format_error"
    assert error["details"]["zone_owner"] == "Jonas"
    assert "Jonas's time zone" in error["remediation"][0]


def test_normalize_with_a_resolver_reads_the_owners_zone():
    result = normalize_datetime("9am Jonas's time tomorrow", now=NOW, tz=NY, zone_for_owner=ZONES.get)
    assert result.value == "2026-02-11T09:00:00+01:00"

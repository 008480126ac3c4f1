"""One rule for zone abbreviations, followed alike by extract_datetimes and normalize_datetime."""

from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import DatetimeAmbiguityError, DatetimeParseError, extract_datetimes, normalize_datetime

NY = "America/New_York"
SUMMER = datetime(2026, 7, 1, 9, 0, tzinfo=ZoneInfo(NY))  # Wednesday; Los Angeles at UTC-7
WINTER = datetime(2026, 2, 10, 9, 0, tzinfo=ZoneInfo(NY))  # Tuesday; Los Angeles at UTC-8
LA = ZoneInfo("America/Los_Angeles")


def one(text: str, now: datetime):
    (expression,) = extract_datetimes(text, now=now, tz=NY)
    return expression


def test_an_abbreviation_contradicting_the_season_has_both_readings():
    expression = one("3pm PST tomorrow", SUMMER)
    fixed = datetime(2026, 7, 2, 15, tzinfo=timezone(timedelta(hours=-8)))
    wall = datetime(2026, 7, 2, 15, tzinfo=LA)
    assert expression.ambiguous
    assert [r.value for r in expression.readings] == [fixed, wall]
    assert expression.zone_problem is not None and "UTC-7" in expression.zone_problem
    with pytest.raises(DatetimeAmbiguityError) as caught:
        normalize_datetime("3pm PST tomorrow", now=SUMMER, tz=NY)
    assert caught.value.candidates == ["2026-07-02T15:00:00-08:00", "2026-07-02T15:00:00-07:00"]


def test_an_abbreviation_in_its_season_is_the_zones_wall_time():
    expression = one("3pm PST tomorrow", WINTER)
    assert not expression.ambiguous and expression.zone_problem is None
    assert expression.value == datetime(2026, 2, 11, 15, tzinfo=LA)
    assert normalize_datetime("3pm PST tomorrow", now=WINTER, tz=NY).value == "2026-02-11T15:00:00-08:00"


@pytest.mark.parametrize("now", [SUMMER, WINTER])
def test_generic_names_are_always_the_zones_wall_time(now):
    expression = one("3pm PT tomorrow", now)
    assert not expression.ambiguous
    day = (now + timedelta(days=1)).date()
    assert expression.value == datetime(day.year, day.month, day.day, 15, tzinfo=LA)


def test_a_time_without_a_date_is_judged_on_today():
    expression = one("3pm PST", SUMMER)
    assert expression.value == time(15) and expression.ambiguous and expression.zone_problem
    with pytest.raises(DatetimeAmbiguityError) as caught:
        normalize_datetime("3pm PST", now=SUMMER, tz=NY)
    assert caught.value.candidates == ["2026-07-01T15:00:00-08:00", "2026-07-01T15:00:00-07:00"]
    assert not one("3pm PST", WINTER).ambiguous


@pytest.mark.parametrize(
    "text",
    [
        "3pm PST tomorrow",
        "3pm PDT tomorrow",
        "10am EST on Friday",
        "10am EDT on Friday",
        "2pm CET Friday",
        "2pm CEST Friday",
        "9am AEST tomorrow",
        "9am AEDT tomorrow",
        "3pm PST",
        "11am JST tomorrow",
        "noon GMT tomorrow",
        "3pm ET tomorrow",
        "Friday 10am (CEST)",
    ],
)
@pytest.mark.parametrize("now", [SUMMER, WINTER])
def test_extract_and_normalize_agree(text, now):
    expression = one(text, now)
    if expression.ambiguous:
        with pytest.raises(DatetimeAmbiguityError):
            normalize_datetime(text, now=now, tz=NY)
        return
    result = normalize_datetime(text, now=now, tz=NY)
    value = expression.value
    if isinstance(value, datetime):
        assert result.parsed == value and result.parsed.utcoffset() == value.utcoffset()
    else:
        assert result.parsed.time() == value


def test_a_parenthesised_zone_is_part_of_the_expression():
    expression = one("Friday 10am (CEST)", WINTER)
    assert expression.text == "Friday 10am (CEST)"
    assert expression.ambiguous  # CEST (UTC+2) in February, when Paris is at UTC+1


@pytest.mark.parametrize("text", ["9am Springfield time", "3pm BRT on Friday", "10am local time tomorrow"])
def test_zones_we_cannot_place_abstain(text):
    assert extract_datetimes(text, now=WINTER, tz=NY) == []
    with pytest.raises(DatetimeParseError):
        normalize_datetime(text, now=WINTER, tz=NY)


def test_known_places_still_name_their_zone():
    assert one("5pm London time tomorrow", WINTER).value == datetime(
        2026, 2, 11, 17, tzinfo=ZoneInfo("Europe/London")
    )


def test_cities_tzdata_names_are_their_zones():
    expression = one("11:30 am Kolkata time on Friday", WINTER)
    assert expression.value == datetime(2026, 2, 13, 11, 30, tzinfo=ZoneInfo("Asia/Kolkata"))


def test_zone_like_words_away_from_a_time_are_left_alone():
    assert one("Chile leaves DST on Sunday 5 April", WINTER).text == "Sunday 5 April"


def test_the_season_of_an_alternative_day_does_not_make_the_preferred_one_a_guess():
    # Thursday 2026-03-12 is in PDT; the Thursday before (an alternative) was still in PST.
    now = datetime(2026, 3, 11, 14, 0)
    (expression,) = extract_datetimes("Thursday 9am (PDT)", now=now, tz="America/Chicago")
    assert not expression.ambiguous and expression.zone_problem is None
    assert expression.value == datetime(2026, 3, 12, 9, tzinfo=ZoneInfo("America/Los_Angeles"))


def test_a_region_name_between_a_time_and_its_day_is_the_zone():
    (expression,) = extract_datetimes("noon Eastern on the 14th", now=WINTER, tz="America/Chicago")
    assert expression.value == datetime(2026, 2, 14, 12, tzinfo=ZoneInfo(NY))

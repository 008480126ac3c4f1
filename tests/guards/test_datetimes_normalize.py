from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import (
    DatetimeAmbiguityError,
    DatetimeError,
    DatetimeParseError,
    normalize_datetime,
)

NY = "America/New_York"
# Tuesday 10 February 2026, 09:00 in New York (UTC-5).
NOW = datetime(2026, 2, 10, 9, 0, tzinfo=ZoneInfo(NY))


def norm(value: str, **kwargs):
    kwargs.setdefault("now", NOW)
    kwargs.setdefault("tz", NY)
    return normalize_datetime(value, **kwargs)


@pytest.mark.parametrize(
    "value",
    [
        "2026-02-11T09:30:00-05:00",
        "2026-02-11T14:30:00Z",
        "2026-07-01T09:30:00.250+02:00",
        "2026-02-11t09:30:00z",
    ],
)
def test_valid_rfc3339_passes_unchanged(value):
    result = norm(value)
    assert result.value == value
    assert result.changed is False


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-02-11T09:30:00", "2026-02-11T09:30:00-05:00"),
        ("2026-02-11 09:30", "2026-02-11T09:30:00-05:00"),
        ("2026-07-11 09:30", "2026-07-11T09:30:00-04:00"),
        ("2026-02-11T14:30:00+0000", "2026-02-11T14:30:00+00:00"),
        ("2026-02-11 14:30 UTC", "2026-02-11T14:30:00+00:00"),
        ("9:30am", "2026-02-10T09:30:00-05:00"),
        ("tomorrow 3pm", "2026-02-11T15:00:00-05:00"),
        ("next Tuesday at 10", "2026-02-17T10:00:00-05:00"),
        ("noon Friday", "2026-02-13T12:00:00-05:00"),
        ("in 2 hours", "2026-02-10T11:00:00-05:00"),
        ("3pm PST", "2026-02-10T15:00:00-08:00"),
        ("9am Tokyo time", "2026-02-10T09:00:00+09:00"),
        ("Feb 11 at 2:30pm", "2026-02-11T14:30:00-05:00"),
        ("11 February 2026 14:30", "2026-02-11T14:30:00-05:00"),
        ("13/04/2026 10am", "2026-04-13T10:00:00-04:00"),
        ("04/13/2026 10am", "2026-04-13T10:00:00-04:00"),
        ("on Thursday at 4:15 pm", "2026-02-12T16:15:00-05:00"),
        ("tomorrow 3pm Europe/Berlin", "2026-02-11T15:00:00+01:00"),
        ("3pm UTC+5", "2026-02-10T15:00:00+05:00"),
    ],
)
def test_agent_forms_become_rfc3339_with_the_right_offset(value, expected):
    result = norm(value)
    assert result.value == expected
    assert result.changed is True
    assert result.reason


def test_us_numeric_date_needs_a_date_order():
    with pytest.raises(DatetimeAmbiguityError) as caught:
        norm("02/11/2026 9:30 AM")
    assert "2026-02-11T09:30:00-05:00" in caught.value.candidates
    assert "2026-11-02T09:30:00-05:00" in caught.value.candidates
    assert norm("02/11/2026 9:30 AM", date_order="MDY").value == "2026-02-11T09:30:00-05:00"
    assert norm("02/11/2026 9:30 AM", date_order="DMY").value == "2026-11-02T09:30:00-05:00"


def test_date_order_contradicted_by_the_value_is_an_error():
    with pytest.raises(DatetimeParseError):
        norm("13/04/2026 10am", date_order="MDY")


def test_in_two_hours_counts_real_time_across_a_dst_change():
    before_spring_forward = datetime(2026, 3, 8, 1, 30, tzinfo=ZoneInfo(NY))
    assert norm("in 1 hour", now=before_spring_forward).value == "2026-03-08T03:30:00-04:00"


def test_spring_forward_gap_does_not_exist():
    with pytest.raises(DatetimeParseError) as caught:
        norm("2026-03-08 02:30")
    assert "does not exist" in caught.value.reason


def test_fall_back_fold_is_ambiguous():
    with pytest.raises(DatetimeAmbiguityError) as caught:
        norm("2026-11-01 01:30")
    assert caught.value.candidates == ["2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00"]


def test_zone_without_dst_is_stable_all_year():
    tokyo = "Asia/Tokyo"
    assert norm("2026-01-15 09:00", tz=tokyo).value == "2026-01-15T09:00:00+09:00"
    assert norm("2026-07-15 09:00", tz=tokyo).value == "2026-07-15T09:00:00+09:00"
    # The day Tokyo has no gap although New York springs forward.
    assert norm("2026-03-08 02:30", tz=tokyo).value == "2026-03-08T02:30:00+09:00"


@pytest.mark.parametrize("value", ["3pm CST", "tomorrow 10am IST", "9am BST"])
def test_abbreviations_naming_two_zones_are_ambiguous(value):
    with pytest.raises(DatetimeAmbiguityError) as caught:
        norm(value, tz="Europe/Berlin")  # none of their zones is in the reader's country
    assert "more than one time zone" in caught.value.reason


@pytest.mark.parametrize(
    ("value", "tz", "expected"),
    [
        ("2026-02-11 3pm CST", NY, "2026-02-11T15:00:00-06:00"),
        ("2026-02-11 10am IST", "Asia/Kolkata", "2026-02-11T10:00:00+05:30"),
        ("2026-07-11 9am BST", "Europe/London", "2026-07-11T09:00:00+01:00"),
        ("2026-02-11 9am AST", "America/Halifax", "2026-02-11T09:00:00-04:00"),
    ],
)
def test_the_readers_own_country_settles_an_abbreviation_naming_two_zones(value, tz, expected):
    assert norm(value, tz=tz).value == expected


def test_abbreviation_contradicting_the_season_is_ambiguous():
    with pytest.raises(DatetimeAmbiguityError) as caught:
        norm("2026-07-01 3pm PST")
    assert caught.value.candidates == ["2026-07-01T15:00:00-08:00", "2026-07-01T15:00:00-07:00"]
    assert norm("2026-07-01 3pm PDT").value == "2026-07-01T15:00:00-07:00"


@pytest.mark.parametrize(
    "value",
    [
        "03/04/2026 10:00",  # month/day order
        "tomorrow at 7",  # 07:00 or 19:00
        "July 1 3pm",  # July 2025 or July 2026, both far from February
    ],
)
def test_ambiguous_values_raise_with_candidates(value):
    with pytest.raises(DatetimeAmbiguityError) as caught:
        norm(value)
    assert len(caught.value.candidates) >= 2


@pytest.mark.parametrize(
    "value",
    ["asdf", "", "   ", "2026-02-30T10:00:00Z", "2026-02-11", "next week", "from 2 to 3pm", "3pm and 4pm"],
)
def test_unreadable_values_raise_parse_errors(value):
    with pytest.raises(DatetimeParseError):
        norm(value)


def test_non_strings_raise_parse_errors():
    with pytest.raises(DatetimeParseError):
        normalize_datetime(1739282400, now=NOW, tz=NY)


def test_unknown_zone_is_a_parse_error():
    with pytest.raises(DatetimeParseError):
        norm("2026-02-11 09:30", tz="Mars/Olympus_Mons")


def test_date_grain():
    assert norm("2026-03-10", grain="date").changed is False
    result = norm("March 3, 2026", grain="date")
    assert (result.value, result.parsed, result.changed) == ("2026-03-03", date(2026, 3, 3), True)
    assert norm("tomorrow", grain="date").value == "2026-02-11"
    with pytest.raises(DatetimeParseError):
        norm("tomorrow 3pm", grain="date")
    with pytest.raises(DatetimeParseError):
        norm("2026-02-30", grain="date")


def test_to_error_is_a_wire_format_format_error():
    with pytest.raises(DatetimeError) as caught:
        norm("03/04/2026 10am")
    error = caught.value.to_error("events_insert", "start.dateTime")
    assert error["ok"] is False
    assert error["error_type"] == "format_error"
    assert error["tool_name"] == "events_insert"
    assert error["http_status"] == 400
    details = error["details"]
    assert details["field"] == "start.dateTime"
    assert details["received"] == "03/04/2026 10am"
    assert details["expected_format"].startswith("RFC 3339")
    assert details["example"] == "2026-03-10T15:00:00+00:00"  # no zone known: UTC is true everywhere
    assert "more than one way" in details["reason"]
    assert "2026-03-04T10:00:00-05:00" in details["candidates"]
    assert error["remediation"]

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import extract_datetimes

NY = "America/New_York"
# Tuesday 10 February 2026, 09:00 in New York.
NOW = datetime(2026, 2, 10, 9, 0, tzinfo=ZoneInfo(NY))


def one(text: str, **kwargs):
    found = extract_datetimes(text, now=kwargs.pop("now", NOW), tz=kwargs.pop("tz", NY), **kwargs)
    assert len(found) == 1, found
    return found[0]


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(NY))


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Book it tomorrow 3pm with Ana", "tomorrow 3pm", local(2026, 2, 11, 15)),
        ("can we do next Tuesday at 10?", "next Tuesday at 10", local(2026, 2, 17, 10)),
        ("lunch at noon Friday", "noon Friday", local(2026, 2, 13, 12)),
        ("remind me in 2 hours", "in 2 hours", local(2026, 2, 10, 11)),
        ("let's meet Feb 11 at 2:30pm", "Feb 11 at 2:30pm", local(2026, 2, 11, 14, 30)),
        ("on 11 February 2026 14:30 sharp", "11 February 2026 14:30", local(2026, 2, 11, 14, 30)),
        ("call at 5pm on March 3rd", "5pm on March 3rd", local(2026, 3, 3, 17)),
        ("Thursday the 12th at 9am works", "Thursday the 12th at 9am", local(2026, 2, 12, 9)),
    ],
)
def test_datetimes_in_requests(text, span, value):
    expression = one(text)
    assert expression.grain == "datetime"
    assert text[expression.span_start : expression.span_end] == expression.text == span
    assert expression.value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the review is on 2026-03-10", date(2026, 3, 10)),
        ("move it to tomorrow", date(2026, 2, 11)),
        ("what happened yesterday", date(2026, 2, 9)),
        ("see you on Friday", date(2026, 2, 13)),
        ("this Sunday", date(2026, 2, 15)),
        ("last Wednesday", date(2026, 2, 4)),
        ("the day after tomorrow", date(2026, 2, 12)),
        ("in 2 weeks", date(2026, 2, 24)),
        ("three days ago", date(2026, 2, 7)),
        ("on the 20th", date(2026, 2, 20)),
        ("March 3", date(2026, 3, 3)),
        ("4th of July 2026", date(2026, 7, 4)),
        ("Christmas 2026", date(2026, 12, 25)),
        ("2 weeks after March 3", date(2026, 3, 17)),
    ],
)
def test_dates(text, value):
    expression = one(text)
    assert expression.grain == "date"
    assert expression.value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("at 9:30am", time(9, 30)),
        ("7:56:30 pm", time(19, 56, 30)),
        ("half past seven in the evening", time(19, 30)),
        ("quarter to 5 pm", time(16, 45)),
        ("at noon", time(12)),
        ("midnight", time(0)),
        ("at 17:45", time(17, 45)),
        ("in the morning at 7", time(7)),
    ],
)
def test_times(text, value):
    expression = one(text)
    assert expression.grain == "time"
    assert expression.value == value


def test_named_zones_are_kept():
    expression = one("3pm PST")
    assert (expression.value, expression.zone, expression.zone_offset) == (
        time(15),
        "America/Los_Angeles",
        -480,
    )
    assert one("9am Tokyo time").zone == "Asia/Tokyo"
    cst = one("tomorrow 3pm CST", tz="Europe/Berlin")
    assert cst.zone_problem is not None and cst.ambiguous
    # the reader's own country settles it: a New Yorker's CST is US Central (zones.readers_reading)
    (us_central,) = extract_datetimes("tomorrow 3pm CST", now=NOW, tz=NY)
    assert (us_central.zone, us_central.zone_offset, us_central.ambiguous) == ("America/Chicago", -360, False)


@pytest.mark.parametrize(
    ("text", "grain", "start", "end"),
    [
        ("from 2 to 3:30pm", "timerange", time(14), time(15, 30)),
        ("between 9am and 11am", "timerange", time(9), time(11)),
        ("5-6pm", "timerange", time(17), time(18)),
        ("between Monday and Wednesday", "daterange", date(2026, 2, 16), date(2026, 2, 18)),
        ("from March 2 to March 6", "daterange", date(2026, 3, 2), date(2026, 3, 6)),
        ("next week", "daterange", date(2026, 2, 16), date(2026, 2, 23)),
        ("this month", "daterange", date(2026, 2, 1), date(2026, 3, 1)),
        ("in April 2026", "daterange", date(2026, 4, 1), date(2026, 5, 1)),
        ("this weekend", "daterange", date(2026, 2, 14), date(2026, 2, 16)),
        (
            "tomorrow from 10am to 11:30am",
            "datetimerange",
            local(2026, 2, 11, 10),
            local(2026, 2, 11, 11, 30),
        ),
        ("tomorrow morning", "datetimerange", local(2026, 2, 11, 8), local(2026, 2, 11, 12)),
    ],
)
def test_ranges(text, grain, start, end):
    expression = one(text)
    assert expression.grain == grain
    assert (expression.start, expression.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("a 30-minute sync", 30),
        ("block it for 2 hours", 120),
        ("an hour and a half", 90),
        ("90 min", 90),
        ("one and a half hours", 90),
        ("1 hour and 15 minutes", 75),
    ],
)
def test_durations(text, minutes):
    expression = one(text)
    assert expression.grain == "duration"
    assert expression.duration == timedelta(minutes=minutes)


def test_past_future_alternatives_are_listed():
    friday = one("on Friday")
    assert friday.value == date(2026, 2, 13)
    assert date(2026, 2, 6) in [r.value for r in friday.alternatives]
    far = one("July 1")  # as far in the past as in the future
    assert far.ambiguous
    assert {r.value for r in far.readings} == {date(2026, 7, 1), date(2025, 7, 1)}
    assert not one("Feb 20").ambiguous


def test_numeric_dates_follow_date_order():
    assert one("03/04/2026").ambiguous
    assert one("03/04/2026", date_order="DMY").value == date(2026, 4, 3)
    assert one("13/04/2026").value == date(2026, 4, 13)


def test_next_weekday_is_next_weeks_and_flagged_when_this_weeks_is_still_ahead():
    on_monday = datetime(2026, 2, 9, 9, tzinfo=ZoneInfo(NY))
    tuesday = one("next Tuesday", now=on_monday)
    assert tuesday.value == date(2026, 2, 17)
    assert tuesday.ambiguous and tuesday.alternatives[0].value == date(2026, 2, 10)


def test_several_expressions_in_one_request():
    found = extract_datetimes("Block from Monday 3pm to Tuesday 4pm, then a 30 minute sync", now=NOW, tz=NY)
    assert [e.grain for e in found] == ["datetimerange", "duration"]
    assert (found[0].start, found[0].end) == (local(2026, 2, 16, 15), local(2026, 2, 17, 16))


def test_moving_from_one_time_to_another_is_two_points_not_a_range():
    found = extract_datetimes("Move the 1:1 from Monday 3pm to Tuesday 4pm for 30 minutes", now=NOW, tz=NY)
    assert [(e.grain, e.value) for e in found[:2]] == [
        ("datetime", local(2026, 2, 16, 15)),
        ("datetime", local(2026, 2, 10, 16)),  # a bare weekday is its next occurrence, today included
    ]


@pytest.mark.parametrize(
    "text",
    [
        "May I ask why?",
        "Mortgages were at 6.45 percent",
        "Tel: +86 138-2010-2015",
        "schedule me a 1:1 meeting",
        "This screen has a 4:3 aspect ratio.",
        "Good morning Paul",
        "I have twenty-one coins in my pocket",
        "Let's target a second round",
        "The ssn is 123-12-1234",
    ],
)
def test_no_expression_where_there_is_none(text):
    assert extract_datetimes(text, now=NOW, tz=NY) == []


@pytest.mark.parametrize("text", ["every Monday at 4pm", "3pm daily", "Tuesdays at 9am"])
def test_recurrences_are_not_read_as_one_date(text):
    assert extract_datetimes(text, now=NOW, tz=NY) == []


def test_weekday_contradicting_the_date_is_flagged():
    # March 3 2026 is a Tuesday: the written date wins, but the expression is marked ambiguous.
    for text in ["Monday March 3 2026", "next Monday March 3 2026", "this Friday (Mar-3)"]:
        contradicted = one(text)
        assert (contradicted.value, contradicted.ambiguous) == (date(2026, 3, 3), True)
        assert contradicted.conflict == "the weekday does not match the date"
    assert not one("Tuesday March 3 2026").ambiguous


def test_naive_now_is_wall_clock_in_tz():
    naive = extract_datetimes("tomorrow 3pm", now=datetime(2026, 2, 10, 23, 30), tz="Asia/Tokyo")
    assert naive[0].value == datetime(2026, 2, 11, 15, tzinfo=ZoneInfo("Asia/Tokyo"))


@pytest.mark.parametrize(
    ("text", "grain", "start", "end"),
    [
        ("done before 5pm", "timerange", None, time(17)),
        ("sales since 2010", "daterange", date(2010, 1, 1), None),
        ("leave after Feb 2018", "daterange", date(2018, 3, 1), None),
        ("any day after March 3", "daterange", date(2026, 3, 3), None),
        ("year 2012 or later", "daterange", date(2012, 1, 1), None),
        ("tomorrow before 10am", "datetimerange", None, local(2026, 2, 11, 10)),
    ],
)
def test_open_ranges(text, grain, start, end):
    expression = one(text)
    assert expression.grain == grain
    assert (expression.start, expression.end) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "later this week",
        "at the end of 2000",
        "in the 1990s",
        "the first week of 2021",
    ],
)
def test_qualified_expressions_we_do_not_model_are_skipped(text):
    assert [e for e in extract_datetimes(text, now=NOW, tz=NY) if e.grain != "duration"] == []


def test_start_and_length_make_a_range():
    span = one("the meeting runs from 2pm for 90 minutes")
    assert (span.grain, span.start, span.end, span.duration) == (
        "timerange",
        time(14),
        time(15, 30),
        timedelta(minutes=90),
    )
    dated = one("tomorrow from 9:30am for 2 hours")
    assert (dated.grain, dated.start, dated.end) == (
        "datetimerange",
        local(2026, 2, 11, 9, 30),
        local(2026, 2, 11, 11, 30),
    )
    # "at 2pm for 1 hour" stays a time and a duration
    assert [e.grain for e in extract_datetimes("meet at 2pm for 1 hour", now=NOW, tz=NY)] == [
        "time",
        "duration",
    ]


def test_within_days_is_a_range_from_today():
    within = one("done within 10 days")
    assert (within.grain, within.start, within.end) == ("daterange", date(2026, 2, 10), date(2026, 2, 20))


def test_parts_of_days():
    assert (one("Monday afternoon").start, one("Monday afternoon").end) == (
        local(2026, 2, 16, 12),
        local(2026, 2, 16, 16),
    )
    early = one("early in the morning")
    assert (early.start, early.end) == (time(8), time(10))
    assert extract_datetimes("Good night, see you soon", now=NOW, tz=NY) == []


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("sales in 2017 q1", date(2017, 1, 1), date(2017, 4, 1)),
        ("Show sales between 2007 and 2009", date(2007, 1, 1), date(2009, 1, 1)),
        ("The range is 2014-2018.", date(2014, 1, 1), date(2018, 1, 1)),
        ("Where were you from March to May", date(2026, 3, 1), date(2026, 5, 1)),
        ("numbers for this quarter", date(2026, 1, 1), date(2026, 4, 1)),
        ("Show sales in week 31", date(2026, 7, 27), date(2026, 8, 3)),
        ("plans for Dec-2018", date(2018, 12, 1), date(2019, 1, 1)),
        ("I'll be out 2015-3", date(2015, 3, 1), date(2015, 4, 1)),
        ("after 2016", date(2017, 1, 1), None),
        ("the week of March 4th", date(2026, 3, 2), date(2026, 3, 9)),
        ("APEC will happen in Korea Nov-Feb 2017", date(2016, 11, 1), date(2017, 2, 1)),
        ("9 to 12 of June", date(2026, 6, 9), date(2026, 6, 12)),
        ("in the next 3 days", date(2026, 2, 11), date(2026, 2, 14)),
        ("over the last 2 weeks", date(2026, 1, 27), date(2026, 2, 10)),
    ],
)
def test_calendar_periods(text, start, end):
    expression = one(text)
    assert expression.grain == "daterange"
    assert (expression.start, expression.end) == (start, end)


@pytest.mark.parametrize("text", ["deliver 2000 pieces of toys", "after 2000 people signed", "It may rain"])
def test_numbers_and_verbs_are_not_periods(text):
    assert extract_datetimes(text, now=NOW, tz=NY) == []


def test_week_53_only_exists_in_long_years():
    assert one("in week 53", now=datetime(2026, 2, 10, tzinfo=ZoneInfo(NY))).start == date(2026, 12, 28)
    assert extract_datetimes("in week 53", now=datetime(2025, 2, 10, tzinfo=ZoneInfo(NY)), tz=NY) == []


@pytest.mark.parametrize(
    ("text", "value", "zone"),
    [
        ("at 3:15 p.m. Eastern", time(15, 15), "America/New_York"),
        ("1700 hours", time(17), None),
        ("report at 0900.", time(9), None),
        ("12:00 midnight", time(0), None),
        ("10:00 GMT+1", time(10), "UTC+01:00"),
    ],
)
def test_more_clock_forms(text, value, zone):
    expression = one(text)
    assert (expression.grain, expression.value, expression.zone) == ("time", value, zone)


def test_british_monday_week_is_a_week_after_monday_not_monday():
    # Monday week: the Monday after next Monday (weeks_on.py), never the plain Monday.
    (expression,) = extract_datetimes("see you Monday week", now=NOW, tz=NY)
    assert (expression.text, expression.value, expression.ambiguous) == (
        "Monday week",
        date(2026, 2, 23),
        False,
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the last Friday of March.", date(2026, 3, 27)),
        ("the first Monday of next month", date(2026, 3, 2)),
        ("3rd Thursday in June 2026", date(2026, 6, 18)),
    ],
)
def test_nth_weekday_of_a_month(text, value):
    assert one(text).value == value
    assert one(text).text == text.rstrip(".")


def test_fifth_weekday_that_does_not_exist_is_skipped():
    assert extract_datetimes("the fifth Monday of February 2026", now=NOW, tz=NY) == []

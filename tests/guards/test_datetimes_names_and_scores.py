"""Names, titles, scores, services and "now" that only look temporal (batches more7, more9, more11, more13).

Each class is tested with sentences of its own, and with the nearby sentences that must still read.
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
        "High Noon is on at the Prince Charles",
        "We queued for hours at Midnight Express",
        "The Man Who Was Thursday is a strange book",
        "Jack Sunday played the lead",
        "Ellen Friday starred in the remake",
        "She got a 1540 SAT",
        "Is there a 24-hour pharmacy near the station?",
        "They offer 24 hour support",
        "Lovely staff, 10/10",
        "Battery life is superb, 5/5",
        "I rated it 4/5",
        "9/10 would recommend",
        "4/5 stars from our family",
        "It happened on a Saturday",
        "Rated the hotel 3/5, the lift was broken",
        "The Monday.com board has 12 open tickets",
        "The bus fare is now 500 naira",
        "We are off here now, thanks",
        "Now that we're done, let's go",
        "The horse went off at 11/4 and finished third",
    ],
)
def test_names_titles_scores_and_services_are_no_times(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Meet me at Noon", time(12)),
        ("See you Friday Noon", datetime(2026, 11, 13, 12, tzinfo=ZoneInfo(TZ))),
        ("Meeting Is Thursday At Noon", datetime(2026, 11, 12, 12, tzinfo=ZoneInfo(TZ))),
        ("Yes Tuesday worked", date(2026, 11, 10)),
        ("Can we meet now", NOW),
        ("The sale starts now", NOW),
    ],
)
def test_the_same_words_still_read_where_they_mean_a_time(text: str, value: object) -> None:
    (expression,) = found(text)
    assert expression.reading.value == value


@pytest.mark.parametrize(
    ("text", "grain"),
    [("The deadline is 10/10", "date"), ("Next review, 3/5", "date"), ("Book a 24-hour slot", "duration")],
)
def test_a_date_or_length_that_is_no_score_or_service_still_reads(text: str, grain: str) -> None:
    assert [e.grain for e in found(text)] == [grain]


@pytest.mark.parametrize(
    "text",
    [
        "App crashes on Android 14 after updating to build 7.4.1203",
        "The POS terminal (firmware 2.6.11) reboots",
        "4th Floor, 12/3 MG Road, Bengaluru 560001",
        "Unit 4/27 on Noon Street has a 2-bedroom",
    ],
)
def test_versions_and_house_numbers_in_long_messages_are_no_dates(text: str) -> None:
    assert found(text) == []


def test_a_quoted_reply_header_and_a_courtesy_read_as_they_should() -> None:
    (header,) = found("On Mon, Nov 9, 2026 at 9:03 AM Carlos Reyes <c@sunpath.io> wrote:")
    assert header.reading.value == datetime(2026, 11, 9, 9, 3, tzinfo=ZoneInfo(TZ))
    (yesterday,) = found("Thank you for your time yesterday.")
    assert yesterday.zone_owner is None and not yesterday.ambiguous
    assert yesterday.reading.value == date(2026, 11, 9)


def test_itinerary_labels_doses_and_military_clocks() -> None:
    assert found("Gate 62, seat 47H, boarding group 2") == []
    assert found("Take 1 tablet every 4 to 6 hours as needed") == []
    (arrival,) = found("PO 4471-22 arrives Thursday at 0600 at dock 3.")
    assert arrival.reading.value == datetime(2026, 11, 12, 6, 0, tzinfo=ZoneInfo(TZ))

"""Typography and capitals that change nothing a reader sees (typography.py, not_dates.py)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from guards.datetimes import extract_datetimes

TZ = "America/Toronto"
NOW = datetime(2026, 10, 29, 10, 0, tzinfo=ZoneInfo(TZ))  # a Thursday


@pytest.mark.parametrize(
    ("written", "span"),
    [
        ("Friday\u00a09am works", "Friday\u00a09am"),
        ("Friday  9am  works", "Friday  9am"),
        ("  Friday\t9am", "Friday\t9am"),
        ("at 9 o\u2019clock on Friday", "9 o\u2019clock on Friday"),
    ],
)
def test_a_mail_clients_spaces_and_quotes_read_as_plain_ones(written: str, span: str) -> None:
    (expression,) = extract_datetimes(written, now=NOW, tz=TZ)
    assert expression.reading.value == datetime(2026, 10, 30, 9, 0, tzinfo=ZoneInfo(TZ))
    assert expression.text == span == written[expression.span_start : expression.span_end]


def test_an_en_dash_range_and_a_curly_possessive_read_as_their_plain_forms() -> None:
    (days,) = extract_datetimes("I'm away Nov 6\u20138", now=NOW, tz=TZ)
    assert (days.reading.start, days.reading.end) == (date(2026, 11, 6), date(2026, 11, 8))
    (week,) = extract_datetimes("next week\u2019s review", now=NOW, tz=TZ)
    assert week.text == "next week" and week.reading.start == date(2026, 11, 2)


def test_a_period_read_in_part_abstains() -> None:
    assert extract_datetimes("as early as next year's first quarter", now=NOW, tz=TZ) == []


def test_a_subject_line_in_capitals_still_reads() -> None:
    (expression,) = extract_datetimes("RESCHEDULED: THU 5 NOV 10:00 QUARTERLY REVIEW", now=NOW, tz=TZ)
    assert expression.reading.value == datetime(2026, 11, 5, 10, 0, tzinfo=ZoneInfo(TZ))


@pytest.mark.parametrize(
    ("written", "offset_hours"),
    [
        ("call at 10am est on friday", -5),
        ("3pm pt friday", -7),
        ("friday 14:00 cet", 1),
        ("9am (pdt) friday", -7),
    ],
)
def test_chat_writes_a_zone_after_a_clock_in_lower_case(written: str, offset_hours: int) -> None:
    (expression,) = extract_datetimes(written, now=NOW, tz=TZ)
    value = expression.reading.value
    assert isinstance(value, datetime) and value.date() == date(2026, 10, 30)
    assert value.utcoffset() is not None and value.utcoffset().total_seconds() == offset_hours * 3600


def test_lower_case_latin_after_a_clock_is_no_zone() -> None:
    (expression,) = extract_datetimes("we met at 5pm et cetera", now=NOW, tz=TZ)
    assert expression.text == "5pm" and expression.zone is None


def test_chat_writes_another_persons_time_in_lower_case() -> None:
    (expression,) = extract_datetimes("can we do 10am anika's time on friday?", now=NOW, tz=TZ)
    assert expression.zone_owner == "anika" and expression.ambiguous
    (offset,) = extract_datetimes("back in a week's time", now=NOW, tz=TZ)
    assert offset.zone_owner is None and offset.reading.value == date(2026, 11, 5)


def test_a_message_in_capitals_keeps_its_owners_possessives_and_times() -> None:
    (owned,) = extract_datetimes("9AM JONAS'S TIME ON FRIDAY", now=NOW, tz=TZ)
    assert owned.zone_owner == "JONAS" and owned.ambiguous
    (day,) = extract_datetimes("CANCEL TOMORROW'S REVIEW", now=NOW, tz=TZ)
    assert day.reading.value == date(2026, 10, 30)
    (call,) = extract_datetimes("RING ME TOMORROW AT 8 ABOUT THE QUOTE", now=NOW, tz=TZ)
    assert call.reading.value == datetime(2026, 10, 30, 8, 0, tzinfo=ZoneInfo(TZ))


def test_a_month_word_ending_a_sentence_takes_no_day_from_the_next() -> None:
    found = extract_datetimes("The road is closed for the march. ten past 2 on Monday", now=NOW, tz=TZ)
    assert [e.text for e in found] == ["ten past 2 on Monday"]
    (dotted,) = extract_datetimes("Mar.10 at 3pm", now=NOW, tz=TZ)
    assert isinstance(dotted.reading.value, datetime) and dotted.reading.value.day == 10


@pytest.mark.parametrize(
    "text",
    [
        "Could we review the budget mañana at 5pm, porfa?",
        "Let's do the call kal at 11, ok?",
        "Can we push the meeting to demain à 15h?",
        "Can we do it bukas ng 2pm?",
        "I'll call you now now.",
        "Dinner at 7 de la noche?",
    ],
)
def test_a_day_or_part_of_it_in_another_language_makes_the_english_time_abstain(text: str) -> None:
    assert extract_datetimes(text, now=NOW, tz=TZ) == []


def test_an_english_day_beside_foreign_words_still_reads() -> None:
    (expression,) = extract_datetimes("Hoy no puedo, but Friday at 10am works", now=NOW, tz=TZ)
    assert expression.reading.value == datetime(2026, 10, 30, 10, 0, tzinfo=ZoneInfo(TZ))

"""Family group chats, hospitality and the outdoors (more53 to more56).

Chat writes short weekdays in lower case: "sat", "sun" and "wed" are also words, so they are days only
with evidence (a bound before and the end of a clause after, a clock before, a thing that happens
before "sat at 2", a day of the month that falls on them). An emoji ends a clause as a comma does.
Ages ("9 yrs old"), a 4-H club, a school's "Year 2" and a lock's combination are no times; a month with
its day leaves the hour range after it a range ("fri 30 jan 3-5pm").
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from tests.guards.chicago_reader import CHICAGO, NOW, found

SATURDAY, SUNDAY = date(2026, 9, 19), date(2026, 9, 20)


def at(day: date, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute, second), tzinfo=CHICAGO)


@pytest.mark.parametrize(
    ("text", "span", "reading"),
    [
        ("can maya come over for a playdate sat at 2?", "sat at 2", at(SATURDAY, 14)),
        ("hockey at 6:15am sat, rink 2", "6:15am sat", at(SATURDAY, 6, 15)),
        ("dance recital sat at 6 in the evening", "sat at 6 in the evening", at(SATURDAY, 18)),
        ("photo orders close end of day fri", "end of day fri", at(date(2026, 9, 18), 23, 59, 59)),
        ("permission slips due fri, $15 for the trip", "fri", date(2026, 9, 18)),
    ],
)  # fmt: skip
def test_lower_case_short_weekdays_with_evidence_are_days(text: str, span: str, reading: object) -> None:
    [expression] = found(text)
    assert (expression.text, expression.value) == (span, reading)


def test_a_lower_case_weekday_between_bounds_is_a_day() -> None:
    [stay] = found("kids r with me from sat till tues")
    assert (stay.start, stay.end) == (SATURDAY, date(2026, 9, 22))
    [until] = found("kids r with their dad til sun, back to me after")
    assert until.end == SUNDAY


def test_hours_after_a_lower_case_day_make_a_range() -> None:
    [party] = found("ruby's 7th bday at the trampoline park sat 3 til 5")
    assert (party.start, party.end) == (at(SATURDAY, 15), at(SATURDAY, 17))


def test_sat_before_the_day_of_the_month_it_falls_on_is_a_saturday() -> None:
    now = datetime(2026, 11, 2, 9, 0, tzinfo=CHICAGO)  # the 7th is a Saturday
    assert [e.value for e in found("custody swap: you take sat the 7th", now)] == [date(2026, 11, 7)]
    assert found("she sat the 7th grade exam", now) == []


@pytest.mark.parametrize(
    "text",
    [
        "protection from sun and wind",
        "she's in year 4, 9 yrs old, size 2 runners",
        "85 calves at 4-6 weeks old, averaging 72 kg",
        "all 4 Year 2 classes in the hall",
        "locker 318, combo is 24-6-12",
        "Payroll inputs close at 6 pm on the 25th of every month.",
        "Prices run from 7 to 10.30",
        "See you at Founders Friday",
    ],
)
def test_verbs_ages_clubs_codes_and_recurrences_are_no_dates(text: str) -> None:
    assert found(text) == []


def test_sat_with_a_subject_is_the_verb() -> None:
    assert [(e.text, e.grain) for e in found("I sat at 6 in the evening and waited")] == [
        ("at 6 in the evening", "time")
    ]


def test_an_emoji_ends_a_clause() -> None:
    text = "grandpa's visiting from the 18th to the 22nd 👴 he wants to see the 5th grade concert"
    [visit] = found(text)
    assert (visit.text, visit.start, visit.end) == (
        "from the 18th to the 22nd",
        date(2026, 9, 18),
        date(2026, 9, 22),
    )


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("ryan's party fri 30 oct 3-5pm", at(date(2026, 10, 30), 15), at(date(2026, 10, 30), 17)),
        ("jack's party is sun 25th oct 11-2 there", at(date(2026, 10, 25), 11), at(date(2026, 10, 25), 14)),
    ],
)  # fmt: skip
def test_a_month_with_its_day_leaves_the_hours_after_it_a_range(
    text: str, start: datetime, end: datetime
) -> None:
    [party] = found(text)
    assert (party.start, party.end) == (start, end)


def test_the_rest_of_the_sentence_reads() -> None:
    assert [e.value for e in found("school bus 2B late today, abt 10 mins") if e.grain == "date"] == [
        NOW.date()
    ]
    [breakfast] = found("Breakfast is served from 7 to 10.30")
    assert (breakfast.start, breakfast.end) == (time(7), time(10, 30))
    [show] = found("The 4-H calf show is at 1:30 on Sunday")
    assert show.value == at(SUNDAY, 13, 30)
    [walk] = found("Set off from Seathwaite Sunday at 9")
    assert walk.value == at(SUNDAY, 9)


def test_not_until_is_when_it_happens() -> None:
    [sunset] = found("Sunset's not until 10:15 tonight")
    assert (sunset.grain, sunset.value) == ("datetime", at(NOW.date(), 22, 15))
    [shop] = found("the shop is open until 6pm")
    assert (shop.start, shop.end) == (None, time(18))


@pytest.mark.parametrize(
    ("text", "read"),
    [("Firewall rule 4412 now allows ports 443 and 8443.", False), ("now works for me", True)],
)
def test_now_before_a_verb_of_state_is_no_time(text: str, read: bool) -> None:
    assert bool(found(text)) is read

"""A clock or a day attached to an expression that the parser cannot read makes it abstain; and the
clock forms that used to be those loose ends ("9h30" after a date, "half eight to ring", "1600 on
Thursday", "22:10 sun").
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from tests.guards.chicago_reader import CHICAGO, found


@pytest.mark.parametrize(
    "text", ["Book a call with Raj tomorow at 2pn", "see you tomorrow 3pn", "orders close end of day sat"]
)
def test_a_day_with_an_unreadable_clock_or_day_attached_abstains(text: str) -> None:
    assert found(text) == []


def test_an_unread_word_apart_from_the_expression_does_not_spoil_it() -> None:
    assert [e.value for e in found("tomorrow works. 3pn was a typo")] == [date(2026, 9, 16)]


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("The exam is at 9h30 on Thursday", datetime(2026, 9, 17, 9, 30, tzinfo=CHICAGO)),
        ("Calculus, Thursday 21 January 2027, 9h30, Room 2", datetime(2027, 1, 21, 9, 30, tzinfo=CHICAGO)),
        ("remind me tomorrow at half eight to ring Al", datetime(2026, 9, 16, 8, 30, tzinfo=CHICAGO)),
        ("I can do 1600 on Thursday", datetime(2026, 9, 17, 16, 0, tzinfo=CHICAGO)),
        ("at 0730 tomorrow", datetime(2026, 9, 16, 7, 30, tzinfo=CHICAGO)),
        ("flight lands 22:10 sun", datetime(2026, 9, 20, 22, 10, tzinfo=CHICAGO)),
        ("meet @ noon sun", datetime(2026, 9, 20, 12, 0, tzinfo=CHICAGO)),
        ("dinner @ 7 fri?", datetime(2026, 9, 18, 19, 0, tzinfo=CHICAGO)),
    ],
)  # fmt: skip
def test_clock_forms_beside_a_day_read_with_it(text: str, reading: datetime) -> None:
    [expression] = found(text)
    assert expression.value == reading


@pytest.mark.parametrize(
    "text", ["the film runs 2h30", "by 2030 on current trends", "the score was 22:10 sun shining"]
)
def test_lengths_years_and_scores_stay_unread(text: str) -> None:
    assert found(text) == []


def test_an_h_clock_needs_a_word_that_introduces_it() -> None:
    assert [e.value for e in found("rdv at 9h30")] == [time(9, 30)]

"""Words of English dates and times: months, weekdays, numbers, units, parts of the day.

Everything here is data; the grammar in :mod:`guards.datetimes.atoms` turns it into patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sept", "sep"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ],
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        # the full name, its abbreviations, and misspellings that are no other word
        ("monday", "mon", "monady"),
        ("tuesday", "tues", "tue", "teusday", "tuseday"),
        ("wednesday", "weds", "wed", "wensday", "wendsday", "wednsday", "wedensday", "wedsday", "wendesday"),
        ("thursday", "thurs", "thur", "thu", "thurday", "thrusday", "thursay"),
        ("friday", "fri", "firday", "fryday"),
        ("saturday", "sat", "saterday", "satruday"),
        ("sunday", "sun"),
    ]
):
    for _name in _names:
        WEEKDAYS[_name] = _number

# Short weekday names that are also ordinary English words; accepted only in a clear date context.
WEEKDAY_WORDS_AT_RISK = frozenset({"mon", "tue", "wed", "sat", "sun", "fri", "thu"})

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_ORDINAL_UNITS = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
]
_ORDINAL_TEENS = [
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_ORDINAL_TENS = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50}


def _compounds(tens: dict[str, int], units: list[str]) -> Iterable[tuple[str, int]]:
    for ten_word, ten in tens.items():
        for unit_value, unit_word in enumerate(units[1:], start=1):
            for joiner in (" ", "-"):
                yield f"{ten_word}{joiner}{unit_word}", ten + unit_value


CARDINALS: dict[str, int] = {word: value for value, word in enumerate(_UNITS)}
CARDINALS.update({word: value + 10 for value, word in enumerate(_TEENS)})
CARDINALS.update(_TENS)
CARDINALS.update(_compounds(_TENS, _UNITS))

ORDINALS: dict[str, int] = {word: value for value, word in enumerate(_ORDINAL_UNITS) if value}
ORDINALS.update({word: value + 10 for value, word in enumerate(_ORDINAL_TEENS)})
ORDINALS.update(_ORDINAL_TENS)
ORDINALS.update(_compounds(_TENS, _ORDINAL_UNITS))

# Quantities before a unit ("a week", "a couple of hours").
QUANTITY_WORDS: dict[str, float] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "a couple of": 2,
    "couple of": 2,
    "half a": 0.5,
    "a half": 0.5,
    "half an": 0.5,
    "a quarter of an": 0.25,
    "quarter of an": 0.25,
    "three quarters of an": 0.75,
    "three-quarters of an": 0.75,
    "3/4 of an": 0.75,
    "1/4 of an": 0.25,
    "1/2 an": 0.5,
}
QUANTITY_WORDS.update({word: float(value) for word, value in CARDINALS.items() if 0 < value <= 99})

UNIT_SECONDS: dict[str, int] = {
    "second": 1,
    "minute": 60,
    "hour": 3600,
    "day": 86400,
    "night": 86400,
    "week": 604800,
    "fortnight": 1209600,
    "month": 2592000,
    "year": 31536000,
}
UNIT_WORDS: dict[str, str] = {
    "seconds": "second",
    "second": "second",
    "secs": "second",
    "sec": "second",
    "minutes": "minute",
    "minute": "minute",
    "mins": "minute",
    "min": "minute",
    "hours": "hour",
    "hour": "hour",
    "hrs": "hour",
    "hr": "hour",
    "h": "hour",
    "days": "day",
    "day": "day",
    "nights": "night",
    "night": "night",
    "weeks": "week",
    "week": "week",
    "wks": "week",
    "wk": "week",
    "fortnights": "fortnight",
    "fortnight": "fortnight",
    "months": "month",
    "month": "month",
    "years": "year",
    "year": "year",
    "yrs": "year",
    "yr": "year",
}

# Parts of the day: (start hour, end hour) as Recognizers-Text resolves them; end 24 means 23:59:59.
DAY_PARTS: dict[str, tuple[int, int]] = {
    "morning": (8, 12),
    "afternoon": (12, 16),
    "evening": (16, 20),
    "night": (20, 24),
}
DAY_PART_WORDS: dict[str, str] = {
    "morning": "morning",
    "mornings": "morning",
    "afternoon": "afternoon",
    "afternoons": "afternoon",
    "arvo": "afternoon",  # Australian
    "evening": "evening",
    "evenings": "evening",
    "night": "night",
    "nights": "night",
    "tonight": "night",
    "tonite": "night",
    "2nite": "night",
    "eve": "evening",  # "thurs eve": only right after a day (a bare part)
}


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth (1-based; -1 = last) given weekday of a month."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


MEALS = ("breakfast", "brunch", "lunch", "dinner", "supper", "drinks", "cocktails")
"""Meals and drinks whose hour a bare clock time takes ("dinner at 7": 19:00; see ``dayparts.MEAL_HOURS``)."""


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that "tues" wins over "tue"."""
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))

"""Words of English dates and times: months, weekdays, numbers, units, zones, holidays.

Everything here is data; the grammar in :mod:`guards.datetimes.atoms` turns it into patterns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, timedelta

from dateutil.easter import easter

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
        ("monday", "mon"),
        ("tuesday", "tues", "tue"),
        ("wednesday", "weds", "wed"),
        ("thursday", "thurs", "thur", "thu"),
        ("friday", "fri"),
        ("saturday", "sat"),
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
}
QUANTITY_WORDS.update({word: float(value) for word, value in CARDINALS.items() if 0 < value <= 59})

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
    "evening": "evening",
    "evenings": "evening",
    "night": "night",
    "nights": "night",
    "tonight": "night",
    "tonite": "night",
}

# Unambiguous zone abbreviations. Deliberately absent: CST (US Central or China Standard), IST (India,
# Israel or Ireland), BST (British Summer or Bangladesh), AST (Atlantic or Arabia) — those raise an
# ambiguity error instead of a guess.
ABBREVIATION_ZONES: dict[str, tuple[str, int | None]] = {
    # abbreviation: (IANA zone, fixed UTC offset in minutes the abbreviation asserts, None = whatever applies)
    "utc": ("UTC", 0),
    "gmt": ("UTC", 0),
    "z": ("UTC", 0),
    "zulu": ("UTC", 0),
    "est": ("America/New_York", -300),
    "edt": ("America/New_York", -240),
    "et": ("America/New_York", None),
    "cdt": ("America/Chicago", -300),
    "ct": ("America/Chicago", None),
    "mst": ("America/Denver", -420),
    "mdt": ("America/Denver", -360),
    "mt": ("America/Denver", None),
    "pst": ("America/Los_Angeles", -480),
    "pdt": ("America/Los_Angeles", -420),
    "pt": ("America/Los_Angeles", None),
    "akst": ("America/Anchorage", -540),
    "akdt": ("America/Anchorage", -480),
    "hst": ("Pacific/Honolulu", -600),
    "wet": ("Europe/Lisbon", 0),
    "west": ("Europe/Lisbon", 60),
    "cet": ("Europe/Paris", 60),
    "cest": ("Europe/Paris", 120),
    "eet": ("Europe/Athens", 120),
    "eest": ("Europe/Athens", 180),
    "msk": ("Europe/Moscow", 180),
    "jst": ("Asia/Tokyo", 540),
    "kst": ("Asia/Seoul", 540),
    "hkt": ("Asia/Hong_Kong", 480),
    "sgt": ("Asia/Singapore", 480),
    "aest": ("Australia/Sydney", 600),
    "aedt": ("Australia/Sydney", 660),
    "acst": ("Australia/Adelaide", 570),
    "awst": ("Australia/Perth", 480),
    "nzst": ("Pacific/Auckland", 720),
    "nzdt": ("Pacific/Auckland", 780),
}
AMBIGUOUS_ABBREVIATIONS: dict[str, list[str]] = {
    "cst": ["America/Chicago (US Central, UTC-6)", "Asia/Shanghai (China Standard, UTC+8)"],
    "ist": [
        "Asia/Kolkata (India, UTC+5:30)",
        "Asia/Jerusalem (Israel, UTC+2)",
        "Europe/Dublin (Irish, UTC+1)",
    ],
    "bst": ["Europe/London (British Summer, UTC+1)", "Asia/Dhaka (Bangladesh, UTC+6)"],
    "ast": ["America/Halifax (Atlantic, UTC-4)", "Asia/Riyadh (Arabia, UTC+3)"],
}

# Zone names people write before "time" ("Pacific time", "Tokyo time") and cities -> IANA zones.
ZONE_NAMES: dict[str, str] = {
    "pacific": "America/Los_Angeles",
    "mountain": "America/Denver",
    "central": "America/Chicago",
    "eastern": "America/New_York",
    "atlantic": "America/Halifax",
    "alaska": "America/Anchorage",
    "hawaii": "Pacific/Honolulu",
    "new york": "America/New_York",
    "nyc": "America/New_York",
    "boston": "America/New_York",
    "washington": "America/New_York",
    "toronto": "America/Toronto",
    "miami": "America/New_York",
    "atlanta": "America/New_York",
    "chicago": "America/Chicago",
    "dallas": "America/Chicago",
    "houston": "America/Chicago",
    "denver": "America/Denver",
    "phoenix": "America/Phoenix",
    "los angeles": "America/Los_Angeles",
    "san francisco": "America/Los_Angeles",
    "seattle": "America/Los_Angeles",
    "vancouver": "America/Vancouver",
    "mexico city": "America/Mexico_City",
    "sao paulo": "America/Sao_Paulo",
    "são paulo": "America/Sao_Paulo",
    "buenos aires": "America/Argentina/Buenos_Aires",
    "london": "Europe/London",
    "uk": "Europe/London",
    "dublin": "Europe/Dublin",
    "lisbon": "Europe/Lisbon",
    "paris": "Europe/Paris",
    "berlin": "Europe/Berlin",
    "madrid": "Europe/Madrid",
    "rome": "Europe/Rome",
    "amsterdam": "Europe/Amsterdam",
    "brussels": "Europe/Brussels",
    "zurich": "Europe/Zurich",
    "vienna": "Europe/Vienna",
    "stockholm": "Europe/Stockholm",
    "oslo": "Europe/Oslo",
    "copenhagen": "Europe/Copenhagen",
    "helsinki": "Europe/Helsinki",
    "warsaw": "Europe/Warsaw",
    "prague": "Europe/Prague",
    "athens": "Europe/Athens",
    "istanbul": "Europe/Istanbul",
    "moscow": "Europe/Moscow",
    "cairo": "Africa/Cairo",
    "johannesburg": "Africa/Johannesburg",
    "lagos": "Africa/Lagos",
    "nairobi": "Africa/Nairobi",
    "dubai": "Asia/Dubai",
    "tel aviv": "Asia/Jerusalem",
    "jerusalem": "Asia/Jerusalem",
    "mumbai": "Asia/Kolkata",
    "delhi": "Asia/Kolkata",
    "new delhi": "Asia/Kolkata",
    "bangalore": "Asia/Kolkata",
    "bengaluru": "Asia/Kolkata",
    "india": "Asia/Kolkata",
    "singapore": "Asia/Singapore",
    "hong kong": "Asia/Hong_Kong",
    "shanghai": "Asia/Shanghai",
    "beijing": "Asia/Shanghai",
    "china": "Asia/Shanghai",
    "taipei": "Asia/Taipei",
    "seoul": "Asia/Seoul",
    "tokyo": "Asia/Tokyo",
    "japan": "Asia/Tokyo",
    "bangkok": "Asia/Bangkok",
    "jakarta": "Asia/Jakarta",
    "manila": "Asia/Manila",
    "sydney": "Australia/Sydney",
    "melbourne": "Australia/Melbourne",
    "brisbane": "Australia/Brisbane",
    "perth": "Australia/Perth",
    "auckland": "Pacific/Auckland",
    "honolulu": "Pacific/Honolulu",
}


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth (1-based; -1 = last) given weekday of a month."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _thanksgiving(year: int) -> date:
    return nth_weekday(year, 11, 3, 4)


HOLIDAYS: dict[str, Callable[[int], date]] = {
    "new year's day": lambda y: date(y, 1, 1),
    "new years day": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31),
    "new year": lambda y: date(y, 1, 1),
    "new year day": lambda y: date(y, 1, 1),
    "new years eve": lambda y: date(y, 12, 31),
    "martin luther king day": lambda y: nth_weekday(y, 1, 0, 3),
    "mlk day": lambda y: nth_weekday(y, 1, 0, 3),
    "valentine's day": lambda y: date(y, 2, 14),
    "valentines day": lambda y: date(y, 2, 14),
    "presidents day": lambda y: nth_weekday(y, 2, 0, 3),
    "presidents' day": lambda y: nth_weekday(y, 2, 0, 3),
    "saint patrick's day": lambda y: date(y, 3, 17),
    "st patrick's day": lambda y: date(y, 3, 17),
    "st. patrick's day": lambda y: date(y, 3, 17),
    "saint patrick": lambda y: date(y, 3, 17),
    "st patrick": lambda y: date(y, 3, 17),
    "easter": easter,
    "easter sunday": easter,
    "good friday": lambda y: easter(y) - timedelta(days=2),
    "earth day": lambda y: date(y, 4, 22),
    "easter monday": lambda y: easter(y) + timedelta(days=1),
    "international workers' day": lambda y: date(y, 5, 1),
    "international workers day": lambda y: date(y, 5, 1),
    "may day": lambda y: date(y, 5, 1),
    "mother's day": lambda y: nth_weekday(y, 5, 6, 2),
    "mothers day": lambda y: nth_weekday(y, 5, 6, 2),
    "memorial day": lambda y: nth_weekday(y, 5, 0, -1),
    "father's day": lambda y: nth_weekday(y, 6, 6, 3),
    "fathers day": lambda y: nth_weekday(y, 6, 6, 3),
    "juneteenth": lambda y: date(y, 6, 19),
    "independence day": lambda y: date(y, 7, 4),
    "labor day": lambda y: nth_weekday(y, 9, 0, 1),
    "labour day": lambda y: nth_weekday(y, 9, 0, 1),
    "columbus day": lambda y: nth_weekday(y, 10, 0, 2),
    "halloween": lambda y: date(y, 10, 31),
    "veterans day": lambda y: date(y, 11, 11),
    "thanksgiving": _thanksgiving,
    "thanksgiving day": _thanksgiving,
    "black friday": lambda y: _thanksgiving(y) + timedelta(days=1),
    "christmas eve": lambda y: date(y, 12, 24),
    "christmas": lambda y: date(y, 12, 25),
    "christmas day": lambda y: date(y, 12, 25),
    "xmas": lambda y: date(y, 12, 25),
    "boxing day": lambda y: date(y, 12, 26),
}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that "tues" wins over "tue"."""
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))

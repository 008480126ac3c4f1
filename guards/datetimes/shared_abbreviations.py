"""Abbreviations that name several time zones ("CST", "IST", "BST", "AST").

Written in the reader's own country, one of them is the reader's zone when exactly one of its zones is
in that country ("IST" in Kolkata is India's, "CST" in New York US Central). Elsewhere the expression
is ambiguous, and its readings are the written wall time at each zone's asserted offset ("9am CST" read
in Tokyo: 09:00-06:00 or 09:00+08:00), so that no reading is in a zone the words never named.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from guards.datetimes.model import Reading
from guards.datetimes.tz_places import zone_countries

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
# The zones behind each of those, with the offset each asserts: the reader's own country's settles
# the abbreviation ("IST" written in Kolkata is India's, "BST" in London British Summer Time).
_AMBIGUOUS_CANDIDATES: dict[str, tuple[tuple[str, int], ...]] = {
    "cst": (("America/Chicago", -360), ("Asia/Shanghai", 480)),
    "ist": (("Asia/Kolkata", 330), ("Asia/Jerusalem", 120), ("Europe/Dublin", 60)),
    "bst": (("Europe/London", 60), ("Asia/Dhaka", 360)),
    "ast": (("America/Halifax", -240), ("Asia/Riyadh", 180)),
}


def readers_reading(abbreviation: str, reader_zone: str | None) -> tuple[str, int] | None:
    """The one zone of an ambiguous abbreviation in the reader's own country, if there is one."""
    country = zone_countries().get(reader_zone or "")
    candidates = _AMBIGUOUS_CANDIDATES[abbreviation]
    mine = [c for c in candidates if country and zone_countries().get(c[0]) == country]
    return mine[0] if len(mine) == 1 else None


def readings_in_each_zone(readings: list[Reading], abbreviation: str) -> list[Reading]:
    """Every reading's wall times at each offset the abbreviation may assert, in the table's order."""
    shifted: list[Reading] = []
    for reading in readings:
        for _, minutes in _AMBIGUOUS_CANDIDATES[abbreviation]:
            offset = timezone(timedelta(minutes=minutes))
            fields = {
                name: point.replace(tzinfo=offset)
                for name in ("value", "start", "end")
                if isinstance(point := getattr(reading, name), datetime)
            }
            shifted.append(replace(reading, **fields))
    return shifted

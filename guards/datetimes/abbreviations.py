"""The zone abbreviations people write and when a written one names a zone.

The table is written here rather than taken from a library: tzdata carries the abbreviations each
zone uses, but not which zone a person means by one (tzdata lists "IST" for India, Ireland and
Israel), and that choice is the part that matters. How an abbreviation's offset is applied is in
:mod:`guards.datetimes.zones`.
"""

from __future__ import annotations

import re

from guards.datetimes.lexicon import alternation
from guards.datetimes.shared_abbreviations import AMBIGUOUS_ABBREVIATIONS

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
    "sast": ("Africa/Johannesburg", 120),
    "eat": ("Africa/Nairobi", 180),
    "cat": ("Africa/Maputo", 120),
    "wat": ("Africa/Lagos", 60),
    "pkt": ("Asia/Karachi", 300),
    "ict": ("Asia/Bangkok", 420),
    "wib": ("Asia/Jakarta", 420),
    "pht": ("Asia/Manila", 480),
}
# Abbreviations that are no English word, so that lower case after any clock, a bare hour included,
# still names the zone ("at 9 cet", "at 3 gmt"); "west", "wet", "pt", "et" need a clock of am/pm or
# minutes ("10am est"), and "10 pt font" stays a size.
_ALL_ABBREVIATIONS = (*ABBREVIATION_ZONES, *AMBIGUOUS_ABBREVIATIONS)
# ... and those that are English words, which text in capitals ("1055 WEST GEORGIA ST") does not mark
# ("Zulu" after a clock is aviation's UTC, "14:30 Zulu", so it is no word here)
WORD_ABBREVIATIONS = frozenset({"west", "wet", "eat", "cat", "wat"})
LOWER_CASE_SAFE_ABBREVIATIONS = frozenset(
    a for a in _ALL_ABBREVIATIONS if len(a) > 2 and a not in WORD_ABBREVIATIONS
)
# Every abbreviation of two letters or more, as one regex alternation ("z" alone is too short to find).
ABBREVIATION_ALTERNATION = alternation(a for a in _ALL_ABBREVIATIONS if len(a) > 1)
_ABBREVIATION_AFTER = re.compile(rf"\s+(?P<abbr>{ABBREVIATION_ALTERNATION})\b", re.IGNORECASE)


def marks_a_zone(written: str, shouted: bool) -> bool:
    """Whether the abbreviation as ``written`` names a zone: in capitals (unless the whole text is, and
    it is an English word: "WEST"), or one that is no English word in any case ("1700 utc")."""
    word = written.lower()
    if written.isupper():
        return not (shouted and word in WORD_ABBREVIATIONS)
    return word in LOWER_CASE_SAFE_ABBREVIATIONS


def abbreviation_follows(raw: str, end: int, shouted: bool = False) -> bool:
    """A zone abbreviation that :func:`marks_a_zone` comes right after ``end`` ("1400 GMT")."""
    m = _ABBREVIATION_AFTER.match(raw, end)
    return m is not None and marks_a_zone(m["abbr"], shouted)

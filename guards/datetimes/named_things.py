"""Titles, streets and sayings that hold date words; the parser abstains on them.

"We watched 28 Days Later", "Eight Days a Week", "The Twelve Days of Christmas": nobody capitalises a
unit of time in the middle of a sentence except in a title. "14 March Road", "9 Sunday Lane": a date or
a day before a word of streets names the street. "Rome wasn't built in a day", "first and last
month's rent", "like Groundhog Day", "Christmas came early" and "a hymn of thanksgiving" name no
day, nor "The Nightmare Before Christmas" or "Last Christmas by Wham!".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guards.datetimes.model import Atom

_TITLE_WORD = r"(?:[A-Z][a-z]+|\d{1,4})"
_TITLE_UNIT = r"(?:Days|Weeks|Hours|Minutes|Months|Years|Nights|Seconds)"
# a capitalised unit after a number or a capitalised word, with the title's words after it
_TITLE_WITH_A_UNIT = re.compile(
    rf"(?:(?<=[a-z,;:] )|(?<=['\x22\u2018\u201c])){_TITLE_WORD}\s+{_TITLE_UNIT}\b"
    r"(?:\s+(?:of|a|in|to|and|the|Later|After|Ago|Before)\b)*(?:\s+[A-Z][a-z]+)*"
)
_STREET = re.compile(
    r"\b(?:\d{1,4}(?:st|nd|rd|th)?\s+)?(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Christmas|Easter)\s+"
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Place|Pl|Square|Sq|Close|Crescent|"
    r"Terrace|Park|Gardens)\b"
)
_SAYING = re.compile(
    r"\bwasn['\u2019]?t\s+built\s+in\s+a\s+day\b|\bnot\s+built\s+in\s+a\s+day\b"
    r"|\bfirst\s+and\s+last\s+month['\u2019]?s\s+rent\b"  # a deposit, not last month
    r"|\blike\s+(?:a\s+)?groundhog\s+day\b|\bturkeys?\s+voting\s+for\s+christmas\b"
    r"|\bchristmas\s+(?:came|comes|has\s+come)\s+early\b|\blike\s+a\s+(?:kid|child)\s+on\s+christmas\s+(?:morning|eve|day)\b"
    r"|\b(?:a|the)\s+(?:hymn|prayer|song|service|day|feast)\s+of\s+thanksgiving\b",
    re.IGNORECASE,
)
# titles: "The Nightmare Before Christmas" (a capitalised "Before" in the middle of a sentence), "Last
# Christmas by Wham!" (a holiday song by someone)
_TITLE_WITH_A_HOLIDAY = re.compile(
    r"(?<=[a-z,] )(?:The\s+)?(?:[A-Z][a-z]+\s+)+(?:Before|After)\s+[A-Z][a-z]+"
    r"|\b(?:Last|White|Blue|Merry|Happy|Lonely)\s+Christmas\s+by\s+[A-Z]"
)


# every pattern above holds one of these words; most sentences hold none, and skip the patterns
_CAPITALISED_NEEDLE = re.compile(
    r"\b(?:Days|Weeks|Hours|Minutes|Months|Years|Nights|Seconds|Before|After|Road|Rd|Street|St|Avenue|Ave|"
    r"Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Place|Pl|Square|Sq|Close|Crescent|Terrace|Park|Gardens)\b"
)
_SAYING_NEEDLES = ("built", "rent", "groundhog", "turkey", "christmas", "thanksgiving")


def named_thing_voids(raw: str) -> Iterator[Atom]:
    """Void atoms over titles with a unit of time, streets named for a date, and sayings."""
    lowered = raw.lower()
    if _CAPITALISED_NEEDLE.search(raw) is None and not any(word in lowered for word in _SAYING_NEEDLES):
        return
    for pattern in (_TITLE_WITH_A_UNIT, _STREET, _SAYING, _TITLE_WITH_A_HOLIDAY):
        for m in pattern.finditer(raw):
            # a name spoils no neighbour: "the game at Easter Road on Saturday at 3"
            yield Atom("void", m.start(), m.end(), priority=5, weak=True)

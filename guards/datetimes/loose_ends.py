"""An expression with a clock or a day beside it that the parser could not read abstains.

"tomorrow at 2pn", "the 7.52 tomorrow": reading the day alone would drop the part that says when on
it, and a guard would take the day for the whole ("tomorrow" would move a correct "tomorrow at 14:00"
to midnight). "end of day fri" read as "end of day" would move a correct Friday to today. An unknown
word attached to a date or a time makes the whole expression abstain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from guards.datetimes.model import TemporalExpression
from guards.datetimes.patterns import HOUR_WORD, MOVED_FROM

# Something written as a clock: "2pn", "7.52", "9h30", "0600-1400", "14:00".
_CLOCK = r"(?:\d{1,2}(?:[:.h]\d\d)?\s*(?:[ap]\.?m\.?|pn|hrs?\b|h\b)|\d{1,2}[:h]\d\d|[01]\d[0-5]\d)"
_CLOCK_AFTER = re.compile(rf"\s*,?\s*(?:(?:at|@|from|by|around)\s*)?(?P<clock>{_CLOCK})(?![\d/])")
# "the 28th from half six to nine": an hour in words after a word that introduces a time
_HOUR_WORD_AFTER = re.compile(
    rf"\s*,?\s*(?:at|from|by|around)\s+(?P<clock>(?:(?:half|quarter)\s+(?:past\s+|to\s+)?)?{HOUR_WORD})\b"
)
_CLOCK_BEFORE = re.compile(rf"(?<![\d/.:$])(?P<clock>{_CLOCK})\s*,?\s*(?:on\s+)?$")
_WEEKDAY_AFTER = re.compile(r"\s+(?P<clock>(?i:mon|tues?|wed|weds|thu|thur|thurs|fri|sat|sun))\b")
# "from half six to nine in the evening": the range's start was not read, so its end alone is no reading
_UNREAD_RANGE_START = re.compile(
    rf"(?P<clock>\b{HOUR_WORD}|(?<![\d:.])\d{{1,2}}(?:[:.]\d\d)?)\s*(?:to|till|until|-|\u2013)\s*$"
)


def _unread(m: re.Match[str] | None, found: Sequence[TemporalExpression]) -> bool:
    """``m`` found a clock or a day that no expression covers."""
    return m is not None and not any(
        e.span_start < m.end("clock") and m.start("clock") < e.span_end for e in found
    )


def _loose_end_beside(text: str, expression: TemporalExpression, found: Sequence[TemporalExpression]) -> bool:
    start, end = expression.span_start, expression.span_end
    if _unread(_WEEKDAY_AFTER.match(text, end), found):
        return True
    range_start = _UNREAD_RANGE_START.search(text, max(0, start - 24), start)
    if (
        expression.grain in ("time", "datetime")
        and range_start is not None
        and _unread(range_start, found)
        and not MOVED_FROM.search(
            text, 0, range_start.start("clock")
        )  # "shift the standup from 9:15 to 9:45"
    ):
        return True
    if expression.grain not in ("date", "daterange"):
        return False
    return (
        _unread(_CLOCK_AFTER.match(text, end), found)
        or _unread(_HOUR_WORD_AFTER.match(text, end), found)
        or _unread(_CLOCK_BEFORE.search(text, max(0, start - 16), start), found)
    )


def without_loose_ends(text: str, expressions: Sequence[TemporalExpression]) -> list[TemporalExpression]:
    """The expressions, less those a clock or a day the parser did not read is attached to."""
    return [e for e in expressions if not _loose_end_beside(text, e, expressions)]

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
_CLOCK_AFTER = re.compile(
    rf"\s*,?\s*(?:(?:at|@|from|by|around)\s*)?(?P<clock>{_CLOCK})(?![\d/])"
    # "the 28th from half six to nine": an hour in words after a word that introduces a time
    rf"|\s*,?\s*(?:at|from|by|around)\s+(?P<word_clock>(?:(?:half|quarter)\s+(?:past\s+|to\s+)?)?{HOUR_WORD})\b"
)
_WEEKDAY_AFTER = re.compile(r"\s+(?P<clock>(?i:mon|tues?|wed|weds|thu|thur|thurs|fri|sat|sun))\b")
# "from half six to nine in the evening": the range's start was not read, so its end alone is no reading
_UNREAD_RANGE_START = re.compile(
    rf"(?P<clock>\b{HOUR_WORD}|(?<![\d:.])\d{{1,2}}(?:[:.]\d\d)?)\s*(?:to|till|until|-|\u2013)\s*$"
)
_CLOCK_BEFORE = re.compile(rf"(?<![\d/.:$])(?P<clock>{_CLOCK})\s*,?\s*(?:on\s+)?$")


def _covered(start: int, end: int, expressions: Sequence[TemporalExpression]) -> bool:
    return any(e.span_start < end and start < e.span_end for e in expressions)


def _loose_end_beside(text: str, expression: TemporalExpression, found: Sequence[TemporalExpression]) -> bool:
    day = _WEEKDAY_AFTER.match(text, expression.span_end)
    if day and not _covered(day.start("clock"), day.end("clock"), found):
        return True
    start = _UNREAD_RANGE_START.search(text, max(0, expression.span_start - 24), expression.span_start)
    if (
        start
        and expression.grain in ("time", "datetime")
        and not _covered(start.start("clock"), start.end("clock"), found)
        and not MOVED_FROM.search(text, 0, start.start("clock"))  # "shift the standup from 9:15 to 9:45"
    ):
        return True
    if expression.grain not in ("date", "daterange"):
        return False
    after = _CLOCK_AFTER.match(text, expression.span_end)
    if after:
        group = "clock" if after["clock"] else "word_clock"
        if not _covered(after.start(group), after.end(group), found):
            return True
    before = _CLOCK_BEFORE.search(text, max(0, expression.span_start - 16), expression.span_start)
    return before is not None and not _covered(before.start("clock"), before.end("clock"), found)


def without_loose_ends(text: str, expressions: Sequence[TemporalExpression]) -> list[TemporalExpression]:
    """The expressions, less those a clock or a day the parser did not read is attached to."""
    return [e for e in expressions if not _loose_end_beside(text, e, expressions)]

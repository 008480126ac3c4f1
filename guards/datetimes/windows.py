"""Vague times a calendar reads as windows: "later today", "first thing tomorrow".

* ``later today`` and ``the rest of the day`` are from now to 23:59:59 (a window, not a time to book).
* ``first thing`` (``1st thing``) before a day ("first thing tomorrow", "first thing Monday") or
  ``first thing in the morning`` is the early morning, 08:00 to 10:00, the first half of the morning
  as ``early morning`` reads. Alone ("the first thing we need") it is no time at all.
* ``end of day`` is 23:59:59 (a deadline) of the day said beside it ("end of day Friday", "EOD
  tomorrow"), else of today; "At the end of the day," opening a sentence is the idiom and no time.
* ``tonight`` (20:00-23:59:59) is read with the dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from guards.datetimes import resolve
from guards.datetimes.dates import Scan
from guards.datetimes.lexicon import WEEKDAYS
from guards.datetimes.model import Atom
from guards.datetimes.patterns import DAY_WORD, WEEKDAY

_LATER_TODAY = re.compile(r"\b(?:later\s+today|the\s+rest\s+of\s+(?:the\s+day|today))\b")
_FIRST_THING = re.compile(
    rf"\b(?:first|1st)\s+thing(?:\s+in\s+the\s+(?P<morning>morning)|(?=,?\s+(?:on\s+)?(?:{DAY_WORD}|"
    rf"(?:this\s+|next\s+)?{WEEKDAY}\b)))"
)


def _elapsed(scan: Scan, until: datetime) -> timedelta:
    """Real time from now to the wall time ``until`` (a DST change today makes it an hour more or less)."""
    if not scan.tz:
        return until - scan.now
    zone = ZoneInfo(scan.tz)
    return until.replace(tzinfo=zone).astimezone(UTC) - scan.now.replace(tzinfo=zone).astimezone(UTC)


def window_atoms(scan: Scan) -> Iterator[Atom]:
    for m in _LATER_TODAY.finditer(scan.text) if "later" in scan.text or "rest" in scan.text else ():
        end_of_day = datetime.combine(scan.today, time(23, 59, 59))
        if end_of_day > scan.now:
            yield Atom("dtrange", m.start(), m.end(), duration=_elapsed(scan, end_of_day), priority=3)
    if "end" in scan.text or "eod" in scan.text:
        for m in _END_OF_DAY.finditer(scan.text):
            yield from _end_of_day(scan, m)
    if "first" in scan.text or "1st" in scan.text:
        for m in _FIRST_THING.finditer(scan.text):
            yield Atom("part", m.start(), m.end(), part="morning", part_half="early", priority=2)


_END_OF_DAY = re.compile(
    rf"\b(?:(?:the\s+)?end\s+of\s+(?:the\s+)?(?:(?P<what>day|today|tomorrow)|(?P<mod>this\s+)?(?P<wd>{WEEKDAY}))"
    r"|(?:the\s+)?eod)\b"
)
# A clause opens before it: a sentence start, a quote mark, a greeting's comma, a word such as "FYI".
# What a speaker says "at the end of the day" without a comma when it is the idiom: a verdict.
_VERDICT = re.compile(r"(?:it's|it\s+is|that's|that\s+is|what\s+matters|all\s+that\s+matters)\b")
_IDIOM_BEFORE = re.compile(
    r"(?:^|[.!?;:,>\-\u2013\u2014\x22\u201c]\s*|\b(?:fyi|but|and|so|well|honestly|look|because|cos|cause)\s+)at\s+$"
)


def _end_of_day(scan: Scan, m: re.Match[str]) -> Iterator[Atom]:
    if m["wd"]:
        modifier = "this" if m["mod"] else ""
        dates, ambiguous = resolve.weekday_candidates(WEEKDAYS[m["wd"]], modifier, scan.today)
    elif m["what"] in ("today", "tomorrow"):
        shift = 1 if m["what"] == "tomorrow" else 0
        dates, ambiguous = (scan.today + timedelta(days=shift),), False
    else:
        after = scan.text[m.end() :].lstrip()
        if _IDIOM_BEFORE.search(scan.text, 0, m.start()) and (after.startswith(",") or _VERDICT.match(after)):
            return  # "At the end of the day, it's your call", "at the end of the day it's your call"
        # "end of day" is a clock time of the day said beside it ("end of day Friday"), else of today
        eod, today = time(23, 59, 59), (scan.today,)
        yield Atom("time", m.start(), m.end(), times=(eod,), meridiem_fixed=True, dates=today, priority=3)
        return
    points = tuple(datetime.combine(d, datetime.max.time().replace(microsecond=0)) for d in dates)
    yield Atom("point", m.start(), m.end(), points=points, dates_ambiguous=ambiguous, priority=3)

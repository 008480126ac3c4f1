"""Vague times a calendar reads as windows: "later today", "first thing tomorrow".

* ``later today`` is the rest of today: from now to 23:59:59 (a window, not a time to book).
* ``first thing`` before a day ("first thing tomorrow", "first thing Monday") or ``first thing in the
  morning`` is the early morning, 08:00 to 10:00, the first half of the morning as ``early
  morning`` reads. Alone ("the first thing we need") it is no time at all.
* ``tonight`` (20:00-23:59:59) and ``end of day`` (23:59:59, a deadline) are read with the dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from guards.datetimes.dates import Scan
from guards.datetimes.model import Atom
from guards.datetimes.patterns import WEEKDAY

_LATER_TODAY = re.compile(r"\blater\s+today\b")
_FIRST_THING = re.compile(
    rf"\bfirst\s+thing(?:\s+in\s+the\s+(?P<morning>morning)|(?=,?\s+(?:on\s+)?(?:tomorrow|today|tmrw|"
    rf"(?:this\s+|next\s+)?{WEEKDAY}\b)))"
)


def _elapsed(scan: Scan, until: datetime) -> timedelta:
    """Real time from now to the wall time ``until`` (a DST change today makes it an hour more or less)."""
    if not scan.tz:
        return until - scan.now
    zone = ZoneInfo(scan.tz)
    return until.replace(tzinfo=zone).astimezone(UTC) - scan.now.replace(tzinfo=zone).astimezone(UTC)


def window_atoms(scan: Scan) -> Iterator[Atom]:
    for m in _LATER_TODAY.finditer(scan.text):
        end_of_day = datetime.combine(scan.today, time(23, 59, 59))
        if end_of_day > scan.now:
            yield Atom("dtrange", m.start(), m.end(), duration=_elapsed(scan, end_of_day), priority=3)
    if "first" in scan.text:
        for m in _FIRST_THING.finditer(scan.text):
            yield Atom("part", m.start(), m.end(), part="morning", part_half="early", priority=2)

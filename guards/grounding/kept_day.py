"""A moved event lands on a day the user named, or stays on its own.

"Move my 1:1 with Tomasz on Mon the 6th to 9.30am" names one day and one time. For a call that edits
an existing item whose item the resolver read (``call.target_item``), that day is either the item's
current day (the time moves, the day stays) or its new day: either way the new start belongs on it.
An agent that sends the user's time on a third day (the 5th: a date slipped by one) wrote a day
nobody said, and the start is repaired to the named day at that time, the end moved with it.

"Move the depot visit from Wednesday to Friday at 4pm" states two days, one of them the item's own:
the other is the named day. Read conservatively, as the rest of grounding: only when the request fixes
one such day and one firm time (no range, duration or window), the call's start is at that time, its
day is neither the item's current day nor any day the user stated, and the user's words hold no word
that can shift a day without naming it ("a day later", "the following week", "next month").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from guards.grounding.instants import localize, parse_instant
from guards.grounding.request_times import RequestTimes
from guards.paths import get_path

_SHIFTS_A_DAY = re.compile(r"\b(days?|weeks?|fortnights?|months?|following|previous|overnight)\b", re.I)


def start_on_named_day(
    item: dict[str, Any] | None,
    start_path: str,
    start: datetime,
    request: RequestTimes,
    messages: Sequence[str],
) -> datetime | None:
    """The start on the day the user named, when an edit put it on a day nobody named; else ``None``."""
    if item is None or request.clock is None:
        return None
    if request.end_clock is not None or request.duration is not None or request.windows:
        return None
    was = parse_instant(get_path(item, start_path, None))
    if was is None:
        return None
    was_day = was.astimezone(request.zone).date()
    named = request.day or _the_other_day(request, was_day)
    local = start.astimezone(request.zone)
    if named is None or local.time().replace(tzinfo=None) != request.clock:
        return None
    day = local.date()
    if day in (named, was_day) or day in request.stated_days:
        return None
    if any(_SHIFTS_A_DAY.search(message) for message in messages):
        return None
    return localize(named, request.clock, request.zone)


def _the_other_day(request: RequestTimes, was_day: date) -> date | None:
    """ "Move it from Wednesday to Friday": of two days stated, one the item's own, the other is new."""
    if len(request.stated_days) != 2 or was_day not in request.stated_days:
        return None
    (other,) = request.stated_days - {was_day}
    return other

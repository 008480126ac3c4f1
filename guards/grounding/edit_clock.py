"""The time of day an edit's request gives by pointing at the item: "same time", "30 minutes later".

"Move the storyboard review to Thu the 9th, same time" and "push the tech scout back by 30 minutes"
state no clock, yet fix one: the item's own (in the user's zone), or that clock moved by the stated
length. For a call that edits an existing item, the request is then read as if the user had said that
clock, so that the offset repair (``11:00Z`` for the item's 11:00 in Auckland) and the named-day check
(:mod:`guards.grounding.kept_day`) apply to it as to a clock the user said.

Read conservatively:

* the item is one the call's resolution or an earlier result showed (:func:`edit_target`), with a
  timed start whose zone, if it names one, is the user's;
* "same time" counts only with no clock, range, duration or window stated ("at the same time as the
  stand-up" is another event's time);
* a shift needs one duration, no clock, range or window, and a word that moves a time ("back",
  "later", "earlier", "forward", "delay", "postpone"). Its direction is not read: the clock is taken
  only when the call's start, as written or in the user's zone, is the item's clock moved by that
  length one way or the other; the length is then the shift, not the event's new length.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, time, timedelta
from typing import Any

from guards.context import GuardContext
from guards.datetimes import extract_datetimes
from guards.grounding.instants import parse_instant, wall_time
from guards.grounding.request_times import RequestTimes, clock_shift
from guards.pack import DomainPack, IntervalSpec
from guards.paths import get_path
from guards.resolve.misplaced import observed_items

_SAME_TIME = re.compile(r"\bsame\s+time\b(?!\s+as\b)", re.IGNORECASE)
_SHIFT_WORDS = re.compile(
    r"\b(later|earlier|back|forwards?|delay(?:ed)?|postpone(?:d)?|push(?:ed)?\s+out)\b", re.IGNORECASE
)


def edit_target(call_args: Any, tool: str, ctx: GuardContext, pack: DomainPack) -> dict[str, Any] | None:
    """The timed item an edit changes, as the newest earlier result showed it (an occurrence ID the
    agent copied from a listing of single events, which the resolver's own listing does not hold)."""
    if not isinstance(call_args, dict):
        return None
    for pattern, spec in pack.references_for(tool).items():
        if not spec.lookup.time_fields or "*" in pattern or "[" in pattern:
            continue
        value = get_path(call_args, pattern, None)
        if isinstance(value, str) and value:
            for item, _ in observed_items(ctx, spec, value):
                return item
    return None


def with_item_clock(
    request: RequestTimes,
    item: dict[str, Any] | None,
    interval: IntervalSpec,
    start: datetime,
    ctx: GuardContext,
) -> RequestTimes:
    """``request`` with the clock its words give by reference to ``item`` (see the module docstring),
    or unchanged."""
    if item is None or request.clock is not None or request.end_clock is not None or request.windows:
        return request
    if request.known_clocks:
        return request
    was = _item_start(item, interval, request)
    if was is None:
        return request
    said = " ".join(ctx.user_messages)
    if request.duration is None and _SAME_TIME.search(said):
        return replace(request, clock=_clock_in(was, request))
    shift = _shift(ctx) if _SHIFT_WORDS.search(said) else None
    if shift is None or request.duration not in (None, shift):
        return request
    moved = {_clock_in(was + shift, request), _clock_in(was - shift, request)}
    for candidate in (_clock_in(start, request), wall_time(start)):
        if candidate in moved:
            return replace(request, clock=candidate, duration=None)
    return request


def _shift(ctx: GuardContext) -> timedelta | None:
    """The one length the user's words state (the request reader drops "by 45 minutes" and "45
    minutes earlier" as offsets, so the words are read here)."""
    lengths: set[timedelta] = set()
    for message in ctx.user_messages:
        for expression in extract_datetimes(message, now=ctx.now, tz=ctx.timezone):
            duration = expression.duration if expression.grain == "duration" else None
            length = duration or clock_shift(expression, ctx.now)
            if length:
                lengths.add(length)
    return lengths.pop() if len(lengths) == 1 else None


def _item_start(item: dict[str, Any], interval: IntervalSpec, request: RequestTimes) -> datetime | None:
    if "." in interval.start:
        zone = get_path(item, interval.start.rsplit(".", 1)[0] + ".timeZone", None)
        if isinstance(zone, str) and zone != request.zone_name:
            return None
    return parse_instant(get_path(item, interval.start, None))


def _clock_in(moment: datetime, request: RequestTimes) -> time:
    return moment.astimezone(request.zone).time().replace(tzinfo=None)

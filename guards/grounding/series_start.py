"""A weekly series starts on one of the days it repeats on.

"Every Thursday at 9:30am, starting tomorrow" (tomorrow being a Thursday): an agent that writes the
start on Friday beside ``RRULE:FREQ=WEEKLY;BYDAY=TH`` makes a series whose first event falls on a day
the rule does not repeat on (RFC 5545 counts the start as the first instance even off the rule, and
Google Calendar shows it). No user asks for that, so the start is checked against the rule (the pack's
``intervals[].rule``, read in the start's own ``timeZone`` when it names one; a start whose written
date is another day there, ``14:30Z`` for 2:30pm in Auckland, has a wrong offset, not a wrong day, and
is left to the offset checks):

* when exactly one of the rule's nearest days, before or after the start, is a day the user's words
  state ("tomorrow"), the start moves to it at the same wall time, the end with it;
* otherwise the call is refused (``validation_error``, reason ``start_off_rule``) naming both days:
  which one the user meant is theirs to say.

Only plain weekly rules (``FREQ=WEEKLY`` with weekdays in ``BYDAY`` and no other ``BY`` part) are read;
anything else is left as written.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from guards.call import Blocked, PendingCall, ToolCatalog
from guards.context import GuardContext
from guards.datetimes import extract_datetimes
from guards.grounding.instants import format_instant, localize, parse_day, parse_instant, wall_time, zone_of
from guards.grounding.references import value_at
from guards.pack import IntervalSpec
from guards.paths import set_path
from guards.schema.examples import ExampleClock
from guards.schema.stages import field_error
from guards.verdict import InterventionKind

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def check_series_start(
    call: PendingCall,
    interval: IntervalSpec,
    ctx: GuardContext,
    catalog: ToolCatalog,
    example_at: ExampleClock,
) -> None:
    """Move or refuse a weekly series' start that is off its own days (see the module docstring)."""
    if interval.rule is None:
        return
    days = weekly_days(value_at(call.args, interval.rule))
    if not days:
        return
    start_path, end_path, day, moved_to = _start_day(call, interval)
    if day is None or day.weekday() in days:
        return
    before = next(day - timedelta(n) for n in range(1, 8) if (day - timedelta(n)).weekday() in days)
    after = next(day + timedelta(n) for n in range(1, 8) if (day + timedelta(n)).weekday() in days)
    stated = [candidate for candidate in (before, after) if candidate in _stated_days(ctx)]
    if len(stated) == 1:
        for path in (start_path, end_path):
            _shift(call, path, moved_to, stated[0] - day, days, day)
        return
    repeats = ", ".join(_NAMES[weekday] + "s" for weekday in sorted(days))
    sent = value_at(call.args, start_path)
    raise Blocked(
        field_error(
            call.tool_name,
            catalog,
            start_path,
            expected_type=f"a start on a day the series repeats on ({repeats})",
            message=f"{start_path} {sent} is a {_NAMES[day.weekday()]}, but the series repeats on "
            f"{repeats}: its first event would fall off the rule",
            reason="start_off_rule",
            hint=f"Start the series on {before:%a %d %b} or {after:%a %d %b} (the rule's nearest days), "
            "or ask the user which.",
            clock=example_at,
            received=sent,
        )
    )


def weekly_days(rule: Any) -> frozenset[int]:
    """The weekdays (Monday = 0) of a plain weekly RRULE among ``rule``'s lines; empty otherwise."""
    lines = rule if isinstance(rule, list) else [rule]
    for line in lines:
        if not isinstance(line, str) or not line.upper().startswith("RRULE:"):
            continue
        parts = dict(part.split("=", 1) for part in line[6:].upper().split(";") if "=" in part)
        if parts.get("FREQ") != "WEEKLY" or "BYDAY" not in parts:
            return frozenset()
        if any(key.startswith("BY") and key != "BYDAY" for key in parts):
            return frozenset()
        tokens = parts["BYDAY"].split(",")
        if not all(token in _WEEKDAYS for token in tokens):
            return frozenset()
        return frozenset(_WEEKDAYS.index(token) for token in tokens)
    return frozenset()


def _start_day(call: PendingCall, interval: IntervalSpec) -> tuple[str, str | None, date | None, Any]:
    """``(start path, end path, the start's day, its zone)``: timed starts in their own ``timeZone``."""
    timed = parse_instant(value_at(call.args, interval.start))
    if timed is not None:
        zone = None
        if interval.zone_field and "." in interval.start:
            named = value_at(call.args, f"{interval.start.rsplit('.', 1)[0]}.{interval.zone_field}")
            zone = zone_of(named) if isinstance(named, str) else None
        local = timed.astimezone(zone) if zone is not None else timed
        if zone is not None and timed.replace(tzinfo=None).date() != local.date():
            return interval.start, interval.end, None, zone  # the offset, not the day, may be wrong
        return interval.start, interval.end, local.date(), zone
    if interval.all_day_start is None:
        return interval.start, interval.end, None, None
    return (
        interval.all_day_start,
        interval.all_day_end,
        parse_day(value_at(call.args, interval.all_day_start)),
        None,
    )


def _stated_days(ctx: GuardContext) -> set[date]:
    """The days the user's words state, each read once (no ambiguous reading)."""
    zone = zone_of(ctx.timezone)
    found: set[date] = set()
    for message in ctx.user_messages:
        for expression in extract_datetimes(message, now=ctx.now, tz=ctx.timezone):
            if expression.ambiguous:
                continue
            reading = expression.reading
            for point in (reading.value, reading.start):
                if isinstance(point, datetime):
                    found.add(point.astimezone(zone).date() if zone and point.tzinfo else point.date())
                elif isinstance(point, date):
                    found.add(point)
    return found


def _shift(
    call: PendingCall, path: str | None, zone: Any, by: timedelta, days: frozenset[int], was: date
) -> None:
    if path is None:
        return
    sent = value_at(call.args, path)
    timed = parse_instant(sent)
    if timed is not None:
        local = timed.astimezone(zone) if zone is not None else timed
        moved: str = format_instant(
            localize(local.date() + by, wall_time(local), zone) if zone is not None else timed + by
        )
    else:
        day = parse_day(sent)
        if day is None:
            return
        moved = (day + by).isoformat()
    set_path(call.args, path, moved)
    repeats = "/".join(_NAMES[weekday] for weekday in sorted(days))
    reason = (
        f"the series repeats on {repeats} and the user said {was + by:%a %b %d}; "
        f"the call started it on {was:%a %b %d}, off its rule"
    )
    call.record(InterventionKind.GROUNDING, path, sent, moved, reason)

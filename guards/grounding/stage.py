"""Grounding: a well-formed value can still be wrong, so write calls are checked against their sources.

**References.** Placeholders (``"<calendar_id>"``, ``"your_calendar_id"``, ``CALENDAR_ID``, pack
``placeholders`` patterns) are blocked in every call with a remediation naming the lookup tool to call.
Every ID a write uses must come from somewhere: a prior tool result, a lookup the resolver made for
this call (``call.resolved_fields``), a pack alias (``primary``) or the user's own words. The *invented
ID* rule (an ID-shaped value found nowhere) applies only when the context has no ``lookup``: with a
lookup, the resolver has already verified or resolved the value against what the user can see, which is
stronger evidence than the transcript. It also needs a conversation to compare against: with no user
message and no tool result there is nothing to ground in, and the value passes. Fields with a pack
precondition (an ``eventId`` to patch) are left to :func:`guards.checks.check_preconditions`, whose error
says which call comes first.

**Titles.** A new item's title (the pack's ``titles``) must keep the one phrase the user quoted
(:mod:`guards.grounding.titles`).

**Datetimes.** For the pack's ``intervals``, an end before its start is always an error. For writes, the
start, end and duration must agree with the request's temporal expressions (read in the user's time
zone): a wall time written with the wrong offset (``14:00Z`` for "2pm" in New York), a right time on the
wrong day ("tomorrow" resolved to today), and an end that disagrees with a stated duration or range are
repaired, each recorded with its reason. A start whose time of day disagrees with the request for no
such reason is blocked. Calls that edit an existing record (the pack's ``preconditions`` tools) get only
the offset repair: their request usually also describes the record as it is now; a moved record goes
to a day the user named or stays on its own (:mod:`guards.grounding.kept_day`) and keeps its length
unless the user speaks of it (:mod:`guards.grounding.kept_length`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta
from typing import Any

from guards.call import Blocked, PendingCall, ToolCatalog
from guards.context import GuardContext
from guards.grounding.edit_clock import edit_target, with_item_clock
from guards.grounding.instants import (
    clock,
    format_instant,
    localize,
    parse_day,
    parse_instant,
    wall_time,
    zone_of,
)
from guards.grounding.kept_day import start_on_named_day
from guards.grounding.kept_length import check_kept_length
from guards.grounding.people_zones import owner_zones
from guards.grounding.references import block_placeholders, ground_references, value_at
from guards.grounding.request_times import RequestTimes, read_request
from guards.grounding.series_start import check_series_start
from guards.grounding.spelled import ground_spelled_offsets, spelled_instants
from guards.grounding.titles import check_quoted_title
from guards.lookups import has_numeric_date, user_date_order
from guards.pack import IntervalSpec
from guards.paths import set_path
from guards.schema.examples import ExampleClock
from guards.schema.stages import example_clock, field_error
from guards.verdict import InterventionKind

__all__ = ["ground_values"]


def ground_values(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    """Check IDs and datetimes of the call against the conversation; repair or block (see module doc)."""
    if not isinstance(call.args, dict):
        return
    pack = catalog.pack
    is_write = pack.is_write(call.tool_name)
    block_placeholders(call, ctx, catalog)
    if is_write:
        ground_references(call, ctx, catalog)
        check_quoted_title(call, ctx, catalog)
    intervals = [i for i in pack.intervals if call.tool_name in i.tools]
    if not intervals:
        return
    edits_existing = any(call.tool_name in p.tools for p in pack.preconditions)
    if edits_existing and call.target_item is None:
        call.target_item = edit_target(call.args, call.tool_name, ctx, pack)
    request = None
    if is_write and ctx.user_messages:
        numeric = any(has_numeric_date(message) for message in ctx.user_messages)
        date_order = user_date_order(ctx, pack) if numeric else pack.date_order
        request = read_request(ctx.user_messages, ctx.now, ctx.timezone, date_order, owner_zones(ctx, pack))
        zone = zone_of(ctx.timezone)
        if request is None and edits_existing and zone is not None:  # "45 minutes earlier" states no time
            request = RequestTimes(zone=zone, zone_name=ctx.timezone)
    spelled = spelled_instants(ctx.user_messages) if is_write else []
    for interval in intervals:
        example_at = example_clock(ctx, value_at(call.args, interval.start))
        if spelled:
            ground_spelled_offsets(call, interval, spelled)
        if request is not None:
            _ground_interval(
                call,
                interval,
                request,
                edits_existing=edits_existing,
                catalog=catalog,
                example_at=example_at,
                ctx=ctx,
            )
        if edits_existing and is_write and ctx.user_messages:
            check_kept_length(call, interval, request, ctx.user_messages, catalog, example_at)
        if is_write:
            check_series_start(call, interval, ctx, catalog, example_at)
        _check_order(call, interval, catalog, example_at)


# -- datetimes -------------------------------------------------------------------------------------


def _ground_interval(
    call: PendingCall,
    interval: IntervalSpec,
    request: RequestTimes,
    *,
    edits_existing: bool,
    catalog: ToolCatalog,
    example_at: ExampleClock,
    ctx: GuardContext,
) -> None:
    start = parse_instant(value_at(call.args, interval.start))
    if start is not None and _names_another_zone(call.args, interval.start, request):
        return
    if start is not None:
        if edits_existing:
            request = with_item_clock(request, call.target_item, interval, start, ctx)
        new_start = _grounded_start(call, interval, start, request, edits_existing, catalog, example_at)
        if edits_existing:
            on_day = start_on_named_day(
                call.target_item, interval.start, new_start or start, request, ctx.user_messages
            )
            new_start = on_day or new_start
        if new_start is not None:
            _move_start(call, interval, start, new_start, request)
            start = new_start
        if not edits_existing:
            _ground_end(call, interval, start, request)
    elif not edits_existing and interval.all_day_start:
        _ground_all_day(call, interval, request)


def _names_another_zone(args: dict[str, Any], start_path: str, request: RequestTimes) -> bool:
    """The start object carries an explicit ``timeZone`` other than the request's: the agent made a
    claim about the zone that the request does not settle, so its wall time is not ours to move."""
    if "." not in start_path:
        return False
    zone = value_at(args, start_path.rsplit(".", 1)[0] + ".timeZone")
    return isinstance(zone, str) and zone != request.zone_name


def _grounded_start(
    call: PendingCall,
    interval: IntervalSpec,
    start: datetime,
    request: RequestTimes,
    edits_existing: bool,
    catalog: ToolCatalog,
    example_at: ExampleClock,
) -> datetime | None:
    """The start the request fixes, or ``None`` when the proposed one agrees (or nothing is fixed).

    Only a firm time ("at 2pm") can block a disagreeing start; soft points ("by 5pm") and windows
    ("between 9 and 11") can only confirm a wall time written with the wrong offset. Edits get only
    that offset repair, from a lone firm time: their request usually also names the current time.
    """
    local = start.astimezone(request.zone)
    local_clock = local.time().replace(tzinfo=None)
    written_clock = wall_time(start)
    if edits_existing:
        if request.end_clock is not None or request.duration is not None or request.windows:
            return None  # "move the 4pm to 2pm": which time is the new one is not ours to decide
        firm = request.clock
        if firm is None or local_clock == firm or written_clock != firm:
            return None
        candidate = localize(start.replace(tzinfo=None).date(), firm, request.zone)
        return None if candidate == start else candidate
    day = request.day or local.date()
    if request.clock is not None:
        if local_clock == request.clock:
            return _on_day(local, request.clock, request)
        if written_clock == request.clock:
            return _slipped(start, request.clock, request)
        if local_clock in request.known_clocks:
            return None  # a time the user stated earlier: not ours to repair to the latest one
        expected = format_instant(localize(day, request.clock, request.zone))
        received = format_instant(start)
        _block_disagreement(call, catalog, interval.start, received, expected, request, example_at)
        return None
    if request.mentions(written_clock) and not request.mentions(local_clock):
        return _slipped(start, written_clock, request)
    if local_clock != written_clock and not request.mentions(local_clock):
        return None  # written at another offset, at a time nobody said: moving only its day is a guess
    return _on_day(local, local_clock, request)


def _on_day(local: datetime, clock_time: time, request: RequestTimes) -> datetime | None:
    """The start moved to the requested day, when the request names one and the call missed it
    (a day the user stated anywhere in the conversation is never "missed")."""
    if request.day is None or local.date() == request.day or local.date() in request.stated_days:
        return None
    return localize(request.day, clock_time, request.zone)


def _slipped(start: datetime, clock_time: time, request: RequestTimes) -> datetime | None:
    """The wall time as written, in the request's zone (on the requested day if there is one and the
    written day is not one the user stated)."""
    written_day = start.replace(tzinfo=None).date()
    day = written_day if request.day is None or written_day in request.stated_days else request.day
    candidate = localize(day, clock_time, request.zone)
    return None if candidate == start else candidate


def _move_start(
    call: PendingCall, interval: IntervalSpec, start: datetime, new_start: datetime, request: RequestTimes
) -> None:
    before = value_at(call.args, interval.start)
    after = format_instant(new_start)
    local = start.astimezone(request.zone)
    wanted = new_start.astimezone(request.zone)
    timed = request.clock is not None or bool(request.known_clocks) or bool(request.windows)
    said = _day_text(wanted) + (f" {clock(wanted)}" if timed else "")
    reason = f"user asked for {said} {request.zone_name}; {before} is {_day_text(local)} {clock(local)} there"
    set_path(call.args, interval.start, after)
    call.record(InterventionKind.GROUNDING, interval.start, before, after, reason)
    sent_end = value_at(call.args, interval.end)
    end = parse_instant(sent_end)
    if end is not None:
        moved = format_instant((end + (new_start - start)).astimezone(new_start.tzinfo))
        set_path(call.args, interval.end, moved)
        call.record(
            InterventionKind.GROUNDING,
            interval.end,
            sent_end,
            moved,
            "moved with the start, keeping the proposed duration",
        )


def _day_text(moment: datetime) -> str:
    return moment.strftime("%a %b %d").replace(" 0", " ")


def _ground_end(call: PendingCall, interval: IntervalSpec, start: datetime, request: RequestTimes) -> None:
    wanted, why = _wanted_end(start, request)
    if wanted is None:
        return
    current = value_at(call.args, interval.end)
    end = parse_instant(current)
    if end is not None and end == wanted:
        return
    has_all_day_end = interval.all_day_end is not None and value_at(call.args, interval.all_day_end)
    if current is None and has_all_day_end:
        return
    if current is not None and end is None:
        return
    after = format_instant(wanted)
    try:
        set_path(call.args, interval.end, after, create=True)
    except (KeyError, ValueError):
        return
    reason = (
        f"{why}; the proposed end was {current}" if current is not None else f"{why}; the end was missing"
    )
    call.record(InterventionKind.GROUNDING, interval.end, current, after, reason)


def _wanted_end(start: datetime, request: RequestTimes) -> tuple[datetime | None, str]:
    if request.duration is not None and request.duration > timedelta(0):
        return start + request.duration, f"user asked for a {_span(request.duration)} event"
    local = start.astimezone(request.zone)
    if request.end_clock is not None and request.clock is not None and local.time() == request.clock:
        end = localize(local.date(), request.end_clock, request.zone)
        if end <= start:
            end = localize(local.date() + timedelta(days=1), request.end_clock, request.zone)
        return end, f"user asked for {clock(request.clock)} to {clock(request.end_clock)}"
    return None, ""


def _span(duration: timedelta) -> str:
    minutes = int(duration.total_seconds() // 60)
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours}-hour" if hours != 1 else "one-hour"
    return f"{minutes}-minute"


def _ground_all_day(call: PendingCall, interval: IntervalSpec, request: RequestTimes) -> None:
    if interval.all_day_start is None:
        return
    day = parse_day(value_at(call.args, interval.all_day_start))
    if day is None or request.day is None or request.clock is not None:
        return
    if day == request.day or day in request.stated_days:
        return
    shift = request.day - day
    set_path(call.args, interval.all_day_start, request.day.isoformat())
    call.record(
        InterventionKind.GROUNDING,
        interval.all_day_start,
        day.isoformat(),
        request.day.isoformat(),
        f"user asked for {request.day:%a %b %d}; the call said {day:%a %b %d}",
    )
    end_day = parse_day(value_at(call.args, interval.all_day_end)) if interval.all_day_end else None
    if end_day is not None and interval.all_day_end is not None:
        moved = (end_day + shift).isoformat()
        set_path(call.args, interval.all_day_end, moved)
        call.record(
            InterventionKind.GROUNDING,
            interval.all_day_end,
            end_day.isoformat(),
            moved,
            "moved with the start",
        )


def _check_order(
    call: PendingCall, interval: IntervalSpec, catalog: ToolCatalog, example_at: ExampleClock
) -> None:
    pairs: Iterable[tuple[str | None, str | None, Any]] = (
        (interval.start, interval.end, parse_instant),
        (interval.all_day_start, interval.all_day_end, parse_day),
    )
    for start_path, end_path, parse in pairs:
        if start_path is None or end_path is None:
            continue
        start = parse(value_at(call.args, start_path))
        end = parse(value_at(call.args, end_path))
        if start is not None and end is not None and end < start:
            received = value_at(call.args, end_path)
            sent_start = value_at(call.args, start_path)
            error = field_error(
                call.tool_name,
                catalog,
                end_path,
                expected_type=f"a time after {start_path}",
                message=f"{end_path} {received} is before {start_path} {sent_start}",
                reason="end_before_start",
                hint=f"Send an {end_path} later than {start_path}.",
                clock=example_at,
                received=received,
                expected=f"after {start_path}",
            )
            raise Blocked(error)


def _block_disagreement(
    call: PendingCall,
    catalog: ToolCatalog,
    field: str,
    received: str,
    expected: str,
    request: RequestTimes,
    example_at: ExampleClock,
) -> None:
    said = clock(request.clock) if request.clock is not None else expected
    error = field_error(
        call.tool_name,
        catalog,
        field,
        expected_type=f"the time the user asked for ({said} {request.zone_name})",
        message=f"{field} {received} does not match the requested {said} {request.zone_name}",
        reason="disagrees_with_request",
        hint=f"Use {expected} for {field}, as the user asked for {said} ({request.zone_name}).",
        clock=example_at,
        received=received,
        expected_from_request=expected,
    )
    raise Blocked(error)

"""Grounding: a well-formed value can still be wrong, so write calls are checked against their sources.

**References.** Every ID a write uses must come from somewhere: a prior tool result, a lookup the
resolver made for this call (``call.resolved_fields``), a pack alias (``primary``) or the user's own
words. Placeholders (``"<calendar_id>"``, ``"your_calendar_id"``, pack ``placeholders`` patterns) are
blocked with a remediation naming the lookup tool to call. The *invented ID* rule (an ID-shaped value
found nowhere) applies only when the context has no ``lookup``: with a lookup, the resolver has already
verified or resolved the value against what the user can see, which is stronger evidence than the
transcript. It also needs a conversation to compare against: with no user message and no tool result
there is nothing to ground in, and the value passes.

**Datetimes.** For the pack's ``intervals``, an end before its start is always an error. For writes, the
start, end and duration must agree with the request's temporal expressions (read in the user's time
zone): a wall time written with the wrong offset (``14:00Z`` for "2pm" in New York), a right time on the
wrong day ("tomorrow" resolved to today), and an end that disagrees with a stated duration or range are
repaired, each recorded with its reason. A start whose time of day disagrees with the request for no
such reason is blocked. Calls that edit an existing record (the pack's ``preconditions`` tools) get only
the offset repair: their request usually also describes the record as it is now.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from guards.context import GuardContext
from guards.core import Blocked, PendingCall, ToolCatalog
from guards.errors import is_error_payload
from guards.grounding_time import (
    RequestTimes,
    clock,
    format_instant,
    localize,
    parse_day,
    parse_instant,
    read_request,
    same_wall_time,
)
from guards.pack import DomainPack, IntervalSpec, ReferenceSpec
from guards.paths import get_path, iter_paths, set_path
from guards.schema import validation_error
from guards.schema_validate import Problems
from guards.verdict import InterventionKind

_BUILTIN_PLACEHOLDERS = (
    r"^\s*<[^<>]*>\s*$",
    r"^\s*\{\{?[^{}]*\}?\}\s*$",
    r"^\s*\[[^\[\]]*\]\s*$",
    r"(?i)^your[_\- ]",
    r"(?i)[_\- ]here$",
    r"(?i)^(x{3,}|placeholder|tbd|todo|unknown|n/a|insert[_\- ].*)$",
)
_MAX_EVIDENCE_DEPTH = 12


def ground_values(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    """Check IDs and datetimes of the call against the conversation; repair or block (see module doc)."""
    if not isinstance(call.args, dict):
        return
    pack = catalog.pack
    is_write = pack.is_write(call.tool_name)
    if is_write:
        _ground_references(call, ctx, catalog)
    intervals = [i for i in pack.intervals if call.tool_name in i.tools]
    if not intervals:
        return
    request = (
        read_request(ctx.user_messages, ctx.now, ctx.timezone) if is_write and ctx.user_messages else None
    )
    edits_existing = any(call.tool_name in p.tools for p in pack.preconditions)
    for interval in intervals:
        if request is not None:
            _ground_interval(call, interval, request, edits_existing=edits_existing, catalog=catalog)
        _check_order(call, interval, catalog)


# -- references ------------------------------------------------------------------------------------


def _ground_references(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    pack = catalog.pack
    evidence: _Evidence | None = None
    for pattern, spec in _references(pack, call.tool_name):
        for path, value in _values_at(call.args, pattern):
            if not isinstance(value, str) or value in spec.aliases:
                continue
            if path in call.resolved_fields or pattern in call.resolved_fields:
                continue
            evidence = evidence or _Evidence.of(ctx)
            if evidence.contains(value):
                continue
            if is_placeholder(value, pack):
                raise Blocked(_reference_error(call, catalog, path, value, spec, "placeholder"))
            if ctx.lookup is None and evidence.has_conversation and _id_shaped(value, spec):
                raise Blocked(_reference_error(call, catalog, path, value, spec, "ungrounded"))


_REFERENCES: dict[tuple[int, str], tuple[DomainPack, list[tuple[str, ReferenceSpec]]]] = {}


def _references(pack: DomainPack, tool_name: str) -> list[tuple[str, ReferenceSpec]]:
    cached = _REFERENCES.get((id(pack), tool_name))
    if cached is not None and cached[0] is pack:
        return cached[1]
    found = list(pack.references_for(tool_name).items())
    _REFERENCES[(id(pack), tool_name)] = (pack, found)
    return found


@lru_cache(maxsize=1024)
def _plain_keys(pattern: str) -> tuple[str, ...] | None:
    """``start.dateTime`` -> ``("start", "dateTime")``; ``None`` for patterns with list steps."""
    return None if "[" in pattern else tuple(pattern.split("."))


def _value_at(args: dict[str, Any], pattern: str) -> Any:
    """The value at a path without list steps (``None`` when absent); other paths via :mod:`guards.paths`."""
    keys = _plain_keys(pattern)
    if keys is None:
        return get_path(args, pattern, None)
    node: Any = args
    for key in keys:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def _values_at(args: dict[str, Any], pattern: str) -> list[tuple[str, Any]]:
    """Every ``(concrete_path, value)`` at ``pattern`` (the common one-key case without a walk)."""
    keys = _plain_keys(pattern)
    if keys is not None and len(keys) == 1:
        return [(pattern, args[pattern])] if pattern in args else []
    return list(iter_paths(args, pattern))


def is_placeholder(value: str, pack: DomainPack) -> bool:
    """True for template text an agent left in place of a real ID (``<calendar_id>``, ``your_id``)."""
    return any(pattern.search(value) for pattern in _placeholder_patterns(tuple(pack.placeholders)))


@lru_cache(maxsize=32)
def _placeholder_patterns(extra: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    compiled = []
    for source in (*_BUILTIN_PLACEHOLDERS, *extra):
        try:
            compiled.append(re.compile(source))
        except re.error:
            continue
    return tuple(compiled)


def _id_shaped(value: str, spec: ReferenceSpec) -> bool:
    """An ID rather than a name: no whitespace, or the reference's declared ID pattern."""
    if value and not any(ch.isspace() for ch in value):
        return True
    if spec.id_pattern:
        try:
            return re.search(spec.id_pattern, value) is not None
        except re.error:
            return False
    return False


class _Evidence:
    """Every string the conversation has shown: tool results, cached lookups and the user's words."""

    _last: tuple[GuardContext, tuple[int, ...], _Evidence] | None = None

    @classmethod
    def of(cls, ctx: GuardContext) -> _Evidence:
        """The evidence for ``ctx``, reused while the conversation has not grown (checks in a row)."""
        state = (
            id(ctx.tool_results),
            len(ctx.tool_results),
            id(ctx.user_messages),
            len(ctx.user_messages),
            id(ctx.session),
            len(ctx.session.cache),
        )
        last = cls._last
        if last is not None and last[0] is ctx and last[1] == state:
            return last[2]
        evidence = cls(ctx)
        cls._last = (ctx, state, evidence)
        return evidence

    def __init__(self, ctx: GuardContext) -> None:
        self.values: set[str] = set()
        for observation in ctx.tool_results:
            if not is_error_payload(observation.result):
                _collect_strings(observation.result, self.values, 0)
        for cached in ctx.session.cache.values():
            if not is_error_payload(cached):
                _collect_strings(cached, self.values, 0)
        self.user_text = "\n".join(ctx.user_messages).lower()
        self.in_user_text: dict[str, bool] = {}
        self.has_conversation = bool(ctx.user_messages or ctx.tool_results)

    def contains(self, value: str) -> bool:
        if value in self.values:
            return True
        known = self.in_user_text.get(value)
        if known is None:
            needle = value.strip().lower()
            pattern = r"(?<![\w@.\-])" + re.escape(needle) + r"(?![\w@\-])"
            known = bool(needle) and re.search(pattern, self.user_text) is not None
            self.in_user_text[value] = known
        return known


def _collect_strings(value: Any, out: set[str], depth: int) -> None:
    if depth > _MAX_EVIDENCE_DEPTH:
        return
    if isinstance(value, str):
        out.add(value)
    elif isinstance(value, dict):
        for item in value.values():
            _collect_strings(item, out, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _collect_strings(item, out, depth + 1)


def _reference_error(
    call: PendingCall, catalog: ToolCatalog, path: str, value: str, spec: ReferenceSpec, reason: str
) -> dict[str, Any]:
    lookup = spec.lookup
    needs = f" with {', '.join(lookup.pass_args)}" if lookup.pass_args else ""
    how = f"Call {lookup.tool}{needs} to find the real {spec.kind} and pass its '{lookup.id}' as {path}."
    if reason == "placeholder":
        message = f"'{value}' is a placeholder, not a real {spec.kind} ID"
    else:
        message = f"'{value}' does not appear in any tool result or in the user's words"
    problems = Problems(
        invalid=[
            {
                "field": path,
                "expected_type": f"{spec.kind} id",
                "received_type": "placeholder" if reason == "placeholder" else "ungrounded id",
                "message": message,
                "reason": reason,
            }
        ]
    )
    error = validation_error(call.tool_name, problems, catalog, how)
    error["details"]["lookup_tool"] = lookup.tool
    return error


# -- datetimes -------------------------------------------------------------------------------------


def _ground_interval(
    call: PendingCall,
    interval: IntervalSpec,
    request: RequestTimes,
    *,
    edits_existing: bool,
    catalog: ToolCatalog,
) -> None:
    start = parse_instant(_value_at(call.args, interval.start))
    if start is not None and _names_another_zone(call.args, interval.start, request):
        return
    if start is not None:
        new_start = _grounded_start(call, interval, start, request, edits_existing, catalog)
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
    zone = _value_at(args, start_path.rsplit(".", 1)[0] + ".timeZone")
    return isinstance(zone, str) and zone != request.zone_name


def _grounded_start(
    call: PendingCall,
    interval: IntervalSpec,
    start: datetime,
    request: RequestTimes,
    edits_existing: bool,
    catalog: ToolCatalog,
) -> datetime | None:
    """The start the request fixes, or ``None`` when the proposed one agrees (or nothing is fixed)."""
    if edits_existing and (request.end_clock is not None or request.duration is not None):
        return None  # "move the 4pm to 2pm": which time is the new one is not ours to decide
    local = start.astimezone(request.zone)
    wanted_day = None if edits_existing else request.day
    if request.clock is None:
        if wanted_day is None or local.date() == wanted_day:
            return None
        return localize(wanted_day, local.time().replace(tzinfo=None), request.zone)
    if local.time().replace(tzinfo=None) == request.clock:
        if wanted_day is None or local.date() == wanted_day:
            return None
        return localize(wanted_day, request.clock, request.zone)
    if same_wall_time(start, request.clock):
        day = wanted_day or start.replace(tzinfo=None).date()
        candidate = localize(day, request.clock, request.zone)
        return None if candidate == start else candidate
    if edits_existing:
        return None
    day = wanted_day or local.date()
    expected = format_instant(localize(day, request.clock, request.zone))
    _block_disagreement(call, catalog, interval.start, format_instant(start), expected, request)
    return None


def _move_start(
    call: PendingCall, interval: IntervalSpec, start: datetime, new_start: datetime, request: RequestTimes
) -> None:
    before = format_instant(start)
    after = format_instant(new_start)
    local = start.astimezone(request.zone)
    said = []
    if request.day is not None:
        said.append(request.day.strftime("%a %b %d").replace(" 0", " "))
    if request.clock is not None:
        said.append(clock(request.clock))
    reason = (
        f"user asked for {' '.join(said)} {request.zone_name}; {before} is "
        f"{local.strftime('%a %b %d').replace(' 0', ' ')} {clock(local)} there"
    )
    set_path(call.args, interval.start, after)
    call.record(InterventionKind.GROUNDING, interval.start, before, after, reason)
    end = parse_instant(_value_at(call.args, interval.end))
    if end is not None:
        moved = format_instant((end + (new_start - start)).astimezone(new_start.tzinfo))
        set_path(call.args, interval.end, moved)
        call.record(
            InterventionKind.GROUNDING,
            interval.end,
            format_instant(end),
            moved,
            "moved with the start, keeping the proposed duration",
        )


def _ground_end(call: PendingCall, interval: IntervalSpec, start: datetime, request: RequestTimes) -> None:
    wanted, why = _wanted_end(start, request)
    if wanted is None:
        return
    current = _value_at(call.args, interval.end)
    end = parse_instant(current)
    if end is not None and end == wanted:
        return
    has_all_day_end = interval.all_day_end is not None and _value_at(call.args, interval.all_day_end)
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
    local = start.astimezone(request.zone)
    if request.duration is not None and request.duration > timedelta(0):
        return start + request.duration, f"user asked for a {_span(request.duration)} event"
    if request.end_clock is not None and request.clock is not None:
        day = request.end_day or local.date()
        end = localize(day, request.end_clock, request.zone)
        if end <= start and request.end_day is None:
            end = localize(day + timedelta(days=1), request.end_clock, request.zone)
        if end > start:
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
    day = parse_day(_value_at(call.args, interval.all_day_start))
    if day is None or request.day is None or request.clock is not None or day == request.day:
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
    end_day = parse_day(_value_at(call.args, interval.all_day_end)) if interval.all_day_end else None
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


def _check_order(call: PendingCall, interval: IntervalSpec, catalog: ToolCatalog) -> None:
    pairs: Iterable[tuple[str | None, str | None, Any]] = (
        (interval.start, interval.end, parse_instant),
        (interval.all_day_start, interval.all_day_end, parse_day),
    )
    for start_path, end_path, parse in pairs:
        if start_path is None or end_path is None:
            continue
        start = parse(_value_at(call.args, start_path))
        end = parse(_value_at(call.args, end_path))
        if start is not None and end is not None and end < start:
            received = _value_at(call.args, end_path)
            sent_start = _value_at(call.args, start_path)
            problems = Problems(
                invalid=[
                    {
                        "field": end_path,
                        "expected_type": f"a time after {start_path}",
                        "received_type": "string",
                        "message": f"{end_path} {received} is before {start_path} {sent_start}",
                        "reason": "end_before_start",
                    }
                ]
            )
            error = validation_error(
                call.tool_name, problems, catalog, f"Send an {end_path} later than {start_path}."
            )
            error["details"].update(field=end_path, received=received, expected=f"after {start_path}")
            raise Blocked(error)


def _block_disagreement(
    call: PendingCall, catalog: ToolCatalog, field: str, received: str, expected: str, request: RequestTimes
) -> None:
    said = clock(request.clock) if request.clock is not None else expected
    problems = Problems(
        invalid=[
            {
                "field": field,
                "expected_type": f"the time the user asked for ({said} {request.zone_name})",
                "received_type": "string",
                "message": f"{field} {received} does not match the requested {said} {request.zone_name}",
                "reason": "disagrees_with_request",
            }
        ]
    )
    hint = f"Use {expected} for {field}, as the user asked for {said} ({request.zone_name})."
    error = validation_error(call.tool_name, problems, catalog, hint)
    error["details"].update(field=field, received=received, expected_from_request=expected)
    raise Blocked(error)

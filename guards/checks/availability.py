"""The availability check: a condition the user stated ("when Omar and I are both free") holds.

When the request makes being free a condition, a new event must land where everyone involved is free.
The guards' own repairs (an offset, the day) must never turn a call into one that succeeds while
breaking that condition, and an agent that skipped the free/busy query is stopped before it books a
busy slot. The pack's ``availability`` says how to ask (a free/busy query); the check runs on the call
as it will be sent, after every repair.

No opinion (the call passes) when the request states no such condition, the call has no readable
start and end, or the query cannot be made or read: the check blocks only on a busy slot it saw.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from guards.call import Blocked, PendingCall, ToolCatalog
from guards.context import GuardContext
from guards.errors import ErrorType, make_error
from guards.grounding.instants import format_instant, parse_instant
from guards.grounding.people_zones import owner_zones
from guards.grounding.request_times import read_request
from guards.lookups import has_numeric_date, user_date_order
from guards.pack import AvailabilitySpec, DomainPack, IntervalSpec
from guards.paths import get_path, iter_paths
from guards.recovery.classify import classify

# "free", "available", "no conflicts" as a condition on the time; not "feel free", "free of charge".
_CONDITION = re.compile(
    r"\b(?:"
    r"(?:both|all|everyone|everybody|is|are|am|we're|i'm|they're|he's|she's)\s+(?:\w+\s+){0,3}?"
    r"(?:free|available|not\s+busy)"
    r"|free\s+(?:slot|time|hour|window|spot)"
    r"|(?:first|earliest|next)\s+(?:\w+\s+){0,2}?(?:free|open|available)"
    r"|availability|no\s+conflicts?|(?:doesn't|does\s+not|won't|without)\s+(?:\w+\s+)?conflict"
    r")\b",
    re.IGNORECASE,
)
_NOT_A_CONDITION = re.compile(
    r"\b(?:feel\s+free|free\s+of\s+charge|for\s+free|free\s+lunch)\b", re.IGNORECASE
)
MAX_SUGGESTIONS = 3
SLOT_STEP = timedelta(minutes=30)


_SENTENCE = re.compile(r"[^.?!;\n]+[.?!;\n]?")


def states_availability(messages: list[str]) -> bool:
    """Does the conversation make being free a condition on the time? A question ("Is Thursday
    free?") asks; only a statement ("when we're both free", "the first free slot") conditions."""
    for message in messages:
        for sentence in _SENTENCE.findall(_NOT_A_CONDITION.sub(" ", message)):
            if sentence.strip().endswith("?"):
                continue
            if _CONDITION.search(sentence):
                return True
    return False


def check_availability(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    """Block a new event in a slot where someone the request needs free is busy (see module doc)."""
    pack = catalog.pack
    spec = pack.availability
    if spec is None or call.tool_name not in spec.tools or ctx.lookup is None:
        return
    if not isinstance(call.args, dict):
        return
    if not ctx.user_messages or not states_availability(ctx.user_messages):
        return
    interval = next((i for i in pack.intervals if call.tool_name in i.tools), None)
    if interval is None:
        return
    start = parse_instant(get_path(call.args, interval.start, None))
    end = parse_instant(get_path(call.args, interval.end, None))
    if start is None or end is None or end <= start or _attempted_before(call, ctx, interval):
        return
    people = _people(call.args, spec, ctx)
    busy = _busy(ctx, spec, people, start, end)
    if busy is None:
        return
    clashes = {person: spans for person, spans in busy.items() if _overlaps(spans, start, end)}
    if clashes:
        raise Blocked(_busy_error(call, ctx, pack, spec, interval, people, start, end, clashes))


def _overlaps(spans: list[tuple[datetime, datetime]], start: datetime, end: datetime) -> bool:
    return any(low < end and start < high for low, high in spans)


def _attempted_before(call: PendingCall, ctx: GuardContext, interval: IntervalSpec) -> bool:
    """The same write was already sent (a retry after a failure that may have applied): its own
    event would now show as busy, and the idempotency key settles whether it exists."""
    for seen in ctx.tool_results:
        if seen.tool_name != call.tool_name or not isinstance(seen.args, dict):
            continue
        same_start = get_path(seen.args, interval.start, None) == get_path(call.args, interval.start, None)
        if same_start and get_path(seen.args, interval.end, None) == get_path(call.args, interval.end, None):
            return True
    return False


def _people(args: dict[str, Any], spec: AvailabilitySpec, ctx: GuardContext) -> list[str]:
    people = [ctx.actor] if ctx.actor else []
    for pattern in spec.people:
        people += [value for _, value in iter_paths(args, pattern) if isinstance(value, str) and value]
    return list(dict.fromkeys(people))


def _busy(
    ctx: GuardContext, spec: AvailabilitySpec, people: list[str], start: datetime, end: datetime
) -> dict[str, list[tuple[datetime, datetime]]] | None:
    """Busy spans per person in [start, end] as the acting user may see them; ``None`` if unknown."""
    if not people:
        return None
    args = {
        spec.start_arg: format_instant(start),
        spec.end_arg: format_instant(end),
        spec.items_arg: [{spec.item_id: person} for person in people],
    }
    try:
        result = ctx.cached_lookup(spec.tool, args)
    except Exception:  # an availability query that fails leaves the condition unchecked, not violated
        return None
    if not classify(result, spec.tool).ok or not isinstance(result, dict):
        return None
    table = get_path(result, spec.result_path, None)
    if not isinstance(table, dict):
        return None
    spans: dict[str, list[tuple[datetime, datetime]]] = {}
    for person in people:
        entry = table.get(person)
        blocks = entry.get(spec.busy) if isinstance(entry, dict) else None
        for block in blocks if isinstance(blocks, list) else []:
            if not isinstance(block, dict):
                continue
            low = parse_instant(block.get(spec.busy_start))
            high = parse_instant(block.get(spec.busy_end))
            if low is not None and high is not None:
                spans.setdefault(person, []).append((low, high))
    return spans


def _busy_error(
    call: PendingCall,
    ctx: GuardContext,
    pack: DomainPack,
    spec: AvailabilitySpec,
    interval: IntervalSpec,
    people: list[str],
    start: datetime,
    end: datetime,
    clashes: dict[str, list[tuple[datetime, datetime]]],
) -> dict[str, Any]:
    who = ", ".join(
        f"{person} ({'; '.join(f'{format_instant(s)} to {format_instant(e)}' for s, e in spans)})"
        for person, spans in clashes.items()
    )
    free = _free_slots(ctx, pack, spec, people, start, end)
    remediation = [
        f"The user asked for a time when everyone is free. Query {spec.tool} for the window they gave "
        f"and choose a slot where nobody is busy."
    ]
    if free:
        remediation.insert(0, "Free slots of the same length that day: " + ", ".join(free) + ".")
    return make_error(
        ErrorType.CONFLICT,
        call.tool_name,
        f"{interval.start} {format_instant(start)} to {format_instant(end)} is not free for everyone: {who}.",
        details={
            "field": interval.start,
            "reason": "busy_at_requested_condition",
            "busy": {
                person: [{"start": format_instant(s), "end": format_instant(e)} for s, e in spans]
                for person, spans in clashes.items()
            },
            "free_slots": free,
        },
        remediation=remediation,
    )


def _free_slots(
    ctx: GuardContext,
    pack: DomainPack,
    spec: AvailabilitySpec,
    people: list[str],
    start: datetime,
    end: datetime,
) -> list[str]:
    """Up to :data:`MAX_SUGGESTIONS` starts of the same length, inside the window the request gives
    (its single window on the event's day), when everyone is free; none when no window is stated."""
    numeric = any(has_numeric_date(m) for m in ctx.user_messages)
    order = user_date_order(ctx, pack) if numeric else pack.date_order
    request = read_request(ctx.user_messages, ctx.now, ctx.timezone, order, owner_zones(ctx, pack))
    if request is None or len(request.windows) != 1:
        return []
    low, high = request.windows[0]
    if low is None or high is None:
        return []
    day = start.astimezone(request.zone).date()
    window_start = datetime.combine(day, low, tzinfo=request.zone)
    window_end = datetime.combine(day, high, tzinfo=request.zone)
    busy = _busy(ctx, spec, people, window_start, window_end)
    if busy is None:
        return []
    spans = [span for person_spans in busy.values() for span in person_spans]
    length = end - start
    found: list[str] = []
    slot = window_start
    while slot + length <= window_end and len(found) < MAX_SUGGESTIONS:
        if all(slot + length <= s or slot >= e for s, e in spans):
            found.append(format_instant(slot))
        slot += SLOT_STEP
    return found

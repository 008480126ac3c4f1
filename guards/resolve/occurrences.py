"""One occurrence, not the whole series: a write to a recurring event when the user named a day.

"Skip the committee meeting on 6 November; the rest of the series stays." An agent that puts the
meeting's name in ``eventId`` gets it resolved to the recurring event, and deleting that deletes every
occurrence. When a write's event reference resolves to a recurring series and the user's words (or the
reference) name a day on which it occurs, the guard looks the occurrence up with the pack's
``occurrences`` lookup (``events_instances``) and blocks with a ``precondition_error`` that lists the
occurrence's ID first and the series' second: which one the user means is theirs to say, and the usual
answer is the occurrence. An ID the agent wrote itself (an occurrence or the series) is never
questioned here.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from guards.call import Blocked, PendingCall
from guards.context import GuardContext
from guards.errors import ErrorType, make_error
from guards.lookups import fetch_items, item_id, lookup_args
from guards.pack import ReferenceSpec
from guards.paths import get_path
from guards.resolve.event_hints import EventHints, occurrence_day
from guards.resolve.matching import Scored


def check_one_occurrence(
    call: PendingCall,
    ctx: GuardContext,
    path: str,
    spec: ReferenceSpec,
    winner: Scored,
    hints: EventHints | None,
) -> None:
    """Block a write whose event reference resolved to a series the user named one day of."""
    occurrences = spec.occurrences
    if occurrences is None or hints is None or not winner.item.get("recurrence"):
        return
    zone = ZoneInfo(ctx.timezone)
    day = occurrence_day(winner.item, spec, hints, ctx.now.astimezone(zone).date())
    if day is None:
        return
    start = datetime.combine(day, time(0), tzinfo=zone)
    args = lookup_args(occurrences, {**call.args, path: winner.id})
    if args is None:
        return
    args = {
        **args,
        occurrences.series_arg: winner.id,
        occurrences.start_arg: start.isoformat(),
        occurrences.end_arg: (start + timedelta(days=1)).isoformat(),
    }
    try:
        items = fetch_items(ctx, call, occurrences, args, field=path)
    except Blocked:
        return
    found = [item for item in items or [] if item_id(item, occurrences)]
    if len(found) != 1:
        return
    instance = item_id(found[0], occurrences)
    when = get_path(found[0], "start.dateTime", None) or get_path(found[0], "start.date", None)
    raise Blocked(_occurrence_error(call, path, winner, str(instance), when, day.isoformat()))


def _occurrence_error(
    call: PendingCall, path: str, series: Scored, instance: str, when: Any, day: str
) -> dict[str, Any]:
    return make_error(
        ErrorType.PRECONDITION,
        call.tool_name,
        f"{path} names the recurring event {series.name!r}; the user named its occurrence on {day}. "
        f"{call.tool_name} on the series ({series.id}) would change every occurrence.",
        details={
            "field": path,
            "value": series.id,
            "reason": "series_for_one_occurrence",
            "candidates": [
                {"id": instance, "name": f"{series.name} on {day}", "start": when},
                {"id": series.id, "name": f"{series.name} (every occurrence)"},
            ],
        },
        remediation=[
            f"Use {path}={instance!r} for the occurrence on {day}; use the series id {series.id!r} only if "
            "the user means every occurrence."
        ],
    )

"""One occurrence, not the whole series: a write to a recurring event when the user named a day.

"Skip the committee meeting on 6 November; the rest of the series stays." An agent that puts the
meeting's name in ``eventId`` gets it resolved to the recurring event, and deleting that deletes every
occurrence. When a write's event reference resolves to a recurring series and the user's words (or the
reference) name a day on which it occurs, the guard looks the occurrence up with the pack's
``occurrences`` lookup (``events_instances``) and blocks with a ``precondition_error`` that lists the
occurrence's ID first and the series' second: which one the user means is theirs to say, and the usual
answer is the occurrence. Where their words already say it ("only tomorrow", "the rest of the series
stays", "just this once"), the reference is resolved to the occurrence instead, and the occurrence is
the item the call changes (its length is the one a move keeps). An ID the agent wrote itself (an
occurrence or the series) is never questioned here.
"""

from __future__ import annotations

import re
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

_DAY = r"(?:today|tomorrow|tonight|(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
# Words that say the change is for one occurrence and not for the series.
_ONE_OCCURRENCE = re.compile(
    r"\b(?:"
    rf"(?:only|just)\s+(?:on\s+|for\s+)?(?:{_DAY}|next\s+\w+day|the\s+one\s+on"
    r"|this\s+(?:one|once|week|time)|that\s+(?:one|day|week|time))"
    rf"|(?:{_DAY}|{_MONTH}|\d{{1,2}}(?:st|nd|rd|th)?)\s+only|this\s+once|one[-\s]off|other\s+occurrences"
    r"|rest\s+of\s+(?:the|this|that)\s+series|not\s+the\s+(?:whole|entire)\s+series"
    r"|(?:this|that|a\s+single)\s+(?:occurrence|instance)"
    r")\b",
    re.IGNORECASE,
)


def check_one_occurrence(
    call: PendingCall,
    ctx: GuardContext,
    path: str,
    spec: ReferenceSpec,
    winner: Scored,
    hints: EventHints | None,
) -> Scored | None:
    """For a write whose event reference resolved to a series the user named one day of: the
    occurrence when their words say it is that one (it becomes the call's target item), else a
    block listing both."""
    occurrences = spec.occurrences
    if occurrences is None or hints is None or not winner.item.get("recurrence"):
        return None
    zone = ZoneInfo(ctx.timezone)
    day = occurrence_day(winner.item, spec, hints, ctx.now.astimezone(zone).date())
    if day is None:
        return None
    start = datetime.combine(day, time(0), tzinfo=zone)
    args = lookup_args(occurrences, {**call.args, path: winner.id})
    if args is None:
        return None
    args = {
        **args,
        occurrences.series_arg: winner.id,
        occurrences.start_arg: start.isoformat(),
        occurrences.end_arg: (start + timedelta(days=1)).isoformat(),
    }
    try:
        items = fetch_items(ctx, call, occurrences, args, field=path)
    except Blocked:
        return None
    found = [item for item in items or [] if item_id(item, occurrences)]
    if len(found) != 1:
        return None
    instance = str(item_id(found[0], occurrences))
    if any(_ONE_OCCURRENCE.search(message) for message in ctx.user_messages):
        call.target_item = found[0]
        evidence = [*winner.evidence, f"the user named its occurrence on {day.isoformat()}, not the series"]
        return Scored(instance, f"{winner.name} on {day.isoformat()}", winner.score, evidence, found[0])
    when = get_path(found[0], "start.dateTime", None) or get_path(found[0], "start.date", None)
    raise Blocked(_occurrence_error(call, path, winner, instance, when, day.isoformat()))


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

"""A moved event keeps its length unless the user says otherwise.

"Move my afternoon call on 4 September to 3 pm": the call lasts what it lasted. An agent that sends a
new start with an end that makes the event longer or shorter has changed something nobody asked to
change. For a call that edits an existing item (the pack's ``preconditions`` tools) whose item the
resolver read (``call.target_item``), the interval's new start and end are checked against the item's
current length; a different length is blocked with a ``validation_error`` (reason ``length_changed``)
naming the end that keeps it (``details.use_value``), unless the user's words say anything about the
length or the end: a duration ("for an hour"), an end time or a range ("3 to 4pm"), a window, more
than one time of day, or a word about length ("shorter", "extend", "until", ...). A request whose
times the reader cannot settle ("move it from tomorrow to 2 April, same time": two days, no time) is
checked on those words alone. Never a repair, since the agent may know why, except where the user
asked for the length as it is ("same duration", "keep the length"): then the end is the one that
keeps it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from guards.call import Blocked, PendingCall, ToolCatalog
from guards.grounding.instants import format_instant, parse_instant
from guards.grounding.references import value_at
from guards.grounding.request_times import RequestTimes
from guards.pack import IntervalSpec
from guards.paths import get_path, set_path
from guards.schema.examples import ExampleClock
from guards.schema.stages import field_error
from guards.verdict import InterventionKind

_SAYS_LENGTH = re.compile(
    r"\b(short(?:er|en(?:ed)?)|long(?:er)?|lengthen(?:ed)?|extend(?:ed)?|cut|trim(?:med)?|until|till|"
    r"end(?:s|ing)?|finish(?:es|ing)?|over(?:run)?|duration|length|minutes?|mins?|hours?|hrs?)\b",
    re.IGNORECASE,
)

# Words that ask for the length as it is ("same duration", "keep it the same length") say nothing
# against the check; "the same length as the stand-up" is another event's length, so it still counts.
_KEEPS_LENGTH = re.compile(
    r"\b(?:same\s+(?:duration|length)|keep(?:s|ing)?\s+(?:it\s+|them\s+)?(?:the\s+|its\s+|their\s+)?"
    r"(?:same\s+)?(?:duration|length)|(?:duration|length)\s+(?:unchanged|as\s+is|the\s+same))\b(?!\s+as\b)",
    re.IGNORECASE,
)

# A range of times ("2-3:30pm", "10 to 11"), in words the request reader may not have settled.
_RANGE = re.compile(r"\d\s*(?:am|pm|h)?\s*(?:-|\u2013|to|until|till)\s*\d", re.IGNORECASE)


def check_kept_length(
    call: PendingCall,
    interval: IntervalSpec,
    request: RequestTimes | None,
    messages: Sequence[str],
    catalog: ToolCatalog,
    example_at: ExampleClock,
) -> None:
    """Block an edit whose new interval changes the item's length for no stated reason."""
    item = call.target_item
    if item is None or interval.end is None:
        return
    start = parse_instant(value_at(call.args, interval.start))
    end = parse_instant(value_at(call.args, interval.end))
    was_start = parse_instant(get_path(item, interval.start, None))
    was_end = parse_instant(get_path(item, interval.end, None))
    if start is None or end is None or was_start is None or was_end is None:
        return
    length = was_end - was_start
    if end - start == length or start == was_start:
        return
    if request is not None and (
        request.duration is not None or request.end_clock is not None or request.windows
    ):
        return
    if request is not None and len(request.known_clocks) > 1:
        return
    if any(_SAYS_LENGTH.search(_KEEPS_LENGTH.sub(" ", said)) or _RANGE.search(said) for said in messages):
        return
    kept = format_instant(start + length)
    received = value_at(call.args, interval.end)
    minutes = int(length.total_seconds() // 60)
    if any(map(_KEEPS_LENGTH.search, messages)):
        set_path(call.args, interval.end, kept)
        reason = f"user asked for the same length ({minutes} minutes); {received} changes it"
        call.record(InterventionKind.GROUNDING, interval.end, received, kept, reason)
        return
    error = field_error(
        call.tool_name,
        catalog,
        interval.end,
        expected_type=f"the end that keeps the event's {minutes} minutes",
        message=f"{interval.end} {received} changes the event's length ({minutes} minutes now), "
        f"which the user did not ask for; {kept} keeps it",
        reason="length_changed",
        hint=f"Send {interval.end} {kept} (the event lasts {minutes} minutes), or ask the user for the "
        "new end.",
        clock=example_at,
        problem_expected=kept,
        received=received,
        expected=kept,
        use_value=kept,
    )
    raise Blocked(error)

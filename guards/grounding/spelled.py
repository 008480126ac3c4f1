"""Offsets the user spelled out: "from 2026-03-13T17:00:00+01:00" fixes the offset, not just the time.

An agent that copies the wall time of a spelled-out timestamp and drops its offset ("Friday 5pm") gets
its value read in the user's own zone by the datetimes stage. When exactly one timestamp in the
user's messages has the same wall date and time as the value, with another offset, that timestamp is
the instant the user meant, and the value is repaired to it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from guards.call import PendingCall
from guards.grounding.instants import parse_instant
from guards.grounding.references import value_at
from guards.pack import IntervalSpec
from guards.paths import set_path
from guards.verdict import InterventionKind

_SPELLED = re.compile(r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})", re.I)


def spelled_instants(messages: Sequence[str]) -> list[datetime]:
    """Every RFC 3339 timestamp with an offset written in the user's messages."""
    found = []
    for message in messages:
        for match in _SPELLED.finditer(message):
            instant = parse_instant(match.group(0))
            if instant is not None:
                found.append(instant)
    return found


def ground_spelled_offsets(call: PendingCall, interval: IntervalSpec, spelled: Sequence[datetime]) -> None:
    """Repair an interval endpoint that has a spelled timestamp's wall time but another offset."""
    for path in (interval.start, interval.end):
        sent = value_at(call.args, path)
        value = parse_instant(sent)
        if value is None:
            continue
        same_wall = {s for s in spelled if s.replace(tzinfo=None) == value.replace(tzinfo=None)}
        if len(same_wall) != 1 or value.utcoffset() == next(iter(same_wall)).utcoffset():
            continue
        meant = next(iter(same_wall))
        after = meant.isoformat()
        set_path(call.args, path, after)
        call.record(
            InterventionKind.GROUNDING,
            path,
            sent,
            after,
            f"the user wrote {after}; {sent} has its wall time with another offset",
        )

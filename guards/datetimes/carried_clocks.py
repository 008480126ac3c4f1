"""Clocks as other languages say them, written in English: "at 14 hours", "at 9 and half".

"A las 14 horas", "um 14 Uhr", "à 9 heures et demie" carry over as "at 14 hours" and "at 9 and half".
An hour of 13 or more before "hours" can only be a clock; "at 9 hours" may be a clock or a time since
something ("pain at 9 hours"), and keeps its reading as a length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guards.datetimes.dates import Scan
from guards.datetimes.model import Atom
from guards.datetimes.patterns import HOUR_WORD, number_value
from guards.datetimes.times import time_atom

# "at 14 hours", "at 22 hrs": a clock as other languages say it ("a las 14 horas"); "at 24 hours
# post-op" stays a length
_AT_HOURS = re.compile(
    r"\b(?:at|by|around|from|until|till)\s+(?P<h>[01]?\d|2[0-3])\s+(?:hours|hrs|hour|horas)\b"
    r"(?!\s+(?:of|in|into|after|before|later|ago|post|long|left|to\s+go|per|a\s+day|a\s+week)\b|-)"
)
# "at 9 and half": half past, as other languages say it ("nine and a half hours" is a length)
_AND_HALF = re.compile(
    rf"\bat\s+(?P<h>1[0-2]|0?[1-9]|{HOUR_WORD})\s+and\s+(?:a\s+)?half\b(?!\s+(?:hours?|hrs?|minutes?|mins?|days?))"
)


def carried_clock_atoms(scan: Scan) -> Iterator[Atom]:
    """Clock atoms for "at 14 hours" and "at 9 and half"."""
    if not scan.digits and " and " not in scan.text:
        return
    text = scan.text
    for m in _AT_HOURS.finditer(text):
        hour = int(m["h"])
        if hour >= 13 and (atom := time_atom(m.start("h"), m.end(), hour, priority=3)):
            yield atom
    for m in _AND_HALF.finditer(text):
        if atom := time_atom(m.start("h"), m.end(), number_value(m["h"]), 30, priority=3):
            yield atom

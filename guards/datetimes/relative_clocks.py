"""Clock times counted from an hour: "half past seven", "quarter to 5", "20 min past eight"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from guards.datetimes import resolve
from guards.datetimes.dates import Scan
from guards.datetimes.model import Atom
from guards.datetimes.patterns import (
    HOUR_WORD,
    MERIDIEM,
    MINUTE_WORD,
    meridiem_of,
    minute_value,
    number_value,
)
from guards.datetimes.times import time_atom

_RELATIVE_CLOCK = re.compile(
    rf"\b(?P<q>half|(?:a\s+)?quarter|(?P<n>\d{{1,2}}|{MINUTE_WORD}|{HOUR_WORD})\s*(?P<unit>min(?:ute)?s?)?)\s+"
    rf"(?P<dir>past|after|to|till|before)\s+(?P<h>\d{{1,2}}|{HOUR_WORD}|noon|midday|midnight)(?!\d|:)(?:\s*o'?\s?clock)?"
    rf"(?:\s*(?:{MERIDIEM}))?"
)


def relative_clock_atoms(scan: Scan) -> Iterator[Atom]:
    """``half past seven``, ``quarter to 5``, ``20 min past eight``."""
    for m in _RELATIVE_CLOCK.finditer(scan.text):
        q = m["q"]
        if q == "half":
            minutes = 30
        elif q.endswith("quarter"):
            minutes = 15
        elif m["unit"] or m["dir"] == "past" or _minutes_before(scan.text, m):
            minutes = minute_value(m["n"]) if not m["n"].isdigit() else int(m["n"])
        else:
            continue
        if m["dir"] == "before" and not m["unit"]:
            continue
        base = m["h"]
        hour = 12 if base in ("noon", "midday", "midnight") else number_value(base)
        if not 1 <= hour <= 12 or not 0 < minutes < 60:
            continue
        mer = meridiem_of(m["mer_short"], m["mer"])
        if base in ("noon", "midday", "midnight"):
            if mer:
                continue
            # a quarter past midnight is 00:15, a quarter to it 23:45; around noon the same way
            mer = "am" if base == "midnight" else "pm"
            hour = 12
        if m["dir"] in ("to", "till", "before"):
            # The hour named decides the half of the day: "quarter to six" is 05:45 or 17:45 (six is
            # ambiguous), "twenty to eight" 07:40 (eight is a morning hour), "quarter to one" 12:45.
            named = time_atom(m.start(), m.end(), hour, 0, 0, mer, priority=2)
            if named:
                named.times = tuple(resolve.minutes_before(t, minutes) for t in named.times)
                yield named
            continue
        atom = time_atom(m.start(), m.end(), hour, minutes, 0, mer, priority=2)
        if atom:
            yield atom


# "twenty to nine" is 8:40: no hour is twenty, so it cannot open a range; "ten to twelve" may be 11:50
# or ten until twelve, and is a time only after a word that introduces one ("at ten to twelve").
_TO_MINUTES = frozenset({"twenty", "twenty-five", "twenty five"})
_TO_LEAD = re.compile(r"\b(?:at|by|around|about|say)\s+$")


def _minutes_before(text: str, m: re.Match[str]) -> bool:
    """``<minutes in words> to <hour>`` that can only be a clock time."""
    if m["dir"] != "to" or m["n"].isdigit():
        return False
    if m["n"] in _TO_MINUTES:
        return True
    return m["n"] in ("five", "ten") and _TO_LEAD.search(text, 0, m.start()) is not None

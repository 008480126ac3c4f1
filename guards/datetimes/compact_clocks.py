"""24-hour clocks written without a colon, as rotas and call sheets write them.

"Night fill Tuesday 2200-0600", "General shift 0900-1800", "for the 0600 start", "starts at 2200 and
ends at 0600". Four digits are also counts, years and codes ("1000-1500 units", "2019-2023", "room
1030"), so a range is read only with a sign that it is a clock: a leading zero, a day beside it, "hrs"
after it, or a word of shifts and opening hours before it; two numbers that could both be years are
never read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import time

from guards.datetimes.dates import Scan
from guards.datetimes.model import Atom
from guards.datetimes.patterns import DAY_WORD, MONTH, WEEKDAY

_HHMM = r"(?:[01]\d|2[0-3])[0-5]\d"
_RANGE = re.compile(
    rf"(?<![\d/.:$#\u00a3\u20ac-])(?P<first>{_HHMM})\s*(?:-|\u2013|to|until|till)\s*(?P<second>{_HHMM})"
    r"(?P<hrs>\s*(?:hrs|hours|h)\b)?(?![\d/.:-]|\s*(?:%|units|people|pieces|items|m\b|km|kg|ft|feet|metres|meters))"
)
_RANGE_OPENER = re.compile(r"\b(?:from|between)\s+$")
_LABEL_BEFORE = re.compile(
    r"\b(?:codes?|ref(?:erence)?|account|acct|invoice|order|ticket|case|po|id|no|number|part|serial|sku|"
    r"batch|lot|rooms?|units?|flats?|ext(?:ension)?|phone|tel|pin|pages?|pp|lines?|items?|bins?|rows?|flights?|flt)"
    r"\.?\s*#?\s*$"
)
_DAY_BESIDE = re.compile(rf"\b(?:{WEEKDAY}|{DAY_WORD})\b\.?,?\s*(?:from\s+)?$")
_DAY_AFTER = re.compile(rf"\s*,?\s*(?:on\s+)?(?:{WEEKDAY}|{DAY_WORD})\b")
_SHIFT_WORD = re.compile(
    r"\b(?:shifts?|rota|roster|hours|open|opening|closed|window|cover|covering|working|works?|on|off|"
    r"lates?|earlies|early|nights?|days|pattern|from|between|slot|call\s+time)\s*:?\s*$"
)
# "for the 0600 start", "the 1430 train": an event named by its clock
_NAMED_BY_CLOCK = re.compile(
    rf"\bthe\s+(?P<clock>{_HHMM})\s+(?=(?:start|shift|finish|train|bus|flight|ferry|sailing|departure|"
    r"arrival|call|meeting|slot|briefing|handover|kick-?off|deadline)\b)"
)
# "starts at 2200 and ends at 0600": a clock after "at" before "and" and another clause
_AT_CLOCK_AND = re.compile(rf"\bat\s+(?P<clock>{_HHMM})(?=\s+and\s+(?:ends?|finish\w*|then|again|back)\b)")


# "I can do 1600 on Thursday", "at 0730 tomorrow": a word that introduces a time, the clock, a day
_CLOCK_BEFORE_A_DAY = re.compile(
    rf"(?:\b(?:do|at|by|from|until|till|before|after)\s+|@\s*)(?P<clock>{_HHMM})"
    rf"(?=\s*(?:hrs?\b|hours\b|h\b)?\s*,?\s*(?:on\s+)?(?:{WEEKDAY}|{DAY_WORD})\b)"
)


# "ETA 16 Mar 0900 local", "14 Mar 0630": a clock after a date (a leading zero, or a word of zones
# after it, tells it from a year)
_CLOCK_AFTER_A_DATE = re.compile(
    rf"(?:\d(?:st|nd|rd|th)?\s+{MONTH}\.?|\b{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?),?\s+"
    rf"(?P<clock>0\d[0-5]\d|{_HHMM}(?=\s*(?:hrs?\b|h\b|local\b|utc\b|gmt\b|z\b|[a-z]+\s+time\b|[a-z]+\s+local\b)))"
)
# "Saturday 2300 to Sunday 0500": after a weekday or a day word four digits are no year
_CLOCK_AFTER_A_DAY = re.compile(rf"(?:\b{WEEKDAY}\.?|\b{DAY_WORD}),?\s+(?P<clock>{_HHMM})(?![\d/.:-])")
# "1400Z", "1430 Zulu": aviation's UTC
_CLOCK_BEFORE_ZULU = re.compile(rf"(?<![\d/.:$#-])(?P<clock>{_HHMM})(?=z\b|\s*zulu\b)")
# "at 1015 local", "by 1700 UTC": a year or a flight number is written before UTC too ("in 2026 GMT",
# "flight 1230 UTC"), so a word that introduces a time comes before
_CLOCK_BEFORE_UTC = re.compile(
    rf"(?:\b(?:at|by|from|until|till|before|after|around|is)\s+|@\s*)(?P<clock>{_HHMM})"
    r"(?=\s*(?:utc|gmt)\b|\s+local\b)"
)
# each of them names the clock "clock"
_SINGLE_CLOCKS = (
    _NAMED_BY_CLOCK,
    _AT_CLOCK_AND,
    _CLOCK_BEFORE_A_DAY,
    _CLOCK_AFTER_A_DATE,
    _CLOCK_AFTER_A_DAY,
    _CLOCK_BEFORE_ZULU,
    _CLOCK_BEFORE_UTC,
)


def _clock(digits: str) -> time:
    return time(int(digits[:2]), int(digits[2:]))


def _years(first: str, second: str) -> bool:
    return all(1900 <= int(d) <= 2099 for d in (first, second))


def compact_clock_atoms(scan: Scan) -> Iterator[Atom]:
    """Ranges and clocks of four digits that read as a 24-hour clock."""
    if not scan.digits:
        return
    text = scan.text
    for m in _RANGE.finditer(text):
        first, second = m["first"], m["second"]
        if _years(first, second) or _LABEL_BEFORE.search(text, 0, m.start()):
            continue  # "2019-2023": years; "Budget code 0830-1145": a code
        clocklike = first.startswith("0") or second.startswith("0") or m["hrs"]
        beside = _DAY_BESIDE.search(text, 0, m.start()) or _DAY_AFTER.match(text, m.end())
        if clocklike or beside or _SHIFT_WORD.search(text, 0, m.start()):
            pair = (_clock(first), _clock(second))
            # "tomorrow from 0600 to 0730": the range opens at "from", which joins it to its day
            opener = _RANGE_OPENER.search(text, max(0, m.start() - 10), m.start())
            start = opener.start() if opener else m.start()
            yield Atom("trange", start, m.end(), ranges=(pair,), meridiem_fixed=True, priority=3)
    for pattern in _SINGLE_CLOCKS:
        for m in pattern.finditer(text):
            if _LABEL_BEFORE.search(text, 0, m.start("clock")):
                continue  # "Part 1400Z is in stock": a label's number
            clock = _clock(m["clock"])
            yield Atom(
                "time", m.start("clock"), m.end("clock"), times=(clock,), meridiem_fixed=True, priority=2
            )

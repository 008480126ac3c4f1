"""Bare hours that a day beside them makes clock times, and "this time" on another day.

Alone, a bare number is read as a time only before words that end a time ("at 10.", "at 10 works").
A day right next to it settles what it is:

* before the hour: "Monday at 9 for standup", "tomorrow morning at 8 about the quote", whatever follows
  (unless a quantity does: "Friday at 5 percent");
* after a verb that moves an event, at the end of the clause: "move it to 3", "can we prepone the call
  to 3?", "shift the 4pm to 5";
* after it, with a word that offers or moves a time: "push it to 4 on Friday", "shall we say 10
  tomorrow", "can we do 3 on the 15th", "earliest I can do is 4 tomorrow" ("a table for 4 on
  Saturday" is how many, not when);
* an hour marked with h before or after a day: "15h on Monday", "Sunday 19h" ("a 15h flight", "worked 14h on
  Monday" are lengths).

"this time tomorrow" is tomorrow at the clock time of now, and "this time next week" a week from now;
"same time tomorrow" is left a day, because the same time may be an event's, not now's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

from guards.datetimes import resolve
from guards.datetimes.dates import Scan
from guards.datetimes.lexicon import MEALS, WEEKDAY_WORDS_AT_RISK, alternation
from guards.datetimes.model import Atom
from guards.datetimes.patterns import DAY_WORD, HOUR_WORD, TIME_FOLLOW, WEEKDAY, number_value
from guards.datetimes.times import time_atom

_DAY_AFTER = (
    rf"(?:{DAY_WORD}\b|(?:on\s+)?(?:this\s+|next\s+)?{WEEKDAY}\b|"
    r"on\s+the\s+\d{1,2}(?:st|nd|rd|th)\b)"
)
_H_HOUR_BEFORE_DAY = re.compile(
    r"(?<![\w.:])(?<!to )(?<!until )(?<!till )(?<!\d-)(?<!\d -)(?<!\d- )(?<!\d - )"
    r"(?<!\ba )(?<!\ban )(?<!\bthe )(?<!for )(?<!of )"
    r"(?<!worked )(?<!spent )(?<!took )(?<!slept )(?<!drove )(?<!flew )(?P<h>1[3-9]|2[0-3])h\b"
    rf"(?=\s+(?:on\s+)?(?:{DAY_WORD}|(?:this\s+|next\s+)?{WEEKDAY}\b))"
)
# "Tournament final is Sunday 19h": the same hour after the day
_H_HOUR_AFTER_DAY = re.compile(
    rf"\b(?:{DAY_WORD}|{WEEKDAY})\.?,?\s+(?:at\s+)?(?P<h>1[3-9]|2[0-3])h\b(?![\w:]|\s*(?:flights?|drives?|shifts?|days?|weeks?))"
)
_OFFERED_HOUR = re.compile(
    r"(?:\b(?:to|for|say|do|make\s+it|how\s+about|what\s+about)|\b(?:earliest|latest|soonest)(?:\s+[\w']+){0,4}?"
    r"\s+is)\s+(?P<h>1[0-2]|0?[1-9]|1[3-9]|2[0-3])\b(?![:.,]\d)"
    rf"(?=\s+{_DAY_AFTER})"
)
# "move it to 3", "can we prepone the call to 3?", "shift the 4pm to 5", "move Monday's 9am to 11":
# the hour a meeting moves to
_MOVED_TO_HOUR = re.compile(
    r"\b(?:move[ds]?|moving|shift(?:s|ed)?|push(?:es|ed)?|reschedul(?:e[ds]?|ing)|bump(?:s|ed)?|postpone[ds]?|"
    r"prepone[ds]?|pull(?:s|ed)?)\s+(?:it|this|that|(?:the|my|our|your|his|her|their)(?:\s+[\w:]+){1,4}?|"
    rf"(?:{WEEKDAY}|{DAY_WORD})['\u2019]s\s+[\w:]+(?:\s*[ap]m)?|\d{{1,2}}(?::\d\d)?\s*[ap]m)\s+"
    rf"(?:back\s+|forward\s+|up\s+)?to\s+(?P<h>1[0-2]|0?[1-9]|{HOUR_WORD})\b(?![:.,]\d)" + TIME_FOLLOW
)
_PARTY_FOR = re.compile(
    rf"\b(?:table|party|reservation|booking|room|seats?|tickets?|spots?|places?|{alternation(MEALS)})\s+for\s*$"
)
_DAY_AT_HOUR = re.compile(
    rf"\b(?P<day>{DAY_WORD}|morning|afternoon|evening|night|\d{{1,2}}(?:st|nd|rd|th)|"
    rf"{WEEKDAY})\.?,?\s+(?P<at>(?:at|@)\s*(?P<h>1[0-2]|0?[1-9]|1[3-9]|2[0-3]|{HOUR_WORD}))\b"
    r"(?![:.,]\d|\s*[-\u2013/]\s*\d|\s*(?:%|percent|per\b|people|persons|guests|pax|of\b|[ap]\.?m\b|h\b|"
    r"o'?\s?clock|hours?\b|hrs?\b|min(?:ute)?s?\b|\d))"
)
_ENDS_A_TIME = re.compile(TIME_FOLLOW)
_THIS_TIME_ON = re.compile(
    rf"\b(?P<this>this\s+time)\s+(?=(?:tomorrow|tmrw|the\s+day\s+after\s+tomorrow|(?:on\s+)?(?:next\s+)?{WEEKDAY})\b)"
)
_THIS_TIME_NEXT = re.compile(r"\bthis\s+time\s+(?P<dir>next|last)\s+(?P<unit>week|month|year)\b")


def day_hour_atoms(scan: Scan) -> Iterator[Atom]:
    text = scan.text
    for m in _MOVED_TO_HOUR.finditer(text):
        atom = time_atom(m.start("h"), m.end(), number_value(m["h"]))
        if atom:
            yield atom
    if not scan.digits and " at " not in text and "this time" not in text:
        return
    for m in (*_H_HOUR_BEFORE_DAY.finditer(text), *_H_HOUR_AFTER_DAY.finditer(text)):
        atom = time_atom(m.start("h"), m.end(), int(m["h"]))
        if atom:
            yield atom
    for m in _OFFERED_HOUR.finditer(text):
        if _PARTY_FOR.search(text, max(0, m.start() - 24), m.start() + 4):
            continue  # "a table for 4 on Saturday": how many, not when
        atom = time_atom(m.start("h"), m.end(), int(m["h"]), leading_zero=m["h"].startswith("0"))
        if atom:
            yield atom
    for m in _DAY_AT_HOUR.finditer(text):
        if _ENDS_A_TIME.match(text, m.end()):
            continue  # read already, as any "at 9" before such a word
        if m["day"] in WEEKDAY_WORDS_AT_RISK and not scan.raw[m.start("day")].isupper():
            continue  # "we sat at 11 desks": the verb, not Saturday
        h = m["h"]
        atom = time_atom(m.start("at"), m.end(), number_value(h), leading_zero=h.startswith("0"))
        if atom:
            yield atom
    yield from _this_time(scan)


def _this_time(scan: Scan) -> Iterator[Atom]:
    if "this time" not in scan.text:
        return
    now = scan.now
    clock = now.time().replace(second=0, microsecond=0)
    for m in _THIS_TIME_ON.finditer(scan.text):
        yield Atom("time", m.start(), m.end("this"), times=(clock,), meridiem_fixed=True, priority=2)
    for m in _THIS_TIME_NEXT.finditer(scan.text):
        sign = 1 if m["dir"] == "next" else -1
        if m["unit"] == "week":
            point = now + timedelta(days=7 * sign)
        else:
            day = resolve.add_months(now.date(), sign * (12 if m["unit"] == "year" else 1))
            point = now.replace(year=day.year, month=day.month, day=day.day)
        yield Atom("point", m.start(), m.end(), points=(point.replace(second=0, microsecond=0),), priority=3)

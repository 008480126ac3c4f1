"""A weekday a week or a fortnight on, as British and Australian English write it.

* ``Thursday week``, ``a week on Thursday``, ``a week from Thursday`` (and ``fortnight`` for two weeks)
  are the Thursday that a bare "Thursday" means (its next occurrence, today counting), one week (or
  two) later. Said on a Thursday the words could also count from next Thursday: both are readings and
  the expression is ambiguous.
* ``Friday next`` is ``next Friday``; ``next to next week`` (Indian English) is the week after next,
  and ``next to next Friday`` is not modelled (it abstains).
* ``the week after next`` is the Monday-to-Monday week two weeks on (``the weekend after next`` its
  Saturday and Sunday); ``the Monday after next`` is a week after the Monday ``next Monday`` names,
  and ambiguous when that is.
* ``tomorrow week``, ``a week tomorrow``, ``today fortnight``: that day, a week (or two) on.
* A modifier before the weekday ("next Thursday week", "every Thursday week") is not modelled, and a
  number after it is a week number ("Monday week 12"): the whole expression abstains rather than let
  the bare weekday be read.

Without this, "a week on Monday" resolves to Monday: a wrong day, not a silence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

from guards.datetimes import resolve
from guards.datetimes.dates import Scan
from guards.datetimes.lexicon import WEEKDAYS
from guards.datetimes.model import Atom
from guards.datetimes.patterns import WEEKDAY

_WEEKS = {"week": 1, "fortnight": 2}
_WEEKDAY_WEEK = re.compile(
    rf"\b(?:(?P<mod>this|next|last|every|each|coming|following)\s+)?(?P<wd>{WEEKDAY})\s+"
    r"(?P<unit>week|fortnight)\b(?![\w'\u2019-])"
    r"(?P<number>\s*\d(?!\d?\s*(?:[:.]\d|[ap]\.?m\b|o'?clock|h\b|ish\b|in\s+the\b|at\s+night|tonight)|\d{3}))?"
)
_WEEK_ON_WEEKDAY = re.compile(
    rf"\ba\s+(?P<unit>week|fortnight)\s+(?:on|from|come)\s+(?:(?P<mod>this|next|last)\s+)?"
    rf"(?P<wd>{WEEKDAY})\b(?![\w'\u2019])"
)

# "tomorrow week", "a week tomorrow", "today fortnight": that day, a week (or two) on.
_DAY_WORD_WEEK = re.compile(
    r"\b(?:(?P<day>tomorrow|today)\s+(?P<unit>week|fortnight)|a\s+(?P<unit2>week|fortnight)\s+(?P<day2>tomorrow|today))\b"
    r"(?![\w'\u2019-])"
)
# "the Monday after next": a week after the Monday "next Monday" names (ambiguous as that is).
_WEEKDAY_AFTER_NEXT = re.compile(rf"\bthe\s+(?P<wd>{WEEKDAY})\s+after\s+next\b(?!\s+(?:week|month|year)\b)")
_WEEK_AFTER_NEXT = re.compile(r"\b(?:the\s+week(?P<end>end)?\s+after\s+next|next\s+to\s+next\s+week)\b")
# "Friday next" is "next Friday" (with its ambiguity); "next to next Friday" is not modelled.
_WEEKDAY_NEXT = re.compile(
    rf"\b(?P<wd>{WEEKDAY})\s+next\b(?!\s+(?:week|month|year|to|2|door|in|up|time|one)\b)"
)
_NEXT_TO_NEXT = re.compile(rf"\bnext\s+to\s+next\s+(?:{WEEKDAY}|month|year|weekend)\b")


def weeks_on_atoms(scan: Scan) -> Iterator[Atom]:
    if "next" in scan.text:
        for m in _WEEKDAY_NEXT.finditer(scan.text):
            candidates, ambiguous = resolve.weekday_candidates(WEEKDAYS[m["wd"]], "next", scan.today)
            yield Atom("date", m.start(), m.end(), dates=candidates, dates_ambiguous=ambiguous, priority=3)
        for m in _NEXT_TO_NEXT.finditer(scan.text):
            yield Atom("void", m.start(), m.end(), priority=4)
        for m in _WEEKDAY_AFTER_NEXT.finditer(scan.text):
            nexts, ambiguous = resolve.weekday_candidates(WEEKDAYS[m["wd"]], "next", scan.today)
            later = tuple(d + timedelta(weeks=1) for d in nexts)
            yield Atom("date", m.start(), m.end(), dates=later, dates_ambiguous=ambiguous, priority=3)
    if "week" not in scan.text and "fortnight" not in scan.text:
        return
    for m in _DAY_WORD_WEEK.finditer(scan.text):
        day = scan.today + timedelta(days=1 if (m["day"] or m["day2"]) == "tomorrow" else 0)
        weeks = _WEEKS[m["unit"] or m["unit2"]]
        yield Atom("date", m.start(), m.end(), dates=(day + timedelta(weeks=weeks),), priority=3)
    for m in _WEEK_AFTER_NEXT.finditer(scan.text):
        monday = resolve.week_start(scan.today) + timedelta(weeks=2)
        first = monday + timedelta(days=5) if m["end"] else monday
        last = monday + timedelta(days=7)
        yield Atom("drange", m.start(), m.end(), ranges=((first, last),), priority=3)
    for pattern in (_WEEKDAY_WEEK, _WEEK_ON_WEEKDAY):
        for m in pattern.finditer(scan.text):
            if m["mod"] or m.groupdict().get("number"):
                yield Atom("void", m.start(), m.end(), priority=4)
                continue
            weekday, weeks = WEEKDAYS[m["wd"]], _WEEKS[m["unit"]]
            (upcoming, *_), _ = resolve.weekday_candidates(weekday, "", scan.today)
            dates: tuple[date, ...] = (upcoming + timedelta(weeks=weeks),)
            if upcoming == scan.today:
                dates += (upcoming + timedelta(weeks=weeks + 1),)
            yield Atom("date", m.start(), m.end(), dates=dates, dates_ambiguous=len(dates) > 1, priority=3)

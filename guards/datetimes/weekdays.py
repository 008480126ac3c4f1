"""Weekdays: "Friday", "next Tuesday", "Monday next week", "Thursday or Friday next week", "Monday the 21st".

Short names that are also words ("sat", "sun", "wed") need a capital, a modifier or, as chat writes
them, a clock or a date after them ("wed 3pm", "sun 14 jun"); "mon", "tue", "thu" and "fri" may also
follow a word that introduces a day ("how abt mon"). A week named after a list of days is every listed
day's week.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

from guards.datetimes import resolve
from guards.datetimes.dates import Scan
from guards.datetimes.lexicon import WEEKDAY_WORDS_AT_RISK, WEEKDAYS
from guards.datetimes.model import Atom
from guards.datetimes.not_dates import verb_not_weekday
from guards.datetimes.ordinal_days import day_follows
from guards.datetimes.patterns import (
    DAY_NUMBER,
    EVENT_NOUN,
    MONTH,
    ORDINAL_WORD,
    WEEK_MODIFIER,
    WEEKDAY,
    WEEKDAY_MODIFIER,
    number_value,
)

_WEEKDAY = re.compile(
    rf"\b(?:(?P<wmod>{WEEK_MODIFIER})\s+week'?s?\s*(?:on\s+|-\s*|,\s*)?)?"
    rf"(?:(?P<mod>{WEEKDAY_MODIFIER})\s+)?(?P<wd>{WEEKDAY})\b(?:(?<=[a-z]{{3}})(?<!day)\.)?"
    rf"(?:\s+(?:of\s+|on\s+)?(?P<wmod2>{WEEK_MODIFIER})\s+week\b)?"
)
_CLOCK_AFTER = re.compile(
    r"\s+(?:at\s+|@\s*)?\d{1,2}(?:[:.]\d\d|\s*[ap]\.?m\b|\s*(?:[-\u2013]|till?|until|to)\s*\d{1,2}\b(?![/.-]\d))"
    r"|\s+(?:morning|afternoon|arvo|evening|eve|night|lunch(?:time)?|brunch|breakfast|dinner)\b"
)
# "sun 14 may be hot": "may" is a month only before the end of the clause, a year or a clock
_MONTH_AFTER_DAY = rf"(?:(?!may\b){MONTH}\b|may(?=\s*(?:$|[,.;!?)]|\d|at\b|from\b)))"
_NO_SUCH_DAY_AFTER = re.compile(rf"\b{WEEKDAY}\.?,?\s+(?:the\s+)?(?:3[2-9]|[4-9]\d)(?:st|nd|rd|th)\b")
_DATE_AFTER = re.compile(
    rf"\.?,?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_AFTER_DAY}|{MONTH}\.?\s+\d|\d{{1,2}}/\d{{1,2}}\b(?!/))"
)
_AT_HOUR_AFTER = re.compile(r"\s+(?:at\s+|@\s*)\d{1,2}\b(?![:.,/]?\d)")
_LOWER_DAY_LEAD = re.compile(
    r"(?:\b(?:on|by|do|to|till|until|from|before|after|abt|about|or|and|but|say|except|next|this|til|thru|due|for|"
    r"end\s+of\s+(?:the\s+)?day|eod|cob)|,)\s*$"
)
# "from sat till tues", "kids r with their dad til sun,", "hockey at 6:15am sat, rink 2": "sat", "sun"
# and "wed" between a word that bounds a day or a clock and the end of a clause or another bound
_BOUND_BEFORE = re.compile(
    r"(?:\b(?:from|till?|until|thru|through)|\d(?:[:.]\d\d)?\s*[ap]\.?m\.?|\b\d{1,2}[:.]\d\d|"
    r"(?:\bat\s+|@\s*)(?:\d{1,2}(?:[:.]\d\d)?|noon|midday|midnight))\s+$"
)
_BOUND_AFTER = re.compile(r"[ \t]*(?:$|\n|[,.;:!?()\x22']|(?:till?|until|to|thru|through|-|\u2013)\s)")
# "a playdate sat at 2?", "dance recital sat at 6": after a thing that happens, "sat at" is no verb
_EVENT_BEFORE = re.compile(rf"\b{EVENT_NOUN}\s+$|\b(?:playdate|recital|practice|rehearsal|training)s?\s+$")
# a bulleted line that opens with a day ("- wed: wfh", "* sat off"): a note's day heading
_BULLET_BEFORE = re.compile(r"(?:^|\n)[ \t]*[-*\u2022][ \t]*$")
_HEADING_AFTER = re.compile(r"\s*(?::|-\s|off\b)")
_SUBJECT_BEFORE = re.compile(r"\b(?:i|he|she|we|they|you|u|who|everyone|we all|kids|people)\s+$")
_LISTED_WEEK = re.compile(  # ("Tuesday to Thursday next week": a span of days in one week)
    rf"(?:\s*(?:,\s*(?:or\s+|and\s+)?|or\s+|and\s+|&\s*|(?:to|through|thru|till|until|-|\u2013)\s*){WEEKDAY}\b\.?)+"
    r"\s+(?:of\s+|on\s+)?"
    rf"(?P<wmod>{WEEK_MODIFIER})\s+week\b"
)
_WEEKDAY_DAY = re.compile(
    rf"\b(?:(?P<mod>this|next)\s+)?(?P<wd>{WEEKDAY})\.?,?\s+(?:(?P<the>the)\s+)?"
    rf"(?P<day>{DAY_NUMBER}|{ORDINAL_WORD})\b(?!\s*(?:{MONTH}\b|[:.]\d|[ap]\.?m\b|o'?clock|-\s*\d|/))"
)


def _weekday_allowed(scan: Scan, m: re.Match[str]) -> bool:
    """Short weekday names that are also words ("sat", "sun", "wed") need a capital or a modifier."""
    word = m["wd"]
    if verb_not_weekday(scan.text, word, m.end("wd")):
        return False
    if word not in WEEKDAY_WORDS_AT_RISK or m["mod"] or m["wmod"] or m["wmod2"]:
        return True
    before = scan.text[max(0, m.start("wd") - 4) : m.start("wd")]
    subject = word == "sat" and _SUBJECT_BEFORE.search(scan.text, 0, m.start())
    if scan.raw[m.start("wd")].isupper():
        # in capitals ("I SAT IN TRAFFIC") the capital says nothing, the subject does
        return not before.endswith("the ") and not (scan.shouted and subject)
    # Chat writes days in lower case: "wed 3pm" (a clock after it); "can't do fri, how abt mon?"
    # (a word that introduces a day before "mon", "tue", "thu", "fri", which are no English words).
    lead = word in ("mon", "tue", "thu", "fri") and _LOWER_DAY_LEAD.search(scan.text, 0, m.start())
    # "wed at 11", "sun @ 5": "at" makes the hour a time ("sat at 11" may be the verb, "the sun at 5" is)
    at_hour = (
        not before.endswith("the ")
        and (hour := _AT_HOUR_AFTER.match(scan.text, m.end())) is not None
        and (
            word != "sat" or "@" in hour.group(0) or _EVENT_BEFORE.search(scan.text, 0, m.start()) is not None
        )
    )  # "swim sat @ 6", "a playdate sat at 2": a verb is followed by "at", and has a subject
    if before.endswith(("the ", "a ")) or subject:
        return bool(lead)  # "the sun morning glow", "I sat 9-12 in the hall": a noun, a verb
    if _BULLET_BEFORE.search(scan.text, 0, m.start()) and _HEADING_AFTER.match(scan.text, m.end()):
        return True
    dated = _DATE_AFTER.match(scan.text, m.end())  # "on sun 14 jun"
    bounded = _BOUND_BEFORE.search(scan.text, 0, m.start()) and _BOUND_AFTER.match(scan.text, m.end())
    return bool(_CLOCK_AFTER.match(scan.text, m.end()) or lead or at_hour or dated or bounded)


def _falls_on(day: int, weekday: int, today: date) -> bool:
    """The coming ``day`` of a month is a ``weekday`` ("you take sat the 7th": the 7th is a Saturday;
    "she sat the 7th grade exam" names a day that seldom is)."""
    dates, _ = resolve.day_of_month(day, today) if 1 <= day <= 31 else ((), False)
    return bool(dates) and dates[0].weekday() == weekday


def weekday_atoms(scan: Scan) -> Iterator[Atom]:
    """Weekdays with their modifiers ("next Friday", "Monday next week") and a day ("Monday the 21st")."""
    today = scan.today
    dates: tuple[date, ...]
    for m in _WEEKDAY.finditer(scan.text):
        if not _weekday_allowed(scan, m):
            continue
        weekday = WEEKDAYS[m["wd"]]
        modifier = re.sub(r"\s+", " ", m["mod"] or "").replace("nxt", "next")  # "nxt tues" in chat
        # "Thursday or Friday next week": the week named after the list is every listed day's
        listed = None if m["wmod"] or m["wmod2"] or modifier else _LISTED_WEEK.match(scan.text, m.end())
        week_modifier = m["wmod"] or m["wmod2"] or (listed and listed["wmod"])
        if week_modifier:
            if modifier:
                continue
            offset = resolve.week_offset(re.sub(r"\s+", " ", week_modifier).replace("the ", ""))
            dates = (resolve.week_start(today) + timedelta(days=7 * offset + weekday),)
            ambiguous = False
        else:
            dates, ambiguous = resolve.weekday_candidates(weekday, modifier, today)
        yield Atom(
            "date",
            m.start(),
            m.end(),
            dates=dates,
            dates_ambiguous=ambiguous,
            weekday=weekday,
            weekday_only=not week_modifier and not modifier,
            priority=1,
        )
    for m in _NO_SUCH_DAY_AFTER.finditer(scan.text):
        yield Atom("void", m.start(), m.end(), priority=3)  # "Friday the 36th": no such day, nor Friday
    for m in _WEEKDAY_DAY.finditer(scan.text):
        # "fri 30th" in chat: "mon", "tue", "thu" and "fri" are no English words; "wed 28th" and "sun
        # 25th" with an ordinal are days, "sat 26th" only before a clock ("sat 14th 2pm"; "she sat 26th")
        ordinal = not m["day"].isdigit()
        lower_ok = m["wd"] in ("mon", "tue", "thu", "fri") or (
            ordinal
            and (
                m["wd"] != "sat"
                or _CLOCK_AFTER.match(scan.text, m.end()) is not None
                or (
                    m["the"]
                    and _falls_on(number_value(m["day"]), WEEKDAYS[m["wd"]], today)
                    and day_follows(scan.text, m.end())
                    and not _SUBJECT_BEFORE.search(scan.text, 0, m.start())
                )
            )
        )
        if m["wd"] in WEEKDAY_WORDS_AT_RISK and not scan.raw[m.start("wd")].isupper() and not lower_ok:
            continue
        if not m["day"][:1].isdigit() and not m["the"] and not day_follows(scan.text, m.end()):
            continue  # "9:30am Saturday, first match at 10": an ordinal of something else
        day = number_value(m["day"])
        plain_number = m["day"].isdigit() and not m["the"]
        if not 1 <= day <= 31 or (plain_number and day <= 12):
            continue
        dates, ambiguous = resolve.weekday_with_day(WEEKDAYS[m["wd"]], day, today)
        if dates:
            yield Atom("date", m.start(), m.end(), dates=dates, dates_ambiguous=ambiguous, priority=3)
        else:
            yield Atom("void", m.start(), m.end(), priority=3)  # no such day near: not the weekday alone

"""Recognisers for times of day and parts of the day (zones: :mod:`guards.datetimes.zones`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import time

from guards.datetimes import resolve
from guards.datetimes.abbreviations import ABBREVIATION_ALTERNATION, abbreviation_follows, marks_a_zone
from guards.datetimes.dates import Scan
from guards.datetimes.lexicon import CARDINALS, DAY_PART_WORDS, MEALS, alternation
from guards.datetimes.model import Atom
from guards.datetimes.patterns import (
    DAY_WORD,
    HOUR_WORD,
    MERIDIEM,
    MINUTE_WORD,
    MONTH,
    TIME_FOLLOW,
    WEEKDAY,
    meridiem_of,
    minute_value,
    number_value,
)

_COLON = re.compile(
    rf"(?<![\d:.+])(?P<h>[01]?\d|2[0-4])[:h](?P<m>[0-5]\d)(?::(?P<s>[0-5]\d)(?:[.,]\d{{1,9}}(?![\d.]))?)?(?![\d:])"
    rf"(?:\s*(?:{MERIDIEM}))?"
)
_HOUR_MERIDIEM = re.compile(rf"(?<![\d:.$])(?P<h>1[0-2]|0?[1-9])(?:\s*|\.)(?:{MERIDIEM})")
_DOTTED = re.compile(
    rf"(?<![\d.$])(?P<at>(?:at|@)\s*)?(?P<h>[01]?\d|2[0-3])\.(?P<m>[0-5]\d)"
    r"(?!\d|\.\d|\s*(?:%|percent|cents?\b|pence\b|p\b|dollars?\b|euros?\b|rupees?\b|bn\b|m\b|a\s+share|per\s+share))"
    rf"(?:\s*(?:{MERIDIEM}))?"
)
_COMPACT = re.compile(rf"(?<![\d:.$])(?P<h>1[0-2]|0?[1-9])(?P<m>[0-5]\d)\s*(?:{MERIDIEM})")
_OCLOCK = re.compile(rf"\b(?P<h>[01]?\d|2[0-3]|{HOUR_WORD})\s*o'?\s?clock\b(?:\s*(?:{MERIDIEM}))?")
_WORDS = re.compile(
    rf"\b(?P<at>(?:at|@)\s+)?(?P<h>{HOUR_WORD})(?:(?P<sep>\s+|-)(?P<m>{MINUTE_WORD}))?\b(?:\s*(?:{MERIDIEM}))?"
    rf"(?![\s-]+(?:{alternation(CARDINALS)}|hundred|thousand)\b)"
)
_NUMBER_WORD_BEFORE = re.compile(rf"\b(?:{alternation(CARDINALS)})[\s-]*$")
_NOON = re.compile(r"\b(?:12(?::00)?\s*)?(?P<word>noon|midday|mid\s?night)(?:-?ish)?\b")
_MONTH_BEFORE = re.compile(rf"(?:\b{MONTH}\.?\s*|\d[/.-])$")
# Military time: "1700 hours", "at 0900".
_MILITARY = re.compile(
    r"(?:\b(?P<at>at|@)\s*|(?<![\d:.$]))(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)(?:\s*(?P<hours>hours|hrs|h)\b)?(?![\d:]|\.\d|\s\d{3}\s\d{3})"
)  # ("text me at 0917 555 1234": a phone number)
_PRICE_BEFORE = re.compile(
    r"\b(?:shares?|stocks?|rates?|eps|priced|trading|traded|closed|opened|yields?|bought|sold|came\s+in|"
    r"revenue|earnings|index|bond|coupon)\b[^.;!?]*$"
)
# "bake at 350": an oven temperature, not 3:50
_HEAT_BEFORE = re.compile(
    r"\b(?:bake[ds]?|baking|preheat(?:ed)?(?:\s+\w+)?|roast(?:ed)?|oven\w*|heat(?:ed)?)\s+(?:at|to)\s*$"
)
_AT_COMPACT = re.compile(  # "by 930", "at 0600"
    r"(?:\b(?:at|by)\s+|@\s*)(?P<h>[1-9]|0\d)(?P<m>[0-5]\d)\b(?![:.]\d|\s*[-/]\s*\d|\s\d{3}\s\d{3})"
)
_ISH = re.compile(r"(?<![\d:.])(?P<h>1[0-2]|[1-9])ish\b")
_AT_HOUR = re.compile(
    rf"(?:\b(?:at|around|about|by)|@)\s*(?P<h>[01]?\d|2[0-3]|{HOUR_WORD})\b(?![:.,]\d|\s*[-\u2013]\s*\d|\s*[ap]\.?m\b)"
    + TIME_FOLLOW
)
# A meal right before "at 6" makes the bare hour a time whatever follows ("drinks at 6 after work").
_MEAL_AT_HOUR = re.compile(
    rf"\b(?:{alternation(MEALS)})(?:\s+[a-z]+)?\s+(?P<at>(?:at|@)\s*"
    rf"(?P<h>1[0-2]|0?[1-9]|{HOUR_WORD}))\b(?![:.,]\d|\s*(?:%|percent|people|persons|guests|of\b|pm?\b|am?\b))"
)
_MEAL_WORD = re.compile(alternation(MEALS))
# "at 6 for drinks", "at 7 for breakfast": the meal after the hour says what it is (dayparts.meal_after).
_HOUR_FOR_MEAL = re.compile(
    rf"(?:\b(?:at|around|about)|@)\s*(?P<h>1[0-2]|0?[1-9]|{HOUR_WORD})\b(?![:.,]\d)"
    rf"(?=\s+for\s+(?:a\s+|an\s+|some\s+|the\s+)?(?:{alternation(MEALS)})\b)"
)
# "9 CET tomorrow", "at 10 PT on Friday": an hour followed by a zone abbreviation (written in capitals).
_HOUR_ZONE = re.compile(
    rf"(?:\b(?:at|around|about|by)\s+|(?<![\d:.$,]))(?P<h>1[0-9]|2[0-3]|0?[1-9])\s+"
    rf"(?P<abbr>{ABBREVIATION_ALTERNATION})\b"
)
# "10 Atlantic time", "at 9 Eastern time": an hour before a region's time is a clock time.
_HOUR_REGION_TIME = re.compile(
    r"(?<![\d:.$,])\b(?P<h>1[0-9]|2[0-3]|0?[1-9])\s+(?=(?:eastern|pacific|central|mountain|atlantic)\s+time\b)"
)
# "at 11 Pacific on Friday": after "at", the region alone names the zone
_AT_HOUR_REGION = re.compile(
    r"(?:\bat\s+|@\s*)(?P<h>1[0-9]|2[0-3]|0?[1-9])\s+(?=(?:eastern|pacific|central|mountain|atlantic)\b)"
)
# British "half five" is 5:30 (half past), after a word that introduces a time.
_HALF_HOUR = re.compile(
    rf"(?:\b(?:at|by|around|about|till|until|from|say|to|for)\s+|(?<!\w)(?=half\s+\S+\s+(?:on\s+)?(?:{DAY_WORD}|{WEEKDAY})\b))(?P<q>half)\s+(?P<h>1[0-2]|[1-9]|{HOUR_WORD})\b"
    # ("half eight to ring the accountant": "to" before a verb, not before an hour)
    rf"(?![:.]\d|\s+(?:past|to\s+(?:\d|{HOUR_WORD}\b|noon|midday|midnight)|an?\b|hours?|of\b|the\b|[ap]\.?m\b))"
)
_BOUND_HOUR = re.compile(
    rf"\b(?:after|before|b4|until|till|til|from|since|(?:no|not)\s+(?:earlier|later|sooner)\s+than)\s+"
    rf"(?P<h>[01]?\d|2[0-3]|{HOUR_WORD})\b(?![:.,]\d)" + TIME_FOLLOW
)
# "between 10 and noon": the hour opens a range whose other end is a word, not a number.
_BETWEEN_HOUR = re.compile(
    rf"\bbetween\s+(?P<h>[01]?\d|2[0-3]|{HOUR_WORD})\b(?![:.,]\d)(?=\s+and\s+(?:noon|midday|midnight)\b)"
)
_HOUR_BEFORE_PART = re.compile(
    rf"(?<![\d.])\b(?P<h>1[0-2]|0?[1-9]|{HOUR_WORD})(?=,?\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night|"
    r"tonight|tonite|this\s+(?:morning|afternoon|evening)|in\s+the\s+night)\b)"
)
# A part of the day before a clock time: "evening 6", "night 10:15", "afternoon at 2".
_PART_HOUR = re.compile(
    r"(?<!early )(?<!late )(?<!the )(?<!this )(?<!tomorrow )(?<!yesterday )(?<!last )(?<!next )(?<!in )"
    r"(?<!at )(?<!every )"
    rf"\b(?P<part>morning|afternoon|evening|night)\s+(?:at\s+)?(?P<h>1[0-2]|0?[1-9]|{HOUR_WORD})"
    rf"(?:(?P<colon>[:.])(?P<m>[0-5]\d))?(?:\s*(?:{MERIDIEM}))?(?![\d:])"
)
_PART_HOUR_FOLLOW = re.compile(
    rf"\s*(?:$|[.,;:!?)]|on\b|or\b|to\b|{DAY_WORD}|this\b|next\b|works?\b|is\b|sharp\b|"
    rf"o'?\s?clock|{WEEKDAY}\b|then\b|please\b|ok\b|at\b|with\b|for\b)"
)
# "at 14h", "à 9h": a 24-hour clock hour marked with h (alone "14h" is a duration).
_AT_H_HOUR = re.compile(r"(?:\b(?:at|around|by)|@)\s*(?P<h>[01]?\d|2[0-3])h\b(?!\d)")
_NOT_A_QUANTITY = r"(?!\s*(?:%|percent|per\b))"


def time_atom(
    start: int,
    end: int,
    hour: int,
    minute: int = 0,
    second: int = 0,
    meridiem: str | None = None,
    *,
    leading_zero: bool = False,
    priority: int = 1,
) -> Atom | None:
    times, ambiguous, fixed = resolve.clock_readings(
        hour, minute, second, meridiem, leading_zero=leading_zero
    )
    if not times:
        return None
    return Atom(
        "time", start, end, times=times, times_ambiguous=ambiguous, meridiem_fixed=fixed, priority=priority
    )


# "Seat 7A", "Gate 12 a bit further": a number with a lone letter after it is a label, not "7a(m)",
# when the letter is a capital, stands apart from the number, or follows a word that labels things.
_LABELS = (
    r"seat|room|gate|flat|apt|apartment|unit|bus|platform|row|terminal|building|suite|level|floor|"
    r"block|route|line|exit|pier|dock|bay|stand|court|table|box|lot|no|number|plot|house|ward|bed"
)
_LABEL_BEFORE = re.compile(rf"\b(?:{_LABELS})\.?\s*$")
_NUMBERED = re.compile(rf"\b(?:{_LABELS}|flight|train|in|since|of|year|from)\.?\s*$")


def _labelled(raw: str, m: re.Match[str]) -> bool:
    letter = m.start("mer_short")
    return (
        raw[letter].isupper()
        or raw[letter - 1].isspace()
        or _LABEL_BEFORE.search(raw.lower(), 0, m.start()) is not None
    )


_INTRODUCES_AN_H_CLOCK = re.compile(
    rf"(?:\b(?:at|by|around|from|until|till|before|after)|@|(?:\d{{4}}|\b{MONTH}|\b{WEEKDAY}|\b{DAY_WORD})\.?,?)\s*$"
)


def _digit_times(text: str, raw: str) -> Iterator[Atom]:
    """Clock times written with digits: 14:30, 3pm, 9.30am, 930am."""
    for m in _COLON.finditer(text):
        mer = meridiem_of(m["mer_short"], m["mer"])
        h_clock = m.group(0)[len(m["h"])] == "h" and mer is None and len(m["h"]) < 2
        if h_clock and not _INTRODUCES_AN_H_CLOCK.search(text, max(0, m.start() - 40), m.start()):
            continue  # "the film runs 2h30": a length; "at 9h30", "Thursday 21 January 2027, 9h30": a clock
        atom = time_atom(
            m.start(),
            m.end(),
            int(m["h"]),
            int(m["m"]),
            int(m["s"] or 0),
            mer,
            leading_zero=m["h"].startswith("0") and len(m["h"]) == 2,
            priority=2,
        )
        if atom:
            yield atom
    for pattern in (_HOUR_MERIDIEM, _COMPACT):
        for m in pattern.finditer(text):
            minute = int(m.groupdict().get("m") or 0)
            mer = meridiem_of(m["mer_short"], m["mer"])
            if m["mer_short"] and _labelled(raw, m):
                continue
            atom = time_atom(m.start(), m.end(), int(m["h"]), minute, 0, mer, priority=2)
            if atom:
                yield atom
    for m in _DOTTED.finditer(text):
        mer = meridiem_of(m["mer_short"], m["mer"])
        if mer is None and not m["at"] and not _dotted_beside_a_day(text, m):
            continue
        if mer is None and _PRICE_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue  # "bought shares at 12.15", "EPS came in at 1.12": a price or a rate
        atom = time_atom(m.start(), m.end(), int(m["h"]), int(m["m"]), 0, mer)
        if atom:
            yield atom


_DAY_AFTER = re.compile(
    rf"\s+(?:on\s+)?(?:{DAY_WORD}|this\s+(?:morning|afternoon|evening)|{WEEKDAY}\b|the\s+\d{{1,2}}(?:st|nd|rd|th)\b)"
)
# ("tomorrow 10.00", "Thu 28th May 10.00": a month with its day)
_DAY_BEFORE = re.compile(
    rf"(?:\b(?:{DAY_WORD}|{WEEKDAY})|\d(?:st|nd|rd|th)?\s+{MONTH}|\b{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?)\.?,?\s+$"
)
_NUMBERED_BEFORE = re.compile(
    r"(?:\b(?:version|v|release|build|chapter|section|page|rule|item|step|no|number|score|costs?|price[sd]?|"
    r"pay|paid|owe[sd]?|spend|spent|eur|usd|gbp|aud)\b|[$\u00a3\u20ac])\W*(?:\w+\W+){0,2}$"
)


def _dotted_beside_a_day(text: str, m: re.Match[str]) -> bool:
    """``6.30 on Monday``, ``Monday 18.30``: a dotted clock time with a day beside it (on the quarter
    hour, and not after a word that makes it a number: "version 2.30", "it costs 4.50")."""
    if _NUMBERED_BEFORE.search(text, 0, m.start()):
        return False
    if m["m"] not in ("00", "15", "30", "45"):
        # "a seat on the 7.52 tomorrow": a departure named by its clock
        return text.endswith("the ", 0, m.start()) and _DAY_AFTER.match(text, m.end()) is not None
    return bool(_DAY_AFTER.match(text, m.end()) or _DAY_BEFORE.search(text, 0, m.start()))


def time_atoms(scan: Scan) -> Iterator[Atom]:
    """Every clock-time atom in the text."""
    text = scan.text
    if scan.digits:
        yield from _digit_times(text, scan.raw)
    for m in _OCLOCK.finditer(text):
        atom = time_atom(
            m.start(), m.end(), number_value(m["h"]), 0, 0, meridiem_of(m["mer_short"], m["mer"])
        )
        if atom:
            yield atom
    for m in _WORDS.finditer(text):
        mer = meridiem_of(m["mer_short"], m["mer"])
        if m["mer_short"] and not m["m"]:
            continue
        if m["m"] and scan.capitalised(m.start("h")) and scan.capitalised(m.start("m")):
            continue  # "Seven Eleven onigiri": a name, as nobody capitalises "thirty" in a clock
        # "twenty eight pm" is no clock; "for four at eight pm" is, "at" stands between the numbers
        if not (m["m"] or mer or m["at"]) or (
            not m["at"] and _NUMBER_WORD_BEFORE.search(text[max(0, m.start() - 12) : m.start()])
        ):
            continue
        if m["at"] and not (m["m"] or mer) and not re.match(TIME_FOLLOW, text[m.end() :]):
            continue
        minute = minute_value(m["m"]) if m["m"] else 0
        if m["sep"] == "-" and minute <= 12 and not mer:
            yield Atom("void", m.start(), m.end(), priority=2)  # "ten-twelve": 10:12 or ten to twelve
            continue
        atom = time_atom(m.start(), m.end(), number_value(m["h"]), minute, 0, mer)
        if atom:
            yield atom
    for m in _NOON.finditer(text):
        noon = (time(0) if m["word"].endswith("night") else time(12),)
        # "March 12 midnight": the 12 is the date's, the word alone the time
        month_before = _MONTH_BEFORE.search(text[max(0, m.start() - 12) : m.start()])
        for start in {m.start("word") if month_before else m.start(), m.start("word")}:
            yield Atom("time", start, m.end(), times=noon, meridiem_fixed=True, priority=2)
    for m in _MILITARY.finditer(text):
        # "Shift starts 0600 tomorrow": a leading zero before a day is a clock too
        before_a_day = m["h"].startswith("0") and _DAY_AFTER.match(text, m.end())
        # "1400 GMT", "by 1700 UTC Friday" ("flight 1230 UTC", "in 2026 GMT" are a number and a year)
        zoned = abbreviation_follows(scan.raw, m.end(), scan.shouted) and not _NUMBERED.search(
            text, 0, m.start()
        )
        if not (m["hours"] or before_a_day or zoned or (m["at"] and re.match(TIME_FOLLOW, text[m.end() :]))):
            continue
        start = m.start("h") if m["at"] else m.start()
        atom = time_atom(start, m.end(), int(m["h"]), int(m["m"]), leading_zero=True, priority=1)
        if atom:
            yield atom
    for m in _AT_COMPACT.finditer(text):  # "there by 930", "c u @ 745": chat drops the colon
        military = m["h"].startswith("0")  # "at 0600": a 24-hour clock whatever follows
        if not military and m.group(0).startswith("at") and int(m["m"]) % 15:
            continue  # "the guest list is at 150": a count; a clock said without its colon is "at 930"
        if (military or re.match(TIME_FOLLOW, text[m.end() :])) and not _HEAT_BEFORE.search(
            text, 0, m.start("h")
        ):
            atom = time_atom(m.start("h"), m.end(), int(m["h"]), int(m["m"]), leading_zero=military)
            if atom:
                yield atom
    for m in _ISH.finditer(text):
        atom = time_atom(m.start(), m.end(), int(m["h"]))
        if atom:
            yield atom
    for m in _HOUR_BEFORE_PART.finditer(text):
        atom = time_atom(m.start(), m.end(), number_value(m["h"]))
        if atom:
            yield atom
    for m in [*_BOUND_HOUR.finditer(text), *_BETWEEN_HOUR.finditer(text)]:
        atom = time_atom(m.start("h"), m.end(), number_value(m["h"]), leading_zero=m["h"].startswith("0"))
        if atom:
            yield atom
    for m in _PART_HOUR.finditer(text):
        if m["colon"] == "." or not (m["m"] or m["mer"] or _PART_HOUR_FOLLOW.match(text, m.end())):
            continue
        yield from _part_hour(m)
    if _MEAL_WORD.search(text):
        for m in _HOUR_FOR_MEAL.finditer(text):
            atom = time_atom(m.start(), m.end(), number_value(m["h"]))
            if atom:
                yield atom
        for m in _MEAL_AT_HOUR.finditer(text):
            atom = time_atom(m.start("at"), m.end(), number_value(m["h"]))
            if atom:
                yield atom
    if "half" in text:
        for m in _HALF_HOUR.finditer(text):
            atom = time_atom(m.start("q"), m.end(), number_value(m["h"]), 30, priority=2)
            if atom:
                yield atom
    for m in _AT_H_HOUR.finditer(text):
        atom = time_atom(m.start("h"), m.end(), int(m["h"]), leading_zero=m["h"].startswith("0"))
        if atom:
            yield atom
    for m in _AT_HOUR.finditer(text):
        atom = time_atom(m.start(), m.end(), number_value(m["h"]), leading_zero=m["h"].startswith("0"))
        if atom:
            yield atom
    if scan.digits:
        for m in (*_HOUR_REGION_TIME.finditer(text), *_AT_HOUR_REGION.finditer(text)):
            atom = time_atom(m.start("h"), m.end("h"), int(m["h"]), leading_zero=m["h"].startswith("0"))
            if atom:
                yield atom
        for m in _HOUR_ZONE.finditer(text):
            abbreviation = scan.raw[m.start("abbr") : m.end("abbr")]
            if not marks_a_zone(abbreviation, scan.shouted):
                continue  # "10 pt font", "5 et al", "AT 4 WEST"
            atom = time_atom(m.start("h"), m.end("h"), int(m["h"]), leading_zero=m["h"].startswith("0"))
            if atom:
                yield atom


def _part_hour(m: re.Match[str]) -> Iterator[Atom]:
    """``evening 6`` is 18:00; ``morning 10pm`` says two things at once, and nothing is read."""
    mer = meridiem_of(m["mer_short"], m["mer"])
    atom = time_atom(m.start(), m.end(), number_value(m["h"]), int(m["m"] or 0), 0, mer, priority=3)
    if atom is None:
        return
    part = DAY_PART_WORDS[m["part"]]
    fitting = resolve.apply_part(atom.times, part)
    if not fitting:
        yield Atom("void", m.start(), m.end(), priority=3)
        return
    atom.times, atom.times_ambiguous, atom.meridiem_fixed, atom.part = fitting, False, True, part
    yield atom

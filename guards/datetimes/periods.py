"""Recognisers for calendar periods: weeks, weekends, months, quarters, years, week numbers.

Periods resolve to ``[start, end)`` date ranges, as in Recognizers-Text: ``next week`` is next Monday
to the Monday after, ``April 2017`` is 2017-04-01 to 2017-05-01, ``2014 to 2018`` is 2014-01-01 to
2018-01-01 (a range of periods ends where the last one starts).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

from guards.datetimes import resolve
from guards.datetimes.dates import Scan
from guards.datetimes.lexicon import CARDINALS, MONTHS, WEEKDAYS, alternation, nth_weekday
from guards.datetimes.model import Atom, Point
from guards.datetimes.patterns import (
    DAY_NUMBER,
    MONTH,
    MONTH_DOT,
    ORDINAL_WORD,
    QUANTITY,
    WEEK_MODIFIER,
    WEEKDAY,
    YEAR,
    YEAR_WORDS,
    number_value,
    year_value,
)

_PERIOD = re.compile(
    rf"\b(?P<mod>{WEEK_MODIFIER}|the|this\s+past|past|current)\s+(?P<unit>week|weekend|wknd|month|quarter|year|fortnight)\b"
    # "next year's first quarter", "the week's end": a part of the period, which we do not read
    r"(?!\s*(?:of\b|\d))(?!'s\s+(?:best|worst|biggest|top|end|start|beginning|middle|first|second|third|"
    r"fourth|last|final|opening|closing|early|late|q[1-4]|h[12])\b)"
)
_MONTH_PERIOD = re.compile(
    rf"\b(?:(?P<pre>in|during|since|until|till|by|for|this|next|last|from|between|to|and|through|in\s+the)\s+)?"
    rf"(?:the\s+month\s+of\s+)?(?P<month>{MONTH})\b{MONTH_DOT}(?:\s*(?:,|of|-|/)?\s*(?P<y>{YEAR}|{YEAR_WORDS}))?(?![-/]\d)"
)
_MONTH_BEFORE_AND = re.compile(
    rf"\b(?:in|during|since|until|till|by|for|this|next|last|from|between|through)\s+(?:the\s+month\s+of\s+)?"
    rf"{MONTH}\b{MONTH_DOT}(?:\s*,?\s*(?:{YEAR}))?\s*,?\s*$"
)
_YEAR_MONTH = re.compile(rf"(?<![\d/.-])(?P<y>{YEAR})-(?P<m>0?[1-9]|1[0-2])(?![\d/-]|\.\d)")
_RANGE_WORDS = r"(?:-|~|\u2013|to|through|thru|till|until|and)"
_YEAR_PERIOD = re.compile(
    rf"\b(?P<pre>in|during|year|the\s+year|for|of|since|after|before|until|till|from|between|than|by|and|to|through)\s+"
    rf"(?P<y>{YEAR})\b(?![/-]\d)(?=\s*(?:$|[.,;:!?)]|{_RANGE_WORDS}|or\b|but\b))"
)
_YEAR_SPAN = re.compile(
    rf"(?<![\d/.+-])(?P<a>{YEAR})\s*(?P<sep>-|~|\u2013|to|through|thru|till|until)\s*(?P<b>{YEAR})(?![\d-])"
)
_SPAN_SEP = r"\s*(?P<sep>-|\u2013|~|to|through|thru|till|until|and)\s*"
_MONTH_SPAN = re.compile(
    rf"\b(?:(?P<kw>from|between)\s+)?(?P<m1>{MONTH}){MONTH_DOT}{_SPAN_SEP}(?P<m2>{MONTH}){MONTH_DOT}\s*,?\s*(?:in\s+|of\s+)?(?P<y>{YEAR})"
)
# "13-15 March", "Fri 13 - Sun 15 March": the month (and the weekdays) of both ends
_DAY_SPAN = re.compile(
    rf"\b(?:(?P<kw>from|between)\s+)?(?:(?P<w1>{WEEKDAY})\.?,?\s+)?(?:the\s+)?(?P<d1>{DAY_NUMBER}|{ORDINAL_WORD})"
    rf"{_SPAN_SEP}(?:(?P<w2>{WEEKDAY})\.?,?\s+)?(?:the\s+)?"
    rf"(?P<d2>{DAY_NUMBER}|{ORDINAL_WORD})\s*(?:of\s+)?(?P<month>{MONTH})\b{MONTH_DOT}(?:\s*,?\s*(?:in\s+)?(?P<y>{YEAR}))?"
)
_MONTH_DAY_SPAN = re.compile(
    rf"\b(?:(?P<kw>from|between)\s+)?(?P<month>{MONTH}){MONTH_DOT}\s*(?P<d1>{DAY_NUMBER}){_SPAN_SEP}"
    rf"(?P<d2>{DAY_NUMBER})(?!\s*(?:[ap]\.?m\b|:\s*\d|o'?clock))(?:\s*,?\s*(?P<y>{YEAR}))?"
)
# "the next 3 days", "last 2 weeks", "within the next 10 months": counted from today.
_ROLLING = re.compile(
    rf"\b(?P<dir>(?:with)?in\s+the\s+next|(?:with)?in\s+next|the\s+next|next|the\s+last|last|the\s+past|past|"
    rf"previous|the\s+previous)\s+(?P<n>{QUANTITY})\s+(?P<unit>days|weeks|months|years)\b"
)
# "the first Monday of next month", "the last Friday of March 2026", "3rd Thursday in June"
_NTH_WEEKDAY = re.compile(
    rf"\b(?:the\s+)?(?P<nth>first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)\s+(?P<wd>{WEEKDAY})\s+"
    rf"(?:of|in)\s+(?:(?P<mod>this|next|last|the)\s+month|(?P<month>{MONTH})\b{MONTH_DOT}(?:\s*,?\s*(?P<y>{YEAR}))?)"
)
_NTH = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "5th": 5,
    "last": -1,
}
_NUMBER_BEFORE = re.compile(rf"(?:\d|\b(?:{alternation(CARDINALS)}))[\s,]*$")
_WEEK_OF = re.compile(r"\b(?:the\s+)?(?:week\s+(?:of|beginning|starting|commencing)(?:\s+on)?|w/c)\s+$")
# (not a week of something else: "Week 12 of the programme", "week 3 of 5", "week 2 of the course")
_WEEK_NUMBER = re.compile(
    r"\b(?:the\s+)?week\s+(?P<n>[1-9]|[1-4]\d|5[0-3])\b(?![\d:.])"
    r"(?!\s+of\s+(?:\d|the\s+(?!year\b)|our\b|my\b|your\b|this\s+(?!year\b)|\w+['\u2019]s\b))"
)
_QUARTER = re.compile(
    rf"\b(?:q(?P<q>[1-4])\s*(?:of\s+|-\s*)?(?P<y>{YEAR})|(?P<y2>{YEAR})\s*-?\s*q(?P<q2>[1-4]))\b"
)


def _year_range(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year + 1, 1, 1)


def period_atoms(scan: Scan) -> Iterator[Atom]:
    """Weeks, weekends, months, quarters and years, relative or named."""
    yield from _relative_periods(scan)
    yield from _months(scan)
    for m in _YEAR_MONTH.finditer(scan.text):
        first = date(int(m["y"]), int(m["m"]), 1)
        yield Atom("drange", m.start(), m.end(), ranges=((first, resolve.add_months(first, 1)),))
    for m in _YEAR_PERIOD.finditer(scan.text):
        start = m.start("y") if m["pre"] not in ("year", "the year") else m.start()
        yield Atom("drange", start, m.end(), ranges=(_year_range(int(m["y"])),))
    for m in _YEAR_SPAN.finditer(scan.text):
        first_year, last_year = int(m["a"]), int(m["b"])
        if first_year < last_year:
            span = (date(first_year, 1, 1), date(last_year, 1, 1))
            yield Atom("drange", m.start(), m.end(), ranges=(span,), priority=1)
    for m in _WEEK_NUMBER.finditer(scan.text):
        try:
            monday = date.fromisocalendar(scan.today.year, int(m["n"]), 1)
        except ValueError:
            continue  # week 53 in a year that has 52
        yield Atom("drange", m.start(), m.end(), ranges=((monday, monday + timedelta(days=7)),))
    yield from _spans(scan)
    yield from _nth_weekdays(scan)
    for m in _QUARTER.finditer(scan.text):
        year, quarter = int(m["y"] or m["y2"]), int(m["q"] or m["q2"])
        first = date(year, 3 * quarter - 2, 1)
        yield Atom("drange", m.start(), m.end(), ranges=((first, resolve.add_months(first, 3)),), priority=1)


def _years_of_weekdays(
    weekdays: tuple[str | None, str | None], month: int, first: int, last: int, year: str | None, today: date
) -> tuple[int, ...]:
    """The year (the written one, else this or next) whose days fall on the weekdays; none when they
    contradict it (the span abstains rather than move to a year nobody meant)."""
    options = (int(year),) if year else (today.year, today.year + 1)
    for y in options:
        days = resolve.safe_date(y, month, first), resolve.safe_date(y, month, last)
        if all(
            d is not None and (w is None or d.weekday() == WEEKDAYS[w])
            for d, w in zip(days, weekdays, strict=True)
        ):
            return (y,)
    return ()


def _relative_periods(scan: Scan) -> Iterator[Atom]:
    today = scan.today
    for m in _PERIOD.finditer(scan.text):
        modifier = re.sub(r"\s+", " ", m["mod"]).replace("the ", "")
        unit = "weekend" if m["unit"] == "wknd" else m["unit"]  # "this wknd" in chat
        if modifier in ("past", "this past", "the") and not (modifier == "the" and unit == "weekend"):
            continue
        offset = resolve.week_offset(modifier)
        start: date
        end: date
        if unit in ("week", "fortnight"):
            if unit == "fortnight" and offset == 0:
                continue
            start = resolve.week_start(today) + timedelta(days=7 * offset)
            end = start + timedelta(days=14 if unit == "fortnight" else 7)
        elif unit == "weekend":
            saturday = resolve.week_start(today) + timedelta(days=5 + 7 * offset)
            start, end = saturday, saturday + timedelta(days=2)
        elif unit == "month":
            start = resolve.add_months(today.replace(day=1), offset)
            end = resolve.add_months(start, 1)
        elif unit == "quarter":
            this_quarter = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
            start = resolve.add_months(this_quarter, 3 * offset)
            end = resolve.add_months(start, 3)
        else:
            start, end = _year_range(today.year + offset)
        yield Atom("drange", m.start(), m.end(), ranges=((start, end),), priority=1)


def _months(scan: Scan) -> Iterator[Atom]:
    today = scan.today
    for m in _MONTH_PERIOD.finditer(scan.text):
        word, pre = m["month"], re.sub(r"\s+", " ", m["pre"] or "")
        capitalised = scan.raw[m.start("month")].isupper()
        if not pre and _NUMBER_BEFORE.search(scan.text[max(0, m.start() - 30) : m.start()]):
            continue  # "twenty five January ...": a day we could not read
        # A bare month name needs a preposition; "may"/"march" (also verbs) and "jan" need a capital too.
        needs_capital = len(word) <= 3 or word in ("may", "march")
        bare = not m["y"] and pre not in ("this", "next", "last")
        if (bare and not pre) or (not m["y"] and needs_capital and not capitalised):
            continue
        if pre == "and" and not _MONTH_BEFORE_AND.search(scan.text, 0, m.start()):
            continue  # "Jan and Dec are joining": "and" carries a preposition only from a month before it
        month = MONTHS[word]
        if m["y"]:
            year, ambiguous = (int(m["y"]) if m["y"].isdigit() else year_value(m["y"])), False
        elif pre in ("next", "last"):
            year = today.year + (1 if pre == "next" and month <= today.month else 0)
            year -= 1 if pre == "last" and month >= today.month else 0
            ambiguous = False
        elif pre == "this":
            year, ambiguous = today.year, False
        else:
            year, ambiguous = resolve.month_of_year(month, today)
        start = date(year, month, 1)
        span_start = m.start() if pre in ("this", "next", "last") else m.start("month")
        alternatives: tuple[tuple[Point | None, Point | None], ...] = ((start, resolve.add_months(start, 1)),)
        if ambiguous:
            alternatives += ((date(year - 1, month, 1), resolve.add_months(date(year - 1, month, 1), 1)),)
        yield Atom("drange", span_start, m.end(), ranges=alternatives, ranges_ambiguous=ambiguous)


def _spans(scan: Scan) -> Iterator[Atom]:
    """Month spans ("Jan-Feb 2017"), day spans ("9 to 12 of June", "Nov 18-19") and rolling windows."""
    today = scan.today
    for m in _MONTH_SPAN.finditer(scan.text):
        if m["sep"] == "and" and m["kw"] != "between":
            continue
        first_month, last_month, year = MONTHS[m["m1"]], MONTHS[m["m2"]], int(m["y"])
        first = date(year - (1 if first_month > last_month else 0), first_month, 1)
        yield Atom("drange", m.start(), m.end(), ranges=((first, date(year, last_month, 1)),), priority=2)
    for pattern in (_DAY_SPAN, _MONTH_DAY_SPAN):
        for m in pattern.finditer(scan.text):
            if m["sep"] == "and" and m["kw"] != "between":
                continue
            first_day, last_day, month = number_value(m["d1"]), number_value(m["d2"]), MONTHS[m["month"]]
            if not 1 <= first_day < last_day <= 31:
                continue
            glued = (
                re.match(r"\s+\d", scan.text[m.end() :]) and not m["y"]
                if pattern is _DAY_SPAN
                else re.search(r"\d\s*$", scan.text[max(0, m.start() - 3) : m.start()])
            )
            if glued:  # "9 to 11 June 3", "3 June 9-11": hours of June 3, not a span of days
                yield Atom("void", max(0, m.start() - 2), m.end() + 2, priority=2)
                continue
            weekdays = m.groupdict().get("w1"), m.groupdict().get("w2")
            if any(weekdays):  # the weekdays pick the year ("Fri 13 - Sun 15 March"), or contradict it
                years = _years_of_weekdays(weekdays, month, first_day, last_day, m["y"], today)
                if not years:
                    yield Atom("void", m.start(), m.end(), priority=2)
                    continue
                ambiguous = False
            elif m["y"]:
                years = (int(m["y"]),)
                ambiguous = False
            else:
                options, ambiguous = resolve.yearless(month, first_day, today)
                years = tuple(d.year for d in options)
            ranges = tuple(
                (start, end)
                for y in years
                if (start := resolve.safe_date(y, month, first_day))
                and (end := resolve.safe_date(y, month, last_day))
            )
            if ranges:
                yield Atom(
                    "drange", m.start(), m.end(), ranges=ranges, ranges_ambiguous=ambiguous, priority=2
                )
    for m in _ROLLING.finditer(scan.text):
        try:
            span = _rolling(m, today)
        except (OverflowError, ValueError):  # beyond the calendar ("the next 20000 years"): abstain
            yield Atom("void", m.start(), m.end(), priority=3)
        else:
            yield Atom("drange", m.start(), m.end(), ranges=(span,), priority=3)


def _rolling(m: re.Match[str], today: date) -> tuple[date, date]:
    """The days of "the next 3 weeks", "the past 2 months", "within 10 days"."""
    amount = number_value(m["n"]) if not m["n"].isdigit() else int(m["n"])
    unit = m["unit"]
    forward = "next" in m["dir"]
    if unit in ("days", "weeks"):
        length = timedelta(days=amount * (7 if unit == "weeks" else 1))
        start = today + timedelta(days=1) if forward and not m["dir"].startswith("with") else today
        return (start, start + length) if forward else (today - length, today)
    months = amount * (12 if unit == "years" else 1)
    if forward:
        return today, resolve.add_months(today, months)
    return resolve.add_months(today, -months), today


def week_containing(day: date) -> tuple[date, date]:
    """The Monday-to-Monday week that contains ``day``."""
    monday = resolve.week_start(day)
    return monday, monday + timedelta(days=7)


def week_of_prefix(text_before: str) -> re.Match[str] | None:
    """``the week of`` / ``week beginning`` / ``w/c`` right before a date."""
    return _WEEK_OF.search(text_before)


def _nth_weekdays(scan: Scan) -> Iterator[Atom]:
    today = scan.today
    for m in _NTH_WEEKDAY.finditer(scan.text):
        weekday, nth = WEEKDAYS[m["wd"]], _NTH[m["nth"]]
        if m["month"]:
            month = MONTHS[m["month"]]
            if m["y"]:
                years, ambiguous = [int(m["y"])], False
            else:
                year, ambiguous = resolve.month_of_year(month, today)
                years = [year, year - 1] if ambiguous else [year]
            firsts = [date(y, month, 1) for y in years]
        else:
            shift = {"next": 1, "last": -1}.get(m["mod"], 0)
            firsts, ambiguous = [resolve.add_months(today.replace(day=1), shift)], False
        dates = tuple(
            d
            for first in firsts
            if (d := nth_weekday(first.year, first.month, weekday, nth)).month == first.month
        )
        if dates:
            yield Atom(
                "date", m.start(), m.end(), dates=dates, dates_ambiguous=ambiguous, calendar=True, priority=3
            )
        else:
            yield Atom("void", m.start(), m.end(), priority=3)  # "the fifth Monday of February": no such day

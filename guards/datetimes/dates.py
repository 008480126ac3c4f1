"""Recognisers for calendar dates: ISO and numeric dates, month names, weekdays, relative days."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property

from guards.datetimes import resolve
from guards.datetimes.lexicon import CARDINALS, MONTHS, WEEKDAYS, alternation
from guards.datetimes.model import Atom
from guards.datetimes.ordinal_days import day_follows, ordinal_is_a_day
from guards.datetimes.patterns import (
    DAY_CARDINAL_WORD,
    DAY_NUMBER,
    DAY_ORDINAL_NUMBER,
    HOUR_WORD,
    MONTH,
    MONTH_DOT,
    ORDINAL_WORD,
    WEEKDAY,
    YEAR,
    YEAR_WORDS,
    number_value,
    year_value,
)


@dataclass(frozen=True)
class Scan:
    """The text being scanned (lower-cased, same length as ``raw``) and the reference time."""

    text: str
    raw: str
    now: datetime
    date_order: str | None = None
    tz: str | None = None

    @property
    def today(self) -> date:
        return self.now.date()

    @cached_property
    def digits(self) -> bool:
        """Whether the text has a digit: most numeric patterns need not scan a sentence without one."""
        return _DIGIT.search(self.text) is not None

    @cached_property
    def shouted(self) -> bool:
        """Whether the text is written in capitals ("OFFICE CLOSED SAT"): a capital then marks no name."""
        letters = [ch for ch in self.raw if ch.isalpha()]
        return len(letters) >= 6 and not any(ch.islower() for ch in letters)

    @cached_property
    def cased(self) -> str:
        """``raw``, with shouted text in title case, for recognisers that look for a capitalised place."""
        if not self.shouted:
            return self.raw
        titled = _WORD.sub(lambda w: w[0].lower() if w[0].lower() in _SMALL_WORDS else w[0].title(), self.raw)
        return titled if len(titled) == len(self.raw) else self.raw

    def capitalised(self, index: int) -> bool:
        """Whether the word at ``index`` is written with a capital that the writer chose."""
        return self.raw[index].isupper() and not self.shouted


def _date_atom(
    match: re.Match[str], dates: tuple[date, ...], ambiguous: bool = False, priority: int = 0
) -> Atom:
    """A date written as a calendar date (not relative to today)."""
    return Atom(
        "date",
        match.start(),
        match.end(),
        dates=dates,
        dates_ambiguous=ambiguous,
        calendar=True,
        priority=priority,
    )


_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_]+")
# words a place's name does not hold, kept lower case so that "AT 3PM HIS TIME" reads no place "His"
_SMALL_WORDS = frozenset(
    {"am", "pm", "a", "the", "at", "on", "in", "by", "of", "to", "and", "or", "for", "time", "standard"}
    | {"daylight", "my", "your", "his", "her", "their", "our", "its", "mine", "yours", "local", "office"}
    | {"minutes", "minute", "mins", "hours", "hour", "hrs", "days", "day", "weeks", "week", "months", "years"}
)
_ISO = re.compile(
    r"(?<![\d/.])(?<!\d-)(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d/]|[.-]\d)"
)
_VERSION_BEFORE = re.compile(
    r"\b(?:build|version|ver|v|release|firmware|patch|update|sdk|node|python|ios|android|macos|windows|"
    r"chrome|app|os)\.?\s*$"
)
_NUMERIC_YEAR = re.compile(
    r"(?<![\d/.:$+-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/]|[.-]\d)"
)
_NO_UNIT_AFTER = (
    r"(?!\s*(?:of\b|hours?|hrs?|minutes?|mins?|cups?|inch|miles?|kg|lbs?|%|percent|people|times|"
    r"tsp|tbsp|teaspoons?|tablespoons?|oz|ml|g\b|calories|cals?\b|reps\b|laps\b|split\b|drill|bits?\b|"
    r"sockets?|spanners?|wrench(?:es)?|screws?|bolts?|in\.|thick\b|ply\b))"
)
# "12/21-12/23" is a range of two dates; "12/08-A" a code, "3/4-5" no date
_SLASH_PAIR = r"\d{1,2}/\d{1,2}(?![\d/])"
_NUMERIC_SLASH = re.compile(
    r"(?<![\d/.:$+])(?<!(?<!/\d)(?<!/\d\d)-)(?P<a>\d{1,2})/(?P<b>\d{1,2})"
    rf"(?![\d/]|\.\d|-(?!{_SLASH_PAIR})\d|-[a-z]\b)" + _NO_UNIT_AFTER
)
# "14.05.": two two-digit numbers each closed by a dot, as German and Polish write a day and month
# ("Python 3.12." and "v1.05." have a one-digit first number).
_DOTTED_DAY_MONTH = re.compile(
    r"(?<![\w.$\u20ac\u00a3])(?P<a>[0-3]\d)\.(?P<b>0[1-9]|1[0-2])\.(?![\w.])" + _NO_UNIT_AFTER
)
_NUMERIC_CONTEXT = re.compile(
    rf"\b(?:on|this|next|{WEEKDAY})\.?,?\s+\(?(?P<a>\d{{1,2}})[.-](?P<b>\d{{1,2}})(?![\d/]|[.-]\d)"
    + _NO_UNIT_AFTER
)
_YEAR_PART = (
    r"(?:(?:\s*,?\s*(?:in\s+|of\s+)?|\s*[/.-]\s*)"
    rf"(?P<y>{YEAR}|'\d\d(?!\d)|(?<=of )\d\d(?![\d:]|\s+[a-z])|{YEAR_WORDS}))?"
)
_MONTH_DAY = re.compile(
    rf"(?<![\w$])(?P<month>{MONTH}){MONTH_DOT}(?:\s*[/-]\s*|\s*\.(?=\s*\d)\s*|\s*,?\s+|(?=\d))(?:the\s+)?"
    rf"(?P<day>{DAY_NUMBER}|{ORDINAL_WORD}|{DAY_CARDINAL_WORD})\b(?!\s*(?:[ap]\.?m\b|%|:\s*\d|hours?|mins?|minutes?))"
    + _YEAR_PART
)
# "twenty five January nineteen eighty six": a day in number words only with a year in words after it.
_SPELLED_DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<day>{DAY_CARDINAL_WORD}|{HOUR_WORD})\s+(?P<month>{MONTH})\s+(?P<y>{YEAR_WORDS})"
)
_DAY_MONTH = re.compile(
    rf"(?<![\w$.,/])(?<!\$\s)(?:the\s+)?(?P<day>{DAY_NUMBER}|(?P<word>{ORDINAL_WORD}))"
    rf"(?P<of>(?:\s+day)?\s+of)?(?:\s*[/-]\s*|\s+|\.(?!\s))(?P<month>{MONTH})\b{MONTH_DOT}" + _YEAR_PART
)
_DAY_MON_YY = re.compile(
    rf"(?<![\w/.-])(?P<day>{DAY_NUMBER})-(?P<month>{MONTH})-(?P<y>\d{{2}})(?![\w-])"
)  # 14-May-26
_DAY_AND_DAY_MONTH = re.compile(
    rf"(?<![\w$.,/])(?P<day>{DAY_NUMBER})\s+(?:and|&|or)\s+(?:the\s+)?{DAY_NUMBER}(?:\s+of)?\s+(?P<month>{MONTH})\b"
)
_YEAR_MONTH_DAY = re.compile(
    rf"(?<![\d/.-])(?P<y>{YEAR})\s*[/.-]\s*(?P<month>{MONTH})\s*[/.-]\s*(?P<day>{DAY_NUMBER})\b"
)
_MONTH_YEAR_NUMERIC = re.compile(r"(?<![\d/.:$+-])(?P<m>0?[1-9]|1[0-2])[/-](?P<y>(?:19|20)\d\d)(?![\d/-])")
_RELATIVE_DAY = re.compile(
    r"\b(?P<word>(?:the\s+)?day\s+after\s+(?:tomorrow|tmrw|tmr)|(?:the\s+)?day\s+before\s+yesterday|"
    r"today|tonight|tonite|2nite|2day|tomorrow|tomorow|tmrw|tmr|tmw|2morrow|2moro|yesterday)\b"
)
# "the 21st", "on the third", and "the day 15" as other languages write a day of the month
_PLAIN_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?![\d:.,/])"
_THE_DAY = re.compile(
    rf"\b(?:(?P<on>on)\s+)?(?:(?P<the>the)\s+(?:day\s+(?=\d))?|(?<=on )(?=\d))"
    rf"(?P<day>{DAY_ORDINAL_NUMBER}|{ORDINAL_WORD}|(?<=day ){_PLAIN_DAY})(?:\s+(?:day\s+)?"
    rf"(?:of\s+)?(?P<mod>this|next)\s+month)?\b(?!\s+(?:day\s+)?(?:of\b|{MONTH}\b))"
)


def _numeric(scan: Scan, a: int, b: int, year: int | None) -> tuple[tuple[date, ...], bool]:
    readings: list[tuple[int, int]] = []
    orders = [scan.date_order] if scan.date_order else ["MDY", "DMY"]
    for order in orders:
        month, day = (a, b) if order == "MDY" else (b, a)
        if 1 <= month <= 12 and (month, day) not in readings:
            readings.append((month, day))
    found: list[date] = []
    ambiguous = len(readings) > 1
    for month, day in readings:
        if year is not None:
            candidate = resolve.safe_date(year, month, day)
            found.extend([candidate] if candidate else [])
        else:
            options, yearless_ambiguous = resolve.yearless(month, day, scan.today)
            found.extend(d for d in options if d not in found)
            ambiguous = ambiguous or yearless_ambiguous
    return tuple(found), ambiguous and len(found) > 1


def _year(text: str | None, scan: Scan) -> int | None:
    if text is None:
        return None
    if not text[-1].isdigit():
        return year_value(text)
    if text.startswith("'"):
        text = text[1:]
    if len(text) == 2:
        # The nearest century that does not put the year more than 20 years ahead of now.
        return 2000 + int(text) if 2000 + int(text) <= scan.now.year + 20 else 1900 + int(text)
    return int(text)


def _numeric_atoms(scan: Scan) -> Iterator[Atom]:
    """Dates written with digits only: ISO, numeric with and without a year, month/year."""
    text, today = scan.text, scan.today
    for m in _ISO.finditer(text):
        if m["sep"] == "." and _VERSION_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "build 2024.3.1": a version number
        if d := resolve.safe_date(int(m["y"]), int(m["m"]), int(m["d"])):
            yield _date_atom(m, (d,), priority=3)
    for m in _NUMERIC_YEAR.finditer(text):
        if "." in m.group(0) and _VERSION_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "build 7.4.1203", "firmware 2.6.11": a version number
        year = _year(m["y"], scan)
        if year is not None and not 1900 <= year < 2200:
            continue  # "7.4.1203", "Invoice 10-31-4471": no calendar request names such a year
        dates, ambiguous = _numeric(scan, int(m["a"]), int(m["b"]), year)
        if dates:
            yield _date_atom(m, dates, ambiguous, priority=2)
    for pattern in (_NUMERIC_SLASH, _NUMERIC_CONTEXT, _DOTTED_DAY_MONTH):
        for m in pattern.finditer(text):
            if m.group(0).endswith("24/7"):
                continue  # "24/7 support": all the time, not July 24
            modifier = _YEAR_MODIFIER.search(text[max(0, m.start("a") - 8) : m.start("a")])
            year = today.year + {"next": 1, "this": 0, "last": -1}[modifier["mod"]] if modifier else None
            dates, ambiguous = _numeric(scan, int(m["a"]), int(m["b"]), year)
            if pattern is _NUMERIC_CONTEXT and _far_from_its_weekday(scan, m, dates):
                continue  # "my Sat 6-2": the hours of a shift, not 6 February
            if text[m.end("a")] == "." and int(m["b"]) > 12:
                continue  # "thurs 12.30 lunch": a day and month are dotted day first; this is a clock
            start = m.start("a") - (len(modifier.group(0)) if modifier else 0)
            if dates:
                yield Atom(
                    "date", start, m.end(), dates=dates, dates_ambiguous=ambiguous, priority=1, calendar=True
                )
    for m in _MONTH_YEAR_NUMERIC.finditer(text):
        first = date(int(m["y"]), int(m["m"]), 1)
        yield Atom("drange", m.start(), m.end(), ranges=((first, resolve.add_months(first, 1)),))


def _far_from_its_weekday(scan: Scan, m: re.Match[str], dates: tuple[date, ...]) -> bool:
    """``Sat 6-2`` whose only Saturday reading is months away, or weeks gone ("climbing sat 9-12?" said
    a month after 12 September): hours of a shift more likely than a date."""
    weekday = re.match(WEEKDAY, m.group(0))
    if weekday is None or "-" not in m.group(0):
        return False
    matching = [d for d in dates if d.weekday() == WEEKDAYS[weekday.group(0)]]
    return not any(-7 <= (d - scan.today).days <= resolve.NEAR_DAYS for d in matching)


def date_atoms(scan: Scan) -> Iterator[Atom]:
    """Every date-like atom in the text (overlaps are resolved later)."""
    text, today = scan.text, scan.today
    if scan.digits:
        yield from _numeric_atoms(scan)
    for m in _YEAR_MONTH_DAY.finditer(text):
        if found := resolve.safe_date(int(m["y"]), MONTHS[m["month"]], number_value(m["day"])):
            yield _date_atom(m, (found,), priority=3)
    for m in _MONTH_DAY.finditer(text):
        yield from _month_day(scan, m, MONTHS[m["month"]], m["day"], m["y"], priority=2)
    for m in _DAY_AND_DAY_MONTH.finditer(text):
        dates, ambiguous = resolve.yearless(MONTHS[m["month"]], number_value(m["day"]), today)
        if dates:
            yield Atom("date", m.start(), m.end("day"), dates=dates, dates_ambiguous=ambiguous, calendar=True)
    for m in _DAY_MONTH.finditer(text):
        if m["word"] and not m["of"] and not m.group(0).startswith("the"):
            continue
        yield from _month_day(scan, m, MONTHS[m["month"]], m["day"], m["y"], priority=1)
    for m in _DAY_MON_YY.finditer(text):
        if found := resolve.safe_date(_year(m["y"], scan) or 0, MONTHS[m["month"]], number_value(m["day"])):
            yield _date_atom(m, (found,), priority=3)
    for m in _SPELLED_DAY_MONTH_YEAR.finditer(text):
        if _NUMBER_BEFORE.search(text[max(0, m.start() - 30) : m.start()]) is None:
            yield from _month_day(scan, m, MONTHS[m["month"]], m["day"], m["y"], priority=2)
    yield from _relative_days(scan)
    for m in _THE_DAY.finditer(text):
        day = number_value(m["day"])
        spelled = not m["day"][:1].isdigit()
        # "the second" is an ordinal more often than a day; "the twenty-first" is read like "the 21st"
        if not 1 <= day <= 31 or (spelled and day < 13 and not (m["on"] or m["mod"])):
            continue
        if not m["mod"] and not ordinal_is_a_day(text, m.start(), m.end(), on=bool(m["on"])):
            continue  # "the 3rd floor", "the 2nd time": an ordinal, not a day
        if m["mod"] == "next":
            nxt = resolve.add_months(today.replace(day=1), 1)
            found = resolve.safe_date(nxt.year, nxt.month, day)
            dates, ambiguous = ((found,) if found else ()), False
        elif m["mod"] == "this":
            found = resolve.safe_date(today.year, today.month, day)
            dates, ambiguous = ((found,) if found else ()), False
        else:
            dates, ambiguous = resolve.day_of_month(day, today)
        if dates:
            start = m.start("the") if m["the"] else m.start("day")
            yield Atom("date", start, m.end(), dates=dates, dates_ambiguous=ambiguous, priority=1)


_NUMBER_BEFORE = re.compile(rf"(?:(?<![\d:.$])(?<!\$\s)\d+|\b(?:{alternation(CARDINALS)}))[\s,]*$")
# "not March 10, March 11 at 15:00": the number before is another month's day, not this date's year
_ANOTHER_DATE_BEFORE = re.compile(rf"\b{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\s*[,;]\s*$")
_NUMBER_AFTER = re.compile(
    r"^[\s,]*(?:of\s+)?(?:\d{1,2}(?![\d:.]|st|nd|rd|th|ish|\s*(?:[ap]\.?m\b|o'?clock|h\b)|"
    r"\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night|tonight)\b|\s*(?:-|\u2013|to\b)\s*\d)|"
    r"(?:nineteen|eighteen|seventeen|sixteen|twenty|two\s+thousand|hundred|thousand)\b"
    r"(?!\s+(?:to|past|after|till|before|minutes?|mins?)\b))"
)
_YEAR_MODIFIER = re.compile(r"\b(?P<mod>next|this|last)\s+$")


def _month_day(
    scan: Scan, m: re.Match[str], month: int, day_text: str, year_text: str | None, priority: int
) -> Iterator[Atom]:
    day = number_value(day_text)
    year = _year(year_text, scan)
    # Digits or number words glued to the date ("13 Sept nineteen seventy two", "January first 12")
    # belong to a year we cannot read: abstain rather than resolve half of it.
    before = scan.text[max(0, m.start() - 30) : m.start()]
    if (
        _NUMBER_BEFORE.search(before)
        and not m.group(0)[:1].isdigit()
        and not _ANOTHER_DATE_BEFORE.search(before)
    ):
        return
    if year is None and _NUMBER_AFTER.match(scan.text[m.end() :]):
        return
    if (
        m["month"] == "may"
        and year is None
        # "the 3 of May I am away", "the 3 May I am away", "lands on 2 May on QF 432" (but "the 3 may go")
        and not (
            m.groupdict().get("of")
            or (m.group(0).startswith("the") and scan.capitalised(m.start("month")))
            or (scan.text.endswith("on ", 0, m.start()) and scan.capitalised(m.start("month")))
        )
        and re.match(r"\s+[a-z]", scan.text[m.end() :])
        and not day_follows(scan.text, m.end())
    ):
        return  # "May 2 people join?": the modal verb, not the month
    modifier = _YEAR_MODIFIER.search(scan.text[max(0, m.start() - 8) : m.start()])
    if year is None and modifier:
        year = scan.today.year + {"next": 1, "this": 0, "last": -1}[modifier["mod"]]
        if found := resolve.safe_date(year, month, day):
            yield Atom(
                "date",
                m.start() - len(modifier.group(0)),
                m.end(),
                dates=(found,),
                priority=priority,
                calendar=True,
            )
        return
    if month == MONTHS["may"] and not re.search(r"\d", day_text) and m["month"] == "may":
        words = day_text.split()
        if len(words) == 1 and day_text not in ("first", "second", "third") and not day_text.endswith("th"):
            return
    if year is not None:
        found = resolve.safe_date(year, month, day)
        yield _date_atom(m, (found,), priority=priority) if found else Atom("void", m.start(), m.end())
        return
    dates, ambiguous = resolve.yearless(month, day, scan.today)
    if not dates:
        yield Atom("void", m.start(), m.end())
    else:
        end = m.end() if m["y"] is None else m.start("y")
        yield Atom(
            "date", m.start(), end, dates=dates, dates_ambiguous=ambiguous, priority=priority, calendar=True
        )


def _relative_days(scan: Scan) -> Iterator[Atom]:
    offsets = {
        "today": 0,
        "tonight": 0,
        "tonite": 0,
        "2nite": 0,
        "2day": 0,
        "tomorrow": 1,
        "tomorow": 1,
        "tmrw": 1,
        "tmr": 1,
        "tmw": 1,
        "2morrow": 1,
        "2moro": 1,
        "yesterday": -1,
    }
    for m in _RELATIVE_DAY.finditer(scan.text):
        word = m["word"]
        if "after" in word:
            offset = 2
        elif "before" in word:
            offset = -2
        else:
            offset = offsets[word]
        part = "night" if word in ("tonight", "tonite", "2nite") else None
        yield Atom(
            "date", m.start(), m.end(), dates=(scan.today + timedelta(days=offset),), part=part, priority=2
        )

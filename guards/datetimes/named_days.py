"""Recognisers for days known by name: holidays ("Thanksgiving", "Easter Monday"), and names we do not
know that end in a weekday ("Super Tuesday", "Founders Friday"), on which the parser abstains rather
than resolve the weekday it understood.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from guards.datetimes import resolve
from guards.datetimes.dates import Scan
from guards.datetimes.holiday_calendar import (
    HOLIDAY_NAMES,
    Definition,
    Locale,
    day_in,
    definitions_for,
    locale_of,
)
from guards.datetimes.lexicon import MONTHS, WEEKDAYS, alternation
from guards.datetimes.model import Atom
from guards.datetimes.patterns import YEAR

_HOLIDAY = re.compile(
    r"\b(?:(?P<mod>this|next|last|previous|following|the\s+following|the\s+previous)\s+)?"
    rf"(?P<name>{alternation(HOLIDAY_NAMES)})(?![\w'\u2019])(?:\s+(?:of\s+)?(?:(?P<y>{YEAR})|"
    r"(?P<ymod>this|next|last)\s+year))?"
)
_MODIFIERS = {
    "this": "this",
    "next": "next",
    "following": "next",
    "the following": "next",
    "last": "last",
    "previous": "last",
    "the previous": "last",
}
_FULL_WEEKDAY = alternation(w for w in WEEKDAYS if len(w) > 3)
# A capitalised word glued to a weekday ("Super Tuesday", "Founders Friday"), or a lower-case word
# that names such a day; sentence-initial words and function words do not count.
_NAMED_WEEKDAY = re.compile(rf"(?<![\w'\u2019.])(?P<word>[A-Z][a-z]+)\s+(?P<wd>(?i:{_FULL_WEEKDAY}))\b")
_FEAST_WORDS = re.compile(
    rf"\b(?:super|blue|giving|spy|plough|manic|low|bowl|bank\s+holiday|election)\s+(?:{_FULL_WEEKDAY})\b"
)
_FUNCTION_WORDS = frozenset(
    {
        "this",
        "next",
        "last",
        "on",
        "by",
        "until",
        "till",
        "every",
        "each",
        "the",
        "and",
        "or",
        "but",
        "from",
        "to",
        "before",
        "after",
        "since",
        "coming",
        "following",
        "previous",
        "past",
        "early",
        "late",
        "around",
        "about",
        "at",
        "for",
        "in",
        "of",
        "is",
        "are",
        "was",
        "will",
        "would",
        "can",
        "could",
        "should",
        "sure",
        "yes",
        "no",
        "ok",
        "okay",
        "thanks",
        "please",
        "maybe",
        "then",
        "so",
        "except",
        "including",
        "how",
        "what",
        "not",
        "only",
        "also",
        "same",
        "good",
        "holy",
        "easter",
        "ash",
        "palm",
        "black",
        "cyber",
        "shrove",
        "maundy",
        "whit",
        "fat",
        "trinity",
        "pentecost",
        "see",
        "move",
        "meet",
        "call",
        "do",
    }
    | set(MONTHS)
    | set(WEEKDAYS)
)


def named_day_atoms(scan: Scan) -> Iterator[Atom]:
    yield from _holidays(scan)
    for m in _NAMED_WEEKDAY.finditer(scan.raw):
        word = m["word"].lower()
        before = scan.raw[: m.start()].rstrip()
        if word in _FUNCTION_WORDS or not before or before[-1] in '.!?:;"(':
            continue
        yield Atom("void", m.start(), m.end())
    for m in _FEAST_WORDS.finditer(scan.text):
        yield Atom("void", m.start(), m.end())


def _holidays(scan: Scan) -> Iterator[Atom]:
    locale = locale_of(scan.tz) if scan.tz else Locale(None, None)
    for m in _HOLIDAY.finditer(scan.text):
        name = m["name"].replace("\u2019", "'")
        chosen, _note = definitions_for(name, locale)
        dates: list[date] = []
        ambiguous = len(chosen) > 1
        for definition in chosen:
            if definition.estimated and definition.country != locale.country:
                continue  # an estimated date (a moon sighting) is only that country's estimate
            found, unsure = _dates_of(definition, m, scan, locale)
            ambiguous = ambiguous or unsure
            dates.extend(d for d in found if d not in dates)
        if not dates:
            continue
        preferred = [dates[0], *(d for d in dates[1:] if d != dates[0])]
        yield Atom(
            "date",
            m.start(),
            m.end(),
            dates=tuple(preferred),
            dates_ambiguous=ambiguous and len(preferred) > 1,
            priority=2,
        )


def _dates_of(
    definition: Definition, m: re.Match[str], scan: Scan, locale: Locale
) -> tuple[list[date], bool]:
    """The candidate days of one definition, preferred first, and whether the preference is a guess."""
    today = scan.today

    def rule(year: int) -> date | None:
        return day_in(definition, year, locale)

    dates: list[date]
    ambiguous = definition.estimated
    if m["y"]:
        dates = [d for d in (rule(int(m["y"])),) if d]
    elif m["ymod"] and not m["mod"]:
        shift = {"this": 0, "next": 1, "last": -1}[m["ymod"]]
        dates = [d for d in (rule(today.year + shift),) if d]
    elif m["mod"]:
        modifier = _MODIFIERS[re.sub(r"\s+", " ", m["mod"])]
        this_year, following, previous = rule(today.year), rule(today.year + 1), rule(today.year - 1)
        upcoming = this_year if this_year and this_year >= today else following
        latest = this_year if this_year and this_year < today else previous
        if modifier == "next" and upcoming == this_year and "following" in m["mod"]:
            upcoming = following
        chosen = {"this": upcoming, "next": upcoming, "last": latest}[modifier]
        dates = [chosen] if chosen else []
    else:
        options = [d for d in (rule(today.year - 1), rule(today.year), rule(today.year + 1)) if d]
        if not options:
            return [], False
        nearest = min(options, key=lambda d: abs((d - today).days))
        future = min((d for d in options if d >= today), default=nearest)
        past = max((d for d in options if d < today), default=nearest)
        near = abs((nearest - today).days) <= resolve.NEAR_DAYS
        preferred = nearest if near else future
        other = past if preferred == future else future
        dates = [preferred] + ([other] if other != preferred else [])
        ambiguous = ambiguous or not near
    if definition.estimated and dates:
        dates.append(date.fromordinal(dates[0].toordinal() + 1))
    return dates, ambiguous

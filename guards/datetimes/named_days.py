"""Recognisers for days known by name: holidays ("Thanksgiving", "Easter Monday"), and names we do not
know that end in a weekday ("Super Tuesday", "Founders Friday"), on which the parser abstains rather
than resolve the weekday it understood.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache

from guards.datetimes import resolve
from guards.datetimes.dates import Scan
from guards.datetimes.holiday_calendar import (
    HOLIDAY_NAMES,
    Definition,
    Locale,
    day_in,
    definitions_for,
    definitions_in,
    locale_of,
    own_holiday_names,
)
from guards.datetimes.lexicon import MONTHS, WEEKDAYS, alternation
from guards.datetimes.model import Atom
from guards.datetimes.not_dates import good_friday_is_a_friday, names_a_thing
from guards.datetimes.patterns import YEAR, opens_clause


def _holiday_pattern(names: Iterable[str]) -> re.Pattern[str]:
    return re.compile(
        r"\b(?:(?P<mod>this|next|last|previous|following|the\s+following|the\s+previous)\s+)?"
        rf"(?:(?P<country>{alternation(NATIONALITIES)})\s+)?"
        rf"(?P<name>{alternation(names)})(?![\w'\u2019])(?:\s+(?:of\s+)?(?:(?P<y>{YEAR})|"
        r"(?P<ymod>this|next|last)\s+year))?"
    )


# A country named before a holiday picks its day ("US Thanksgiving" in Toronto is November's). Other
# countries, and other calendars ("Chinese New Year", "Orthodox Easter"), are days this parser does
# not know: the expression abstains rather than read the bare name the reader's way.
NATIONALITIES: dict[str, str | None] = {
    "us": "US",
    "u.s.": "US",
    "american": "US",
    "uk": "GB",
    "british": "GB",
    "english": "GB",
    "canadian": "CA",
    "australian": "AU",
    "aussie": "AU",
    "indian": "IN",
    "german": "DE",
    "french": "FR",
    "japanese": "JP",
    **dict.fromkeys(
        [
            "chinese",
            "lunar",
            "jewish",
            "hebrew",
            "orthodox",
            "islamic",
            "hijri",
            "persian",
            "iranian",
            "thai",
            "korean",
            "vietnamese",
            "tamil",
            "ethiopian",
            "julian",
            "coptic",
            "mexican",
            "brazilian",
            "irish",
            "scottish",
            "welsh",
            "italian",
            "spanish",
            "portuguese",
            "dutch",
            "belgian",
            "swiss",
            "austrian",
            "swedish",
            "norwegian",
            "danish",
            "finnish",
            "polish",
            "russian",
            "ukrainian",
            "greek",
            "turkish",
            "israeli",
            "egyptian",
            "nigerian",
            "kenyan",
            "filipino",
            "indonesian",
            "malaysian",
            "singaporean",
            "pakistani",
            "bangladeshi",
            "nepali",
            "kiwi",
        ]
    ),
}
_UPPER_ONLY = frozenset({"us", "u.s.", "uk"})  # "give us Thanksgiving off" names no country
_HOLIDAY = _holiday_pattern(HOLIDAY_NAMES)


@lru_cache(maxsize=64)
def _own_holiday_pattern(locale: Locale, year: int) -> re.Pattern[str] | None:
    names = own_holiday_names(locale, year)
    return _holiday_pattern(names) if names else None


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
# that names such a day; sentence-initial words and function words do not count. The second list
# holds such words that start a sentence as often as not: named days ("Giving Tuesday") and the
# habitual ones ("Taco Tuesday", "Casual Friday"), which are every week rather than one day.
_NAMED_WEEKDAY = re.compile(rf"(?<![\w'\u2019.])(?P<word>[A-Z][a-z]+)\s+(?P<wd>(?i:{_FULL_WEEKDAY}))\b")
_FEAST_WORDS = re.compile(
    r"\b(?:super|blue|giving|spy|plough|manic|low|bowl|bank\s+holiday|election|taco|throwback|flashback|"
    rf"casual|meatless|motivation(?:al)?|wellness|self-care|spirit|remembrance|mothering|advent|passion|"
    rf"rogation|laetare|gaudete|stir-up|hock|handsel|collop|carling)\s+(?:{_FULL_WEEKDAY})\b"
)
# A clock after "Name Weekday" makes the weekday a day: no name holds a clock ("ETA Rotterdam Saturday
# 06:00").
_CLOCK_AFTER = re.compile(
    r"\s+(?:at\s+|@\s*)?(?:\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\b)?|noon|midday)", re.IGNORECASE
)
# A name opening a sentence is told from an imperative ("Book Friday") by what is said of it next:
# "Remembrance Sunday falls on the 8th", "Founders Friday is a day off".
_SAID_OF_A_DAY = re.compile(r"\s+(?:is|was|falls|fell|lands|will\s+be|this\s+year|next\s+year|last\s+year)\b")
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
        "perhaps",
        "probably",
        "actually",
        "hopefully",
        "ideally",
        "just",
        "even",
    }
    | set(MONTHS)
    | set(WEEKDAYS)
)


def named_day_atoms(scan: Scan) -> Iterator[Atom]:
    yield from _holidays(scan)
    for m in _NAMED_WEEKDAY.finditer(scan.raw):
        word = m["word"].lower()
        if word in _FUNCTION_WORDS or not scan.raw[m.start("wd")].isupper():
            continue  # a named day is written with capitals ("Founders Friday"), not "Sam thurs 4pm"
        if opens_clause(scan.raw[: m.start()]) and not _SAID_OF_A_DAY.match(scan.text, m.end()):
            continue  # "Book Friday at 3": a sentence may open with a verb before the weekday
        if _CLOCK_AFTER.match(scan.raw, m.end()):
            continue  # "ETA Rotterdam Saturday 06:00", "call Priya Friday at 3": a name, then a day, a clock
        yield Atom("void", m.start(), m.end())
    for m in _FEAST_WORDS.finditer(scan.text):
        yield Atom("void", m.start(), m.end())


def _holidays(scan: Scan) -> Iterator[Atom]:
    locale = locale_of(scan.tz) if scan.tz else Locale(None, None)
    own = _own_holiday_pattern(locale, scan.today.year)
    for pattern in (_HOLIDAY, own) if own else (_HOLIDAY,):
        for m in pattern.finditer(scan.text):
            yield from _holiday(scan, m, locale, own_names=pattern is own)


# "Merry Christmas!", "Happy Easter", "wish you a happy new year": a greeting, not a day.
_GREETING_BEFORE = re.compile(r"\b(?:happy|merry|joyous|blessed|joyful)\s+$")


def _holiday(scan: Scan, m: re.Match[str], locale: Locale, *, own_names: bool) -> Iterator[Atom]:
    name = m["name"].replace("\u2019", "'")
    if _GREETING_BEFORE.search(scan.text, max(0, m.start() - 12), m.start()):
        yield Atom("void", m.start(), m.end("name"), priority=3, weak=True)
        return
    if names_a_thing(scan.text, name, m.end("name")):
        yield Atom("void", m.start(), m.end("name"), priority=3, weak=True)  # "the Christmas party"
        return
    if good_friday_is_a_friday(scan.text, name, m.start("name")):
        return  # "have a good Friday": the weekday is read on its own
    country = m["country"]
    start = m.start()
    if country in _UPPER_ONLY and not scan.raw[m.start("country") : m.end("country")].isupper():
        country, start = None, m.start("name")  # "give us Thanksgiving off"
    chosen: tuple[Definition, ...]
    if own_names:
        chosen = (own_holiday_names(locale, scan.today.year)[name],)
    else:
        chosen, _note = definitions_for(name, locale)
    if country:
        code = NATIONALITIES[country]
        if code is not None and code != locale.country:
            chosen = () if own_names else definitions_in(name, code)
            locale = Locale(code, None)
        if code is None or not chosen:
            yield Atom("void", m.start(), m.end())
            return
    dates: list[date] = []
    ambiguous = len(chosen) > 1
    for definition in chosen:
        if definition.estimated and definition.country != locale.country:
            continue  # an estimated date (a moon sighting) is only that country's estimate
        found, unsure = _dates_of(definition, m, scan, locale)
        ambiguous = ambiguous or unsure
        dates.extend(d for d in found if d not in dates)
    if dates:
        unsure = ambiguous and len(dates) > 1
        yield Atom("date", start, m.end(), dates=tuple(dates), dates_ambiguous=unsure, priority=2)


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

"""Holidays a calendar user names, and which day each one is for that user.

Which day "Thanksgiving" or "Labour Day" is depends on whose holiday it is, so every name maps to
one or more *definitions*, each for a country (or for everyone). The rule: the reader's country,
taken from their IANA zone (tzdata's ``zone.tab``; the state or province too, for Australia,
Canada and England), picks its own definition; a reader in a country
without one of its own gets the general definition; with no general definition, or a reader whose
country is unknown (a ``UTC`` reader), every definition is a reading and the expression is ambiguous.

Dates come from maintained sources rather than rules written here: the ``holidays`` package for the
public holidays of the US, the UK, Canada, Australia, India, Germany, France and Japan (state rules,
substitute days, lunar and equinox dates; imported on first use, it costs ~100 ms to load), and
``dateutil.easter`` for the moveable feasts. Islamic holidays follow the moon as sighted, so their
dates are estimates: the expression is ambiguous with the day after as the other reading.
"""

from __future__ import annotations

import importlib
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from dateutil.easter import easter

from guards.datetimes.lexicon import nth_weekday
from guards.datetimes.tz_places import zone_countries

Rule = Callable[[int, str | None], date | None]


@dataclass(frozen=True)
class Definition:
    """One country's (``None``: everyone's) day for a holiday name; ``estimated`` dates are a guess."""

    country: str | None
    rule: Rule
    estimated: bool = False


def _fixed(month: int, day: int) -> Rule:
    return lambda year, _subdiv: date(year, month, day)


def _easter(offset: int) -> Rule:
    return lambda year, _subdiv: easter(year) + timedelta(days=offset)


def _nth(month: int, weekday: int, nth: int) -> Rule:
    return lambda year, _subdiv: nth_weekday(year, month, weekday, nth)


def _library(country: str, name: str, default_subdiv: str | None = None, shift: int = 0) -> Rule:
    """The day the ``holidays`` package gives ``name`` in ``country`` (its English names)."""

    def rule(year: int, subdiv: str | None) -> date | None:
        found = _country_days(country, subdiv or default_subdiv, year).get(name.lower())
        return found + timedelta(days=shift) if found else None

    return rule


def _french_mothers_day(year: int, _subdiv: str | None) -> date:
    last_sunday = nth_weekday(year, 5, 6, -1)
    pentecost = easter(year) + timedelta(days=49)
    return last_sunday + timedelta(days=7) if last_sunday == pentecost else last_sunday


_EVERYONE: dict[tuple[str, ...], Rule] = {
    ("christmas eve",): _fixed(12, 24),
    ("christmas", "christmas day", "xmas"): _fixed(12, 25),
    ("boxing day",): _fixed(12, 26),
    ("new year's eve", "new years eve"): _fixed(12, 31),
    ("new year's day", "new years day", "new year", "new year day"): _fixed(1, 1),
    ("valentine's day", "valentines day"): _fixed(2, 14),
    ("halloween",): _fixed(10, 31),
    ("saint patrick's day", "st patrick's day", "st. patrick's day", "saint patrick", "st patrick"): _fixed(
        3, 17
    ),
    ("april fools' day", "april fools day", "april fool's day"): _fixed(4, 1),
    ("groundhog day",): _fixed(2, 2),
    ("juneteenth",): _fixed(6, 19),
    ("earth day",): _fixed(4, 22),
    ("epiphany",): _fixed(1, 6),
    ("all saints' day", "all saints day"): _fixed(11, 1),
    ("assumption day", "feast of the assumption"): _fixed(8, 15),
    ("remembrance day", "armistice day"): _fixed(11, 11),
    ("ve day", "v-e day", "victory in europe day"): _fixed(5, 8),
    ("international workers' day", "international workers day"): _fixed(5, 1),
    ("easter", "easter sunday"): _easter(0),
    ("easter monday",): _easter(1),
    ("good friday",): _easter(-2),
    ("holy saturday", "easter saturday", "easter eve"): _easter(-1),
    ("maundy thursday", "holy thursday"): _easter(-3),
    ("palm sunday",): _easter(-7),
    ("ash wednesday",): _easter(-46),
    ("shrove tuesday", "pancake day", "mardi gras", "fat tuesday"): _easter(-47),
    ("ascension day", "ascension thursday"): _easter(39),
    ("pentecost", "whit sunday", "whitsunday", "pentecost sunday"): _easter(49),
    ("whit monday", "pentecost monday"): _easter(50),
    ("trinity sunday",): _easter(56),
    ("corpus christi",): _easter(60),
}

_BY_COUNTRY: dict[tuple[str, ...], tuple[Definition, ...]] = {
    ("thanksgiving", "thanksgiving day"): (
        Definition("US", _library("US", "Thanksgiving Day")),
        Definition("CA", _library("CA", "Thanksgiving Day", "ON")),
    ),
    ("black friday",): (Definition("US", _library("US", "Thanksgiving Day", shift=1)),),
    ("cyber monday",): (Definition("US", _library("US", "Thanksgiving Day", shift=4)),),
    ("labor day", "labour day"): (
        Definition("US", _library("US", "Labor Day")),
        Definition("CA", _library("CA", "Labor Day", "ON")),
        Definition("AU", _library("AU", "Labor Day", "NSW")),
        Definition("DE", _library("DE", "Labor Day")),
        Definition("FR", _library("FR", "Labor Day")),
    ),
    ("independence day",): (
        Definition("US", _library("US", "Independence Day")),
        Definition("IN", _library("IN", "Independence Day")),
    ),
    ("mother's day", "mothers day"): (
        Definition(None, _nth(5, 6, 2)),
        Definition("GB", _easter(-21)),
        Definition("FR", _french_mothers_day),
    ),
    ("father's day", "fathers day"): (
        Definition(None, _nth(6, 6, 3)),
        Definition("AU", _nth(9, 6, 1)),
        Definition("DE", _easter(39)),
    ),
    ("may day",): (Definition(None, _fixed(5, 1)), Definition("GB", _library("GB", "May Day"))),
}

_ONE_COUNTRY: dict[tuple[str, ...], tuple[str, str, str | None]] = {
    ("memorial day",): ("US", "Memorial Day", None),
    ("martin luther king day", "martin luther king jr. day", "martin luther king jr day", "mlk day"): (
        "US",
        "Martin Luther King Jr. Day",
        None,
    ),
    ("presidents day", "presidents' day", "president's day", "washington's birthday"): (
        "US",
        "Washington's Birthday",
        None,
    ),
    ("columbus day", "indigenous peoples' day", "indigenous peoples day"): ("US", "Columbus Day", None),
    ("veterans day", "veterans' day"): ("US", "Veterans Day", None),
    ("victoria day",): ("CA", "Victoria Day", "ON"),
    ("canada day",): ("CA", "Canada Day", None),
    ("australia day",): ("AU", "Australia Day", None),
    ("anzac day",): ("AU", "ANZAC Day", None),
    ("melbourne cup day",): ("AU", "Melbourne Cup Day", "VIC"),
    ("early may bank holiday",): ("GB", "May Day", None),
    ("spring bank holiday",): ("GB", "Spring Bank Holiday", None),
    ("summer bank holiday", "late summer bank holiday", "august bank holiday"): (
        "GB",
        "Late Summer Bank Holiday",
        "ENG",
    ),
    ("diwali", "deepavali"): ("IN", "Diwali", None),
    ("holi",): ("IN", "Holi", None),
    ("dussehra", "dasara"): ("IN", "Dussehra", None),
    ("republic day",): ("IN", "Republic Day", None),
    ("gandhi jayanti",): ("IN", "Mahatma Gandhi's Birthday", None),
    ("guru nanak jayanti",): ("IN", "Guru Nanak's Birthday", None),
    ("german unity day", "day of german unity"): ("DE", "German Unity Day", None),
    ("bastille day",): ("FR", "National Day", None),
    ("culture day",): ("JP", "Culture Day", None),
    ("coming of age day",): ("JP", "Coming of Age Day", None),
    ("respect for the aged day",): ("JP", "Respect for the Aged Day", None),
    ("showa day",): ("JP", "Showa Day", None),
    ("greenery day",): ("JP", "Greenery Day", None),
    ("marine day",): ("JP", "Marine Day", None),
    ("mountain day",): ("JP", "Mountain Day", None),
    ("emperor's birthday",): ("JP", "Emperor's Birthday", None),
    ("vernal equinox day",): ("JP", "Vernal Equinox Day", None),
    ("autumnal equinox day",): ("JP", "Autumnal Equinox Day", None),
    ("labor thanksgiving day", "labour thanksgiving day"): ("JP", "Labor Thanksgiving Day", None),
}

_ESTIMATED: dict[tuple[str, ...], str] = {
    ("eid al-fitr", "eid al fitr", "eid ul-fitr", "eid ul fitr"): "Eid al-Fitr",
    ("eid al-adha", "eid al adha", "eid ul-adha", "bakrid"): "Eid al-Adha",
}


def _table() -> dict[str, tuple[Definition, ...]]:
    table: dict[str, tuple[Definition, ...]] = {}
    for names, rule in _EVERYONE.items():
        table.update(dict.fromkeys(names, (Definition(None, rule),)))
    for names, definitions in _BY_COUNTRY.items():
        table.update(dict.fromkeys(names, definitions))
    for names, (country, name, subdiv) in _ONE_COUNTRY.items():
        table.update(dict.fromkeys(names, (Definition(country, _library(country, name, subdiv)),)))
    for names, name in _ESTIMATED.items():
        table.update(dict.fromkeys(names, (Definition("IN", _library("IN", name), estimated=True),)))
    for name in list(table):
        if "'" in name:
            table[name.replace("'", "\u2019")] = table[name]
    return table


HOLIDAY_NAMES: dict[str, tuple[Definition, ...]] = _table()

# The state or province a zone's holidays follow (others: the country's national list).
_SUBDIVISIONS: dict[str, str] = {
    "Australia/Sydney": "NSW",
    "Australia/Canberra": "ACT",
    "Australia/Melbourne": "VIC",
    "Australia/Brisbane": "QLD",
    "Australia/Adelaide": "SA",
    "Australia/Perth": "WA",
    "Australia/Hobart": "TAS",
    "Australia/Darwin": "NT",
    "America/Toronto": "ON",
    "America/Vancouver": "BC",
    "America/Edmonton": "AB",
    "America/Winnipeg": "MB",
    "America/Regina": "SK",
    "America/Halifax": "NS",
    "America/St_Johns": "NL",
    "America/Moncton": "NB",
    "Europe/London": "ENG",
}


@dataclass(frozen=True)
class Locale:
    """Whose holidays: the reader's country and subdivision (``None`` when the zone does not say)."""

    country: str | None
    subdiv: str | None


@lru_cache(maxsize=64)
def locale_of(zone: str) -> Locale:
    return Locale(zone_countries().get(zone), _SUBDIVISIONS.get(zone))


@lru_cache(maxsize=256)
def _library_days(country: str, subdiv: str | None, year: int) -> tuple[tuple[date, str], ...]:
    """(day, English name as the ``holidays`` package writes it) for one country, subdivision and year."""
    library: Any = importlib.import_module("holidays")
    with warnings.catch_warnings():
        # Its lunar tables cover some years only ("Diwali 2040"): it warns and leaves them out, and the
        # name then abstains like any unknown one.
        warnings.filterwarnings("ignore", "Requested Holidays are available only", UserWarning)
        try:
            days = library.country_holidays(country, subdiv=subdiv, years=year, language="en_US")
        except NotImplementedError:
            days = library.country_holidays(country, years=year, language="en_US")
    return tuple((day, name) for day, names in sorted(days.items()) for name in str(names).split("; "))


@lru_cache(maxsize=256)
def _country_days(country: str, subdiv: str | None, year: int) -> dict[str, date]:
    """Lower-cased English holiday name -> day, for one country (and subdivision) and year."""
    found: dict[str, date] = {}
    for day, name in _library_days(country, subdiv, year):
        if "(observed)" not in name:  # the day off in lieu is not the holiday
            found.setdefault(name.replace(" (estimated)", "").lower(), day)
    return found


LIBRARY_COUNTRIES = frozenset({"US", "GB", "CA", "AU", "IN", "DE", "FR", "JP"})
# Names the library gives days that nobody calls them by.
_UNSPOKEN = frozenset({"substitute holiday", "national holiday"})


@lru_cache(maxsize=64)
def own_holiday_names(locale: Locale, year: int) -> dict[str, Definition]:
    """The reader's own country's public holidays that the tables above do not name, under the names the
    ``holidays`` package gives them ("Family Day" in Ontario, "Children's Day" in Japan): a day is known
    by these names only to people of that country, so only its readers get them."""
    country = locale.country
    if country not in LIBRARY_COUNTRIES:
        return {}
    years = (year - 1, year, year + 1)
    raw = [name for y in years for _day, name in _library_days(country, locale.subdiv, y)]
    estimated = {name.replace(" (estimated)", "") for name in raw if "(estimated)" in name}
    found: dict[str, Definition] = {}
    for name in raw:
        if "(observed)" in name:
            continue
        name = name.replace(" (estimated)", "")
        spoken = re.sub(r"\s*\(.*?\)", "", name).lower()  # "Janmashtami (Vaishnava)"
        if spoken in HOLIDAY_NAMES or spoken in _UNSPOKEN:
            continue
        definition = Definition(country, _library(country, name), estimated=name in estimated)
        for variant in (spoken, spoken.replace("'", ""), spoken.replace("'", "\u2019")):
            found.setdefault(variant, definition)
    return found


def definitions_in(name: str, country: str) -> tuple[Definition, ...]:
    """The definition of ``name`` in a country the text names ("US Thanksgiving"); none: abstain."""
    definitions = HOLIDAY_NAMES[name]
    own = [d for d in definitions if d.country == country]
    general = [d for d in definitions if d.country is None]
    return tuple(own or general)[:1]


def definitions_for(name: str, locale: Locale) -> tuple[tuple[Definition, ...], str | None]:
    """The definitions that apply to ``name`` for this reader, and a note when several remain."""
    definitions = HOLIDAY_NAMES[name]
    if len(definitions) == 1:
        return definitions, None
    own = [d for d in definitions if d.country is not None and d.country == locale.country]
    if own:
        return (own[0],), None
    general = [d for d in definitions if d.country is None]
    if general and locale.country is not None:
        return (general[0],), None
    countries = ", ".join(d.country or "elsewhere" for d in definitions)
    return definitions, f"'{name}' falls on different days by country ({countries})"


def day_in(definition: Definition, year: int, locale: Locale) -> date | None:
    subdiv = locale.subdiv if definition.country == locale.country else None
    try:
        return definition.rule(year, subdiv)
    except (KeyError, ValueError, NotImplementedError):
        return None

"""Time zones as people write them: names ("Tokyo time"), abbreviations ("PST"), offsets, IANA names.

**The one rule for abbreviations** (followed by :func:`~guards.datetimes.extract_datetimes` and
:func:`~guards.datetimes.normalize_datetime` alike, through :func:`abbreviation_readings`): an
abbreviation that names a season of its zone ("PST", "CEST", "AEDT") asserts a fixed UTC offset. When
its zone keeps that offset on the date in question, the time is the zone's wall time and nothing is
ambiguous ("3pm PST" in January is 15:00-08:00 in Los Angeles). When the zone is at another offset
that day ("3pm PST" in July, when Los Angeles is at UTC-7), the expression is ambiguous with both
readings, the fixed offset first and the zone's wall time second, and ``zone_problem`` says why.
Generic names ("PT", "ET", "Pacific time") assert no offset: they are always the zone's wall time.
Abbreviations that name several zones ("CST", "IST", "BST", "AST") are the reader's own country's zone
when exactly one of them is in it ("IST" written in Kolkata is India's, "CST" in New York US Central),
and otherwise ambiguous; the season rule above then applies to the one chosen. Unknown
ones right after a time ("3pm BRT"), and place names we cannot place ("9am Accra time"), make the
whole expression abstain rather than be read in the reader's zone.
The abbreviation table is in :mod:`guards.datetimes.abbreviations`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from guards.datetimes.abbreviations import (
    ABBREVIATION_ZONES,
    LOWER_CASE_SAFE_ABBREVIATIONS,
    WORD_ABBREVIATIONS,
    marks_a_zone,
)
from guards.datetimes.dates import Scan
from guards.datetimes.lexicon import alternation
from guards.datetimes.model import Atom
from guards.datetimes.patterns import DAY_WORD
from guards.datetimes.shared_abbreviations import AMBIGUOUS_ABBREVIATIONS, readers_reading
from guards.datetimes.tz_places import zone_cities

# Zone names people write before "time" ("Pacific time", "Tokyo time") and cities -> IANA zones.
ZONE_NAMES: dict[str, str] = {
    "pacific": "America/Los_Angeles",
    "mountain": "America/Denver",
    "central": "America/Chicago",
    "eastern": "America/New_York",
    "atlantic": "America/Halifax",
    "alaska": "America/Anchorage",
    "hawaii": "Pacific/Honolulu",
    "new york": "America/New_York",
    "nyc": "America/New_York",
    "boston": "America/New_York",
    "washington": "America/New_York",
    "toronto": "America/Toronto",
    "miami": "America/New_York",
    "atlanta": "America/New_York",
    "chicago": "America/Chicago",
    "dallas": "America/Chicago",
    "houston": "America/Chicago",
    "denver": "America/Denver",
    "phoenix": "America/Phoenix",
    "los angeles": "America/Los_Angeles",
    "san francisco": "America/Los_Angeles",
    "seattle": "America/Los_Angeles",
    "vancouver": "America/Vancouver",
    "mexico city": "America/Mexico_City",
    "sao paulo": "America/Sao_Paulo",
    "são paulo": "America/Sao_Paulo",
    "buenos aires": "America/Argentina/Buenos_Aires",
    "london": "Europe/London",
    "uk": "Europe/London",
    "dublin": "Europe/Dublin",
    "lisbon": "Europe/Lisbon",
    "paris": "Europe/Paris",
    "berlin": "Europe/Berlin",
    "madrid": "Europe/Madrid",
    "rome": "Europe/Rome",
    "amsterdam": "Europe/Amsterdam",
    "brussels": "Europe/Brussels",
    "zurich": "Europe/Zurich",
    "vienna": "Europe/Vienna",
    "stockholm": "Europe/Stockholm",
    "oslo": "Europe/Oslo",
    "copenhagen": "Europe/Copenhagen",
    "helsinki": "Europe/Helsinki",
    "warsaw": "Europe/Warsaw",
    "prague": "Europe/Prague",
    "athens": "Europe/Athens",
    "istanbul": "Europe/Istanbul",
    "moscow": "Europe/Moscow",
    "cairo": "Africa/Cairo",
    "johannesburg": "Africa/Johannesburg",
    "lagos": "Africa/Lagos",
    "nairobi": "Africa/Nairobi",
    "dubai": "Asia/Dubai",
    "tel aviv": "Asia/Jerusalem",
    "jerusalem": "Asia/Jerusalem",
    "mumbai": "Asia/Kolkata",
    "delhi": "Asia/Kolkata",
    "new delhi": "Asia/Kolkata",
    "bangalore": "Asia/Kolkata",
    "bengaluru": "Asia/Kolkata",
    "india": "Asia/Kolkata",
    "singapore": "Asia/Singapore",
    "hong kong": "Asia/Hong_Kong",
    "shanghai": "Asia/Shanghai",
    "beijing": "Asia/Shanghai",
    "china": "Asia/Shanghai",
    "taipei": "Asia/Taipei",
    "seoul": "Asia/Seoul",
    "tokyo": "Asia/Tokyo",
    "japan": "Asia/Tokyo",
    "bangkok": "Asia/Bangkok",
    "jakarta": "Asia/Jakarta",
    "manila": "Asia/Manila",
    "sydney": "Australia/Sydney",
    "melbourne": "Australia/Melbourne",
    "brisbane": "Australia/Brisbane",
    "perth": "Australia/Perth",
    "auckland": "Pacific/Auckland",
    "new zealand": "Pacific/Auckland",
    "nz": "Pacific/Auckland",
    "ireland": "Europe/Dublin",
    "germany": "Europe/Berlin",
    "france": "Europe/Paris",
    "italy": "Europe/Rome",
    "netherlands": "Europe/Amsterdam",
    "israel": "Asia/Jerusalem",
    "philippines": "Asia/Manila",
    "korea": "Asia/Seoul",
    "south korea": "Asia/Seoul",
    "thailand": "Asia/Bangkok",
    "vietnam": "Asia/Ho_Chi_Minh",
    "pakistan": "Asia/Karachi",
    "south africa": "Africa/Johannesburg",
    "kenya": "Africa/Nairobi",
    "nigeria": "Africa/Lagos",
    "egypt": "Africa/Cairo",
    "honolulu": "Pacific/Honolulu",
    # before "John's time" is read as a person's time
    "st. john's": "America/St_Johns",
    "st john's": "America/St_Johns",
    "newfoundland": "America/St_Johns",
    "ny": "America/New_York",
    "la": "America/Los_Angeles",
    "sf": "America/Los_Angeles",
    "hk": "Asia/Hong_Kong",
}


_ZONE_NAME = re.compile(
    rf"\b(?:in\s+)?(?P<name>{alternation(ZONE_NAMES)})(?:\s+(?:standard|daylight))?\s+time(?:\s*zone)?\b"
)
_REGION_ZONE = re.compile(
    r"\b(?P<name>eastern|pacific|central|mountain)"
    rf"(?=\s*(?:$|[.,;:!?()\x22\u201d]|-\s|\u2013)|\s+(?:thanks|cheers|on|{DAY_WORD}|this|next|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b)"
)
_ZONE_ABBR = re.compile(
    rf"(?<![\w/])(?P<abbr>{alternation([*ABBREVIATION_ZONES, *AMBIGUOUS_ABBREVIATIONS])})(?![\w/])"
)
_ZONE_OFFSET = re.compile(r"(?<![\w+-])(?:utc|gmt)\s*(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d\d))?\b")
# A bare numeric offset after a clock time, as mail headers write it ("17:42:10 -0600", "09:30 +05:30"),
# or glued to it as RFC 3339 writes it ("10:00+02:00", "10:00:00Z"; a glued "-" is a range: "10:00-11:00").
_BARE_OFFSET = re.compile(
    r"(?:(?<=\d:\d\d)|(?<=\b[01]\d[0-5]\d)(?=z\b)|(?<=\b2[0-3][0-5]\d)(?=z\b))"  # ("1400Z": aviation's UTC)
    r"(?::\d\d(?:[.,]\d+)?)?(?:\s*[ap]\.?m\.?)?(?:\s+(?=[+-])|(?=\+|z\b))"
    r"(?P<off>(?P<sign>[+-])(?P<h>0\d|1[0-4]):?(?P<m>00|30|45)|z)(?![\d:])"
)
# An ISO 8601 timestamp's offset is glued to its time by either sign ("2026-12-16T12:02:44-06:00");
# elsewhere a glued "-" makes a range ("10:00-11:00")
_ISO_OFFSET = re.compile(
    r"\d{4}-\d\d-\d\d(?:t\d\d:\d\d|[t ]\d\d:\d\d:\d\d)(?:[.,]\d+)?"
    r"(?P<off>(?P<sign>-)(?P<h>0\d|1[0-4]):?(?P<m>00|30|45))(?![\d:])"
)
_REAL_OFFSETS = frozenset(
    {(3, "30"), (4, "30"), (5, "30"), (6, "30"), (9, "30"), (10, "30"), (5, "45"), (8, "45"), (12, "45")}
)
_IANA = re.compile(
    r"\b(?P<zone>(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)"
    r"/[A-Za-z_]+(?:/[A-Za-z_]+)?)\b"
)
# A capitalised place before "time" that the table does not know ("9am Accra time"), "local time"
# (whose locality?), and an all-capitals word shaped like a zone abbreviation ("3pm BRT").
_UNKNOWN_PLACE_TIME = re.compile(
    r"(?<![\w'])(?:in\s+)?(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+(?:standard\s+|local\s+)?time(?:\s*zone)?\b"
    r"|\blocal\s+time\b"
)
# A place of the table right after a clock time, without "time": "3pm London", "9am in Sydney". Only
# the table's places (tzdata also names zones after "Casey" and "Davis"), and never the regions.
_PLACE_AFTER_TIME = re.compile(
    r"(?<![\w'])(?:in\s+)?(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?![\w'\u2019])"
)
_REGIONS = frozenset({"eastern", "pacific", "central", "mountain", "atlantic"})
# A lower-case word between a clock time and "time" ("noon server time", "5pm office time") names a
# clock the table does not know, as a capitalised place does.
# ("in 2 hours time" is British for "in 2 hours": a unit is no zone word)
_UNKNOWN_WORD_TIME = re.compile(
    r"(?<![\w'\u2019])(?!(?:minutes|hours|days|weeks|months|years|mins|hrs)\b)(?P<word>[a-z]+)\s+time(?:\s*zone)?\b"
)
_OWNER_WORDS = frozenset({"his", "her", "their", "your", "its", "whose"})
# The clock time before an unknown zone word, so that the void atom covers it and joins its day
# ("Thursday at 5 Narnia time"): a void that began after the time would leave the day resolved.
_CLOCK_BEFORE = re.compile(
    r"(?:\b(?:at|@|by|around)\s*)?(?:\b\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?|h)?|\bnoon|\bmidnight|"
    r"\b[a-z]+\s*o'?\s?clock)\s*\(?\s*(?:in\s+)?$"
)
# (and four digits, as "1430 Zulu" writes a clock)
_CLOCK_JUST_BEFORE = re.compile(
    r"(?:\d(?::\d\d|\s*[ap]\.?m\.?)|\b(?:noon|midnight)|\b(?:[01]\d|2[0-3])[0-5]\d)\s*\(?\s*$"
)
_HOUR_JUST_BEFORE = re.compile(r"\b(?:at|around|about|by|@)\s*\d{1,2}\s*$")
_LATIN_AFTER = re.compile(r"\s+(?:al|cetera|seq)\b")  # "et al", "et cetera"
_UNKNOWN_ABBR = re.compile(r"(?<![\w/])[A-Z]{2,4}T(?![\w/])")
_KNOWN_ABBR = frozenset([*ABBREVIATION_ZONES, *AMBIGUOUS_ABBREVIATIONS, "uk", "gb"])
_KNOWN_UPPER = frozenset(abbr.upper() for abbr in [*ABBREVIATION_ZONES, *AMBIGUOUS_ABBREVIATIONS, "dst"])


def zone_atoms(scan: Scan) -> Iterator[Atom]:
    """Zone names, abbreviations, offsets and IANA names; they attach to a neighbouring time."""
    for m in _ZONE_NAME.finditer(scan.text):
        yield Atom("zone", m.start(), m.end(), zone=ZONE_NAMES[m["name"]])
    for m in _REGION_ZONE.finditer(scan.text):
        yield Atom("zone", m.start(), m.end(), zone=ZONE_NAMES[m["name"]], weak=True)
    for m in _ZONE_ABBR.finditer(scan.text):
        abbreviation, written = m["abbr"], scan.raw[m.start() : m.end()]
        # Capitals mark an abbreviation; in lower-case chat, a clock right before it does ("10am est")
        clock_before = _CLOCK_JUST_BEFORE.search(scan.text, 0, m.start()) is not None
        hour_before = _HOUR_JUST_BEFORE.search(scan.text, 0, m.start()) is not None  # "at 9 cet"
        marked = (
            (written.isupper() and marks_a_zone(written, scan.shouted))
            or (
                clock_before
                and abbreviation not in WORD_ABBREVIATIONS
                and not _LATIN_AFTER.match(scan.text, m.end())
            )
            or (hour_before and abbreviation in LOWER_CASE_SAFE_ABBREVIATIONS)
        )
        if abbreviation in AMBIGUOUS_ABBREVIATIONS:
            own = readers_reading(abbreviation, scan.tz) if marked else None
            if own is None:
                yield Atom("zone", m.start(), m.end(), zone="?" + abbreviation, weak=True)
            else:
                zone_name, own_offset = own
                yield Atom(
                    "zone",
                    m.start(),
                    m.end(),
                    zone=zone_name,
                    zone_offset=own_offset,
                    weak=True,
                    notes=[m["abbr"].upper()],
                )
        elif len(abbreviation) > 1 and (marked or abbreviation in ("utc", "gmt")):
            zone, offset = ABBREVIATION_ZONES[abbreviation]
            yield Atom(
                "zone",
                m.start(),
                m.end(),
                zone=zone,
                zone_offset=offset,
                weak=True,
                notes=[abbreviation.upper()],
            )
    for m in _ZONE_OFFSET.finditer(scan.text):
        if int(m["h"]) > 14 or int(m["m"] or 0) > 59:  # "GMT-25:91" is no offset: its time abstains
            yield Atom("void", _clock_start(scan.text, m.start()), m.end())
            continue
        minutes = int(m["h"]) * 60 + int(m["m"] or 0)
        offset = minutes if m["sign"] == "+" else -minutes
        yield Atom("zone", m.start(), m.end(), zone="UTC", zone_offset=offset, priority=1)
    if scan.digits:
        for m in _BARE_OFFSET.finditer(scan.text):
            if m["off"] != "z" and (int(m["h"]), m["m"]) not in _REAL_OFFSETS and m["m"] != "00":
                continue  # "10:00 -1130" is a range written tersely: no zone is 11:30 behind
            minutes = 0 if m["off"] == "z" else int(m["h"]) * 60 + int(m["m"])
            offset = minutes if m["sign"] == "+" else -minutes
            yield Atom("zone", m.start("off"), m.end("off"), zone="UTC", zone_offset=offset, priority=1)
        for m in _ISO_OFFSET.finditer(scan.text):
            offset = -(int(m["h"]) * 60 + int(m["m"]))
            yield Atom("zone", m.start("off"), m.end("off"), zone="UTC", zone_offset=offset, priority=2)
    for m in _IANA.finditer(scan.raw):
        yield Atom("zone", m.start(), m.end(), zone=m["zone"], priority=1)
    yield from _unknown_zones(scan)


def _unknown_zones(scan: Scan) -> Iterator[Atom]:
    """Places before "time" that tzdata names ("Kolkata time"), and zone-like words after a time that
    nothing names ("9am Springfield time", "3pm BRT"): ``void`` atoms, so that time abstains."""
    if " time" in scan.text:
        for m in _UNKNOWN_PLACE_TIME.finditer(scan.cased):
            place = (m["place"] or "").lower()
            if place and (place in ZONE_NAMES or place.split()[-1] in ZONE_NAMES or place in _NOT_PLACES):
                continue
            if city := zone_cities().get(place):
                yield Atom("zone", m.start(), m.end(), zone=city)
            elif _after_a_time(scan.text, m.start()):
                yield Atom("void", _clock_start(scan.text, m.start()), m.end())
        for m in _UNKNOWN_WORD_TIME.finditer(scan.text):
            word = m["word"]
            known = word in _NOT_PLACES or word in ZONE_NAMES or word in _OWNER_WORDS or word in _KNOWN_ABBR
            word_raw = scan.cased[m.start() : m.start() + len(word)]
            capitalised = word_raw[0].isupper() and not word_raw.isupper()  # a place: the pattern above
            if not known and not capitalised and _after_a_time(scan.text, m.start()):
                yield Atom("void", _clock_start(scan.text, m.start()), m.end())
    if scan.digits or "noon" in scan.text:
        for m in _PLACE_AFTER_TIME.finditer(scan.cased):
            place = m["place"].lower()
            if place not in ZONE_NAMES and place.split()[0] in ZONE_NAMES:
                place = place.split()[0]  # "3pm London tomorrow"... "London Bridge" stays no zone below
            if place in ZONE_NAMES and place not in _REGIONS and _after_a_time(scan.text, m.start()):
                end = m.start("place") + len(place)
                if not re.match(r"\s*[A-Z]", scan.cased[end : end + 2]):
                    yield Atom("zone", m.start(), end, zone=ZONE_NAMES[place], weak=True)
    # in capitals, "AT 8 ABOUT" holds no zone "ABOUT"
    for m in () if not any(c.islower() for c in scan.raw) else _UNKNOWN_ABBR.finditer(scan.raw):
        if m.group(0) not in _KNOWN_UPPER and _after_a_time(scan.text, m.start()):
            yield Atom("void", _clock_start(scan.text, m.start()), m.end())


_TIME_BEFORE = re.compile(r"(?:\d|[ap]\.?m\.?|noon|midnight|o'?\s?clock|\bh)\s*\(?\s*(?:in\s+)?$")


def _clock_start(text: str, start: int) -> int:
    """Where the clock time right before ``start`` begins (``start`` when none is found)."""
    window = max(0, start - 24)
    m = _CLOCK_BEFORE.search(text, window, start)
    return m.start() if m else start


def _after_a_time(text: str, start: int) -> bool:
    """Right after a clock time ("3pm BRT", "10 (WIB)"): where an unknown word would qualify it."""
    return _TIME_BEFORE.search(text, max(0, start - 16), start) is not None


# Capitalised words before "time" that are not places ("Eastern Standard Time" is handled above).
_NOT_PLACES = frozenset(
    {
        "standard", "daylight", "summer", "winter", "the", "same", "this", "that", "what", "any", "some",
        "first", "last", "next", "lunch", "dinner", "meeting", "start", "end", "local", "my", "our",
        "universal", "coordinated universal", "greenwich mean", "zulu",
    }
)  # fmt: skip


def utc_offset_text(minutes: int) -> str:
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def abbreviation_readings(
    naive: datetime, zone: str, offset: int | None, abbreviation: str
) -> tuple[tuple[datetime, ...], str | None]:
    """The readings of a wall time written with a zone (see the module docstring) and the problem, if any.

    ``offset`` is the UTC offset in minutes the abbreviation asserts (``None`` for generic names).
    """
    wall = naive.replace(tzinfo=ZoneInfo(zone))
    if offset is None or wall.utcoffset() == timedelta(minutes=offset):
        return (wall,), None
    actual = wall.utcoffset()
    assert actual is not None
    fixed = naive.replace(tzinfo=timezone(timedelta(minutes=offset)))
    problem = (
        f"'{abbreviation}' says {utc_offset_text(offset)} but {zone} is at "
        f"{utc_offset_text(int(actual.total_seconds() // 60))} on {naive.date().isoformat()}"
    )
    return (fixed, wall), problem


def clock_problem(clock: time, day: date, zone: str, offset: int | None, abbreviation: str) -> str | None:
    """The problem of a time without a date ("3pm PST"), judged on ``day`` (today in that zone)."""
    return abbreviation_readings(datetime.combine(day, clock), zone, offset, abbreviation)[1]

"""Another person's time: "9am Jonas's time", "at 10 in Kenji's time zone", "her morning".

The zone is the named person's, not the reader's, and the text does not say which it is. These
phrases become atoms carrying ``zone_owner`` (the words naming the person: "Jonas", "her"); the
expression keeps its readings in the reader's zone but is ambiguous with a ``zone_problem`` saying
whose zone is needed, unless the caller's ``zone_for_owner`` resolver names it. "my time" is the
reader's own zone and carries no owner.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from guards.datetimes.dates import Scan
from guards.datetimes.errors import DatetimeAmbiguityError
from guards.datetimes.lexicon import DAY_PART_WORDS, MONTHS, WEEKDAYS
from guards.datetimes.model import Atom

_PRONOUNS = "his|her|their|your|hers|theirs|yours"
_NAME = r"[A-Z][\w\-]*(?:'[sS]|\u2019[sS]|(?<=[sS])'|(?<=[sS])\u2019)"
# Whole words only: "this time tomorrow" holds "his time", "McDonald's time" holds "Donald's time".
_WHOSE = rf"(?<![\w'\u2019])(?P<owner>(?i:{_PRONOUNS})\b|{_NAME}(?!\w))"
_OWNER_TIME = re.compile(rf"(?:\b(?i:in|on)\s+)?{_WHOSE}\s+(?i:(?:local\s+)?time(?:\s*zone)?)\b")
# In lower-case chat a possessive right after a clock or a part of the day still names whose time it
# is ("9am jonas's time", "wednesday morning dana's time"); units of time are no owners ("in a week's time").
_LOWER_OWNER_TIME = re.compile(
    r"(?:(?<=\d)(?:\s*[ap]\.?m\.?)?|(?<=morning)|(?<=afternoon)|(?<=evening)|(?<=night)|(?<=noon))"
    r"\s+(?:in\s+)?(?P<owner>(?!(?:week|day|month|year|hour|minute|night|"
    r"fortnight|moment)['\u2019])[a-z][\w-]*['\u2019]s)\s+(?:local\s+)?time(?:\s*zone)?\b"
)
_COURTESY_BEFORE = re.compile(
    r"\b(?:for|of|worth|waste|wasting|take|taking|spend|spent|valuable|precious)\s+$"
)
_OWN_TIME = re.compile(r"(?:\b(?:in|on)\s+)?\b(?:my|our)\s+(?:local\s+)?time(?:\s*zone)?\b")
_OWNER_PART = re.compile(
    rf"(?:\b(?i:in|during|early\s+in|late\s+in)\s+)?{_WHOSE}\s+(?P<part>(?i:morning|afternoon|evening|night))\b"
    # in lower-case chat "in dana's morning": "in" says the morning is hers
    r"|\b(?:in|during)\s+(?P<lower>[a-z][\w-]*['\u2019]s)\s+(?P<lower_part>morning|afternoon|evening|night)\b"
)


def owner_atoms(scan: Scan) -> Iterator[Atom]:
    """Owner phrases ("Jonas's time", "in her time zone") and owned parts of the day ("their morning")."""
    if "time" in scan.text:
        for m in _OWNER_TIME.finditer(scan.raw):
            if _COURTESY_BEFORE.search(scan.text, 0, m.start("owner")):
                continue  # "thank you for your time yesterday": a courtesy, not a time zone
            if (owner := _owner_words(m["owner"])) is not None:
                yield Atom("owner", m.start(), m.end(), zone_owner=owner, priority=2)
        for m in _LOWER_OWNER_TIME.finditer(scan.raw):
            if (owner := _owner_words(m["owner"])) is not None:
                yield Atom("owner", m.start("owner"), m.end(), zone_owner=owner, priority=2)
        if scan.tz:
            for m in _OWN_TIME.finditer(scan.text):  # "9am my time on Monday": the reader's own zone
                yield Atom("zone", m.start(), m.end(), zone=scan.tz, weak=True)
    for m in _OWNER_PART.finditer(scan.raw):
        if (owner := _owner_words(m["owner"] or m["lower"])) is not None:
            part = DAY_PART_WORDS[(m["part"] or m["lower_part"]).lower()]
            yield Atom("part", m.start(), m.end(), part=part, zone_owner=owner, priority=2)


def _owner_words(text: str) -> str | None:
    """The owner as written ("Jonas", "her"); ``None`` for words that name a day, not a person."""
    for suffix in ("'s", "\u2019s", "'S", "\u2019S", "'", "\u2019"):
        if text.endswith(suffix):
            name = text[: -len(suffix)]
            return None if names_no_person(name) else name
    return text.lower()


def names_no_person(word: str) -> bool:
    """ "tomorrow" in "tomorrow's morning rounds", "Friday" in "Friday's afternoon": a day, not a person."""
    return word.lower() in _NOT_PEOPLE


_NOT_PEOPLE = frozenset(
    {
        "today",
        "tomorrow",
        "yesterday",
        "tonight",
        "everyone",
        "everybody",
        "someone",
        "somebody",
        "nobody",
        "anyone",
        "anybody",
        "this",
        "next",
        "last",
        "the",
        "week",
        "month",
        "year",
        "day",
    }
    | set(MONTHS)
    | set(WEEKDAYS)
)


def zone_of_owner(owner: str, zone_for_owner: Callable[[str], str | None] | None) -> str | None:
    """The IANA zone the caller's resolver gives for ``owner``; ``None`` when it gives none (or junk)."""
    if zone_for_owner is None:
        return None
    zone = zone_for_owner(owner)
    if not zone:
        return None
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return zone


class ZoneOwnerError(DatetimeAmbiguityError):
    """A time in another person's zone ("9am Jonas's time") whose zone nobody gave.

    ``zone_owner`` names whose zone is needed; the wire error carries it in ``details.zone_owner``.
    """

    def __init__(self, received: Any, reason: str, zone_owner: str, *, grain: str = "datetime") -> None:
        super().__init__(received, reason, grain=grain)
        self.zone_owner = zone_owner

    def to_error(self, tool_name: str, field: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        payload = super().to_error(tool_name, field, *args, **kwargs)
        payload["details"]["zone_owner"] = self.zone_owner
        whose = self.zone_owner if self.zone_owner in _PRONOUN_OWNERS else f"{self.zone_owner}'s"
        payload["remediation"].insert(0, f"Find {whose} time zone and send the time with its UTC offset.")
        return payload


_PRONOUN_OWNERS = ("his", "her", "their", "your")


def unknown_zone_problem(owner: str) -> str:
    whose = owner if owner in _PRONOUN_OWNERS else f"{owner}'s"
    return f"the time is in {whose} time zone, which is not known"

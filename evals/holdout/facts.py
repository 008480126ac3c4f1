"""What the task generator knows about a generated world: its calendars, events and people.

:class:`GeneratedWorld` carries the world data (what ``env.world.WorldSpec`` validates) together
with the facts recipes read: which calendar plays which role, which events were planted for which
task, and the acting user's clock.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from evals.holdout.names import Person
from evals.holdout.vocab import Organisation

ROLES = ("none", "freeBusyReader", "reader", "writer", "owner")


@dataclass(frozen=True)
class WorldSize:
    """How big a world is; tasks need the same fixtures at every size."""

    uniques: int = 7
    filler_per_calendar: int = 9
    large_events: int = 320


FULL = WorldSize()
SMALL = WorldSize(uniques=5, filler_per_calendar=1, large_events=30)


@dataclass(frozen=True)
class CalendarFact:
    """A calendar of the world and the acting user's access to it."""

    key: str
    id: str
    summary: str
    owner: str
    zone: str
    role: str
    alias: str | None = None
    hidden: bool = False
    shared_with: tuple[tuple[str, str, str], ...] = ()
    """ACL rules besides the owner's: (scope type, scope value, role)."""


@dataclass(frozen=True)
class EventFact:
    """An event planted for tasks: where it is and when (in the acting user's terms)."""

    key: str
    id: str
    calendar: str
    summary: str
    start: datetime
    end: datetime
    attendees: tuple[str, ...] = ()
    recurrence: tuple[str, ...] = ()
    zone: str | None = None


@dataclass
class GeneratedWorld:
    """World data plus what the task generator knows about it."""

    key: str
    seed: int
    org: Organisation
    name: str
    domain: str
    clock: str
    now: datetime
    people: list[Person]
    calendars: dict[str, CalendarFact]
    groups: dict[str, str]
    events: dict[str, EventFact] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)
    index: int = 0
    size: WorldSize = FULL

    @property
    def actor(self) -> Person:
        return self.people[0]

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.actor.zone)

    @property
    def today(self) -> date:
        return self.now.astimezone(self.zone).date()

    def cohort(self, cohort: str) -> list[Person]:
        return [p for p in self.people if p.cohort == cohort]

    def person(self, cohort: str, rank: int = 0) -> Person:
        return self.cohort(cohort)[rank]

    def by_email(self, email: str) -> Person:
        return next(p for p in self.people if p.email == email)

    def business_day(self, n: int) -> date:
        """The ``n``-th weekday after today (1 = the next one)."""
        day, seen = self.today, 0
        while seen < n:
            day += timedelta(days=1)
            if day.weekday() < 5:
                seen += 1
        return day

    def at(self, day: date, hour: int, minute: int = 0, zone: str | None = None) -> datetime:
        """A wall time on ``day`` in ``zone`` (the acting user's by default)."""
        return datetime.combine(day, time(hour, minute), ZoneInfo(zone or self.actor.zone))

    def calendar(self, key: str) -> CalendarFact:
        return self.calendars[key]

    def primary(self) -> CalendarFact:
        return self.calendars["primary"]


def stable_hex(*parts: object, length: int = 20) -> str:
    """A deterministic hex token for IDs (the same seed gives the same IDs on every machine)."""
    return hashlib.sha1(":".join(map(str, parts)).encode()).hexdigest()[:length]


def event_id(*parts: object) -> str:
    """A Google-style base32hex event ID derived from ``parts``."""
    digits = "0123456789abcdefghijklmnopqrstuv"
    number = int(hashlib.sha1(":".join(map(str, parts)).encode()).hexdigest(), 16)
    return "".join(digits[(number >> (5 * i)) & 31] for i in range(26))

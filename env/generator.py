"""Seeded synthetic worlds of any size, for scale tests and RL diversity.

``generate_world(users=50, calendars=20, events=2000, seed=7)`` returns world data (the same
shape as ``env/worlds/acme.json``) that :class:`env.CalendarEnv` accepts inline. The same seed
always gives the same world. Generated worlds keep acme's traps: shared first names, confusable
calendar names, all five roles, recurring/all-day/private/cancelled events, several time zones.

Big worlds (10,000 users, a million events) are never held as data: ``iter_events`` draws events
lazily and :func:`env.loader.load_generated_world` streams them into a template file.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

FIRST_NAMES = [
    "Ana",
    "Dana",
    "Priya",
    "Kenji",
    "Marco",
    "Lena",
    "Sam",
    "Omar",
    "Yuki",
    "Chris",
    "Alex",
    "Maria",
    "Noah",
    "Ines",
    "Ravi",
    "Sofia",
    "Tom",
    "Aisha",
    "Leo",
    "Mei",
]
LAST_NAMES = [
    "Kim",
    "Reyes",
    "Patel",
    "Sato",
    "Rossi",
    "Fischer",
    "Haddad",
    "Tanaka",
    "Lee",
    "Morgan",
    "Garcia",
    "Nguyen",
    "Silva",
    "Okafor",
    "Novak",
    "Cohen",
    "Larsen",
    "Dubois",
    "Khan",
    "Walsh",
]
TIME_ZONES = [
    "America/New_York",
    "America/Los_Angeles",
    "America/Chicago",
    "Europe/London",
    "Europe/Berlin",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Australia/Sydney",
]
CALENDAR_STEMS = [
    "Team",
    "Marketing",
    "Engineering",
    "Design",
    "Sales",
    "Support",
    "Finance",
    "Product",
    "Hiring",
    "Platform",
    "Growth",
    "Research",
]
CALENDAR_SUFFIXES = ["", " Offsite", " Campaigns", " Reviews", " Oncall", " Social", " Planning", " Launches"]
TITLES = [
    "Standup",
    "Planning",
    "1:1",
    "Review",
    "Retro",
    "Customer call",
    "Demo",
    "Sync",
    "Interview",
    "Workshop",
    "Lunch",
    "Focus time",
    "Budget review",
    "Kickoff",
]
RRULES = [
    "RRULE:FREQ=WEEKLY;BYDAY=MO",
    "RRULE:FREQ=WEEKLY;BYDAY=TU,TH",
    "RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
    "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
    "RRULE:FREQ=MONTHLY;BYMONTHDAY=1;COUNT=12",
    "RRULE:FREQ=WEEKLY;BYDAY=FR;COUNT=8",
]
ROLES = ["none", "freeBusyReader", "reader", "writer", "owner"]


EVENT_CHUNK = 4096  # events drawn from one RNG; event i's draws depend only on (seed, i // EVENT_CHUNK)


@dataclass(frozen=True, slots=True)
class WorldShape:
    """What a generated world looks like: sizes, seed, and where the events go.

    ``primary_events`` extra events go on the default actor's own calendar (one large calendar, for
    scale tests), spread over more days as their number grows; ``recurring`` is the share of timed
    events that recur.
    """

    users: int = 20
    calendars: int = 12
    events: int = 500
    seed: int = 0
    domain: str = "synth.example"
    now: str = "2026-03-09T09:00:00-04:00"
    name: str | None = None
    primary_events: int = 0
    recurring: float = 0.12

    def __post_init__(self) -> None:
        if self.users < 1 or self.calendars < 0 or self.events < 0 or self.primary_events < 0:
            raise ValueError("users must be >= 1; calendars and events must be >= 0.")
        if not 0.0 <= self.recurring <= 0.92:
            raise ValueError("recurring must be a share between 0 and 0.92 (all-day events never recur).")

    @property
    def key(self) -> str:
        """A stable name for this shape (template files of generated worlds are keyed by it)."""
        return "generated-" + hashlib.sha1(repr(self).encode()).hexdigest()[:16]


def _event_id(seed: int, index: int) -> str:
    return hashlib.sha1(f"{seed}:{index}".encode()).hexdigest()[:26]


def _users(rng: random.Random, count: int, domain: str) -> list[dict[str, Any]]:
    users: list[dict[str, Any]] = []
    next_suffix: dict[str, int] = {}
    while len(users) < count:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        stem = f"{first}.{last}".lower()
        suffix = next_suffix.get(stem, 1)
        next_suffix[stem] = suffix + 1
        local = stem if suffix == 1 else f"{stem}{suffix}"
        name = f"{first} {last}" if suffix == 1 else f"{first} {last} ({suffix})"
        users.append({"email": f"{local}@{domain}", "displayName": name, "timeZone": rng.choice(TIME_ZONES)})
    return users


def _calendars(
    rng: random.Random, count: int, users: list[dict[str, Any]], domain: str
) -> list[dict[str, Any]]:
    names = [stem + suffix for stem in CALENDAR_STEMS for suffix in CALENDAR_SUFFIXES]
    rng.shuffle(names)
    calendars = []
    for index in range(count):
        name = names[index % len(names)] + ("" if index < len(names) else f" {index // len(names) + 1}")
        token = hashlib.sha1(f"{domain}:{index}".encode()).hexdigest()[:20]
        calendars.append(
            {
                "id": f"c_{token}@group.calendar.{domain}",
                "summary": name,
                "description": f"{name} calendar.",
                "owner": rng.choice(users)["email"],
            }
        )
    return calendars


def _acl(
    rng: random.Random, users: list[dict[str, Any]], calendars: list[dict[str, Any]], domain: str
) -> list[dict[str, Any]]:
    actor = users[0]["email"]
    rules = [
        {"calendarId": u["email"], "role": "freeBusyReader", "scope": {"type": "domain", "value": domain}}
        for u in users
    ]
    for index, calendar in enumerate(calendars):
        if calendar["owner"] != actor:
            # cycle the default actor through every role so each cell exists in every world
            rules.append(
                {
                    "calendarId": calendar["id"],
                    "role": ROLES[index % len(ROLES)],
                    "scope": {"type": "user", "value": actor},
                }
            )
        for user in rng.sample(users, k=min(len(users), rng.randrange(0, 4))):
            if user["email"] not in (actor, calendar["owner"]):
                rules.append(
                    {
                        "calendarId": calendar["id"],
                        "role": rng.choice(ROLES[1:]),
                        "scope": {"type": "user", "value": user["email"]},
                    }
                )
        if rng.random() < 0.3:
            rules.append(
                {"calendarId": calendar["id"], "role": "reader", "scope": {"type": "domain", "value": domain}}
            )
    if calendars:
        rules.append({"calendarId": calendars[0]["id"], "role": "reader", "scope": {"type": "default"}})
    return rules


def _event(
    rng: random.Random,
    index: int,
    shape: WorldShape,
    calendar_id: str,
    tz: str,
    now: datetime,
    spread_days: int,
    people: list[dict[str, Any]],
) -> dict[str, Any]:
    day = (now + timedelta(days=rng.randrange(-spread_days, spread_days + 1))).date()
    event: dict[str, Any] = {
        "id": _event_id(shape.seed, index),
        "calendarId": calendar_id,
        "summary": rng.choice(TITLES),
    }
    kind = rng.random()
    if kind < 0.08:
        event["start"] = {"date": day.isoformat()}
        event["end"] = {"date": (day + timedelta(days=rng.choice([1, 1, 2, 3]))).isoformat()}
    else:
        zone = ZoneInfo(tz)
        start = datetime(
            day.year, day.month, day.day, rng.randrange(7, 19), rng.choice([0, 15, 30, 45]), tzinfo=zone
        )
        end = start + timedelta(minutes=rng.choice([15, 30, 45, 60, 90]))
        event["start"] = {"dateTime": start.isoformat(), "timeZone": tz}
        event["end"] = {"dateTime": end.isoformat(), "timeZone": tz}
        if kind < 0.08 + shape.recurring:
            event["recurrence"] = [rng.choice(RRULES)]
    if rng.random() < 0.5:
        guests = rng.sample(people, k=min(len(people), rng.randrange(1, 5)))
        event["attendees"] = [
            {
                "email": p["email"],
                "displayName": p["displayName"],
                "responseStatus": rng.choice(["needsAction", "accepted", "declined", "tentative"]),
            }
            for p in guests
        ]
    if rng.random() < 0.1:
        event["visibility"] = "private"
    if rng.random() < 0.05:
        event["status"] = "cancelled"
    return event


def world_skeleton(shape: WorldShape) -> dict[str, Any]:
    """Everything of the world but its events (users, groups, calendars, sharing)."""
    rng = random.Random(shape.seed)
    people = _users(rng, shape.users, shape.domain)
    shared = _calendars(rng, shape.calendars, people, shape.domain)
    total = shape.events + shape.primary_events
    return {
        "name": shape.name or f"synthetic-{shape.seed}",
        "domain": shape.domain,
        "now": shape.now,
        "default_actor": people[0]["email"],
        "description": f"Synthetic world (seed {shape.seed}): {shape.users} users, {shape.calendars} "
        f"calendars, {total} events.",
        "users": people,
        "groups": [
            {
                "email": f"everyone@{shape.domain}",
                "name": "Everyone",
                "members": [u["email"] for u in people],
            }
        ],
        "calendars": shared,
        "acl": _acl(rng, people, shared, shape.domain),
    }


def iter_events(
    shape: WorldShape, skeleton: dict[str, Any], start: int = 0, stop: int | None = None
) -> Iterator[dict[str, Any]]:
    """The world's events ``start .. stop`` in world-file form, drawn lazily.

    A million events need not fit in memory, and ranges starting at a multiple of ``EVENT_CHUNK``
    can be drawn in separate processes. The first ``primary_events`` go on the default actor's
    calendar, the rest anywhere.
    """
    if start % EVENT_CHUNK:
        raise ValueError(f"start must be a multiple of {EVENT_CHUNK}")
    people = skeleton["users"]
    zones = {u["email"]: u["timeZone"] for u in people}
    for calendar in skeleton["calendars"]:
        zones[calendar["id"]] = zones[calendar["owner"]]
    calendar_ids = [u["email"] for u in people] + [c["id"] for c in skeleton["calendars"]]
    actor = skeleton["default_actor"]
    clock = datetime.fromisoformat(shape.now)
    primary_spread = max(28, shape.primary_events // 40)
    rng = random.Random()
    total = shape.events + shape.primary_events
    for index in range(start, total if stop is None else min(stop, total)):
        if index % EVENT_CHUNK == 0:
            rng.seed(f"{shape.seed}:events:{index // EVENT_CHUNK}")
        if index < shape.primary_events:
            calendar_id, spread = actor, primary_spread
        else:
            calendar_id, spread = rng.choice(calendar_ids), 28
        yield _event(rng, index, shape, calendar_id, zones[calendar_id], clock, spread, people)


def generate_world(
    users: int = 20,
    calendars: int = 12,
    events: int = 500,
    seed: int = 0,
    *,
    domain: str = "synth.example",
    now: str = "2026-03-09T09:00:00-04:00",
    name: str | None = None,
    primary_events: int = 0,
    recurring: float = 0.12,
) -> dict[str, Any]:
    """World data with the given numbers of users, shared calendars and events (deterministic in seed).

    For worlds too big to hold as data, :func:`env.loader.load_generated_world` builds the
    template straight from the same draws.
    """
    shape = WorldShape(users, calendars, events, seed, domain, now, name, primary_events, recurring)
    skeleton = world_skeleton(shape)
    return {**skeleton, "events": list(iter_events(shape, skeleton))}


def main() -> None:
    """``python -m env.generator USERS CALENDARS EVENTS SEED > world.json``"""
    import json
    import sys

    sizes = [int(arg) for arg in sys.argv[1:5]] + [20, 12, 500, 0][len(sys.argv[1:5]) :]
    print(json.dumps(generate_world(*sizes), indent=1))


if __name__ == "__main__":
    main()

"""Seeded synthetic worlds of any size, for scale tests and RL diversity.

``generate_world(users=50, calendars=20, events=2000, seed=7)`` returns world data (the same
shape as ``env/worlds/acme.json``) that :class:`env.CalendarEnv` accepts inline. The same seed
always gives the same world. Generated worlds keep acme's traps: shared first names, confusable
calendar names, all five roles, recurring/all-day/private/cancelled events, several time zones.
"""

from __future__ import annotations

import hashlib
import random
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


def _event_id(seed: int, index: int) -> str:
    return hashlib.sha1(f"{seed}:{index}".encode()).hexdigest()[:26]


def _users(rng: random.Random, count: int, domain: str) -> list[dict[str, Any]]:
    users: list[dict[str, Any]] = []
    seen: set[str] = set()
    while len(users) < count:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        local = f"{first}.{last}".lower()
        suffix = 2
        while local in seen:
            local = f"{first}.{last}{suffix}".lower()
            suffix += 1
        seen.add(local)
        name = f"{first} {last}" if suffix == 2 else f"{first} {last} ({suffix - 1})"
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
    seed: int,
    calendar_id: str,
    tz: str,
    now: datetime,
    people: list[dict[str, Any]],
) -> dict[str, Any]:
    day = (now + timedelta(days=rng.randrange(-28, 29))).date()
    event: dict[str, Any] = {
        "id": _event_id(seed, index),
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
        if kind < 0.2:
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


def generate_world(
    users: int = 20,
    calendars: int = 12,
    events: int = 500,
    seed: int = 0,
    *,
    domain: str = "synth.example",
    now: str = "2026-03-09T09:00:00-04:00",
    name: str | None = None,
) -> dict[str, Any]:
    """World data with the given numbers of users, shared calendars and events (deterministic in seed)."""
    if users < 1 or calendars < 0 or events < 0:
        raise ValueError("users must be >= 1; calendars and events must be >= 0.")
    rng = random.Random(seed)
    people = _users(rng, users, domain)
    shared = _calendars(rng, calendars, people, domain)
    clock = datetime.fromisoformat(now)
    zones = {u["email"]: u["timeZone"] for u in people}
    for calendar in shared:
        zones[calendar["id"]] = zones[calendar["owner"]]
    calendar_ids = [u["email"] for u in people] + [c["id"] for c in shared]
    world_events = []
    for index in range(events):
        calendar_id = rng.choice(calendar_ids)
        world_events.append(_event(rng, index, seed, calendar_id, zones[calendar_id], clock, people))
    return {
        "name": name or f"synthetic-{seed}",
        "domain": domain,
        "now": now,
        "default_actor": people[0]["email"],
        "description": f"Synthetic world (seed {seed}): {users} users, {calendars} calendars, "
        f"{events} events.",
        "users": people,
        "groups": [
            {"email": f"everyone@{domain}", "name": "Everyone", "members": [u["email"] for u in people]}
        ],
        "calendars": shared,
        "acl": _acl(rng, people, shared, domain),
        "events": world_events,
    }


def main() -> None:
    """``python -m env.generator USERS CALENDARS EVENTS SEED > world.json``"""
    import json
    import sys

    sizes = [int(arg) for arg in sys.argv[1:5]] + [20, 12, 500, 0][len(sys.argv[1:5]) :]
    print(json.dumps(generate_world(*sizes), indent=1))


if __name__ == "__main__":
    main()

"""Seeded held-out worlds: an organisation's people, calendars, sharing rules and clock.

``build_world(vocab, org, seed, index)`` returns a :class:`GeneratedWorld`: the world data in the
format ``env.world.WorldSpec`` validates (loadable with ``env.CalendarEnv(world=...)``) plus the
facts the task generator needs (which calendar plays which trap, who collides with whom; see
:mod:`evals.holdout.calendars`). Events are planted by :mod:`evals.holdout.fixtures`.
"""

from __future__ import annotations

import random
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from evals.holdout.calendars import CalendarPlanter, plant_calendars
from evals.holdout.facts import (
    FULL,
    ROLES,
    SMALL,
    CalendarFact,
    EventFact,
    GeneratedWorld,
    WorldSize,
    event_id,
    stable_hex,
)
from evals.holdout.names import Person, ZonePlan, make_people
from evals.holdout.vocab import Organisation, Vocabulary

__all__ = [
    "FULL",
    "ROLES",
    "SMALL",
    "CalendarFact",
    "EventFact",
    "GeneratedWorld",
    "WorldSize",
    "build_world",
    "event_id",
    "stable_hex",
]


def _zone_plan(rng: random.Random, vocab: Vocabulary, org: Organisation) -> ZonePlan:
    home = rng.choice(org.home_zones)
    zones = vocab.zones

    def pick(preferred: list[str], pool: list[str]) -> str:
        options = [z for z in preferred if z in pool and z != home] or [z for z in pool if z != home]
        return rng.choice(options)

    odd = pick(org.remote_zones, zones.odd_offset)
    southern = pick(org.remote_zones, zones.southern_dst)
    northern = pick(org.remote_zones, zones.northern_dst)
    others = tuple(z for z in org.remote_zones if z != home)
    return ZonePlan(home, odd, southern, northern, others)


def build_world(
    vocab: Vocabulary, org: Organisation, seed: int, index: int, size: WorldSize = FULL
) -> GeneratedWorld:
    """People, calendars, ACLs and clock of one world (events are planted by :mod:`.fixtures`)."""
    rng = random.Random(f"holdout-world:{seed}:{index}:{org.key}")
    size = _jitter(rng, size)
    name = rng.choice(org.names)
    domain = org.domains[org.names.index(name) % len(org.domains)]
    zones = _zone_plan(rng, vocab, org)
    people = make_people(rng, vocab.people, org, domain, zones, size.uniques)
    clock_name = rng.choice(org.clocks)
    clock = vocab.clocks[clock_name]
    hour, minute = map(int, clock.time.split(":"))
    now = datetime.combine(clock.date, time(hour, minute), ZoneInfo(zones.home))
    key = f"{org.key}-{seed}-{index}"
    world = GeneratedWorld(
        key, seed, org, name, domain, clock_name, now, people, {}, {}, index=index, size=size
    )
    _plant_groups(world)
    actor_groups = {email for email, members in _group_members(world).items() if world.actor.email in members}
    planter = CalendarPlanter(world, actor_groups)
    plant_calendars(world, planter, rng)
    world.data = {
        "name": key,
        "domain": domain,
        "now": now.isoformat(),
        "default_actor": world.actor.email,
        "description": f"{name}: a generated held-out world (seed {seed}, clock {clock_name}: {clock.note}).",
        "users": [_user_spec(p, org) for p in people],
        "groups": [
            {"email": email, "name": group_name, "members": _group_members(world)[email]}
            for email, group_name in world.groups.items()
        ],
        "calendars": planter.specs,
        "acl": _primary_rules(world) + planter.acl,
        "calendar_list": planter.entries,
        "events": [],
    }
    world.calendars["primary"] = CalendarFact(
        "primary", world.actor.email, world.actor.display, world.actor.email, world.actor.zone, "owner"
    )
    return world


def _jitter(rng: random.Random, size: WorldSize) -> WorldSize:
    """Worlds of one size still differ in head count and busyness (by up to about a third)."""
    return WorldSize(
        uniques=size.uniques + rng.randint(0, 2),
        filler_per_calendar=max(1, round(size.filler_per_calendar * rng.uniform(0.6, 1.4))),
        large_events=max(10, round(size.large_events * rng.uniform(0.7, 1.2))),
    )


def _user_spec(person: Person, org: Organisation) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "email": person.email,
        "displayName": person.display,
        "timeZone": person.zone,
        "title": person.title,
    }
    if person.cohort == "actor" and org.settings:
        spec["settings"] = dict(org.settings)
    return spec


def _plant_groups(world: GeneratedWorld) -> None:
    for group in world.org.groups:
        world.groups[f"{group.local}@{world.domain}"] = group.name


def _group_members(world: GeneratedWorld) -> dict[str, list[str]]:
    """The first group holds the actor and half the others; the second the rest (stable order)."""
    emails = [p.email for p in world.people]
    groups = list(world.groups)
    members: dict[str, list[str]] = {g: [] for g in groups}
    for position, email in enumerate(emails):
        target = groups[0] if position % 2 == 0 or len(groups) == 1 else groups[1]
        members[target].append(email)
    return members


def _primary_rules(world: GeneratedWorld) -> list[dict[str, Any]]:
    """Everyone's free/busy is visible to the organisation; one colleague delegates their calendar."""
    rules = [
        {"calendarId": p.email, "role": "freeBusyReader", "scope": {"type": "domain", "value": world.domain}}
        for p in world.people
    ]
    delegate = world.person("unique", 3)
    rules.append(
        {
            "calendarId": delegate.email,
            "role": "writer",
            "scope": {"type": "user", "value": world.actor.email},
        }
    )
    return rules

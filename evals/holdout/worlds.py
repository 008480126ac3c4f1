"""Seeded held-out worlds: an organisation's people, calendars, sharing rules and clock.

``build_world(seed, index, org)`` returns a :class:`GeneratedWorld`: the world data in the format
``env.world.WorldSpec`` validates (loadable with ``env.CalendarEnv(world=...)``) plus the facts the
task generator needs (which calendar plays which trap, who collides with whom). Calendars are
planted by *role*; the acting user's access differs by role:

==================  ====================================================================
role                the acting user's access
==================  ====================================================================
prefix_base/_ext    writer on both ("Customer Calls" / "Customer Calls - EMEA"); the user
                    has their own name (``summaryOverride``) for the second
shared_owned/_w.    owner / writer; the two names share words
near_writable/_arc  writer / reader; the names differ by a hyphen and a suffix
identical_a/_b      writer on two calendars with the very same name
person_a/_b         writer on calendars named after two people whose names collide
owned_a/_b          owner, already shared with some colleagues
readonly/_sibling   reader / writer on a similarly named sibling
freebusy            free/busy only; invisible: no access at all; hidden: writer, hidden in the list
large               writer on a calendar with hundreds of events
==================  ====================================================================
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from evals.holdout.names import Person, ZonePlan, make_people
from evals.holdout.vocab import Organisation, Vocabulary

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


def _calendar_id(org: Organisation, domain: str, *parts: object) -> str:
    if org.id_style == "google":
        return f"{stable_hex(*parts, length=26)}@group.calendar.google.com"
    return f"c_{stable_hex(*parts)}@group.calendar.{domain}"


def _rank(role: str) -> int:
    return ROLES.index(role)


class _CalendarPlanter:
    """Adds calendars and their ACL rules, computing the acting user's effective role."""

    def __init__(self, world: GeneratedWorld, actor_groups: set[str]) -> None:
        self.world = world
        self.actor_groups = actor_groups
        self.acl: list[dict[str, Any]] = []
        self.entries: list[dict[str, Any]] = []
        self.specs: list[dict[str, Any]] = []

    def add(
        self,
        key: str,
        summary: str,
        owner: Person,
        rules: list[tuple[str, str, str]],
        *,
        description: str = "",
        alias: str | None = None,
        hidden: bool = False,
    ) -> CalendarFact:
        world = self.world
        calendar_id = _calendar_id(world.org, world.domain, world.seed, world.key, key)
        actor = world.actor
        role = "owner" if owner.email == actor.email else "none"
        for scope_type, value, rule_role in rules:
            applies = (
                (scope_type == "user" and value == actor.email)
                or (scope_type == "group" and value in self.actor_groups)
                or (scope_type == "domain" and value == world.domain)
                or scope_type == "default"
            )
            if applies and _rank(rule_role) > _rank(role):
                role = rule_role
            scope: dict[str, Any] = {"type": scope_type}
            if scope_type != "default":
                scope["value"] = value
            self.acl.append({"calendarId": calendar_id, "role": rule_role, "scope": scope})
        spec: dict[str, Any] = {"id": calendar_id, "summary": summary, "owner": owner.email}
        if description:
            spec["description"] = description
        self.specs.append(spec)
        if alias or hidden:
            entry: dict[str, Any] = {"user": actor.email, "calendarId": calendar_id}
            if alias:
                entry["summaryOverride"] = alias
            if hidden:
                entry["hidden"] = True
            self.entries.append(entry)
        fact = CalendarFact(
            key, calendar_id, summary, owner.email, owner.zone, role, alias, hidden, tuple(rules)
        )
        world.calendars[key] = fact
        return fact


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
    planter = _CalendarPlanter(world, actor_groups)
    _plant_calendars(world, planter, rng)
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


def _plant_calendars(world: GeneratedWorld, planter: _CalendarPlanter, rng: random.Random) -> None:
    names = world.org.calendars
    actor = world.actor
    trio = world.cohort("trio")
    duo = world.cohort("duo")
    uniques = world.cohort("unique")
    same = world.cohort("same")
    group_a, group_b = (list(world.groups) * 2)[:2]
    domain = world.domain
    me = actor.email

    def owner(i: int) -> Person:
        pool = uniques[1:] + same + duo
        return pool[i % len(pool)]

    planter.add("prefix_base", names.prefix[0], owner(0), [("group", group_a, "writer")])
    planter.add("prefix_ext", names.prefix[1], owner(1), [("user", me, "writer")], alias=names.override_alias)
    planter.add(
        "shared_owned",
        names.shared_word[0],
        actor,
        [("group", group_a, "writer"), ("domain", domain, "reader")],
    )
    planter.add(
        "shared_writable",
        names.shared_word[1],
        owner(2),
        [("user", me, "writer"), ("domain", domain, "reader")],
    )
    planter.add("near_writable", names.near_duplicate[0], owner(3), [("group", group_a, "writer")])
    planter.add(
        "near_archive",
        names.near_duplicate[1],
        owner(3),
        [("domain", domain, "reader")],
        description="Kept for reference; no longer updated.",
    )
    for suffix, who in (("a", owner(4)), ("b", owner(5))):
        planter.add(
            f"identical_{suffix}",
            names.identical,
            who,
            [("user", me, "writer")],
            description=f"Kept by {who.display} ({who.title}).",
        )
    for suffix, who in (("a", trio[0]), ("b", trio[1])):
        planter.add(
            f"person_{suffix}",
            f"{who.display} - {names.person_word}",
            who,
            [("user", me, "writer"), ("domain", domain, "freeBusyReader")],
        )
    planter.add(
        "owned_a",
        names.owned[0],
        actor,
        [("user", uniques[2].email, "reader"), ("user", same[0].email, "freeBusyReader")],
    )
    planter.add(
        "owned_b", names.owned[1], actor, [("user", duo[0].email, "reader"), ("user", duo[1].email, "reader")]
    )
    planter.add(
        "readonly", names.readonly[0], owner(6), [("user", me, "reader"), ("group", group_b, "writer")]
    )
    planter.add("readonly_sibling", names.readonly[1], owner(6), [("user", me, "writer")])
    planter.add("freebusy", names.freebusy, owner(7), [("domain", domain, "freeBusyReader")])
    planter.add("invisible", names.invisible, owner(8), [("user", owner(9).email, "reader")])
    planter.add("large", names.large, owner(10), [("group", group_a, "writer")])
    planter.add("hidden", names.hidden, owner(11), [("user", me, "writer")], hidden=True)
    for i, summary in enumerate(names.filler):
        role = rng.choice(["reader", "writer"])
        planter.add(f"filler_{i}", summary, owner(12 + i), [("domain", domain, role)])

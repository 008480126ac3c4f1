"""The calendars of a held-out world, planted by *role*, and the sharing rules behind each role.

The acting user's access differs by role (their effective role is computed here the way the
environment computes it: the highest of their user, group, domain and default rules):

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

import random
from typing import Any

from evals.holdout.facts import ROLES, CalendarFact, GeneratedWorld, stable_hex
from evals.holdout.names import Person
from evals.holdout.vocab import Organisation


def _calendar_id(org: Organisation, domain: str, *parts: object) -> str:
    if org.id_style == "google":
        return f"{stable_hex(*parts, length=26)}@group.calendar.google.com"
    return f"c_{stable_hex(*parts)}@group.calendar.{domain}"


def _rank(role: str) -> int:
    return ROLES.index(role)


class CalendarPlanter:
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


def plant_calendars(world: GeneratedWorld, planter: CalendarPlanter, rng: random.Random) -> None:
    """Every role's calendar, owned by colleagues in turn (the user owns three)."""
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

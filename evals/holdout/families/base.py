"""What every recipe gets: the world, a phraser, build-time lookups, and template filling.

A *recipe* is one way a family's task can be posed ("reschedule: tomorrow's standup, just that
occurrence"). It is a function from a :class:`Context` to a :class:`~evals.holdout.pairs.Pair`.
Recipes read the world's planted facts; where a fact depends on the environment's own semantics
(the instances of a recurring series, free/busy) they ask the environment through :class:`Probe`,
as a careful person would, so the gold answer is the environment's and not a re-implementation.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from evals.holdout.names import Person, misspell
from evals.holdout.pairs import Pair
from evals.holdout.phrasing import Phraser
from evals.holdout.vocab import Vocabulary
from evals.holdout.worlds import CalendarFact, EventFact, GeneratedWorld


class GeneratorError(RuntimeError):
    """A recipe that cannot be posed in a world, or a build-time lookup that failed."""


class Probe:
    """Build-time lookups in a world, as its acting user (an env of its own, never a task's)."""

    def __init__(self, world: GeneratedWorld) -> None:
        from env import CalendarEnv

        self.env = CalendarEnv(world=world.data, actor=world.actor.email, now=world.now)

    def call(self, tool: str, args: dict[str, Any]) -> dict[str, Any]:
        result = self.env.call_tool(tool, args)
        if result.get("ok") is False:
            raise GeneratorError(f"build-time lookup {tool}({args}) failed: {result.get('message')}")
        return result

    def occurrence(self, calendar_id: str, summary: str, first: datetime, last: datetime) -> dict[str, Any]:
        """The one instance of ``summary`` starting in [first, last)."""
        items = self.call(
            "events_list",
            {
                "calendarId": calendar_id,
                "singleEvents": True,
                "q": summary,
                "timeMin": first.isoformat(),
                "timeMax": last.isoformat(),
                "maxResults": 2500,
            },
        )["items"]
        found = [
            i
            for i in items
            if i.get("summary") == summary and first <= datetime.fromisoformat(i["start"]["dateTime"]) < last
        ]
        if len(found) != 1:
            raise GeneratorError(f"expected one {summary!r} in [{first}, {last}), found {len(found)}")
        return found[0]

    def busy(self, emails: list[str], first: datetime, last: datetime) -> list[tuple[datetime, datetime]]:
        result = self.call(
            "freebusy_query",
            {"timeMin": first.isoformat(), "timeMax": last.isoformat(), "items": [{"id": e} for e in emails]},
        )
        blocks = []
        for email, calendar in result["calendars"].items():
            if calendar.get("errors"):
                raise GeneratorError(f"free/busy of {email} is not visible")
            blocks += [
                (datetime.fromisoformat(b["start"]), datetime.fromisoformat(b["end"]))
                for b in calendar["busy"]
            ]
        return blocks

    def first_free(self, emails: list[str], first: datetime, last: datetime, minutes: int) -> datetime | None:
        """The first start on the hour or half hour in [first, last) when everyone is free."""
        busy = self.busy(emails, first, last)
        slot = first
        while slot + timedelta(minutes=minutes) <= last:
            end = slot + timedelta(minutes=minutes)
            if all(end <= b_start or slot >= b_end for b_start, b_end in busy):
                return slot
            slot += timedelta(minutes=30)
        return None


@dataclass
class Context:
    """One world and the choices a recipe makes in it."""

    world: GeneratedWorld
    vocab: Vocabulary
    rng: random.Random
    phraser: Phraser
    probe: Probe

    # ---- the world ------------------------------------------------------------------------------

    @property
    def actor(self) -> Person:
        return self.world.actor

    def cal(self, key: str) -> CalendarFact:
        return self.world.calendar(key)

    def event(self, key: str) -> EventFact:
        return self.world.events[key]

    def local(self, moment: datetime, zone: str | None = None) -> datetime:
        """``moment`` on the wall clock of ``zone`` (the acting user's by default)."""
        return moment.astimezone(ZoneInfo(zone or self.actor.zone))

    def day_window(self, day: date, zone: str | None = None) -> tuple[datetime, datetime]:
        start = datetime.combine(day, time(0), ZoneInfo(zone or self.actor.zone))
        return start, datetime.combine(day + timedelta(days=1), time(0), ZoneInfo(zone or self.actor.zone))

    def pick(self, options: list[Any]) -> Any:
        return self.rng.choice(options)

    def fresh_title(self, pool: list[str]) -> str:
        return str(self.rng.choice(pool))

    # ---- words ----------------------------------------------------------------------------------

    def text(
        self,
        family: str,
        recipe: str,
        variant: str,
        fields: Mapping[str, str | None],
        *either: frozenset[str],
    ) -> str:
        """The instruction of one variant (``either``: groups of alternative fields)."""
        templates = self.vocab.phrasing.templates(family, recipe)
        chosen = templates.natural if variant == "natural" else templates.explicit
        return self.phraser.fill(chosen, fields, either)

    def answer(self, family: str, recipe: str, fields: dict[str, str]) -> str:
        return self.vocab.phrasing.templates(family, recipe).answer.format(**fields)

    def refusal(self, family: str, recipe: str) -> dict[str, Any]:
        kind = self.vocab.phrasing.templates(family, recipe).refusal
        if kind is None:
            raise GeneratorError(f"{family}/{recipe} has no refusal words")
        return {"include_any": list(self.vocab.phrasing.refusal_words[kind])}

    def name_for(
        self, person: Person, *, allow_first: bool = True, allow_typo: bool = True
    ) -> tuple[str, str]:
        """How the user names ``person`` and what a careful agent searches the directory for.

        People with a unique first name may be called by it; anyone may get a harmless typo in one
        part of their name, and the search then uses the other part.
        """
        world = self.world
        unique_first = sum(p.first == person.first for p in world.people) == 1
        unique_last = sum(p.last == person.last for p in world.people) == 1
        roll = self.rng.random()
        if allow_typo and roll < 0.15 and unique_last and _searchable(world, person.last, person):
            return f"{misspell(self.rng, person.first)} {person.last}", person.last
        if allow_typo and roll < 0.25 and unique_first and _searchable(world, person.first, person):
            return f"{person.first} {misspell(self.rng, person.last)}", person.first
        if allow_first and unique_first and roll < 0.65 and _searchable(world, person.first, person):
            return person.first, person.first
        return person.display, person.display

    def owner_of_time(self, person: Person, said: str) -> str:
        """ "Kiri's" in "9am Kiri's time": the first name when it is unique, else what the user said."""
        unique_first = sum(p.first == person.first for p in self.world.people) == 1
        return f"{person.first if unique_first else said}'s"


def _searchable(world: GeneratedWorld, query: str, person: Person) -> bool:
    """True when a directory search for ``query`` returns ``person`` (and them alone by display name)."""
    terms = query.lower().split()
    hits = [p for p in world.people if all(t in f"{p.display} {p.email}".lower() for t in terms)]
    return person in hits and sum(p.display == person.display for p in hits) == 1


Recipe = Callable[[Context], Pair]
RECIPES: dict[str, dict[str, Recipe]] = {}


def recipe(family: str, name: str) -> Callable[[Recipe], Recipe]:
    """Register a recipe of ``family`` (the order of registration is the rotation order)."""

    def register(fn: Recipe) -> Recipe:
        RECIPES.setdefault(family, {})[name] = fn
        return fn

    return register

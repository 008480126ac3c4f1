"""Shared set-up for helper E's resolver/pre-check tests: a real env world and a real lookup."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from env import CalendarEnv
from guards import Guard, GuardContext, Verdict, load_pack
from guards.call import Stage
from guards.resolve.references import resolve_references

WORLD = str(Path(__file__).parent / "packs" / "resolve_world.yaml")
PACK = load_pack("calendar")

TEAM = "c_team@group.calendar.globex.com"
OFFSITE = "c_offsite@group.calendar.globex.com"
MARKETING = "c_marketing@group.calendar.globex.com"
ENG = "c_eng@group.calendar.globex.com"
DESIGN = "c_design@group.calendar.globex.com"
PLATFORM = "c_platform@group.calendar.globex.com"
STANDUP_A = "c_standup_a@group.calendar.globex.com"
STANDUP_B = "c_standup_b@group.calendar.globex.com"
HOLIDAYS = "c_holidays@group.calendar.globex.com"
BOOKCLUB = "c_bookclub@group.calendar.globex.com"
BOARD = "c_board@group.calendar.globex.com"
SECRET = "c_secret@group.calendar.globex.com"


def world_env(**kwargs: object) -> CalendarEnv:
    return CalendarEnv(world=WORLD, **kwargs)  # type: ignore[arg-type]


def context(env: CalendarEnv, messages: Sequence[str] = (), *, lookup: bool = True) -> GuardContext:
    """A guard context acting as the env's user, looking things up with the env's own tools."""
    return GuardContext(
        now=env.now,
        timezone=env.timezone,
        lookup=env.call_tool if lookup else None,
        actor=env.actor,
        user_messages=list(messages),
    )


def resolver_guard(validate: Sequence[Stage] = ()) -> Guard:
    return Guard(PACK, resolve_stages=[resolve_references], validate_stages=list(validate))


def resolve(env: CalendarEnv, tool: str, args: dict[str, object], messages: Sequence[str] = ()) -> Verdict:
    return resolver_guard().check(tool, args, context(env, messages))

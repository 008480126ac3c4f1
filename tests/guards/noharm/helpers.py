"""The no-harm regression world (``world.yaml``) behind the full default guard, with real lookups."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from env import CalendarEnv
from guards import Guard, GuardContext, Verdict, load_pack

WORLD = str(Path(__file__).with_name("world.yaml"))
PACK = load_pack("calendar")
DOMAIN = "meridian-freight.com"
INES = f"ines.duarte@{DOMAIN}"
JONAS = f"jonas.berg@{DOMAIN}"
KENJI = f"kenji.mori@{DOMAIN}"
TOM_A = f"tom.alvarez@{DOMAIN}"
CALLS = f"c_calls@group.calendar.{DOMAIN}"
CALLS_EMEA = f"c_calls_emea@group.calendar.{DOMAIN}"
CALLS_APAC = f"c_calls_apac@group.calendar.{DOMAIN}"
DISPATCH = f"c_dispatch@group.calendar.{DOMAIN}"
FLEET = f"c_fleet@group.calendar.{DOMAIN}"
AUDIT = f"c_audit@group.calendar.{DOMAIN}"


def world(actor: str = INES) -> CalendarEnv:
    return CalendarEnv(world=WORLD, actor=actor)


def full_guard(env: CalendarEnv, pack: Any = PACK) -> Guard:
    return Guard(pack, schemas={spec.name: spec.input_schema for spec in env.tool_specs()})


def context(env: CalendarEnv, messages: Sequence[str] = (), *, lookup: bool = True) -> GuardContext:
    return GuardContext(
        now=env.now,
        timezone=env.timezone,
        user_messages=list(messages),
        lookup=env.call_tool if lookup else None,
        actor=env.actor,
    )


def check(env: CalendarEnv, tool: str, args: dict[str, Any], messages: Sequence[str] = ()) -> Verdict:
    return full_guard(env).check(tool, args, context(env, messages))


def event(calendar: str, start: str, end: str, summary: str = "Carrier call", **extra: Any) -> dict[str, Any]:
    times = {"start": {"dateTime": start}, "end": {"dateTime": end}}
    return {"calendarId": calendar, "summary": summary, **times, **extra}

"""Reference resolution: latency with a warm lookup cache, and lookups per resolved reference.

Run: ``.venv/bin/python benchmarks/resolve_bench.py``. Prints one JSON object; ``guard_bench.py`` can
merge it with ``from resolve_bench import measure_resolution``. Lookups run against the bundled
``acme`` world in-process (the env's own tools, as the acting user), so "cold" includes real reads.
"""

from __future__ import annotations

import json
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from guards import Guard, GuardContext, InterventionKind, load_pack
from guards.resolve.references import resolve_references

REPEATS = 300

# Natural calls an agent makes in the acme world, acting as ana@acme.com, with how many references
# each resolves.
CALLS: list[tuple[str, dict[str, Any], int]] = [
    ("events_list", {"calendarId": "my team calendar"}, 1),
    ("events_list", {"calendarId": "engineering"}, 1),
    ("events_list", {"calendarId": "the team offsite calendar"}, 1),
    (
        "events_insert",
        {"calendarId": "hiring", "attendees": [{"email": "Priya"}, {"email": "Kenji Sato"}]},
        3,
    ),
    ("events_insert", {"calendarId": "Leadership", "attendees": [{"email": "lena"}, {"email": "Omar"}]}, 3),
    ("events_patch", {"calendarId": "primary", "eventId": "the 1:1 with Dana Kim"}, 1),
    ("events_patch", {"calendarId": "primary", "eventId": "the customer call on Wednesday"}, 1),
    ("events_delete", {"calendarId": "primary", "eventId": "doctor appointment"}, 1),
    ("events_patch", {"calendarId": "my calendar", "eventId": "pairing with Chris"}, 2),
    ("freebusy_query", {"timeMin": "a", "timeMax": "b", "items": [{"id": "Yuki"}, {"id": "Marco"}]}, 2),
]


def _setup() -> tuple[Guard, Any]:
    from env import CalendarEnv

    return Guard(
        load_pack("calendar"), resolve_stages=[resolve_references], validate_stages=[]
    ), CalendarEnv()


def _context(env: Any) -> GuardContext:
    return GuardContext(
        now=env.now,
        timezone=env.timezone,
        lookup=env.call_tool,
        actor=env.actor,
        user_messages=["Move the customer call on Wednesday and invite Priya and Kenji Sato"],
    )


def _check_all(guard: Guard, ctx: GuardContext) -> int:
    resolved = 0
    for tool, args, expected in CALLS:
        verdict = guard.check(tool, args, ctx)
        made = sum(1 for i in verdict.interventions if i.kind == InterventionKind.RESOLVED)
        if verdict.blocked or made != expected:
            raise RuntimeError(f"{tool} {args}: expected {expected} resolutions, got {verdict.to_dict()}")
        resolved += made
    return resolved


def _ms(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": round(statistics.median(ordered), 3),
        "p99_ms": round(ordered[int(0.99 * (len(ordered) - 1))], 3),
    }


def measure_resolution() -> dict[str, Any]:
    """Cold (fresh session: real lookups) and warm (cached lookups) resolution over :data:`CALLS`."""
    guard, env = _setup()
    cold_samples: list[float] = []
    lookups = resolved = 0
    for _ in range(20):
        ctx = _context(env)
        started = time.perf_counter_ns()
        resolved += _check_all(guard, ctx)
        cold_samples.append((time.perf_counter_ns() - started) / 1e6 / len(CALLS))
        lookups += ctx.session.lookups
    warm_ctx = _context(env)
    _check_all(guard, warm_ctx)
    first_lookups = warm_ctx.session.lookups
    per_call: list[float] = []
    for _ in range(REPEATS):
        for tool, args, _expected in CALLS:
            started = time.perf_counter_ns()
            guard.check(tool, args, warm_ctx)
            per_call.append((time.perf_counter_ns() - started) / 1e6)
    references = sum(expected for _, _, expected in CALLS)
    return {
        "calls": len(CALLS),
        "references": references,
        "lookups_per_resolved_reference_cold": round(lookups / resolved, 3),
        "lookups_per_episode_cold": first_lookups,
        "warm_cache_extra_lookups": warm_ctx.session.lookups - first_lookups,
        "warm_cache_hit_rate": round(
            warm_ctx.session.cache_hits / (warm_ctx.session.cache_hits + warm_ctx.session.lookups), 4
        ),
        "cold_per_call": _ms(cold_samples),
        "warm_per_call": _ms(per_call),
        "warm_per_reference_ms": round(statistics.median(per_call) * len(CALLS) / references, 3),
    }


def main() -> None:
    result = {
        "benchmark": "reference_resolution",
        "python": platform.python_version(),
        "world": "acme (in-process env lookups as ana@acme.com)",
        "resolution": measure_resolution(),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

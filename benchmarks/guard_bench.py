"""Guard.check latency over the calendar tools, lookups excluded. Prints one JSON object.

Run: ``.venv/bin/python benchmarks/guard_bench.py``. Each measurement is a function returning a dict;
``main`` collects them. Latencies are per call, in microseconds (p50 = median, p99).
"""

from __future__ import annotations

import gc
import json
import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from guards import Guard, GuardContext, InterventionKind, load_pack

ROUNDS = 400
WARMUP = 50

VALID_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("calendars_list", {"minAccessRole": "writer", "maxResults": 50}),
    ("calendars_get", {"calendarId": "primary"}),
    (
        "events_list",
        {
            "calendarId": "primary",
            "timeMin": "2026-03-10T00:00:00-04:00",
            "timeMax": "2026-03-11T00:00:00-04:00",
            "singleEvents": True,
        },
    ),
    (
        "events_insert",
        {
            "calendarId": "primary",
            "summary": "Project sync",
            "start": {"dateTime": "2026-03-10T15:00:00-04:00"},
            "end": {"dateTime": "2026-03-10T15:30:00-04:00"},
            "attendees": [{"email": "ana@acme.com"}, {"email": "bo@acme.com"}],
        },
    ),
    ("events_patch", {"calendarId": "primary", "eventId": "evt3k2j1", "summary": "Renamed"}),
    ("events_delete", {"calendarId": "primary", "eventId": "evt3k2j1"}),
    (
        "acl_insert",
        {"calendarId": "primary", "role": "reader", "scope": {"type": "user", "value": "ana@acme.com"}},
    ),
    (
        "freebusy_query",
        {"timeMin": "2026-03-10T00:00:00Z", "timeMax": "2026-03-11T00:00:00Z", "items": [{"id": "primary"}]},
    ),
    ("users_search", {"query": "Ana"}),
]

# One call per repair kind, then calls with several mistakes at once.
REPAIR_CALLS: list[tuple[str, dict[str, Any] | str]] = [
    ("eventsList", {"calendarId": "primary"}),
    ("events_get", {"calendar_id": "primary", "event_id": "evt3k2j1"}),
    ("calendars_get", '{"calendarId": "primary"}'),
    ("calendars_list", {"maxResults": "50", "showHidden": "true"}),
    ("acl_patch", {"calendarId": "primary", "ruleId": "user:bo@acme.com", "role": "Reader"}),
    (
        "freebusy_query",
        {"timeMin": "2026-03-10T00:00:00Z", "timeMax": "2026-03-11T00:00:00Z", "items": "primary"},
    ),
    ("insert_event", {"calendarId": "primary", "start": "2026-03-10", "end": "2026-03-11"}),
    (
        "acl_insert",
        {"calendarId": "primary", "role": "Writer", "scope": '{"type": "user", "value": "ana@acme.com"}'},
    ),
    (
        "events_insert",
        {
            "calendar_id": "primary",
            "title": "Sync",
            "startTime": "2026-03-10T15:00:00-04:00",
            "endTime": "2026-03-10T15:30:00-04:00",
            "attendees": "ana@acme.com, bo@acme.com",
        },
    ),
    ("eventsDelete", '{"calendarId": "primary", "event_id": "evt3k2j1"}'),
]


def calendar_schemas() -> dict[str, dict[str, Any]]:
    """The bundled environment's tool schemas (the benchmark may import env; the guards may not)."""
    from env import CalendarEnv

    return {spec.name: dict(spec.input_schema) for spec in CalendarEnv().tool_specs()}


def _guard() -> Guard:
    return Guard(load_pack("calendar"), calendar_schemas())


def _context() -> GuardContext:
    """A mid-episode context: the user's request, and the events the agent already listed."""
    ctx = GuardContext(
        now=datetime(2026, 3, 9, 17, 0, tzinfo=UTC),
        timezone="America/New_York",
        user_messages=[
            "Set up a project sync tomorrow with ana@acme.com and bo@acme.com, and tidy my calendar."
        ],
        lookup=None,
    )
    ctx.observe(
        "events_list",
        {"calendarId": "primary"},
        {
            "items": [
                {"id": "evt3k2j1", "summary": "Standup", "start": {"dateTime": "2026-03-10T09:00:00-04:00"}}
            ]
        },
    )
    ctx.observe(
        "acl_list", {"calendarId": "primary"}, {"items": [{"id": "user:bo@acme.com", "role": "reader"}]}
    )
    return ctx


def _latencies(
    calls: list[tuple[str, Any]], guard: Guard, ctx: GuardContext, rounds: int
) -> dict[str, list[float]]:
    """Per-call latencies in µs, calls interleaved round-robin so drift hits every tool alike."""
    samples: dict[str, list[float]] = {f"{i}:{tool}": [] for i, (tool, _) in enumerate(calls)}
    keys = list(samples)
    for _ in range(WARMUP):
        for tool, args in calls:
            guard.check(tool, args, ctx)
    gc.collect()
    for _ in range(rounds):
        for key, (tool, args) in zip(keys, calls, strict=True):
            started = time.perf_counter_ns()
            guard.check(tool, args, ctx)
            samples[key].append((time.perf_counter_ns() - started) / 1000)
    return samples


def _summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_us": round(statistics.median(ordered), 1),
        "p99_us": round(ordered[int(0.99 * (len(ordered) - 1))], 1),
        "max_us": round(ordered[-1], 1),
        "calls": len(ordered),
    }


def measure_calls(calls: list[tuple[str, Any]], *, expect_repair: bool) -> dict[str, Any]:
    """Latency of ``Guard.check`` over ``calls`` (every default stage; no lookup function)."""
    guard, ctx = _guard(), _context()
    for tool, args in calls:
        verdict = guard.check(tool, args, ctx)
        repairs = [i for i in verdict.interventions if i.kind != InterventionKind.IDEMPOTENCY_KEY]
        if verdict.blocked or bool(repairs) != expect_repair:
            raise RuntimeError(f"benchmark call {tool} did not behave as expected: {verdict.to_dict()}")
    per_call = _latencies(calls, guard, ctx, ROUNDS)
    everything = [sample for samples in per_call.values() for sample in samples]
    return {**_summary(everything), "per_call": {key: _summary(s) for key, s in per_call.items()}}


def measure_valid_calls() -> dict[str, Any]:
    """Already-valid calls: the fast path every well-behaved call takes."""
    return measure_calls(VALID_CALLS, expect_repair=False)


def measure_repair_calls() -> dict[str, Any]:
    """Calls needing repair: tool names, field names, nesting, JSON strings, coercions, enums."""
    return measure_calls(REPAIR_CALLS, expect_repair=True)


def main() -> None:
    result = {
        "benchmark": "guard_check",
        "python": platform.python_version(),
        "lookups": "excluded (ctx.lookup=None)",
        "cpus": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2),
        "valid_calls": measure_valid_calls(),
        "repair_calls": measure_repair_calls(),
        "floors": {"p50_us": 100, "p99_us": 1000},
        "resolution": _resolution(),
    }
    print(json.dumps(result, indent=2))


def _resolution() -> dict[str, Any]:
    """Reference resolution with real lookups (helper E's ``resolve_bench``): warm-cache latency and
    lookups per resolved reference."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from resolve_bench import measure_resolution

    return measure_resolution()


if __name__ == "__main__":
    main()

"""Environment speed: in-process tool calls per second and reset latency (prints JSON).

The workload is a mixed agent-like session on the bundled ``acme`` world: calendar and people
lookups, day/week event listings with recurring expansion, free/busy, gets, and writes (insert,
patch, delete) - about one call in four writes. Each repeat starts from a fresh ``reset()``; the
reported figures are medians over repeats, measured in one thread. Both wall-clock and thread
CPU-time rates are printed: on a busy shared machine the wall clock also counts time the thread
spent waiting for a core, so the floors are checked against CPU time (calls per core-second); on
an idle machine the two agree.

Floors (issue 2): >= 5,000 calls/s and reset <= 2 ms.

    python benchmarks/env_bench.py [--repeats 7] [--cycles 300]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from env import CalendarEnv

CALLS_FLOOR = 5000.0
RESET_FLOOR_MS = 2.0


def _calendar(env: CalendarEnv, summary: str) -> str:
    for item in env.call_tool("calendars_list", {})["items"]:
        if item["summary"] == summary:
            return str(item["id"])
    raise KeyError(summary)


def workload(env: CalendarEnv, cycles: int) -> list[tuple[str, dict[str, Any]]]:
    """A deterministic list of tool calls (reads and writes) spread over four weeks."""
    team = _calendar(env, "Team")
    offsite = _calendar(env, "Team Offsite")
    standup = env.call_tool("events_list", {"calendarId": team, "q": "Standup"})["items"][0]["id"]
    calls: list[tuple[str, dict[str, Any]]] = []
    for n in range(cycles):
        day = date(2026, 3, 2) + timedelta(days=n % 28)
        nxt = day + timedelta(days=1)
        day_min, day_max = f"{day}T00:00:00-05:00", f"{nxt}T00:00:00-05:00"
        week_max = f"{day + timedelta(days=7)}T00:00:00-05:00"
        event_id = f"bench{n:06d}"
        calls += [
            ("calendars_list", {}),
            (
                "events_list",
                {
                    "calendarId": "primary",
                    "timeMin": day_min,
                    "timeMax": day_max,
                    "singleEvents": True,
                    "orderBy": "startTime",
                },
            ),
            (
                "events_list",
                {
                    "calendarId": team,
                    "timeMin": day_min,
                    "timeMax": week_max,
                    "singleEvents": True,
                    "q": "standup" if n % 2 else "planning",
                },
            ),
            ("users_search", {"query": "dana" if n % 2 else "priya"}),
            (
                "freebusy_query",
                {
                    "timeMin": day_min,
                    "timeMax": day_max,
                    "items": [{"id": "dana.kim@acme.com"}, {"id": "primary"}],
                },
            ),
            (
                "events_insert",
                {
                    "calendarId": offsite if n % 3 == 0 else "primary",
                    "id": event_id,
                    "summary": f"Bench meeting {n}",
                    "start": {"dateTime": f"{day}T15:00:00-05:00"},
                    "end": {"dateTime": f"{day}T15:30:00-05:00"},
                    "attendees": [{"email": "dana.kim@acme.com"}],
                },
            ),
            ("events_get", {"calendarId": offsite if n % 3 == 0 else "primary", "eventId": event_id}),
            (
                "events_patch",
                {
                    "calendarId": offsite if n % 3 == 0 else "primary",
                    "eventId": event_id,
                    "summary": f"Bench meeting {n} (moved)",
                    "start": {"dateTime": f"{day}T16:00:00-05:00"},
                    "end": {"dateTime": f"{day}T16:30:00-05:00"},
                },
            ),
            (
                "events_instances",
                {"calendarId": team, "eventId": standup, "timeMin": day_min, "timeMax": week_max},
            ),
            ("settings_get", {"setting": "timezone"}),
            ("acl_list", {"calendarId": team}),
            (
                "events_delete" if n % 2 else "events_get",
                {"calendarId": offsite if n % 3 == 0 else "primary", "eventId": event_id},
            ),
        ]
    return calls


def measure_calls(
    env: CalendarEnv, calls: list[tuple[str, dict[str, Any]]], repeats: int
) -> tuple[list[float], list[float]]:
    """(wall-clock rates, CPU-time rates) in calls per second, one pair per repeat."""
    wall_rates, cpu_rates = [], []
    for _ in range(repeats):
        env.reset()
        wall, cpu = time.perf_counter(), time.thread_time()
        for name, args in calls:
            result = env.call_tool(name, args)
            if result.get("ok") is False:
                raise RuntimeError(f"benchmark call failed: {name} {result['message']}")
        wall_rates.append(len(calls) / (time.perf_counter() - wall))
        cpu_rates.append(len(calls) / (time.thread_time() - cpu))
    return wall_rates, cpu_rates


def measure_resets(env: CalendarEnv, repeats: int, per_repeat: int = 200) -> tuple[list[float], list[float]]:
    """(wall-clock, CPU-time) milliseconds per reset, one pair per repeat."""
    wall_ms, cpu_ms = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.thread_time()
        for _ in range(per_repeat):
            env.reset()
        wall_ms.append((time.perf_counter() - wall) / per_repeat * 1000.0)
        cpu_ms.append((time.thread_time() - cpu) / per_repeat * 1000.0)
    return wall_ms, cpu_ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--cycles", type=int, default=300)
    options = parser.parse_args()
    env = CalendarEnv()
    calls = workload(env, options.cycles)
    measure_calls(env, calls[:200], 1)  # warm caches (recurrence expansion, statements)
    wall_rates, cpu_rates = measure_calls(env, calls, options.repeats)
    wall_resets, cpu_resets = measure_resets(env, options.repeats)
    writes = sum(name in ("events_insert", "events_patch", "events_delete") for name, _ in calls)
    calls_cpu = statistics.median(cpu_rates)
    reset_cpu = statistics.median(cpu_resets)
    report = {
        "benchmark": "env_bench",
        "world": "acme",
        "world_events": env.world.event_count,
        "calls_per_repeat": len(calls),
        "write_fraction": round(writes / len(calls), 3),
        "repeats": options.repeats,
        "calls_per_second_median": round(statistics.median(wall_rates), 1),
        "calls_per_cpu_second_median": round(calls_cpu, 1),
        "reset_ms_median": round(statistics.median(wall_resets), 4),
        "reset_cpu_ms_median": round(reset_cpu, 4),
        "floors": {"calls_per_second": CALLS_FLOOR, "reset_ms": RESET_FLOOR_MS},
        "meets_floors": calls_cpu >= CALLS_FLOOR and reset_cpu <= RESET_FLOOR_MS,
        "load_average": list(os.getloadavg()),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

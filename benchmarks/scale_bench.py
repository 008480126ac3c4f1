"""Environment scale: listing cost versus calendar size, big-world build and reset (prints JSON).

Sections (each number is a median, with the 1-minute load average measured beside it):

* ``listing``: ``events_list`` (unwindowed, ``maxResults`` 10) on a calendar holding 100,000 events
  and on an empty calendar of the same world, and the ratio of the two (same run, same process).
* ``windowed_recurring``: a one-week ``singleEvents`` listing over a calendar where a share of the
  events are recurring series (``--series`` of them).
* ``growing_mixed``: 20,000 calls on the acme world, 70% ``events_list`` (unwindowed page, one-day
  window, free-text search) and 30% ``events_insert`` onto the calendar being listed, which grows
  by 6,000 events. Rates are per CPU-second of this thread (one core) and per wall second.
  ``--compare-with PATH`` runs the same workload on another checkout (e.g. the previous release)
  in a subprocess and prints both rates and their ratio.
* ``big_world``: build a 10,000-user, 1,000-calendar, 1,000,000-event world into its template,
  then ``reset()`` latency after an episode of writes, and a listing on one of its calendars.

Floors: listing at 100k <= 2 ms p50 and <= 3x empty; windowed recurring <= 2 ms p50; growing
mixed >= 5,000 calls per CPU-second; big-world reset <= 5 ms.

    python benchmarks/scale_bench.py [--big-events 1000000] [--workers N] [--compare-with DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# SCALE_BENCH_ROOT points the growing workload at another checkout (see --compare-with).
ROOT = Path(os.environ.get("SCALE_BENCH_ROOT") or Path(__file__).resolve().parents[1])
sys.path.insert(0, str(ROOT))

from env import CalendarEnv  # noqa: E402

SECTIONS = ["listing", "windowed", "growing", "big"]
FLOORS = {
    "listing_100k_p50_ms": 2.0,
    "listing_ratio_to_empty": 3.0,
    "windowed_recurring_p50_ms": 2.0,
    "growing_mixed_calls_per_cpu_second": 5000.0,
    "big_world_reset_p50_ms": 5.0,
}


def load() -> float:
    return round(os.getloadavg()[0], 2)


def timed_ms(call: Callable[[], Any], repeats: int) -> dict[str, float]:
    """Median and p90 of ``repeats`` calls, in milliseconds, with the load average beside them."""
    call()  # warm caches and statements
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000.0)
    samples.sort()
    return {
        "p50_ms": round(statistics.median(samples), 4),
        "p90_ms": round(samples[int(len(samples) * 0.9)], 4),
        "load_average_1m": load(),
    }


def checked(env: CalendarEnv, name: str, args: dict[str, Any]) -> dict[str, Any]:
    result = env.call_tool(name, args)
    if result.get("ok") is False:
        raise RuntimeError(f"{name} failed: {result['message']}")
    return result


def bench_listing(repeats: int) -> dict[str, Any]:
    from env.generator import WorldShape
    from env.loader import load_generated_world

    started = time.perf_counter()
    world = load_generated_world(
        WorldShape(users=50, calendars=10, events=5000, seed=11, primary_events=100_000)
    )
    build_s = time.perf_counter() - started
    env = CalendarEnv(world=world)
    empty = checked(env, "calendars_insert", {"summary": "Empty"})["id"]
    big = {"calendarId": "primary", "maxResults": 10}
    out: dict[str, Any] = {"world_build_s": round(build_s, 2), "events_on_calendar": 100_000}
    out["empty"] = timed_ms(
        lambda: checked(env, "events_list", {"calendarId": empty, "maxResults": 10}), repeats
    )
    out["100k"] = timed_ms(lambda: checked(env, "events_list", big), repeats)
    out["ratio_to_empty"] = round(out["100k"]["p50_ms"] / out["empty"]["p50_ms"], 2)
    # The same page (ten events) from a calendar holding only ten: what calendar size alone costs.
    ten = checked(env, "calendars_insert", {"summary": "Ten"})["id"]
    for n in range(10):
        times = {
            "start": {"dateTime": f"2026-03-1{n}T10:00:00-04:00"},
            "end": {"dateTime": f"2026-03-1{n}T11:00:00-04:00"},
        }
        source = env.call_tool("events_list", {"calendarId": "primary", "maxResults": 10})["items"][n]
        body = {key: source[key] for key in ("summary", "attendees", "description") if key in source}
        checked(env, "events_insert", {"calendarId": ten, **body, **times})
    out["ten_events"] = timed_ms(
        lambda: checked(env, "events_list", {"calendarId": ten, "maxResults": 10}), repeats
    )
    out["ratio_to_ten_events"] = round(out["100k"]["p50_ms"] / out["ten_events"]["p50_ms"], 2)
    single = {**big, "singleEvents": True, "orderBy": "startTime"}
    out["100k_single_events"] = timed_ms(lambda: checked(env, "events_list", single), repeats)
    page = checked(env, "events_list", {**big, "maxResults": 250})
    deep = {**big, "pageToken": page["nextPageToken"]}
    out["100k_second_page"] = timed_ms(lambda: checked(env, "events_list", deep), repeats)
    day = {
        "calendarId": "primary",
        "timeMin": "2026-03-10T00:00:00-04:00",
        "timeMax": "2026-03-11T00:00:00-04:00",
    }
    out["100k_one_day_window"] = timed_ms(lambda: checked(env, "events_list", day), repeats)
    rare = {"calendarId": "primary", "q": "kickoff workshop", "maxResults": 10}
    out["100k_q_rare_terms"] = timed_ms(lambda: checked(env, "events_list", rare), repeats)
    common = {"calendarId": "primary", "q": "review", "maxResults": 10}
    out["100k_q_common_term"] = timed_ms(lambda: checked(env, "events_list", common), repeats)
    return out


def bench_windowed_recurring(repeats: int, series: int) -> dict[str, Any]:
    from env.generator import WorldShape
    from env.loader import load_generated_world

    share = 0.3
    shape = WorldShape(
        users=50, calendars=10, events=2000, seed=12, primary_events=int(series / share), recurring=share
    )
    env = CalendarEnv(world=load_generated_world(shape))
    week = {
        "calendarId": "primary",
        "timeMin": "2026-03-09T00:00:00-04:00",
        "timeMax": "2026-03-16T00:00:00-04:00",
        "singleEvents": True,
        "orderBy": "startTime",
        "maxResults": 50,
    }
    listed = checked(env, "events_list", {**week, "maxResults": 2500})
    out: dict[str, Any] = {
        "series_on_calendar": _series_count(env),
        "events_on_calendar": shape.primary_events,
        "instances_in_week": len(listed["items"]),
        "page_size": week["maxResults"],
    }
    out["week"] = timed_ms(lambda: checked(env, "events_list", week), repeats)
    day = {**week, "timeMax": "2026-03-10T00:00:00-04:00"}
    out["day"] = timed_ms(lambda: checked(env, "events_list", day), repeats)
    return out


def _series_count(env: CalendarEnv) -> int:
    return sum(
        1 for event in env.snapshot().events() if event["calendarId"] == env.actor and event.get("recurrence")
    )


def growing_workload(calls: int) -> list[tuple[str, dict[str, Any]]]:
    """70% events_list on ana's primary calendar, 30% inserts onto it.

    The listings are what an agent browsing the calendar asks: the first page (10 events), a
    day's first 25 events in start order, and a search for a recently written title (10).
    """
    workload: list[tuple[str, dict[str, Any]]] = []
    inserted = 0
    for n in range(calls):
        if n % 10 < 3:
            day = 1 + inserted % 28
            hour = 8 + inserted % 9
            workload.append(
                (
                    "events_insert",
                    {
                        "calendarId": "primary",
                        "summary": f"Growth meeting {inserted}",
                        "start": {"dateTime": f"2026-04-{day:02d}T{hour:02d}:00:00-04:00"},
                        "end": {"dateTime": f"2026-04-{day:02d}T{hour:02d}:30:00-04:00"},
                        "attendees": [{"email": "dana.kim@acme.com"}],
                    },
                )
            )
            inserted += 1
        elif n % 10 < 7:
            workload.append(("events_list", {"calendarId": "primary", "maxResults": 10}))
        elif n % 10 < 9:
            day = 1 + n % 28
            window = {
                "timeMin": f"2026-04-{day:02d}T00:00:00-04:00",
                "timeMax": f"2026-04-{day:02d}T23:59:59-04:00",
            }
            workload.append(
                (
                    "events_list",
                    {
                        "calendarId": "primary",
                        **window,
                        "singleEvents": True,
                        "orderBy": "startTime",
                        "maxResults": 25,
                    },
                )
            )
        else:
            target = max(0, inserted - 1 - n % 50)
            workload.append(
                ("events_list", {"calendarId": "primary", "q": f"meeting {target}", "maxResults": 10})
            )
    return workload


def run_growing(calls: int, repeats: int) -> dict[str, Any]:
    """The growing-calendar workload in this process (also the subprocess entry for --compare-with)."""
    env = CalendarEnv()
    workload = growing_workload(calls)
    cpu_rates, wall_rates, loads = [], [], []
    for _ in range(repeats):
        env.reset()
        wall, cpu = time.perf_counter(), time.thread_time()
        for name, args in workload:
            result = env.call_tool(name, args)
            if result.get("ok") is False:
                raise RuntimeError(f"{name} failed: {result['message']}")
        cpu_rates.append(len(workload) / (time.thread_time() - cpu))
        wall_rates.append(len(workload) / (time.perf_counter() - wall))
        loads.append(load())
    lists = sum(name == "events_list" for name, _ in workload)
    return {
        "calls": len(workload),
        "list_fraction": round(lists / len(workload), 2),
        "repeats": repeats,
        "calls_per_cpu_second": round(statistics.median(cpu_rates), 1),
        "calls_per_second": round(statistics.median(wall_rates), 1),
        "load_average_1m": statistics.median(loads),
    }


def bench_growing(calls: int, repeats: int, compare_with: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"this_checkout": run_growing(calls, repeats)}
    if compare_with:
        command = [sys.executable, str(Path(__file__).resolve()), "--growing-only", "--calls", str(calls)]
        command += ["--repeats", str(repeats)]
        other = subprocess.run(
            command,
            cwd=compare_with,
            env={**os.environ, "SCALE_BENCH_ROOT": compare_with},
            capture_output=True,
            text=True,
            check=True,
        )
        out["compared_checkout"] = {"path": compare_with, **json.loads(other.stdout)}
        out["ratio"] = round(
            out["this_checkout"]["calls_per_cpu_second"] / out["compared_checkout"]["calls_per_cpu_second"], 2
        )
    return out


def bench_big_world(events: int, workers: int, repeats: int) -> dict[str, Any]:
    from env.generator import WorldShape
    from env.loader import load_generated_world

    shape = WorldShape(users=10_000, calendars=1_000, events=events, seed=13)
    load_before = load()
    started = time.perf_counter()
    world = load_generated_world(shape, workers=workers)
    build_s = time.perf_counter() - started
    out: dict[str, Any] = {
        "users": shape.users,
        "calendars": shape.calendars,
        "events": world.event_count,
        "workers": workers,
        "build_s": round(build_s, 1),
        "build_load_average_1m": [load_before, load()],
        "template_mb": round(world.template.stat().st_size / 2**20, 1),
    }
    started = time.perf_counter()
    env = CalendarEnv(world=world)
    out["first_env_ms"] = round((time.perf_counter() - started) * 1000, 2)
    calendar = world.default_actor

    def episode_then_reset() -> None:
        for n in range(10):
            checked(
                env,
                "events_insert",
                {
                    "calendarId": "primary",
                    "summary": f"Episode write {n}",
                    "start": {"dateTime": "2026-03-10T10:00:00-04:00"},
                    "end": {"dateTime": "2026-03-10T10:30:00-04:00"},
                },
            )
        started = time.perf_counter()
        env.reset()
        reset_ms.append((time.perf_counter() - started) * 1000)

    reset_ms: list[float] = []
    for _ in range(repeats):
        episode_then_reset()
    out["reset_after_10_writes"] = {
        "p50_ms": round(statistics.median(reset_ms), 4),
        "max_ms": round(max(reset_ms), 4),
        "load_average_1m": load(),
    }
    out["reset_idle"] = timed_ms(env.reset, repeats)
    listing = {"calendarId": calendar, "maxResults": 10}
    out["events_list_on_a_calendar"] = timed_ms(lambda: checked(env, "events_list", listing), repeats)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=200, help="timed calls per listing figure")
    parser.add_argument("--calls", type=int, default=20_000, help="calls of the growing-calendar workload")
    parser.add_argument("--growing-repeats", type=int, default=3)
    parser.add_argument("--series", type=int, default=150, help="recurring series on the windowed calendar")
    parser.add_argument("--big-events", type=int, default=1_000_000, help="0 skips the big world")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes building it")
    parser.add_argument("--compare-with", help="another checkout to run the growing workload on")
    parser.add_argument(
        "--sections", nargs="+", choices=["listing", "windowed", "growing", "big"], default=SECTIONS
    )
    parser.add_argument("--growing-only", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.growing_only:
        print(json.dumps(run_growing(options.calls, options.repeats)))
        return
    report: dict[str, Any] = {
        "benchmark": "scale_bench",
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_1m_before": load(),
        },
        "floors": FLOORS,
    }
    if "listing" in options.sections:
        report["listing"] = bench_listing(options.repeats)
    if "windowed" in options.sections:
        report["windowed_recurring"] = bench_windowed_recurring(options.repeats, options.series)
    if "growing" in options.sections:
        report["growing_mixed"] = bench_growing(options.calls, options.growing_repeats, options.compare_with)
    if "big" in options.sections and options.big_events:
        report["big_world"] = bench_big_world(options.big_events, options.workers, 50)
    report["meets_floors"] = _meets(report)
    report["machine"]["load_average_1m_after"] = load()
    print(json.dumps(report, indent=2))


def _meets(report: dict[str, Any]) -> dict[str, bool]:
    met = {}
    if "listing" in report:
        listing = report["listing"]
        met["listing_100k_p50_ms"] = listing["100k"]["p50_ms"] <= FLOORS["listing_100k_p50_ms"]
        met["listing_ratio_to_empty"] = listing["ratio_to_empty"] <= FLOORS["listing_ratio_to_empty"]
    if "windowed_recurring" in report:
        week = report["windowed_recurring"]["week"]["p50_ms"]
        met["windowed_recurring_p50_ms"] = week <= FLOORS["windowed_recurring_p50_ms"]
    if "growing_mixed" in report:
        rate = report["growing_mixed"]["this_checkout"]["calls_per_cpu_second"]
        met["growing_mixed_calls_per_cpu_second"] = rate >= FLOORS["growing_mixed_calls_per_cpu_second"]
    if "big_world" in report:
        met["big_world_reset_p50_ms"] = (
            report["big_world"]["reset_after_10_writes"]["p50_ms"] <= FLOORS["big_world_reset_p50_ms"]
        )
    return met


if __name__ == "__main__":
    main()

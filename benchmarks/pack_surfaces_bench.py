"""The guards on tool surfaces they were not written for, each described by a pack file alone.

Run: ``.venv/bin/python benchmarks/pack_surfaces_bench.py``. Prints one JSON object with, per surface,
the malformed-but-clear calls of ``tests/guards/surfaces`` judged by the state they leave: how many
the raw call got right, and for the guarded call how many were repaired, blocked correctly (no call
does what the user meant), blocked although clear, and passed through wrongly; plus the gold calls
(correct calls) that passed the guard unchanged, and the median guard latency per malformed call.

* ``graph-calendar``: a Microsoft-Graph-shaped calendar, ``Guard.check`` with in-process lookups;
* ``rooms-mcp``: a rooms-and-tickets MCP server through real agent graphs over a live in-memory MCP
  session (raw graph vs guarded graph), so its latency includes the graph and the transport.
"""

from __future__ import annotations

import asyncio
import json
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from guards import Guard, GuardContext
from tests.guards.surfaces import graph_cases
from tests.guards.surfaces.cases import Case, Judged, judge, tally
from tests.guards.surfaces.rooms_cases import CASES as ROOMS_CASES
from tests.guards.surfaces.rooms_cases import judge_rooms
from tests.guards.surfaces.rooms_mcp import ACTOR, NOW, PACK, ZONE, RoomsWorld, build_server


def graph_calendar() -> dict[str, Any]:
    guard = graph_cases.guard()
    judged: list[Judged] = []
    seconds: list[float] = []
    for case in graph_cases.CASES:
        started = time.perf_counter()
        judged.append(judge(case, graph_cases.new_surface, guard, graph_cases.context))
        seconds.append(time.perf_counter() - started)
    golds = [case for case in graph_cases.CASES if case.gold is not None]
    unchanged = 0
    for case in golds:
        tool, args = case.gold  # type: ignore[misc]
        verdict = guard.check(tool, args, graph_cases.context(graph_cases.new_surface(), case))
        unchanged += verdict.passed and verdict.args == args and not verdict.interventions
    return _report(judged, seconds, unchanged, len(golds))


def rooms_mcp() -> dict[str, Any]:
    async def run() -> tuple[list[Judged], list[float]]:
        judged, seconds = [], []
        for case in ROOMS_CASES:
            started = time.perf_counter()
            judged.append(await judge_rooms(case))
            seconds.append(time.perf_counter() - started)
        return judged, seconds

    judged, seconds = asyncio.run(run())
    golds = [case for case in ROOMS_CASES if case.gold is not None]
    return _report(judged, seconds, sum(_rooms_gold_unchanged(case) for case in golds), len(golds))


def _rooms_gold_unchanged(case: Case) -> bool:
    """The gold call through ``Guard.check`` with the server's tools called in-process."""
    server = build_server(RoomsWorld.seeded())
    schemas = {t.name: t.inputSchema for t in asyncio.run(server.list_tools())}

    def lookup(tool: str, args: dict[str, Any]) -> Any:
        return asyncio.run(server.call_tool(tool, args))[1]

    ctx = GuardContext(now=NOW, timezone=ZONE, user_messages=[case.request], lookup=lookup, actor=ACTOR)
    tool, args = case.gold  # type: ignore[misc]
    verdict = Guard(PACK, schemas).check(tool, args, ctx)
    return verdict.passed and verdict.args == args and not verdict.interventions


def _report(judged: list[Judged], seconds: list[float], unchanged: int, golds: int) -> dict[str, Any]:
    return {
        **tally(judged),
        "by_class": {j.case.klass: {"raw_right": j.raw_right, "guarded": j.guarded} for j in judged},
        "gold_calls": golds,
        "gold_passed_unchanged": unchanged,
        "median_ms_per_case_all_arms": round(statistics.median(seconds) * 1000, 2),
    }


def main() -> None:
    print(
        json.dumps(
            {
                "python": platform.python_version(),
                "surfaces": {"graph-calendar": graph_calendar(), "rooms-mcp": rooms_mcp()},
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()

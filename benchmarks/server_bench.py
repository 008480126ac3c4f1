"""Server speed: steps per second and step latency over the OpenEnv WebSocket and MCP HTTP (prints JSON).

Each server runs in its own process (``python -m env.server``) on 127.0.0.1; the clients run in this
process on asyncio, so on a 2-core machine client and server share the CPU, as they would for a
trainer on one box. Every client opens its own session and repeats the same agent-like cycle:
``calendars_list``, ``events_list`` for one day, ``settings_get`` and one ``events_insert`` (one
call in four writes). One step is one tool call; latency is measured around each call.

* OpenEnv WebSocket: one stateful connection per client, ``{"type": "step"}`` frames (the frames
  ``MCPEnvClient`` and OpenEnv's clients send).
* MCP HTTP: the official ``mcp`` SDK client (``ClientSession`` over streamable HTTP), one MCP session
  per client (``mcp_http``); and the same protocol as plain JSON-RPC posts over one keep-alive
  connection per client (``mcp_http_raw``), which leaves the SDK client's own cost out: on a 2-core
  machine that cost takes the core the server's second worker would use.

Each configuration is measured ``--repeats`` times against the same server; the figures are the
medians over repeats, with the load average beside each. ``--workers 1 2`` measures this checkout's
servers with each number of worker processes; ``--compare-with PATH`` also measures the servers of
another checkout (e.g. the previous release, one process) in the same run, and every figure gets
its ratio to that baseline. Repeats of the configurations are interleaved, so a burst of load from
elsewhere on the machine hits them alike.

    python benchmarks/server_bench.py [--seconds 3] [--repeats 3] [--clients 1 16] [--workers 1 2]
                                      [--compare-with DIR] [--transports openenv_ws mcp_http mcp_http_raw]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from mcp import ClientSession
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parents[1]

Call = Callable[[str, dict[str, Any]], Awaitable[dict[str, Any]]]


def cycle(step: int) -> tuple[str, dict[str, Any]]:
    """The step-th call of the workload (one write in four)."""
    day = 10 + (step // 4) % 15
    match step % 4:
        case 0:
            return "calendars_list", {}
        case 1:
            return "events_list", {
                "calendarId": "primary",
                "timeMin": f"2026-03-{day:02d}T00:00:00-04:00",
                "timeMax": f"2026-03-{day:02d}T23:59:59-04:00",
                "singleEvents": True,
            }
        case 2:
            return "settings_get", {"setting": "timezone"}
        case _:
            return "events_insert", {
                "calendarId": "primary",
                "summary": f"bench {step}",
                "start": {"dateTime": f"2026-03-{day:02d}T07:00:00-04:00"},
                "end": {"dateTime": f"2026-03-{day:02d}T07:30:00-04:00"},
            }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def server_process(transport: str, max_sessions: int, root: Path = ROOT, workers: int = 1) -> Iterator[str]:
    """Start ``python -m env.server`` (of checkout ``root``) and wait for /health; yields the base URL."""
    port = free_port()
    command = [sys.executable, "-m", "env.server", "--transport", transport, "--port", str(port)]
    command += ["--max-sessions", str(max_sessions), "--log-level", "error"]
    if workers > 1:
        command += ["--workers", str(workers)]
    process = subprocess.Popen(command, cwd=root, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"{transport} server did not start")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


async def openenv_client(
    base: str, stop: asyncio.Event, latencies: list[float], ready: asyncio.Barrier
) -> None:
    async with connect(base.replace("http://", "ws://") + "/ws", max_size=16 * 1024 * 1024) as ws:
        await ws.send(json.dumps({"type": "reset"}))
        await ws.recv()

        async def call(name: str, args: dict[str, Any]) -> dict[str, Any]:
            action = {"action_type": "ToolCallAction", "tool_name": name, "arguments": args}
            await ws.send(json.dumps({"type": "step", "data": action}))
            reply: dict[str, Any] = json.loads(await ws.recv())
            return reply

        await run_client(call, stop, latencies, ready)


async def mcp_client(base: str, stop: asyncio.Event, latencies: list[float], ready: asyncio.Barrier) -> None:
    async with (
        create_mcp_http_client() as http,
        streamable_http_client(f"{base}/mcp", http_client=http) as (read, write, _),
        ClientSession(read, write) as session,
    ):
        await session.initialize()

        async def call(name: str, args: dict[str, Any]) -> dict[str, Any]:
            result = await session.call_tool(name, args)
            return {"isError": result.isError}

        await run_client(call, stop, latencies, ready)


async def mcp_raw_client(
    base: str, stop: asyncio.Event, latencies: list[float], ready: asyncio.Barrier
) -> None:
    """MCP over streamable HTTP as plain JSON-RPC posts (what a host written in another language sends):
    one keep-alive connection and one MCP session per client, none of the SDK's client machinery."""
    headers = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=30) as http:
        hello = {
            "protocolVersion": "2025-06-18",
            "capabilities": {},
            "clientInfo": {"name": "bench", "version": "1"},
        }
        reply = await http.post(
            "/mcp", json={"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": hello}
        )
        reply.raise_for_status()
        http.headers["mcp-session-id"] = reply.headers["mcp-session-id"]
        http.headers["mcp-protocol-version"] = reply.json()["result"]["protocolVersion"]
        await http.post("/mcp", json={"jsonrpc": "2.0", "method": "notifications/initialized"})
        ids = itertools.count(1)

        async def call(name: str, args: dict[str, Any]) -> dict[str, Any]:
            params = {"name": name, "arguments": args}
            body = {"jsonrpc": "2.0", "id": next(ids), "method": "tools/call", "params": params}
            reply = await http.post("/mcp", json=body)
            reply.raise_for_status()
            return {"isError": reply.json()["result"].get("isError")}

        try:
            await run_client(call, stop, latencies, ready)
        finally:  # end the session, as the SDK client does: the server counts it against --max-sessions
            await http.delete("/mcp")


async def run_client(call: Call, stop: asyncio.Event, latencies: list[float], ready: asyncio.Barrier) -> None:
    for step in range(8):  # warm-up, not measured
        await call(*cycle(step))
    await ready.wait()
    step = 0
    while not stop.is_set():
        started = time.perf_counter()
        await call(*cycle(step))
        latencies.append(time.perf_counter() - started)
        step += 1


async def measure(
    client: Callable[..., Awaitable[None]], base: str, clients: int, seconds: float
) -> dict[str, Any]:
    stop = asyncio.Event()
    ready = asyncio.Barrier(clients + 1)
    latencies: list[float] = []
    tasks = [asyncio.create_task(client(base, stop, latencies, ready)) for _ in range(clients)]
    waiting = asyncio.create_task(ready.wait())
    await asyncio.wait([waiting, *tasks], return_when=asyncio.FIRST_COMPLETED)
    if not waiting.done():  # a client failed while warming up: report it rather than wait forever
        for task in [waiting, *tasks]:
            task.cancel()
        failed = next(task for task in tasks if task.done() and not task.cancelled())
        raise RuntimeError(f"a {client.__name__} failed before the measurement") from failed.exception()
    started = time.perf_counter()
    await asyncio.sleep(seconds)
    stop.set()
    steps = len(latencies)
    elapsed = time.perf_counter() - started
    await asyncio.gather(*tasks)
    ordered = sorted(latencies)
    return {
        "clients": clients,
        "steps": steps,
        "steps_per_s": round(steps / elapsed, 1),
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 2),
        "load_average_1m": round(os.getloadavg()[0], 2),
    }


def median_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Per-field medians over repeated runs of one configuration."""
    merged: dict[str, Any] = {"clients": runs[0]["clients"], "repeats": len(runs)}
    for key in ("steps_per_s", "p50_ms", "p99_ms", "load_average_1m"):
        merged[key] = round(statistics.median(run[key] for run in runs), 2)
    merged["steps_measured"] = sum(run["steps"] for run in runs)
    return merged


CLIENTS = {
    "openenv_ws": ("openenv", openenv_client),
    "mcp_http": ("http", mcp_client),
    "mcp_http_raw": ("http", mcp_raw_client),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="measured seconds per repeat")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 16])
    parser.add_argument("--workers", type=int, nargs="+", default=[1], help="worker processes to measure")
    parser.add_argument("--compare-with", type=Path, help="another checkout to measure as the baseline")
    parser.add_argument("--transports", nargs="+", choices=sorted(CLIENTS), default=list(CLIENTS))
    args = parser.parse_args()
    report: dict[str, Any] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            # Other processes on the box slow every figure; the load average says how busy it was.
            "load_average_1m_before": round(os.getloadavg()[0], 2),
        },
        "workload": "calendars_list, events_list (a day), settings_get, events_insert; a session per client",
    }
    setups: list[tuple[str, Path, int]] = []
    if args.compare_with is not None:
        setups.append(("baseline", args.compare_with.resolve(), 1))
    setups += [(f"workers_{count}", ROOT, count) for count in args.workers]
    for name in args.transports:
        transport, client = CLIENTS[name]
        runs: dict[tuple[str, int], list[dict[str, Any]]] = {}
        with contextlib.ExitStack() as stack:
            bases = {
                label: stack.enter_context(server_process(transport, max(args.clients) + 4, root, count))
                for label, root, count in setups
            }
            for _ in range(args.repeats):  # interleaved: every setup sees the same load
                for label in bases:
                    for n in args.clients:
                        run = asyncio.run(measure(client, bases[label], n, args.seconds))
                        runs.setdefault((label, n), []).append(run)
        results: dict[str, Any] = {}
        for label, _, _ in setups:
            results[label] = [median_of(runs[(label, n)]) for n in args.clients]
        if args.compare_with is not None:
            for rows in results.values():
                for row, base in zip(rows, results["baseline"], strict=True):
                    row["ratio_to_baseline"] = round(row["steps_per_s"] / base["steps_per_s"], 2)
        report[name] = results
    report["machine"]["load_average_1m_after"] = round(os.getloadavg()[0], 2)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

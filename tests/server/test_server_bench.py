"""The server benchmark's own clients: each ends its session, so repeats stay within --max-sessions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_plain_mcp_clients_end_their_sessions_so_repeats_stay_under_the_cap() -> None:
    # 3 clients x 3 repeats = 9 sessions against a cap of 7 (clients + 4): only ended sessions fit.
    command = [sys.executable, "benchmarks/server_bench.py", "--transports", "mcp_http_raw"]
    command += ["--clients", "3", "--repeats", "3", "--seconds", "0.2", "--workers", "1"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    [row] = json.loads(done.stdout)["mcp_http_raw"]["workers_1"]
    assert row["clients"] == 3 and row["repeats"] == 3 and row["steps_measured"] > 0

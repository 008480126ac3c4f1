"""One small real A/B run (simulated agent, bundled suite) shared by the trajectory and report tests."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from evals.cli import app

RUN_ARGS = ["--agent", "simulated:calibrated", "--suite", "calendar", "--limit", "6", "--trials", "1"]


def run_ab(out: Path) -> Path:
    """``guards ab`` into ``out`` (in-process, one worker); the run has flipped episodes."""
    result = CliRunner().invoke(app, ["ab", *RUN_ARGS, "--workers", "1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out

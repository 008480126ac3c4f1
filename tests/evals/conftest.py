"""Fixtures shared by the evaluation tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from evals.cli import app

RUN_ARGS = ["--agent", "simulated:calibrated", "--suite", "calendar", "--limit", "6", "--trials", "1"]


@pytest.fixture(scope="session")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One small real ``guards ab`` run (in-process, one worker) whose episodes flip between the arms;
    shared by the trajectory and report tests, which only read it (or put back what they change)."""
    out = tmp_path_factory.mktemp("ab")
    result = CliRunner().invoke(app, ["ab", *RUN_ARGS, "--workers", "1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out

"""The scorer of benchmarks/datetime_eval.py, loaded once for the datetime corpus tests."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).parents[2]
DATA = REPO / "tests" / "data"


@cache
def datetime_eval_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("datetime_eval", REPO / "benchmarks" / "datetime_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def calendar_scores(name: str) -> dict[str, Any]:
    """The scores of one calendar-convention corpus in tests/data."""
    module = datetime_eval_module()
    scores: dict[str, Any] = module.evaluate(module.load_rows(DATA / name))
    assert scores["convention"] == "calendar"
    return scores

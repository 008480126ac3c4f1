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


def assert_development_batch(name: str, *, recall: float, wrong: int = 0, false_positives: int = 0) -> None:
    """A development batch's floors: its recall, and no more wrong answers and false positives than given."""
    scores = calendar_scores(name)
    assert scores["gold"] >= 35 and scores["recall"] >= recall
    assert scores["wrong"] <= wrong and scores["wrong_day_part"] == 0
    assert scores["false_positives"] <= false_positives


def assert_held_out_batch(name: str, *, false_positives: int) -> None:
    """A held-out batch's ceiling: no answer 12 hours off, no more false positives than given."""
    scores = calendar_scores(name)
    assert scores["wrong_day_part"] == 0
    assert scores["false_positives"] <= false_positives

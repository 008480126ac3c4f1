"""Floors on the sixth to ninth development batches (datetime_calendar_more5-8.jsonl) and the
properties the sixth held-out batch (datetime_calendar_holdout6.jsonl) must hold: no answer 12 hours
off, no more false positives than when it was first scored. Its precision and recall are reported by
benchmarks/datetime_eval.py and never tuned against.
"""

from typing import Any

import pytest

from tests.guards.datetime_eval_module import DATA, datetime_eval_module


@pytest.fixture(scope="module")
def datetime_eval() -> Any:
    return datetime_eval_module()


def test_sixth_calendar_batch_meets_its_floors(datetime_eval: Any) -> None:
    scores = datetime_eval.evaluate(datetime_eval.load_rows(DATA / "datetime_calendar_more5.jsonl"))
    assert scores["convention"] == "calendar" and scores["gold"] >= 80
    # Below the issue's 0.99: a list of days sharing one time ("Wednesday, Thursday or Friday between
    # 9 and 6 PT") gives the time to the last day only, as the dev set reads it (see tests/data/README.md).
    assert scores["precision"] >= 0.97 and scores["recall"] >= 0.92
    assert scores["false_positives"] == 0 and scores["wrong_day_part"] == 0


@pytest.mark.parametrize("name", [f"datetime_calendar_more{n}.jsonl" for n in (6, 7, 8)])
def test_register_batches_meet_their_floors(datetime_eval: Any, name: str) -> None:
    scores = datetime_eval.evaluate(datetime_eval.load_rows(DATA / name))
    assert scores["convention"] == "calendar" and scores["gold"] >= 75
    # Below 0.99: a few gold answers follow readings the parser leaves open ("Fri, 12 Jun 2026 from
    # 15:00" as an open range, "a 24-hour pharmacy" as no duration); none is a wrong day or hour.
    assert scores["precision"] >= 0.96 and scores["recall"] >= 0.95
    assert scores["wrong_day_part"] == 0


def test_sixth_held_out_batch_has_no_answer_twelve_hours_off(datetime_eval: Any) -> None:
    scores = datetime_eval.evaluate(datetime_eval.load_rows(DATA / "datetime_calendar_holdout6.jsonl"))
    assert scores["wrong_day_part"] == 0
    # A ceiling, not the goal (zero): five when first scored, before any change of its round.
    assert scores["false_positives"] <= 5


def test_precision_batch_reads_no_price_version_or_ratio(datetime_eval: Any) -> None:
    scores = datetime_eval.evaluate(datetime_eval.load_rows(DATA / "datetime_calendar_more9.jsonl"))
    assert scores["gold"] >= 20 and scores["recall"] == 1.0
    assert scores["false_positives"] == 0 and scores["wrong"] == 0

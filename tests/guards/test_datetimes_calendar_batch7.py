"""Floors on the sixth round's development batches (datetime_calendar_more10-16.jsonl) and what its two
held-out batches (datetime_calendar_holdout7.jsonl, holdout8) must hold: no answer 12 hours off, no
more false positives than when they were last scored. Their precision and recall are reported by
benchmarks/datetime_eval.py and never tuned against.
"""

import pytest

from tests.guards.datetime_eval_module import calendar_scores


@pytest.mark.parametrize("name", [f"datetime_calendar_more{n}.jsonl" for n in (10, 12, 13, 14, 15, 16)])
def test_request_variety_and_long_message_batches_make_no_mistake(name: str) -> None:
    scores = calendar_scores(name)
    assert scores["gold"] >= 35 and scores["precision"] == 1.0 and scores["recall"] >= 0.96
    assert scores["false_positives"] == 0 and scores["wrong_day_part"] == 0


def test_precision_traps_batch() -> None:
    scores = calendar_scores("datetime_calendar_more11.jsonl")
    assert scores["gold"] >= 30 and scores["recall"] == 1.0 and scores["wrong"] == 0
    assert scores["false_positives"] == 0  # five at the round's start


@pytest.mark.parametrize("name", ["datetime_calendar_holdout7.jsonl", "datetime_calendar_holdout8.jsonl"])
def test_sixth_round_held_out_batches_have_no_answer_twelve_hours_off(name: str) -> None:
    scores = calendar_scores(name)
    assert scores["wrong_day_part"] == 0
    # A ceiling, not the goal (zero): one each when first scored.
    assert scores["false_positives"] <= 1

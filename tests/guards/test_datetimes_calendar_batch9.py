"""Floors on the ninth round's development batches (datetime_calendar_more53-65.jsonl) and what its
held-out batches (datetime_calendar_holdout18-22.jsonl) must hold: no answer 12 hours off, no more
false positives than when they were last scored. Their precision and recall are reported by
benchmarks/datetime_eval.py and never tuned against.
"""

import pytest

from tests.guards.datetime_eval_module import assert_development_batch, assert_held_out_batch

# what each development batch still gets wrong or reads where nothing is (conventions its writer read
# otherwise: "for two minutes at 11am", "within 3 days" as days, "starting Wednesday" as a point)
WRONG = {63: 4, 64: 1}
FALSE_POSITIVES = {60: 1, 61: 1, 63: 1}
# and each held-out batch, as a ceiling (the goal is zero)
HELD_OUT_FALSE_POSITIVES = {18: 3, 19: 1, 20: 2, 21: 4, 22: 2}


@pytest.mark.parametrize("number", range(53, 66))
def test_development_batches_make_no_more_mistakes_than_measured(number: int) -> None:
    name = f"datetime_calendar_more{number}.jsonl"
    wrong, false_positives = WRONG.get(number, 0), FALSE_POSITIVES.get(number, 0)
    assert_development_batch(name, recall=0.93, wrong=wrong, false_positives=false_positives)


@pytest.mark.parametrize("number", sorted(HELD_OUT_FALSE_POSITIVES))
def test_held_out_batches_have_no_answer_twelve_hours_off(number: int) -> None:
    name = f"datetime_calendar_holdout{number}.jsonl"
    assert_held_out_batch(name, false_positives=HELD_OUT_FALSE_POSITIVES[number])

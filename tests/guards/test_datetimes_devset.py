"""Regression floors on the datetime dev set (Recognizers-Text English DateTime specs).

The corpus ships in ``tests/data/datetime_dev.jsonl`` (MIT, see ``tests/data/README.md``), so a
missing file is a setup error, not a reason to skip.
"""

from pathlib import Path

import pytest

from tests.guards.datetime_eval_module import datetime_eval_module

REPO = Path(__file__).parents[2]
CORPUS = REPO / "tests" / "data" / "datetime_dev.jsonl"


@pytest.fixture(scope="module")
def report():
    if not CORPUS.exists():
        pytest.fail(f"dev set not found at {CORPUS}: it ships with the repository (tests/data/)")
    datetime_eval = datetime_eval_module()
    return datetime_eval.evaluate(datetime_eval.load_rows(CORPUS))


def test_point_rows_meet_the_floors(report):
    points = report["date_time_datetime"]
    assert points["gold"] >= 300
    assert points["precision"] >= 0.985
    assert points["recall"] >= 0.90


@pytest.mark.parametrize("kind", ["date", "time", "datetime"])
def test_each_point_type_is_precise(report, kind):
    assert report["per_type"][kind]["precision"] >= 0.95


def test_sentences_without_expressions_stay_empty(report):
    assert report["overall"]["false_positives"] == 0

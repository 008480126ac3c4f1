"""Floors on the calendar corpus (tests/data/datetime_calendar.jsonl and its development batches
datetime_calendar_more.jsonl, datetime_calendar_more2.jsonl and datetime_calendar_more3.jsonl, strict
calendar scoring), and the properties that must hold on the held-out parts too: no false positive, no
wrong half of the day.

The held-out files are scored here only for properties that must hold anywhere; their precision and
recall are reported by benchmarks/datetime_eval.py and never tuned against.
"""

from pathlib import Path

import pytest

from tests.guards.datetime_eval_module import datetime_eval_module

REPO = Path(__file__).parents[2]
DATA = REPO / "tests" / "data"


@pytest.fixture(scope="module")
def datetime_eval():
    return datetime_eval_module()


@pytest.fixture(scope="module")
def calendar(datetime_eval):
    return datetime_eval.evaluate(datetime_eval.load_rows(DATA / "datetime_calendar.jsonl"))


@pytest.fixture(scope="module")
def calendar_more(datetime_eval):
    return datetime_eval.evaluate(datetime_eval.load_rows(DATA / "datetime_calendar_more.jsonl"))


@pytest.fixture(scope="module")
def calendar_more2(datetime_eval):
    return datetime_eval.evaluate(datetime_eval.load_rows(DATA / "datetime_calendar_more2.jsonl"))


@pytest.fixture(scope="module")
def calendar_more3(datetime_eval):
    return datetime_eval.evaluate(datetime_eval.load_rows(DATA / "datetime_calendar_more3.jsonl"))


@pytest.fixture(scope="module")
def holdout(datetime_eval):
    return datetime_eval.evaluate(datetime_eval.load_rows(DATA / "datetime_calendar_holdout.jsonl"))


@pytest.fixture(scope="module")
def holdout2(datetime_eval):
    return datetime_eval.evaluate(datetime_eval.load_rows(DATA / "datetime_calendar_holdout2.jsonl"))


@pytest.fixture(scope="module")
def holdout3(datetime_eval):
    return datetime_eval.evaluate(datetime_eval.load_rows(DATA / "datetime_calendar_holdout3.jsonl"))


@pytest.fixture(scope="module")
def holdout4(datetime_eval):
    return datetime_eval.evaluate(datetime_eval.load_rows(DATA / "datetime_calendar_holdout4.jsonl"))


def test_calendar_corpus_meets_the_floors(calendar):
    assert calendar["convention"] == "calendar"
    assert calendar["gold"] >= 190
    assert calendar["precision"] >= 0.99
    assert calendar["recall"] >= 0.90


def test_second_calendar_batch_meets_the_floors(calendar_more):
    assert calendar_more["convention"] == "calendar"
    assert calendar_more["gold"] >= 180
    assert calendar_more["precision"] >= 0.99
    assert calendar_more["recall"] >= 0.90


def test_precision_batch_meets_the_floors(calendar_more2):
    assert calendar_more2["convention"] == "calendar"
    assert calendar_more2["gold"] >= 100
    assert calendar_more2["precision"] >= 0.99
    assert calendar_more2["recall"] >= 0.90


def test_fourth_development_batch_meets_the_floors(calendar_more3):
    assert calendar_more3["convention"] == "calendar"
    assert calendar_more3["gold"] >= 120
    assert calendar_more3["precision"] >= 0.99
    assert calendar_more3["recall"] >= 0.90


@pytest.mark.parametrize(
    "corpus",
    ["calendar", "calendar_more", "calendar_more2", "calendar_more3", "holdout", "holdout2", "holdout3"],
)
def test_no_false_positive_and_no_wrong_half_of_the_day(corpus, request):
    report = request.getfixturevalue(corpus)
    assert report["false_positives"] == 0
    assert report["wrong_day_part"] == 0


def test_fourth_held_out_batch_has_no_wrong_half_of_the_day(holdout4):
    assert holdout4["wrong_day_part"] == 0


def test_fourth_held_out_batch_gets_no_more_false_positives(holdout4):
    # A ceiling, not the goal (zero): the batch is held out, so its false positives are not looked
    # at; any new one fails here.
    assert holdout4["false_positives"] <= 2


def test_strict_scoring_rejects_a_wrong_answer(datetime_eval):
    rows = [
        {
            "text": "tomorrow at 3pm",
            "reference_datetime": "2026-12-01T10:00:00",
            "tz": "America/New_York",
            "span": "tomorrow at 3pm",
            "span_start": 0,
            "span_end": 14,
            "type": "datetime",
            "expected": [{"value": "2026-12-02T03:00:00-05:00"}],
        },
        {
            "text": "no time here",
            "reference_datetime": "2026-12-01T10:00:00",
            "tz": "America/New_York",
            "span": None,
            "span_start": None,
            "span_end": None,
            "type": "none",
            "expected": [],
        },
    ]
    report = datetime_eval.evaluate(rows)
    assert (report["correct"], report["wrong"], report["wrong_day_part"]) == (0, 1, 1)
    rows[0]["expected"] = [{"value": "2026-12-02T15:00:00-05:00"}]
    rows[0]["ambiguous"] = True  # an unambiguous answer to an ambiguous row is a silent guess
    assert datetime_eval.evaluate(rows)["wrong"] == 1

"""Statistics against values computed by hand on small fixed inputs."""

from __future__ import annotations

import pytest

from evals.records import EpisodeRecord
from evals.report.build import build_report
from evals.stats import bootstrap_mean_ci, mcnemar_exact, median, pass_hat_k, wilson_interval


def test_wilson_interval_matches_hand_computation() -> None:
    low, high = wilson_interval(8, 10)
    assert low == pytest.approx(0.4902, abs=1e-4)
    assert high == pytest.approx(0.9433, abs=1e-4)
    low, high = wilson_interval(0, 5)
    assert low == 0.0
    assert high == pytest.approx(0.4345, abs=1e-4)
    assert wilson_interval(0, 0) == (0.0, 1.0)
    with pytest.raises(ValueError):
        wilson_interval(3, 2)


def test_pass_hat_k_is_the_unbiased_estimator() -> None:
    outcomes = [(4, 2), (4, 4)]
    assert pass_hat_k(outcomes, 1) == pytest.approx(0.75)
    assert pass_hat_k(outcomes, 2) == pytest.approx((1 / 6 + 1) / 2)
    assert pass_hat_k(outcomes, 3) == pytest.approx(0.5)
    assert pass_hat_k([(2, 1)], 3) is None
    with pytest.raises(ValueError):
        pass_hat_k(outcomes, 0)


def test_mcnemar_exact_two_sided() -> None:
    assert mcnemar_exact(1, 9) == pytest.approx(22 / 1024)
    assert mcnemar_exact(9, 1) == pytest.approx(22 / 1024)
    assert mcnemar_exact(0, 0) == 1.0
    assert mcnemar_exact(3, 3) == pytest.approx(1.0)


def test_bootstrap_is_seeded_and_brackets_the_mean() -> None:
    assert bootstrap_mean_ci([0.5, 0.5, 0.5]) == (0.5, 0.5)
    values = [0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0, 0.0]
    low, high = bootstrap_mean_ci(values, seed=3)
    assert (low, high) == bootstrap_mean_ci(values, seed=3)
    assert low < sum(values) / len(values) < high
    assert low >= 0.0 and high <= 1.0
    assert bootstrap_mean_ci([]) == (0.0, 0.0)
    assert median([3.0, 1.0, 2.0, 10.0]) == 2.5


def record(task: str, variant: str, arm: str, trial: int, passed: bool, **extra: object) -> EpisodeRecord:
    return EpisodeRecord.model_validate(
        {
            "task_id": f"{task}-{variant}",
            "pair_id": task,
            "family": "fam",
            "variant": variant,
            "requires_write": True,
            "arm": arm,
            "trial": trial,
            "seed": 1,
            "passed": passed,
            "failed_expectation": None if passed else "x: not found",
            "failure_kind": None if passed else "missing_write",
            **extra,
        }
    )


def test_report_statistics_on_a_small_fixed_run() -> None:
    # One pair, two trials. Raw: explicit passes both, natural fails both.
    # Guarded: explicit passes trial 0 and fails trial 1 (after a block); natural passes both.
    records = [
        record("p", "explicit", "raw", 0, True, read_calls=1),
        record("p", "explicit", "raw", 1, True, read_calls=1),
        record("p", "natural", "raw", 0, False, errors_by_type={"not_found_error": 2}),
        record("p", "natural", "raw", 1, False, errors_by_type={"format_error": 1}),
        record("p", "explicit", "guarded", 0, True, guard_lookups=2),
        record("p", "explicit", "guarded", 1, False, interventions_by_kind={"block": 1}, guard_lookups=2),
        record(
            "p",
            "natural",
            "guarded",
            0,
            True,
            interventions_by_kind={"reference_resolved": 1},
            guard_lookups=2,
        ),
        record("p", "natural", "guarded", 1, True, guard_lookups=2, wrong_entity_writes=1),
    ]
    report = build_report(
        records, run_id="r", created_at="t", agent="a", suite="s", trials=2, seed=0, expected_episodes=8
    )
    assert report.meta.complete and report.meta.pairs == 1 and report.meta.tasks == 2
    raw_natural = report.rate("raw", "natural")
    assert raw_natural is not None and (raw_natural.successes, raw_natural.n) == (0, 2)
    guarded_all = report.rate("guarded", "all")
    assert guarded_all is not None and guarded_all.rate == pytest.approx(0.75)
    gaps = {g.arm: g for g in report.gaps}
    assert gaps["raw"].gap == pytest.approx(1.0) and gaps["raw"].ci_low == pytest.approx(1.0)
    assert gaps["guarded"].gap == pytest.approx(-0.5)
    paired = {p.variant: p for p in report.paired}
    assert (paired["all"].raw_only, paired["all"].guarded_only) == (1, 2)
    assert paired["all"].mcnemar_p == pytest.approx(1.0)
    assert paired["natural"].mean_difference == pytest.approx(1.0)
    assert paired["explicit"].mean_difference == pytest.approx(-0.5)
    assert paired["all"].mean_difference == pytest.approx(0.25)
    over = report.over_blocking
    assert (over.regressions, over.raw_passes, over.blocked, over.false_repairs) == (1, 2, 1, 0)
    assert over.rate == pytest.approx(0.5)
    pass_k = {(p.arm, p.variant): p.values for p in report.pass_k}
    assert pass_k[("guarded", "explicit")] == {1: pytest.approx(0.5), 2: pytest.approx(0.0)}
    assert pass_k[("guarded", "all")][2] == pytest.approx(0.5)
    assert report.error_types["raw"] == {"format_error": 1, "not_found_error": 2}
    assert report.failure_kinds == {"raw": {"missing_write": 2}, "guarded": {"missing_write": 1}}
    assert report.interventions["guarded"] == {"block": 1, "reference_resolved": 1}
    cost = {c.arm: c for c in report.cost}
    assert cost["raw"].lookups_total == pytest.approx(0.5)
    assert cost["guarded"].lookups_total == pytest.approx(2.0)
    assert report.extra_lookups_per_episode == pytest.approx(1.5)
    assert cost["guarded"].wrong_entity_writes == 1
    assert [(f.task_id, f.trial, f.direction) for f in report.flips] == [
        ("p-explicit", 1, "broken"),
        ("p-natural", 0, "fixed"),
        ("p-natural", 1, "fixed"),
    ]

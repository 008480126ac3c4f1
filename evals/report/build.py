"""Turn stored episode records into a :class:`~evals.report.schema.Report`."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from evals.records import ARMS, EpisodeRecord
from evals.report.mistakes import mistake_table
from evals.report.schema import (
    ArmCost,
    ArmVariantRate,
    FamilyResult,
    Flip,
    Gap,
    OverBlocking,
    PairedComparison,
    PassK,
    Rate,
    Report,
    RunMeta,
)
from evals.stats import bootstrap_mean_ci, mcnemar_exact, mean, median, pass_hat_k, wilson_interval

VARIANTS = ("explicit", "natural")
BLOCK_KINDS = frozenset({"block", "answer_check"})
BOOKKEEPING_KINDS = frozenset({"block", "retry", "reask", "idempotency_key"})


def rate_of(records: Iterable[EpisodeRecord]) -> Rate:
    """Successes, n, rate and Wilson CI of some episodes."""
    outcomes = [r.passed for r in records]
    successes, n = sum(outcomes), len(outcomes)
    low, high = wilson_interval(successes, n)
    return Rate(successes=successes, n=n, rate=successes / n if n else 0.0, ci_low=low, ci_high=high)


def _select(records: Sequence[EpisodeRecord], arm: str, variant: str = "all") -> list[EpisodeRecord]:
    return [r for r in records if r.arm == arm and (variant == "all" or r.variant == variant)]


def _success_cells(records: Sequence[EpisodeRecord]) -> list[ArmVariantRate]:
    cells = []
    for arm in ARMS:
        for variant in (*VARIANTS, "all"):
            chosen = _select(records, arm, variant)
            cells.append(ArmVariantRate(arm=arm, variant=variant, result=rate_of(chosen)))
            for group, needs_write in (("write", True), ("no_write", False)):
                grouped = [r for r in chosen if r.requires_write is needs_write]
                cells.append(ArmVariantRate(arm=arm, variant=variant, group=group, result=rate_of(grouped)))
    return cells


def _episode_pairs(
    records: Sequence[EpisodeRecord],
) -> dict[tuple[str, int], tuple[EpisodeRecord, EpisodeRecord]]:
    by_key: dict[tuple[str, int], dict[str, EpisodeRecord]] = defaultdict(dict)
    for record in records:
        by_key[(record.task_id, record.trial)][record.arm] = record
    return {key: (arms["raw"], arms["guarded"]) for key, arms in by_key.items() if len(arms) == 2}


def _paired(records: Sequence[EpisodeRecord], seed: int) -> list[PairedComparison]:
    pairs = _episode_pairs(records)
    results = []
    for variant in (*VARIANTS, "all"):
        chosen = [(raw, g) for raw, g in pairs.values() if variant == "all" or raw.variant == variant]
        per_task: dict[str, list[float]] = defaultdict(list)
        for raw, guarded in chosen:
            per_task[raw.task_id].append(float(guarded.passed) - float(raw.passed))
        differences = [mean(values) for values in per_task.values()]
        low, high = bootstrap_mean_ci(differences, seed=seed)
        raw_only = sum(1 for raw, g in chosen if raw.passed and not g.passed)
        guarded_only = sum(1 for raw, g in chosen if g.passed and not raw.passed)
        results.append(
            PairedComparison(
                variant=variant,
                tasks=len(per_task),
                mean_difference=mean(differences),
                ci_low=low,
                ci_high=high,
                raw_only=raw_only,
                guarded_only=guarded_only,
                mcnemar_p=mcnemar_exact(raw_only, guarded_only),
            )
        )
    return results


def _gaps(records: Sequence[EpisodeRecord], seed: int) -> list[Gap]:
    gaps = []
    for arm in ARMS:
        chosen = _select(records, arm)
        by_pair: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
        for r in chosen:
            by_pair[r.pair_id][r.variant].append(float(r.passed))
        complete = [v for v in by_pair.values() if v["explicit"] and v["natural"]]
        differences = [mean(v["explicit"]) - mean(v["natural"]) for v in complete]
        low, high = bootstrap_mean_ci(differences, seed=seed)
        explicit = rate_of(_select(chosen, arm, "explicit")).rate
        natural = rate_of(_select(chosen, arm, "natural")).rate
        gaps.append(
            Gap(
                arm=arm,
                explicit=explicit,
                natural=natural,
                gap=explicit - natural,
                ci_low=low,
                ci_high=high,
                pairs=len(complete),
            )
        )
    return gaps


def _pass_k(records: Sequence[EpisodeRecord], trials: int) -> list[PassK]:
    rows = []
    for arm in ARMS:
        for variant in (*VARIANTS, "all"):
            outcomes: dict[str, list[bool]] = defaultdict(list)
            for r in _select(records, arm, variant):
                outcomes[r.task_id].append(r.passed)
            counts = [(len(v), sum(v)) for v in outcomes.values()]
            values = {}
            for k in range(1, max(trials, 1) + 1):
                value = pass_hat_k(counts, k)
                if value is not None:
                    values[k] = value
            rows.append(PassK(arm=arm, variant=variant, values=values))
    return rows


def _families(records: Sequence[EpisodeRecord]) -> list[FamilyResult]:
    rows = []
    for family in sorted({r.family for r in records}):
        in_family = [r for r in records if r.family == family]
        for variant in (*VARIANTS, "all"):
            rows.append(
                FamilyResult(
                    family=family,
                    variant=variant,
                    raw=rate_of(_select(in_family, "raw", variant)),
                    guarded=rate_of(_select(in_family, "guarded", variant)),
                )
            )
    return rows


def _counter_by_arm(records: Sequence[EpisodeRecord], field: str) -> dict[str, dict[str, int]]:
    result: dict[str, dict[str, int]] = {}
    for arm in ARMS:
        total: Counter[str] = Counter()
        for r in _select(records, arm):
            total.update(getattr(r, field))
        result[arm] = dict(sorted(total.items()))
    return result


def _failure_kinds(records: Sequence[EpisodeRecord]) -> dict[str, dict[str, int]]:
    result: dict[str, dict[str, int]] = {}
    for arm in ARMS:
        kinds = Counter(r.failure_kind or "unknown" for r in _select(records, arm) if not r.passed)
        result[arm] = dict(sorted(kinds.items()))
    return result


def _over_blocking(records: Sequence[EpisodeRecord]) -> OverBlocking:
    pairs = list(_episode_pairs(records).values())
    regressions = [g for raw, g in pairs if raw.passed and not g.passed]
    raw_passes = sum(1 for raw, _ in pairs if raw.passed)
    blocked = sum(1 for g in regressions if any(g.interventions_by_kind.get(k) for k in BLOCK_KINDS))
    repaired = sum(
        1
        for g in regressions
        if not any(g.interventions_by_kind.get(k) for k in BLOCK_KINDS)
        and any(n for kind, n in g.interventions_by_kind.items() if kind not in BOOKKEEPING_KINDS)
    )
    return OverBlocking(
        regressions=len(regressions),
        raw_passes=raw_passes,
        rate=len(regressions) / raw_passes if raw_passes else 0.0,
        blocked=blocked,
        false_repairs=repaired,
    )


def _cost(records: Sequence[EpisodeRecord]) -> list[ArmCost]:
    rows = []
    for arm in ARMS:
        chosen = _select(records, arm)

        def avg(field: str, rows_: list[EpisodeRecord] = chosen) -> float:
            return mean([float(getattr(r, field)) for r in rows_])

        rows.append(
            ArmCost(
                arm=arm,
                episodes=len(chosen),
                tool_calls=avg("tool_calls"),
                read_calls=avg("read_calls"),
                write_calls=avg("write_calls"),
                guard_lookups=avg("guard_lookups"),
                lookups_total=mean([float(r.read_calls + r.guard_lookups) for r in chosen]),
                reasks=avg("reasks"),
                retries=avg("retries"),
                steps=avg("steps"),
                input_tokens=avg("input_tokens"),
                output_tokens=avg("output_tokens"),
                latency_mean_s=avg("latency_s"),
                latency_median_s=median([r.latency_s for r in chosen]),
                wrong_entity_writes=sum(r.wrong_entity_writes for r in chosen),
                episodes_with_wrong_entity_writes=sum(1 for r in chosen if r.wrong_entity_writes),
                crashed=sum(1 for r in chosen if r.crashed),
            )
        )
    return rows


def _flips(records: Sequence[EpisodeRecord]) -> list[Flip]:
    flips = []
    for (task_id, trial), (raw, guarded) in sorted(_episode_pairs(records).items()):
        if raw.passed == guarded.passed:
            continue
        flips.append(
            Flip(
                task_id=task_id,
                family=raw.family,
                variant=raw.variant,
                trial=trial,
                direction="fixed" if guarded.passed else "broken",
                raw_failure=raw.failed_expectation,
                guarded_failure=guarded.failed_expectation,
            )
        )
    return flips


def build_report(
    records: Sequence[EpisodeRecord],
    *,
    run_id: str,
    created_at: str,
    agent: str,
    suite: str,
    trials: int,
    seed: int,
    expected_episodes: int,
) -> Report:
    """Compute every statistic of the report from the episodes of one run."""
    cost = _cost(records)
    by_arm = {c.arm: c for c in cost}
    return Report(
        meta=RunMeta(
            run_id=run_id,
            created_at=created_at,
            agent=agent,
            suite=suite,
            trials=trials,
            seed=seed,
            tasks=len({r.task_id for r in records}),
            pairs=len({r.pair_id for r in records}),
            families=sorted({r.family for r in records}),
            episodes=len(records),
            expected_episodes=expected_episodes,
            complete=len(records) >= expected_episodes,
        ),
        success=_success_cells(records),
        paired=_paired(records, seed),
        gaps=_gaps(records, seed),
        pass_k=_pass_k(records, trials),
        families=_families(records),
        error_types=_counter_by_arm(records, "errors_by_type"),
        failure_kinds=_failure_kinds(records),
        interventions=_counter_by_arm(records, "interventions_by_kind"),
        over_blocking=_over_blocking(records),
        cost=cost,
        extra_lookups_per_episode=by_arm["guarded"].lookups_total - by_arm["raw"].lookups_total,
        flips=_flips(records),
        mistakes=mistake_table(records),
    )

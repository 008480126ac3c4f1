"""The table rows that the Markdown and HTML reports share (each renders them its own way)."""

from __future__ import annotations

from collections.abc import Sequence

from evals.report.schema import Flip, MistakeTable, Report
from evals.report.terminal import pct, rate_cell

Row = list[object]

SUCCESS_HEADER = ["arm", "tasks", "explicit", "natural", "all"]
GAP_HEADER = ["arm", "explicit", "natural", "gap", "95% bootstrap CI", "pairs"]
PAIRED_HEADER = ["variant", "tasks", "mean diff", "95% bootstrap CI", "raw-only", "guarded-only", "McNemar p"]
FAMILY_HEADER = ["family", "variant", "raw", "guarded"]
FLIP_HEADER = ["task", "trial", "direction", "raw failure", "guarded failure"]
COUNTS_HEADER = ["kind", "raw", "guarded"]
MISTAKE_HEADER = ["mistake", "raw episodes", "guarded episodes", "fixed", "harmed", "both failed"]


def success_rows(report: Report) -> list[Row]:
    """Success per arm and task group (all, write, no-write), per variant."""
    return [
        [arm, group, *[rate_cell(report.rate(arm, v, group)) for v in ("explicit", "natural", "all")]]
        for arm in ("raw", "guarded")
        for group in ("all", "write", "no_write")
    ]


def gap_rows(report: Report) -> list[Row]:
    """The explicit - natural gap per arm."""
    return [
        [
            g.arm,
            pct(g.explicit),
            pct(g.natural),
            f"{100 * g.gap:+.1f} pts",
            f"[{100 * g.ci_low:+.1f}, {100 * g.ci_high:+.1f}]",
            g.pairs,
        ]
        for g in report.gaps
    ]


def paired_rows(report: Report) -> list[Row]:
    """The paired guarded - raw difference per variant."""
    return [
        [
            p.variant,
            p.tasks,
            f"{100 * p.mean_difference:+.1f} pts",
            f"[{100 * p.ci_low:+.1f}, {100 * p.ci_high:+.1f}]",
            p.raw_only,
            p.guarded_only,
            f"{p.mcnemar_p:.3g}",
        ]
        for p in report.paired
    ]


def pass_k_table(report: Report) -> tuple[list[str], list[Row]]:
    """Header and rows of pass^k per arm and variant (one column per k)."""
    ks = sorted({k for row in report.pass_k for k in row.values})
    rows: list[Row] = [
        [r.arm, r.variant, *[pct(r.values[k]) if k in r.values else "-" for k in ks]] for r in report.pass_k
    ]
    return ["arm", "variant", *[f"k={k}" for k in ks]], rows


def family_rows(report: Report) -> list[Row]:
    """Success per task family and variant, raw and guarded."""
    return [[f.family, f.variant, rate_cell(f.raw), rate_cell(f.guarded)] for f in report.families]


def flip_rows(flips: Sequence[Flip]) -> list[Row]:
    """One row per episode whose outcome differs between the arms."""
    return [[f.task_id, f.trial, f.direction, f.raw_failure or "", f.guarded_failure or ""] for f in flips]


def counts_rows(counts: dict[str, dict[str, int]]) -> list[Row]:
    """Per kind, its count in the raw and the guarded arm (kinds sorted)."""
    kinds = sorted({k for arm in counts.values() for k in arm})
    return [[k, counts.get("raw", {}).get(k, 0), counts.get("guarded", {}).get(k, 0)] for k in kinds]


def mistake_rows(table: MistakeTable) -> list[Row]:
    """Per simulated-agent mistake: episodes per arm, and the pairs the guards fixed or harmed."""
    return [
        [r.mistake, r.raw_episodes, r.guarded_episodes, r.fixed, r.harmed, r.both_failed] for r in table.rows
    ]

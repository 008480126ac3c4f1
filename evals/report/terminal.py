"""The terminal summary of a report (rich tables)."""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table

from evals.report.schema import Rate, Report


def pct(value: float) -> str:
    return f"{100 * value:.1f}%"


def rate_cell(rate: Rate | None) -> str:
    """``87.5% [80.1-92.3] (n=120)``."""
    if rate is None or rate.n == 0:
        return "-"
    return f"{pct(rate.rate)} [{100 * rate.ci_low:.1f}-{100 * rate.ci_high:.1f}] n={rate.n}"


def short_rate(rate: Rate | None) -> str:
    """``87.5% (80-92)``: compact enough for an 80-column terminal."""
    if rate is None or rate.n == 0:
        return "-"
    return f"{pct(rate.rate)} ({100 * rate.ci_low:.0f}-{100 * rate.ci_high:.0f})"


def success_table(report: Report) -> Table:
    table = Table(title="Success by arm and variant, % (95% Wilson CI)", title_justify="left")
    table.add_column("arm")
    for column in ("explicit", "natural", "all", "write", "no-write", "gap e-n"):
        table.add_column(column, justify="right")
    gaps = {g.arm: g for g in report.gaps}
    for arm in ("raw", "guarded"):
        gap = gaps.get(arm)
        table.add_row(
            arm,
            short_rate(report.rate(arm, "explicit")),
            short_rate(report.rate(arm, "natural")),
            short_rate(report.rate(arm, "all")),
            short_rate(report.rate(arm, "all", "write")),
            short_rate(report.rate(arm, "all", "no_write")),
            f"{100 * gap.gap:+.1f}" if gap else "-",
        )
    return table


def paired_table(report: Report) -> Table:
    table = Table(title="Guarded minus raw, paired by task and trial (points)", title_justify="left")
    for column in ("variant", "tasks", "diff", "95% CI", "raw only", "guard only", "McNemar p"):
        table.add_column(column, justify="right")
    for row in report.paired:
        table.add_row(
            row.variant,
            str(row.tasks),
            f"{100 * row.mean_difference:+.1f}",
            f"[{100 * row.ci_low:+.0f}, {100 * row.ci_high:+.0f}]",
            str(row.raw_only),
            str(row.guarded_only),
            f"{row.mcnemar_p:.3g}",
        )
    return table


def cost_table(report: Report) -> Table:
    table = Table(title="Per episode (means); lookups = agent reads + guard lookups", title_justify="left")
    for column in ("arm", "calls", "lookups", "reasks", "wrong writes", "tokens in/out", "latency"):
        table.add_column(column, justify="right")
    for cost in report.cost:
        table.add_row(
            cost.arm,
            f"{cost.tool_calls:.2f}",
            f"{cost.lookups_total:.2f}",
            f"{cost.reasks:.2f}",
            str(cost.wrong_entity_writes),
            f"{cost.input_tokens:.0f}/{cost.output_tokens:.0f}",
            f"{1000 * cost.latency_mean_s:.0f} ms",
        )
    return table


def summary_lines(report: Report) -> list[str]:
    meta = report.meta
    over = report.over_blocking
    lines = [
        f"agent {meta.agent} | suite {meta.suite} | {meta.tasks} tasks ({meta.pairs} pairs, "
        f"{len(meta.families)} families) x {meta.trials} trials x 2 arms = {meta.episodes} episodes"
        + ("" if meta.complete else f" (incomplete: {meta.episodes}/{meta.expected_episodes})"),
        f"over-blocking: guarded failed where raw passed in {over.regressions} of {over.raw_passes} "
        f"raw passes ({pct(over.rate)}; {over.blocked} with a block, {over.false_repairs} false repairs)",
        f"extra lookups per episode (guarded - raw): {report.extra_lookups_per_episode:+.2f}",
    ]
    return lines


def render_terminal(report: Report, console: Console | None = None) -> None:
    """Print the summary tables."""
    console = console or Console()
    console.print(Group(*summary_lines(report)))
    console.print(success_table(report))
    console.print(paired_table(report))
    console.print(cost_table(report))

"""``report.md``: the report as Markdown tables."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from evals.report.schema import Report
from evals.report.terminal import pct, rate_cell, summary_lines

MAX_FLIPS = 60


def md_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _counts_table(title: str, counts: dict[str, dict[str, int]]) -> str:
    keys = sorted({k for arm in counts.values() for k in arm})
    if not keys:
        return f"### {title}\n\nnone\n"
    rows = [[k, counts.get("raw", {}).get(k, 0), counts.get("guarded", {}).get(k, 0)] for k in keys]
    return f"### {title}\n\n" + md_table(["kind", "raw", "guarded"], rows) + "\n"


def render_markdown(report: Report) -> str:
    """The whole report as a Markdown document."""
    meta = report.meta
    parts = [
        f"# A/B report: {meta.agent} on {meta.suite}",
        "",
        f"Run `{meta.run_id}` ({meta.created_at}).",
        "",
    ]
    parts += [f"- {line}" for line in summary_lines(report)]
    parts += ["", "## Success (95% Wilson CI)", ""]
    rows = []
    for arm in ("raw", "guarded"):
        for group in ("all", "write", "no_write"):
            rows.append(
                [arm, group]
                + [rate_cell(report.rate(arm, variant, group)) for variant in ("explicit", "natural", "all")]
            )
    parts.append(md_table(["arm", "tasks", "explicit", "natural", "all"], rows))
    parts += ["", "## Explicit - natural gap", ""]
    parts.append(
        md_table(
            ["arm", "explicit", "natural", "gap", "95% bootstrap CI", "pairs"],
            [
                [
                    g.arm,
                    pct(g.explicit),
                    pct(g.natural),
                    f"{100 * g.gap:+.1f} pts",
                    f"[{100 * g.ci_low:+.1f}, {100 * g.ci_high:+.1f}]",
                    g.pairs,
                ]
                for g in report.gaps
            ],
        )
    )
    parts += ["", "## Paired difference (guarded - raw)", ""]
    parts.append(
        md_table(
            ["variant", "tasks", "mean diff", "95% bootstrap CI", "raw-only", "guarded-only", "McNemar p"],
            [
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
            ],
        )
    )
    parts += ["", "## pass^k", ""]
    ks = sorted({k for row in report.pass_k for k in row.values})
    parts.append(
        md_table(
            ["arm", "variant", *[f"k={k}" for k in ks]],
            [
                [r.arm, r.variant, *[pct(r.values[k]) if k in r.values else "-" for k in ks]]
                for r in report.pass_k
            ],
        )
    )
    parts += ["", "## Families", ""]
    parts.append(
        md_table(
            ["family", "variant", "raw", "guarded"],
            [[f.family, f.variant, rate_cell(f.raw), rate_cell(f.guarded)] for f in report.families],
        )
    )
    parts += ["", "## Errors and interventions", ""]
    parts.append(_counts_table("Tool errors by type", report.error_types))
    parts.append(_counts_table("Failed episodes by kind", report.failure_kinds))
    parts.append(_counts_table("Guard interventions by kind", report.interventions))
    parts += ["## Cost per episode (means)", ""]
    parts.append(
        md_table(
            [
                "arm",
                "tool calls",
                "agent reads",
                "guard lookups",
                "reasks",
                "retries",
                "steps",
                "tokens in",
                "tokens out",
                "latency (mean)",
                "wrong-entity writes",
                "crashed",
            ],
            [
                [
                    c.arm,
                    f"{c.tool_calls:.2f}",
                    f"{c.read_calls:.2f}",
                    f"{c.guard_lookups:.2f}",
                    f"{c.reasks:.2f}",
                    f"{c.retries:.2f}",
                    f"{c.steps:.2f}",
                    f"{c.input_tokens:.0f}",
                    f"{c.output_tokens:.0f}",
                    f"{1000 * c.latency_mean_s:.0f} ms",
                    c.wrong_entity_writes,
                    c.crashed,
                ]
                for c in report.cost
            ],
        )
    )
    parts += ["", f"## Episodes that flipped ({len(report.flips)})", ""]
    shown = report.flips[:MAX_FLIPS]
    parts.append(
        md_table(
            ["task", "trial", "direction", "raw failure", "guarded failure"],
            [[f.task_id, f.trial, f.direction, f.raw_failure or "", f.guarded_failure or ""] for f in shown],
        )
    )
    if len(report.flips) > MAX_FLIPS:
        parts.append(f"\n... and {len(report.flips) - MAX_FLIPS} more (see report.json).")
    return "\n".join(parts) + "\n"

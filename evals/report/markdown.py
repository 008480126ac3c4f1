"""``report.md``: the report as Markdown tables."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from evals.report import rows
from evals.report.mistakes import mistake_note
from evals.report.real import real_markdown, settings_line
from evals.report.schema import Report
from evals.report.terminal import summary_lines

MAX_FLIPS = 60


def md_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _counts_table(title: str, counts: dict[str, dict[str, int]]) -> str:
    counted = rows.counts_rows(counts)
    if not counted:
        return f"### {title}\n\nnone\n"
    return f"### {title}\n\n" + md_table(rows.COUNTS_HEADER, counted) + "\n"


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
    parts.append(f"- {settings_line(report.run_settings)}")
    parts += ["", "## Success (95% Wilson CI)", ""]
    parts.append(md_table(rows.SUCCESS_HEADER, rows.success_rows(report)))
    parts += ["", "## Explicit - natural gap", ""]
    parts.append(md_table(rows.GAP_HEADER, rows.gap_rows(report)))
    parts += ["", "## Paired difference (guarded - raw)", ""]
    parts.append(md_table(rows.PAIRED_HEADER, rows.paired_rows(report)))
    parts += ["", "## pass^k", ""]
    parts.append(md_table(*rows.pass_k_table(report)))
    parts += ["", "## Families", ""]
    parts.append(md_table(rows.FAMILY_HEADER, rows.family_rows(report)))
    parts += ["", "## Errors and interventions", ""]
    parts.append(_counts_table("Tool errors by type", report.error_types))
    parts.append(_counts_table("Failed episodes by kind", report.failure_kinds))
    parts.append(_counts_table("Guard interventions by kind", report.interventions))
    parts += ["## Simulated-agent mistakes: fixed and harmed by the guards", ""]
    parts.append(mistake_note(report.mistakes))
    if report.mistakes.rows:
        parts += ["", md_table(rows.MISTAKE_HEADER, rows.mistake_rows(report.mistakes))]
    parts += ["", "## Cost per episode (means)", ""]
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
    parts.append(md_table(rows.FLIP_HEADER, rows.flip_rows(shown)))
    if len(report.flips) > MAX_FLIPS:
        parts.append(f"\n... and {len(report.flips) - MAX_FLIPS} more (see report.json).")
    if report.real is not None:
        parts += ["", real_markdown(report.real)]
    return "\n".join(parts) + "\n"

"""``report.html``: one self-contained page (inline CSS and SVG charts, no scripts, no network)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from evals.report import charts, rows
from evals.report.mistakes import mistake_note
from evals.report.real import real_html, settings_line
from evals.report.schema import Report
from evals.report.terminal import summary_lines

MAX_FLIPS = 200

_CSS = """
body { font-family: system-ui, -apple-system, Segoe UI, Roboto, sans-serif; margin: 2rem auto;
       max-width: 70rem; color: #222; padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.85rem; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.5rem; text-align: right; }
th { background: #f4f4f4; } td:first-child, th:first-child { text-align: left; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; } .chart { flex: 1 1 30rem; }
.chart svg { max-width: 100%; height: auto; }
.fixed { color: #2e7d32; } .broken { color: #c62828; } ul.summary li { margin: 0.2rem 0; }
"""


def _table(header: Sequence[str], rows: Iterable[Sequence[object]], classes: Sequence[str] = ()) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = []
    for index, row in enumerate(rows):
        css = f' class="{classes[index]}"' if index < len(classes) and classes[index] else ""
        body.append(f"<tr{css}>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _chart(svg: str, caption: str) -> str:
    return f'<figure class="chart">{svg}<figcaption>{escape(caption)}</figcaption></figure>'


def render_html(report: Report) -> str:
    """The whole report as a standalone HTML document."""
    meta = report.meta
    cost_rows = [
        [
            c.arm,
            f"{c.tool_calls:.2f}",
            f"{c.lookups_total:.2f}",
            f"{c.guard_lookups:.2f}",
            f"{c.reasks:.2f}",
            f"{c.input_tokens:.0f}/{c.output_tokens:.0f}",
            f"{1000 * c.latency_mean_s:.0f} ms",
            c.wrong_entity_writes,
            c.crashed,
        ]
        for c in report.cost
    ]
    flips = report.flips[:MAX_FLIPS]
    body = [
        f"<h1>A/B report: {escape(meta.agent)} on {escape(meta.suite)}</h1>",
        f"<p>Run <code>{escape(meta.run_id)}</code>, {escape(meta.created_at)}.</p>",
        '<ul class="summary">'
        + "".join(f"<li>{escape(line)}</li>" for line in summary_lines(report))
        + f"<li>{escape(settings_line(report.run_settings))}</li>"
        + "</ul>",
        "<h2>Success</h2>",
        '<div class="charts">',
        _chart(
            charts.success_chart(report), "Success per arm and variant; whiskers are 95% Wilson intervals."
        ),
        _chart(charts.family_chart(report), "Success per task family, both variants."),
        "</div>",
        _table(rows.SUCCESS_HEADER, rows.success_rows(report)),
        "<h2>Explicit vs natural gap</h2>",
        _table(rows.GAP_HEADER, rows.gap_rows(report)),
        "<h2>Paired difference (guarded - raw)</h2>",
        _table(rows.PAIRED_HEADER, rows.paired_rows(report)),
        "<h2>pass^k</h2>",
        _table(*rows.pass_k_table(report)),
        "<h2>Errors</h2>",
        '<div class="charts">',
        _chart(
            charts.stacked_counts_chart(report.error_types, "Tool errors by type", "errors"),
            "Structured errors returned to the agent (tool errors and guard blocks), per arm.",
        ),
        _chart(
            charts.stacked_counts_chart(report.failure_kinds, "Failed episodes by kind", "episodes"),
            "Why failed episodes failed (first failed expectation), per arm.",
        ),
        "</div>",
        "<h2>Guard interventions</h2>",
        _table(rows.COUNTS_HEADER, rows.counts_rows(report.interventions)),
        "<h2>Simulated-agent mistakes: fixed and harmed by the guards</h2>",
        f'<p class="note">{escape(mistake_note(report.mistakes))}</p>',
        _table(rows.MISTAKE_HEADER, rows.mistake_rows(report.mistakes)) if report.mistakes.rows else "",
        "<h2>Cost per episode (means)</h2>",
        _table(
            [
                "arm",
                "tool calls",
                "lookups (agent+guard)",
                "guard lookups",
                "reasks",
                "tokens in/out",
                "latency",
                "wrong-entity writes",
                "crashed",
            ],
            cost_rows,
        ),
        "<h2>Per family</h2>",
        _table(rows.FAMILY_HEADER, rows.family_rows(report)),
        f"<h2>Episodes that flipped ({len(report.flips)})</h2>",
        _chart(charts.flips_chart(report), "Per family: episodes the guards fixed (right) or broke (left)."),
        _table(rows.FLIP_HEADER, rows.flip_rows(flips), classes=[f.direction for f in flips]),
    ]
    if len(report.flips) > MAX_FLIPS:
        body.append(f"<p>... and {len(report.flips) - MAX_FLIPS} more (see report.json).</p>")
    if report.real is not None:
        body.append(real_html(report.real))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>lookup-guards A/B report - {escape(meta.run_id)}</title><style>{_CSS}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )

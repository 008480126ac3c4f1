"""``report.html``: one self-contained page (inline CSS and SVG charts, no scripts, no network).

With episode views (:mod:`evals.report.episodes`) the flips table and the per-family chart link to
them: each flip's task opens its view, each family's bar its group of views.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from evals.report import charts, rows
from evals.report.episodes import CSS as EPISODE_CSS
from evals.report.episodes import EpisodeView, episode_anchor, family_anchor, render_episode_views
from evals.report.mistakes import mistake_note
from evals.report.real import real_html, settings_line
from evals.report.schema import Flip, Report
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


def _flip_table(report: Report, flips: Sequence[Flip], shown: set[str]) -> str:
    """The flips table; a flip whose episode view is in the page links to it."""
    head = "".join(f"<th>{escape(h)}</th>" for h in rows.FLIP_HEADER)
    body = []
    for flip, cells in zip(flips, rows.flip_rows(flips), strict=True):
        anchor = episode_anchor(flip.task_id, flip.trial)
        first = escape(str(cells[0]))
        if anchor in shown:
            first = f'<a href="#{anchor}">{first}</a>'
        rest = "".join(f"<td>{escape(str(c))}</td>" for c in cells[1:])
        body.append(f'<tr class="{flip.direction}"><td>{first}</td>{rest}</tr>')
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _episode_section(views: Sequence[EpisodeView]) -> list[str]:
    if not views:
        return []
    return [
        f'<h2 id="episodes">Episode views ({len(views)})</h2>',
        "<p>Both arms of each episode: the calls the agent proposed, the guards' interventions "
        "(highlighted, with before and after), what was sent and what came back, the answer, the world "
        "diff and the grader's verdict.</p>",
        render_episode_views(views),
    ]


def render_html(report: Report, episodes: Sequence[EpisodeView] = ()) -> str:
    """The whole report as a standalone HTML document (with ``episodes``' views at the end)."""
    meta = report.meta
    shown = {view.anchor for view in episodes}
    family_links = {view.family: f"#{family_anchor(view.family)}" for view in episodes}
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
        _chart(
            charts.family_chart(report, links=family_links),
            "Success per task family, both variants"
            + ("; a family's bars link to its episode views." if family_links else "."),
        ),
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
        _flip_table(report, flips, shown),
    ]
    if len(report.flips) > MAX_FLIPS:
        body.append(f"<p>... and {len(report.flips) - MAX_FLIPS} more (see report.json).</p>")
    body += _episode_section(episodes)
    if report.real is not None:
        body.append(real_html(report.real))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>lookup-guards A/B report - {escape(meta.run_id)}</title>"
        f"<style>{_CSS}{EPISODE_CSS}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )


def render_episode_page(view: EpisodeView, title: str | None = None) -> str:
    """One episode view as a page of its own (``guards show --html``), styled like report.html."""
    heading = escape(title or f"{view.task_id}, trial {view.trial}")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>lookup-guards episode - {heading}</title><style>{_CSS}{EPISODE_CSS}</style></head>"
        f"<body>{render_episode_views([view])}</body></html>\n"
    )

"""The episode view of ``report.html``: both arms of a (task, trial) side by side, as HTML.

Every flipped episode gets one (and any task asked for with ``guards report --episodes``), linked from
the flips table and the per-family chart. The view shows what a reader needs to see why the arms
differ: each proposed call, the guard's interventions highlighted with their before and after, the
call that was sent, what came back, the final answer, the world diff and the grader's verdict. Plain
HTML and CSS only (``<details>`` folds long results), so the report stays one file with no scripts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from evals.report.schema import Report
from evals.store import DB_NAME, ResultStore
from evals.trace.model import CallTrace, InterventionTrace, Trajectory, WorldChange

MAX_EPISODE_VIEWS = 200
RESULT_CHARS = 4000
SUMMARY_CHARS = 160

CSS = """
.episode { border: 1px solid #ccc; border-radius: 4px; margin: 1rem 0; padding: 0.5rem 0.75rem; }
.episode:target { outline: 3px solid #1f77b4; }
.episode h4 { margin: 0.2rem 0; } .episode .instruction { font-style: italic; margin: 0.3rem 0; }
.arms { display: flex; gap: 0.75rem; align-items: flex-start; } .arm { flex: 1 1 0; min-width: 0; }
.arm h5 { margin: 0.3rem 0; font-size: 0.95rem; } .arm.passed h5 { color: #2e7d32; }
.arm.failed h5 { color: #c62828; }
.call { border-left: 3px solid #bbb; margin: 0.4rem 0; padding: 0.1rem 0.5rem; font-size: 0.8rem; }
.call.repaired { border-left-color: #f0ad4e; } .call.blocked { border-left-color: #c62828; }
.call pre, .episode pre { white-space: pre-wrap; word-break: break-all; margin: 0.15rem 0;
  background: #f7f7f7; padding: 0.2rem 0.35rem; font-size: 0.75rem; }
.badge { display: inline-block; padding: 0 0.35rem; border-radius: 3px; font-size: 0.7rem;
  background: #e0e0e0; } .badge.repaired { background: #f0ad4e; } .badge.blocked { background: #e57373; }
ul.interventions { margin: 0.2rem 0; padding-left: 1rem; }
li.iv { background: #fff3cd; margin: 0.1rem 0; padding: 0.1rem 0.3rem; list-style: square; }
li.iv.block { background: #f8d7da; } .iv .reason { color: #666; }
.result.error summary { color: #c62828; } .answer { margin: 0.4rem 0; }
.verdict.failed { color: #c62828; } .verdict.passed { color: #2e7d32; }
table.diff { table-layout: fixed; width: 100%; }
table.diff td, table.diff th { text-align: left; font-size: 0.75rem; word-break: break-all; }
table.diff td:first-child, table.diff th:first-child { width: 4.5rem; }
.arm > p, .arm .verdict { font-size: 0.85rem; }
"""


@dataclass(frozen=True)
class EpisodeView:
    """Both arms of one (task, trial); ``reason`` is why it is shown (fixed, broken or requested)."""

    task_id: str
    trial: int
    family: str
    reason: str
    raw: Trajectory | None
    guarded: Trajectory | None

    @property
    def anchor(self) -> str:
        return episode_anchor(self.task_id, self.trial)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "x"


def episode_anchor(task_id: str, trial: int) -> str:
    """The ``id`` of a (task, trial)'s view in report.html."""
    return f"ep-{_slug(task_id)}-t{trial}"


def family_anchor(family: str) -> str:
    """The ``id`` of a family's group of episode views."""
    return f"family-{_slug(family)}"


def load_episode_views(
    out_dir: str | Path, report: Report, requested: Sequence[str] = (), limit: int = MAX_EPISODE_VIEWS
) -> list[EpisodeView]:
    """The views for the report's flips (up to ``limit``) and for every trial of the ``requested`` tasks."""
    directory = Path(out_dir)
    if not (directory / DB_NAME).is_file():
        return []
    wanted: list[tuple[str, int, str, str]] = [
        (f.task_id, f.trial, f.family, f.direction) for f in report.flips[:limit]
    ]
    views: list[EpisodeView] = []
    with ResultStore.in_dir(directory) as store:
        for task_id in requested:
            for trial in store.trials_of(report.meta.run_id, task_id):
                if not any(w[0] == task_id and w[1] == trial for w in wanted):
                    wanted.append((task_id, trial, "", "requested"))
        for task_id, trial, family, reason in wanted:
            raw = store.trajectory(report.meta.run_id, task_id, "raw", trial)
            guarded = store.trajectory(report.meta.run_id, task_id, "guarded", trial)
            if raw is None and guarded is None:
                continue
            family = family or next(t.family for t in (raw, guarded) if t is not None)
            views.append(EpisodeView(task_id, trial, family, reason, raw, guarded))
    return views


def _json(value: Any, limit: int | None = None) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, indent=1, default=str)
    if limit is not None and len(text) > limit:
        text = text[:limit] + f"\n... ({len(text) - limit} more characters)"
    return escape(text)


def _one_line(value: Any, limit: int = SUMMARY_CHARS) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return escape(text if len(text) <= limit else text[: limit - 1] + "…")


def _intervention(item: InterventionTrace) -> str:
    css = "iv block" if item.kind == "block" else "iv"
    field = f" <code>{escape(item.field)}</code>" if item.field else ""
    change = ""
    if item.kind == "reask":
        change = f": the {escape(str(item.before))} went back to the agent to fix"
        return f'<li class="{css}" data-kind="reask"><b>reask</b>{change}</li>'
    if item.kind != "block" and (item.before is not None or item.after is not None):
        change = (
            f': <span class="before">{_one_line(item.before, 400)}</span> &rarr; '
            f'<span class="after">{_one_line(item.after, 400)}</span>'
        )
    reason = f' <span class="reason">({escape(item.reason)})</span>' if item.reason else ""
    kind = escape(item.kind)
    return f'<li class="{css}" data-kind="{kind}"><b>{kind}</b>{field}{change}{reason}</li>'


def _call(call: CallTrace) -> str:
    parts = [
        f'<div class="call {escape(call.verdict)}"><div class="call-head"><code>{escape(call.tool)}</code> '
        f'<span class="badge {escape(call.verdict)}">{escape(call.verdict)}</span></div>',
        f'<pre class="proposed">{_json(call.proposed_args)}</pre>',
    ]
    if call.interventions:
        parts.append('<ul class="interventions">' + "".join(map(_intervention, call.interventions)) + "</ul>")
    if call.verdict == "repaired":
        parts.append(f'<pre class="sent">sent {escape(call.sent_tool or "")} {_json(call.sent_args)}</pre>')
    if call.retries:
        parts.append(f"<div>retried {call.retries} time(s)</div>")
    if call.ok is not None:
        label = "ok" if call.ok else f"{call.error_type or 'error'} ({call.category or '?'})"
        css = "ok" if call.ok else "error"
        message = call.result.get("message") if isinstance(call.result, dict) and not call.ok else None
        parts.append(
            f'<details class="result {css}"><summary>{escape(label)}: {_one_line(message or call.result)}'
            f"</summary><pre>{_json(call.result, RESULT_CHARS)}</pre></details>"
        )
    parts.append("</div>")
    return "".join(parts)


def _change(change: WorldChange) -> str:
    shown = change.after if change.kind != "removed" else change.before
    if change.kind == "changed":
        shown = {f: (change.after or {}).get(f) for f in change.changed_fields}
    return (
        f"<tr><td>{escape(change.kind)}</td><td>{escape(change.key)}</td>"
        f"<td><pre>{_json(shown, 1200)}</pre></td></tr>"
    )


def _arm(arm: str, trajectory: Trajectory | None) -> str:
    if trajectory is None:
        return f'<div class="arm missing"><h5>{arm}: no trajectory stored</h5></div>'
    passed = bool(trajectory.grade and trajectory.grade.passed)
    state = "passed" if passed else "failed"
    body = [f'<div class="arm {arm} {state}" data-arm="{arm}"><h5>{arm} &mdash; {state}</h5>']
    for turn in trajectory.turns:
        if turn.role == "agent" and turn.calls:
            if turn.text:
                body.append(f"<p>{escape(turn.text)}</p>")
            body.extend(_call(call) for call in turn.calls)
    if trajectory.crashed:
        body.append(f'<p class="verdict failed">crashed: {escape(trajectory.crashed)}</p>')
    body.append(f'<p class="answer"><b>answer:</b> {escape(trajectory.final_answer or "(none)")}</p>')
    if trajectory.world_diff:
        rows = "".join(_change(c) for c in trajectory.world_diff)
        body.append(
            f'<table class="diff"><thead><tr><th>change</th><th>record</th><th>fields</th></tr>'
            f"</thead><tbody>{rows}</tbody></table>"
        )
    else:
        body.append("<p>world diff: no change</p>")
    failures = trajectory.grade.failures if trajectory.grade else []
    verdict = "".join(
        f"<li>{escape(f.get('kind', ''))}: {escape(f.get('message', ''))}</li>" for f in failures
    )
    body.append(
        f'<div class="verdict {state}"><b>verdict: {state}</b>'
        + (f"<ul>{verdict}</ul>" if verdict else "")
        + "</div>"
    )
    body.append("</div>")
    return "".join(body)


def _view(view: EpisodeView) -> str:
    label = {"fixed": "fixed by the guards", "broken": "broken by the guards"}.get(view.reason, view.reason)
    instruction = next((t.instruction for t in (view.guarded, view.raw) if t is not None), "")
    return (
        f'<article class="episode" data-reason="{escape(view.reason)}" id="{view.anchor}">'
        f"<h4>{escape(view.task_id)} &middot; trial {view.trial} &middot; {escape(label)}</h4>"
        f'<p class="instruction">{escape(instruction)}</p>'
        f'<div class="arms">{_arm("raw", view.raw)}{_arm("guarded", view.guarded)}</div></article>'
    )


def render_episode_views(views: Iterable[EpisodeView]) -> str:
    """The episode views grouped by family (each group has an anchor the family chart links to)."""
    by_family: dict[str, list[EpisodeView]] = {}
    for view in views:
        by_family.setdefault(view.family, []).append(view)
    sections = [
        f'<section class="family" id="{family_anchor(family)}"><h3>{escape(family)}</h3>'
        + "".join(_view(v) for v in group)
        + "</section>"
        for family, group in sorted(by_family.items())
    ]
    return "".join(sections)

"""``guards show``: one episode as a readable trace in the terminal (rich), or two arms side by side.

Guard interventions are the point of reading a trace, so they stand out (yellow; blocks red) and
are never shortened unless they are very long; tool results are shortened to a line unless ``full``.
"""

from __future__ import annotations

import json
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from evals.trace.model import CallTrace, InterventionTrace, Trajectory, WorldChange

RESULT_CHARS = 240
VALUE_CHARS = 400

_VERDICT_STYLE = {"sent": "green", "repaired": "yellow", "blocked": "bold red", "unanswered": "dim"}


def compact(value: Any, limit: int | None) -> str:
    """``value`` as one line of JSON (strings as they are), cut at ``limit`` characters."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    if limit is not None and len(text) > limit:
        return text[: limit - 1] + "…"
    return text


def _intervention(item: InterventionTrace, full: bool) -> Text:
    limit = None if full else VALUE_CHARS
    style = "bold red" if item.kind == "block" else "yellow"
    line = Text("    ~ ", style=style)
    line.append(item.kind, style=f"{style} bold")
    if item.field:
        line.append(f" {item.field}", style=style)
    if item.kind == "block":
        line.append(f": {compact(item.reason, limit)}", style=style)
        return line
    if item.kind == "reask":
        line.append(f": the {item.before} went back to the agent to fix", style=style)
        return line
    if item.before is not None or item.after is not None:
        line.append(f": {compact(item.before, limit)} → {compact(item.after, limit)}", style=style)
    if item.reason:
        line.append(f" ({compact(item.reason, limit)})", style="dim")
    return line


def _call(index: int, call: CallTrace, full: bool) -> list[RenderableType]:
    limit = None if full else RESULT_CHARS
    head = Text(f"  {index}. ", style="bold")
    head.append(call.tool, style="bold cyan")
    head.append(f"  [{call.verdict}]", style=_VERDICT_STYLE.get(call.verdict, ""))
    lines: list[RenderableType] = [head, Text(f"    proposed: {compact(call.proposed_args, limit)}")]
    lines += [_intervention(item, full) for item in call.interventions]
    if call.verdict == "repaired":
        sent = Text("    sent:     ", style="green")
        sent.append(f"{call.sent_tool} {compact(call.sent_args, limit)}")
        lines.append(sent)
    if call.retries:
        lines.append(Text(f"    retried {call.retries} time(s)", style="yellow"))
    if call.ok is None:
        lines.append(Text("    ← no result (the episode ended first)", style="dim"))
    elif call.ok:
        lines.append(Text(f"    ← ok: {compact(call.result, limit)}", style="dim"))
    else:
        back = Text(f"    ← {call.error_type or 'error'} ({call.category or '?'}): ", style="red")
        message = call.result.get("message") if isinstance(call.result, dict) else None
        back.append(compact(message or call.result, limit))
        lines.append(back)
    return lines


def _change(change: WorldChange, limit: int | None) -> Text:
    if change.kind == "added":
        return Text(f"  + {change.key} {compact(_brief(change.after), limit)}", style="green")
    if change.kind == "removed":
        return Text(f"  - {change.key}", style="red")
    fields = ", ".join(change.changed_fields)
    after = {f: (change.after or {}).get(f) for f in change.changed_fields}
    return Text(f"  ~ {change.key} ({fields}): {compact(after, limit)}", style="yellow")


def _brief(record: dict[str, Any] | None) -> dict[str, Any]:
    keep = ("summary", "calendarId", "start", "end", "attendees", "recurrence", "role", "scope")
    return {k: v for k, v in (record or {}).items() if k in keep}


def render_trajectory(trajectory: Trajectory, *, full: bool = False) -> RenderableType:
    """The whole episode: turns, calls, interventions, results, answer, world diff and verdict."""
    limit = None if full else RESULT_CHARS
    parts: list[RenderableType] = []
    number = 0
    last_agent = max((i for i, t in enumerate(trajectory.turns) if t.role == "agent"), default=-1)
    for index, turn in enumerate(trajectory.turns):
        if turn.role in ("user", "guard"):
            parts.append(Text.assemble((f"{turn.role}: ", "bold magenta"), turn.text))
            continue
        if turn.text and not turn.calls and index == last_agent:
            continue  # the final answer, shown below
        if turn.text:
            parts.append(Text.assemble(("agent: ", "bold blue"), turn.text))
        for call in turn.calls:
            number += 1
            parts.extend(_call(number, call, full))
    if trajectory.crashed:
        parts.append(Text(f"crashed: {trajectory.crashed}", style="bold red"))
    parts.append(Text.assemble(("answer: ", "bold blue"), trajectory.final_answer or "(none)"))
    if trajectory.final_status:
        parts.append(Text(f"final status: {trajectory.final_status}", style="blue"))
    parts.append(Text(f"stop: {trajectory.stop_reason or '-'}", style="dim"))
    parts.append(Text("world diff:" if trajectory.world_diff else "world diff: no change", style="bold"))
    parts.extend(_change(change, limit) for change in trajectory.world_diff)
    parts.append(_verdict(trajectory))
    grade = trajectory.grade
    title = f"{trajectory.task_id} · {trajectory.arm} · trial {trajectory.trial} · seed {trajectory.seed}" + (
        " · PASSED" if grade and grade.passed else " · FAILED"
    )
    return Panel(Group(*parts), title=title, title_align="left", border_style=_border(trajectory))


def _border(trajectory: Trajectory) -> str:
    return "green" if trajectory.grade and trajectory.grade.passed else "red"


def _verdict(trajectory: Trajectory) -> Text:
    grade = trajectory.grade
    if grade is None:
        return Text("verdict: not graded", style="dim")
    if grade.passed:
        return Text("verdict: passed", style="bold green")
    text = Text("verdict: failed", style="bold red")
    for failure in grade.failures:
        text.append(f"\n  {failure.get('kind')}: {failure.get('message')}", style="red")
    return text


def render_side_by_side(raw: Trajectory, guarded: Trajectory, *, full: bool = False) -> RenderableType:
    """The raw and the guarded arm of one (task, trial) next to each other."""
    table = Table.grid(expand=True, padding=(0, 1))
    table.add_column(ratio=1)
    table.add_column(ratio=1)
    table.add_row(render_trajectory(raw, full=full), render_trajectory(guarded, full=full))
    return table

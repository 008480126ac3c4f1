"""Build a :class:`Trajectory` from what an episode left: its graph state, world diff and grade.

Everything is read from the conversation, so the raw and guarded graphs need nothing extra: an
AIMessage holds the proposed calls; the guarded graph's ToolMessages carry the guard's record of each
call (``response_metadata["lookup_guards"]``: the arguments that ran, ``executed``, the category and
every intervention); the raw graph's ToolMessages hold the tool's own output, classified here with
the same taxonomy the guards use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage

from evals.trace.model import CallTrace, GradeTrace, InterventionTrace, Trajectory, Turn, WorldChange

BOOKKEEPING = frozenset({"reask", "retry", "block"})
"""Intervention kinds that say what the guard did about an error, not how it changed the call."""


def _intervention(data: Mapping[str, Any]) -> InterventionTrace:
    return InterventionTrace(
        kind=str(data.get("kind", "")),
        field=None if data.get("field") is None else str(data.get("field")),
        before=data.get("before"),
        after=data.get("after"),
        reason=str(data.get("reason") or ""),
        stage=None if data.get("stage") is None else str(data.get("stage")),
    )


def _proposed(message: AIMessage) -> list[CallTrace]:
    calls = [
        CallTrace(
            id=str(c.get("id") or ""), tool=c["name"], proposed_args=c.get("args"), verdict="unanswered"
        )
        for c in message.tool_calls
    ]
    calls += [
        CallTrace(
            id=str(c.get("id") or ""),
            tool=str(c.get("name") or ""),
            proposed_args=c.get("args"),
            verdict="unanswered",
        )
        for c in message.invalid_tool_calls
    ]
    return calls


def _answer_guarded(call: CallTrace, message: ToolMessage, meta: Mapping[str, Any], result: Any) -> None:
    call.interventions = [_intervention(i) for i in meta.get("interventions") or ()]
    error = meta.get("error")
    call.ok = error is None
    call.error_type = str(error.get("error_type")) if isinstance(error, Mapping) else None
    call.category = str(meta.get("category")) if meta.get("category") else None
    call.retries = sum(1 for i in call.interventions if i.kind == "retry")
    call.result = result
    if not meta.get("executed", True):
        call.verdict = "blocked"
        return
    call.sent_tool = str(meta.get("tool_name") or call.tool)
    call.sent_args = dict(meta.get("args") or {})
    changed = any(i.kind not in BOOKKEEPING for i in call.interventions)
    changed = changed or call.sent_tool != call.tool or call.sent_args != call.proposed_args
    call.verdict = "repaired" if changed else "sent"


def _answer_raw(call: CallTrace, message: ToolMessage, result: Any) -> None:
    from guards.recovery.classify import classify

    verdict = classify(result, call.tool)
    call.ok = verdict.ok
    call.error_type = None if verdict.error_type is None else str(verdict.error_type)
    call.category = str(verdict.category)
    call.result = result
    call.sent_tool = call.tool
    call.sent_args = dict(call.proposed_args) if isinstance(call.proposed_args, dict) else None
    call.verdict = "sent" if call.sent_args is not None else "blocked"


def turns_of(messages: Sequence[BaseMessage]) -> list[Turn]:
    """The conversation as turns, every ToolMessage folded into the call it answers."""
    from guards.graph import GUARD_METADATA_KEY, parse_tool_output
    from guards.graph.episode import is_guard_feedback

    turns: list[Turn] = []
    by_id: dict[str, CallTrace] = {}
    for message in messages:
        if is_guard_feedback(message):
            turns.append(Turn(role="guard", text=message.text))
        elif isinstance(message, HumanMessage):
            turns.append(Turn(role="user", text=message.text))
        elif isinstance(message, AIMessage):
            calls = _proposed(message)
            by_id.update({call.id: call for call in calls})
            turns.append(Turn(role="agent", text=message.text, calls=calls))
        elif isinstance(message, ToolMessage):
            call = by_id.get(str(message.tool_call_id))
            if call is None:
                continue
            result = parse_tool_output(message)
            meta = (message.response_metadata or {}).get(GUARD_METADATA_KEY)
            if isinstance(meta, Mapping):
                _answer_guarded(call, message, meta, result)
            else:
                _answer_raw(call, message, result)
    return turns


def world_changes(changes: Iterable[Any]) -> list[WorldChange]:
    """The diff as the grader judged it (:func:`evals.graders.normalize_changes`)."""
    from evals.graders import normalize_changes

    return [
        WorldChange(
            resource=c.resource,
            key=c.key,
            kind=c.kind,
            before=c.before,
            after=c.after,
            changed_fields=c.changed_fields() if c.kind == "changed" else [],
        )
        for c in normalize_changes(changes)
    ]


def _header(header: Mapping[str, Any]) -> dict[str, Any]:
    fixed = {key: header[key] for key in ("task_id", "arm", "trial", "seed")}
    return {**fixed, **{key: str(header.get(key, "")) for key in ("family", "variant", "instruction")}}


def capture_trajectory(
    header: Mapping[str, Any],
    state: Mapping[str, Any],
    *,
    changes: Iterable[Any] = (),
    grade: Any = None,
    final_answer: str = "",
    final_status: str | None = None,
) -> Trajectory:
    """The trajectory of one finished episode.

    ``header``: ``task_id``, ``arm``, ``trial``, ``seed``, ``family``, ``variant``, ``instruction``.
    ``state``: the graph's final state. ``changes``: the world diff; ``grade``: the
    :class:`evals.graders.GradeResult`.
    """
    turns = turns_of(state.get("messages", []))
    tied = {call.id for turn in turns for call in turn.calls}
    loose = [
        _intervention(i) for i in state.get("interventions", []) if str(i.get("tool_call_id")) not in tied
    ]
    verdict = None
    if grade is not None:
        failures = [{"kind": str(f.kind), "message": f.message} for f in grade.failure_list]
        verdict = GradeTrace(passed=bool(grade.passed), failures=failures)
    return Trajectory.model_validate(
        {
            **_header(header),
            "turns": turns,
            "other_interventions": loose,
            "final_answer": final_answer,
            "final_status": final_status,
            "stop_reason": state.get("stop_reason"),
            "world_diff": world_changes(changes),
            "grade": verdict,
        }
    )


def crashed_trajectory(header: Mapping[str, Any], detail: str) -> Trajectory:
    """The trajectory of an episode that crashed before it could finish (only the crash is known)."""
    failure = {"kind": "crash", "message": detail}
    return Trajectory.model_validate(
        {**_header(header), "crashed": detail, "grade": {"passed": False, "failures": [failure]}}
    )

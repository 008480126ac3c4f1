"""One proposed tool call on its way through the graph, kept as plain data in ``state["pending"]``.

A record starts as the model proposed the call and collects what each node decided: repaired
arguments, interventions, the verdict, and — once executed — the raw output and parsed result. Keeping
it as a dict (not a live object) lets a checkpointer store a graph stopped between two nodes.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from langchain_core.messages import ToolCall, ToolMessage

from guards.call import Blocked, PendingCall, Stage
from guards.context import GuardContext
from guards.core import Guard
from guards.graph.episode import GUARD_METADATA_KEY
from guards.graph.tools import message_content
from guards.verdict import Intervention, InterventionKind

PROPOSED, PASSED, BLOCKED, EXECUTED = "proposed", "passed", "blocked", "executed"


def new_record(call: ToolCall) -> dict[str, Any]:
    """A record for a tool call exactly as the model proposed it."""
    args = call.get("args")
    return {
        "id": str(call.get("id") or ""),
        "tool_name": call["name"],
        "args": copy.deepcopy(args) if isinstance(args, dict) else args,
        "proposed": {"tool_name": call["name"], "args": copy.deepcopy(args)},
        "resolved_fields": [],
        "target_item": None,
        "interventions": [],
        "status": PROPOSED,
        "error": None,
        "output": None,
        "result": None,
    }


def intervention_dict(intervention: Intervention, record: dict[str, Any], stage: str) -> dict[str, Any]:
    """An intervention as state data, tagged with its call and graph stage."""
    return {**intervention.to_dict(), "tool_call_id": record["id"], "stage": stage}


def run_stages(
    guard: Guard,
    stages: Sequence[Stage],
    record: dict[str, Any],
    ctx: GuardContext,
    stage_name: str,
) -> list[dict[str, Any]]:
    """Run guard stages on a record in place; returns the interventions they made.

    The record keeps what the stages learnt (fields resolved now) so that the ``validate`` node, run
    later and perhaps in another process, sees the same call the ``resolve`` node left.
    """
    call = PendingCall(
        tool_name=record["tool_name"],
        args=copy.deepcopy(record["args"]) if isinstance(record["args"], dict) else record["args"],
        original_tool_name=record["proposed"]["tool_name"],
        resolved_fields=set(record["resolved_fields"]),
        target_item=record.get("target_item"),
    )
    error: dict[str, Any] | None = None
    try:
        for stage in stages:
            stage(call, ctx, guard.catalog)
    except Blocked as blocked:
        error = blocked.error
    made = [intervention_dict(item, record, stage_name) for item in call.interventions]
    record["tool_name"] = call.tool_name
    record["args"] = call.args
    record["resolved_fields"] = sorted(call.resolved_fields)
    record["target_item"] = call.target_item
    record["interventions"] = [*record["interventions"], *made]
    if error is not None:
        record["status"] = BLOCKED
        record["error"] = error
        block = Intervention(
            InterventionKind.BLOCK,
            call.tool_name,
            _error_field(error),
            record["proposed"]["args"],
            None,
            f"{error.get('error_type')}: {error.get('message')}",
        )
        made.append(intervention_dict(block, record, stage_name))
        record["interventions"].append(made[-1])
    else:
        record["status"] = PASSED
    return made


def _error_field(error: dict[str, Any]) -> str | None:
    details = error.get("details") or {}
    field = details.get("field") if isinstance(details, dict) else None
    return str(field) if field is not None else None


def blocked_entry(record: dict[str, Any]) -> dict[str, Any]:
    """What ``state["blocked"]`` keeps about a blocked call."""
    return {
        "tool_call_id": record["id"],
        "tool_name": record["tool_name"],
        "args": record["proposed"]["args"],
        "error": record["error"],
    }


def tool_message(
    record: dict[str, Any],
    content: Any,
    *,
    error: dict[str, Any] | None,
    category: str,
    executed: bool,
) -> ToolMessage:
    """The ToolMessage answering a record's call, with the guard's metadata attached.

    ``executed`` tells later steps whether the call reached the tool (their grounding reads only
    executed calls); the metadata also keeps the arguments that ran and every intervention.
    """
    meta = {
        "tool_name": record["tool_name"],
        "args": record["args"] if isinstance(record["args"], dict) else {},
        "proposed": record["proposed"],
        "executed": executed,
        "category": category,
        "error": error,
        "interventions": record["interventions"],
    }
    return ToolMessage(
        content=message_content(content),
        tool_call_id=record["id"],
        name=record["proposed"]["tool_name"],
        status="error" if error is not None else "success",
        response_metadata={GUARD_METADATA_KEY: meta},
    )

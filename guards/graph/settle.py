"""Settle a call: turn its verdict or its execution into the one ToolMessage the agent gets back.

This is the ``retry`` node's work for one call, shared with the drop-in integrations:

* a blocked call becomes a structured error with feedback (it never ran);
* a result is classified; a transient failure is re-executed with backoff when that cannot duplicate a
  write; a repairable error goes back to the agent with feedback (within the re-ask budgets); a
  permanent one goes back as final.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import ToolMessage

from guards.classify import Classification, classify
from guards.graph.calls import BLOCKED, EXECUTED, intervention_dict, tool_message
from guards.graph.state import Budgets
from guards.graph.tools import ToolRun, message_content
from guards.pack import DomainPack
from guards.verdict import Intervention, InterventionKind


@dataclass
class Usage:
    """What settling calls used, as additive state updates."""

    interventions: list[dict[str, Any]] = field(default_factory=list)
    retries: int = 0
    reasks: int = 0
    errors: dict[str, int] = field(default_factory=dict)

    def count_error(self, error_type: str | None) -> None:
        key = error_type or "unknown"
        self.errors[key] = self.errors.get(key, 0) + 1

    def as_update(self) -> dict[str, Any]:
        return {
            "interventions": self.interventions,
            "retries": self.retries,
            "reasks": self.reasks,
            "errors": self.errors,
        }


@dataclass
class Settler:
    """Classifies, retries and writes feedback for calls, within :class:`Budgets`."""

    pack: DomainPack
    budgets: Budgets
    schemas: Mapping[str, Mapping[str, Any]]
    sleep: Callable[[float], None] | None = None

    def settle(
        self,
        record: dict[str, Any],
        rerun: Callable[[], ToolRun],
        usage: Usage,
        earlier_reasks: int,
    ) -> ToolMessage:
        """The ToolMessage for a blocked or executed record (updating ``record`` and ``usage``)."""
        if record["status"] == BLOCKED:
            usage.count_error(record["error"].get("error_type"))
            return self._feedback(record, record["error"], "blocked", usage, earlier_reasks, executed=False)
        if record["status"] != EXECUTED:
            raise ValueError(f"call {record['id']} is neither blocked nor executed")
        verdict = classify(record["result"], record["tool_name"])
        if verdict.category == "transient":
            verdict = self._retry(record, verdict, rerun, usage)
        if verdict.ok:
            return tool_message(record, record["output"], error=None, category="ok", executed=True)
        error = verdict.error or {}
        usage.count_error(error.get("error_type"))
        return self._feedback(record, error, verdict.category, usage, earlier_reasks, executed=True)

    def _retry(
        self,
        record: dict[str, Any],
        verdict: Classification,
        rerun: Callable[[], ToolRun],
        usage: Usage,
    ) -> Classification:
        if not _may_retry(self.pack, record["tool_name"], record["args"], verdict):
            return verdict
        attempts: list[ToolRun] = []
        final = verdict
        for _ in range(self.budgets.max_retries):
            if self.sleep is not None:
                self.sleep(final.retry_after or 0.1)
            attempts.append(rerun())
            final = classify(attempts[-1].result, record["tool_name"])
            if final.category != "transient":
                break
        usage.retries += len(attempts)
        for number, _ in enumerate(attempts, start=1):
            note = Intervention(
                InterventionKind.RETRY,
                record["tool_name"],
                None,
                verdict.error_type,
                number,
                f"re-executed after {verdict.error_type} (attempt {number + 1})",
            )
            usage.interventions.append(intervention_dict(note, record, "retry"))
        if attempts:
            record["output"] = message_content(attempts[-1].output)
            record["result"] = attempts[-1].result
        return final

    def _feedback(
        self,
        record: dict[str, Any],
        error: dict[str, Any],
        category: str,
        usage: Usage,
        earlier_reasks: int,
        *,
        executed: bool,
    ) -> ToolMessage:
        final = category == "permanent" or earlier_reasks >= self.budgets.max_reasks_per_call
        text = _feedback_message(error, final=final)
        if not final:
            usage.reasks += 1
            note = Intervention(
                InterventionKind.REASK,
                record["tool_name"],
                None,
                error.get("error_type"),
                None,
                "structured error returned to the agent to fix the call",
            )
            usage.interventions.append(intervention_dict(note, record, "retry"))
        return tool_message(record, text, error=error, category=category, executed=executed)


def _may_retry(pack: DomainPack, tool_name: str, args: Any, verdict: Classification) -> bool:
    if not pack.is_write(tool_name) or not verdict.may_have_applied:
        return True
    key = pack.idempotency.get(tool_name)
    return bool(key) and isinstance(args, dict) and key in args


def _feedback_message(error: dict[str, Any], *, final: bool) -> str:
    import json

    return json.dumps({"error": error, "final": final})

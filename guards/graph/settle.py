"""Settle a call: turn its verdict or its execution into the one ToolMessage the agent gets back.

This is the ``retry`` node's work for one call, shared with the drop-in integrations:

* a blocked call becomes a structured error with feedback (it never ran);
* a result is classified (:mod:`guards.recovery.classify`); a transient failure is re-executed with
  backoff when that cannot duplicate a write (:mod:`guards.recovery.retry`); a repairable error goes back
  to the agent with feedback within the re-ask budget (:mod:`guards.recovery.feedback`); a permanent one
  goes back as final.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import ToolMessage

from guards.graph.calls import BLOCKED, EXECUTED, intervention_dict, tool_message
from guards.graph.state import Budgets
from guards.graph.tools import ToolRun, message_content
from guards.pack import DomainPack
from guards.paths import PathError, has_path
from guards.recovery.classify import Classification, classify
from guards.recovery.feedback import ReaskBudget, feedback_message, fields_to_fix
from guards.recovery.retry import (
    RetryBudget,
    execute_with_retry,
    existing_resource_fetcher,
    has_idempotency_key,
    may_retry,
)
from guards.recovery.wire import as_wire_error
from guards.schema.examples import ExampleClock, example_call
from guards.verdict import Intervention, InterventionKind

Read = Callable[[str, dict[str, Any]], Any]

REPEATED_IN_ERROR = frozenset(
    {
        "error_type",
        "tool",
        "message",
        "candidates",
        "suggestions",
        "invalid_fields",
        "expected_format",
        "received",
        "retry_after",
    }
)
"""Feedback keys that only repeat the error itself; the agent reads them in the error."""

EXAMPLE_ERRORS = frozenset({"validation_error", "format_error"})
"""Errors about the shape of the arguments, where a valid example call helps the agent most."""


@dataclass
class Usage:
    """What settling calls used, as additive state updates.

    ``reasks_used`` holds the re-asks per call key (the tool name) so far in the episode, including
    those of earlier turns, so the budget survives checkpoints; ``out_of_reasks`` is set when an
    error needed a re-ask and the episode had none left.
    """

    interventions: list[dict[str, Any]] = field(default_factory=list)
    retries: int = 0
    reasks: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    reasks_used: dict[str, int] = field(default_factory=dict)
    episode_retries: int = 0
    out_of_reasks: bool = False

    def count_error(self, error_type: str | None) -> None:
        key = str(error_type or "unknown")
        self.errors[key] = self.errors.get(key, 0) + 1

    def as_update(self) -> dict[str, Any]:
        return {
            "interventions": self.interventions,
            "retries": self.retries,
            "reasks": self.reasks,
            "errors": self.errors,
        }


def reasks_by_tool(interventions: list[dict[str, Any]]) -> dict[str, int]:
    """Re-asks per tool name, counted from recorded ``reask`` interventions."""
    used: dict[str, int] = {}
    for item in interventions:
        if item.get("kind") == InterventionKind.REASK:
            used[str(item.get("tool"))] = used.get(str(item.get("tool")), 0) + 1
    return used


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
        read: Read | None = None,
        clock: ExampleClock | None = None,
    ) -> ToolMessage:
        """The ToolMessage for a blocked or executed record (updating ``record`` and ``usage``);
        ``clock`` (the user's zone and day) makes the datetimes of an added example true."""
        if record["status"] == BLOCKED:
            verdict = classify(record["error"], record["tool_name"])
            usage.count_error(str(verdict.error_type or record["error"].get("error_type")))
            return self._feedback(record, record["error"], verdict, usage, executed=False, clock=clock)
        if record["status"] != EXECUTED:
            raise ValueError(f"call {record['id']} is neither blocked nor executed")
        record["result"] = as_wire_error(record["result"], record["tool_name"], self.pack.errors)
        verdict = classify(record["result"], record["tool_name"])
        if verdict.category == "transient":
            verdict = self._retry(record, verdict, rerun, usage, read)
        if verdict.ok:
            return tool_message(record, record["output"], error=None, category="ok", executed=True)
        error = dict(verdict.error or {})
        usage.count_error(str(verdict.error_type))
        return self._feedback(record, error, verdict, usage, executed=True, clock=clock)

    def _retry(
        self,
        record: dict[str, Any],
        verdict: Classification,
        rerun: Callable[[], ToolRun],
        usage: Usage,
        read: Read | None,
    ) -> Classification:
        tool_name, args = record["tool_name"], record["args"] if isinstance(record["args"], dict) else {}
        if not may_retry(self.pack, tool_name, args, verdict):
            return verdict
        outputs: list[Any] = []

        def execute(name: str, call_args: dict[str, Any]) -> Any:
            run = rerun()
            outputs.append(run.output)
            return as_wire_error(run.result, name, self.pack.errors)

        def on_attempt(number: int, seen: Classification, wait: float | None) -> None:
            if number < 2:
                return
            note = Intervention(
                InterventionKind.RETRY,
                tool_name,
                None,
                str(verdict.error_type),
                str(seen.error_type) if seen.error_type else "ok",
                f"attempt {number} after a {verdict.error_type}",
            )
            usage.interventions.append(intervention_dict(note, record, "retry"))
            record["interventions"].append(usage.interventions[-1])

        budget = RetryBudget(
            max_attempts=self.budgets.max_retries + 1,
            max_episode_retries=self.budgets.max_retries_per_episode,
            max_wait=self.budgets.retry_max_wait_s,
            sleep=self.sleep or time.sleep,
            episode_retries=usage.episode_retries,
        )
        is_write = self.pack.is_write(tool_name)
        outcome = execute_with_retry(
            execute,
            tool_name,
            args,
            is_write=is_write,
            idempotent=not is_write or has_idempotency_key(self.pack, tool_name, args),
            budget=budget,
            on_attempt=on_attempt,
            first=record["result"],
            fetch_existing=existing_resource_fetcher(self.pack, read, tool_name, args) if read else None,
        )
        usage.retries += outcome.attempts - 1
        usage.episode_retries = budget.episode_retries
        final_output = outcome.result if outcome.deduplicated else (outputs[-1] if outputs else None)
        if final_output is not None:
            record["output"] = message_content(final_output)
            record["result"] = outcome.result
        return outcome.classification

    def _example(
        self, tool_name: str, error: Mapping[str, Any], clock: ExampleClock | None
    ) -> dict[str, Any] | None:
        """A valid example call for argument errors that do not carry one (e.g. from the tool itself).

        Only when the example shows every field the error names: an example without them would
        suggest the call is fine as it is.
        """
        details = error.get("details") or {}
        schema = self.schemas.get(tool_name)
        if error.get("error_type") not in EXAMPLE_ERRORS or "example" in details or schema is None:
            return None
        example = example_call(tool_name, schema, self.pack, clock)
        fields = fields_to_fix(error)
        return example if fields and all(_shows(example, f) for f in fields) else None

    def _feedback(
        self,
        record: dict[str, Any],
        error: dict[str, Any],
        verdict: Classification,
        usage: Usage,
        *,
        executed: bool,
        clock: ExampleClock | None = None,
    ) -> ToolMessage:
        key = str(record["tool_name"])
        budget = ReaskBudget(
            per_call=self.budgets.max_reasks_per_call,
            per_episode=self.budgets.max_reasks,
            used=dict(usage.reasks_used),
        )
        verdict = budget.escalate(verdict, key)
        final = verdict.category == "permanent"
        if verdict.category == "repairable" and budget.consume(key):
            usage.reasks += 1
            usage.reasks_used = dict(budget.used)
            note = Intervention(
                InterventionKind.REASK,
                key,
                None,
                str(error.get("error_type")),
                None,
                "structured error returned to the agent to fix the call",
            )
            usage.interventions.append(intervention_dict(note, record, "retry"))
            record["interventions"].append(usage.interventions[-1])
        elif budget.episode_used >= budget.per_episode:
            usage.out_of_reasks = True
        feedback = json.loads(
            feedback_message(
                error,
                example=self._example(record["tool_name"], error, clock),
                attempt=usage.reasks_used.get(key, 0),
                budget=budget,
                call_key=key,
                final=final,
            )
        )
        content = {**error, "feedback": {k: v for k, v in feedback.items() if k not in REPEATED_IN_ERROR}}
        return tool_message(record, content, error=error, category=verdict.category, executed=executed)


def _shows(example: dict[str, Any], field_path: str) -> bool:
    try:
        return has_path(example, field_path)
    except PathError:  # a tool may name fields in its own notation
        return False

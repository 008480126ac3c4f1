"""What the agent reads when a call is blocked or fails: compact, structured, actionable.

:func:`feedback_message` turns a wire-format error into a small JSON text: the error, the exact fields
to fix, one hint, a valid example when one is known, and how many re-asks are left. A
:class:`ReaskBudget` (per call and per episode) decides when a repairable error stops being worth
another try: then the message tells the agent to stop and tell the user.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from guards.recovery.classify import Classification

HINTS: dict[str, str] = {
    "validation_error": "Fix exactly the listed fields (add the missing ones, give each the expected type).",
    "format_error": "Rewrite the field in the expected format shown in the example.",
    "not_found_error": "Use the id of one of the suggestions, or list the resources to find the right one.",
    "ambiguous_reference": "Ask the user which candidate they mean, then retry with that candidate's id.",
    "precondition_error": "Make the call named in the hint first, then retry with what it returns.",
    "conflict_error": "The resource already exists or changed: fetch it and decide whether to proceed.",
    "unknown_tool": "Call one of the available tools instead.",
    "permission_error": "Do not retry: tell the user which access is missing and who can grant it.",
    "rate_limit_error": "Wait and retry the same call later.",
    "transient_error": "The service failed temporarily; retry later or tell the user.",
}


@dataclass
class ReaskBudget:
    """How many times the agent may be asked to fix a call: per call key and per episode."""

    per_call: int = 3
    per_episode: int = 10
    used: dict[str, int] = field(default_factory=dict)

    @property
    def episode_used(self) -> int:
        return sum(self.used.values())

    def left(self, call_key: str) -> int:
        return max(0, min(self.per_call - self.used.get(call_key, 0), self.per_episode - self.episode_used))

    def exhausted(self, call_key: str) -> bool:
        return self.left(call_key) == 0

    def consume(self, call_key: str) -> bool:
        """Use one re-ask for ``call_key``; ``False`` (nothing used) when none is left."""
        if self.exhausted(call_key):
            return False
        self.used[call_key] = self.used.get(call_key, 0) + 1
        return True

    def escalate(self, classification: Classification, call_key: str) -> Classification:
        """A repairable failure with no re-asks left becomes permanent ("budget exhausted")."""
        if classification.category != "repairable" or not self.exhausted(call_key):
            return classification
        return Classification(
            "permanent",
            classification.error_type,
            classification.retry_after,
            classification.error,
            classification.may_have_applied,
        )


def fields_to_fix(error: Mapping[str, Any]) -> list[str]:
    """The argument paths an error names (missing, invalid, or the one reference field)."""
    details = error.get("details") or {}
    found: list[str] = [str(f) for f in details.get("missing_required_fields", [])]
    found += [str(f.get("field")) for f in details.get("invalid_fields", []) if isinstance(f, Mapping)]
    if isinstance(details.get("field"), str):
        found.append(details["field"])
    return list(dict.fromkeys(found))


def feedback_message(
    error: Mapping[str, Any],
    *,
    example: Any = None,
    attempt: int = 1,
    budget: ReaskBudget | None = None,
    call_key: str | None = None,
    final: bool = False,
) -> str:
    """A compact JSON text for the agent (see the module docstring).

    ``final`` (or an exhausted ``budget`` for ``call_key``) turns the message into a stop instruction.
    """
    error_type = str(error.get("error_type", "unknown"))
    details = dict(error.get("details") or {})
    key = call_key or str(error.get("tool_name", ""))
    exhausted = budget is not None and budget.exhausted(key)
    stop = final or exhausted or error_type == "permission_error"
    body: dict[str, Any] = {
        "error_type": error_type,
        "tool": error.get("tool_name"),
        "message": error.get("message", ""),
    }
    fields = fields_to_fix(error)
    if fields:
        body["fix_fields"] = fields
    for name in ("candidates", "suggestions", "expected_format", "received", "retry_after"):
        if name in details:
            body[name] = details[name]
    if details.get("invalid_fields"):
        body["invalid_fields"] = details["invalid_fields"]
    remediation = [str(r) for r in error.get("remediation") or []]
    body["hint"] = remediation[0] if remediation else HINTS.get(error_type, "Fix the call and retry.")
    if example is None:
        example = details.get("example")
    if example is not None and not stop:
        body["example"] = example
    body["attempt"] = attempt
    if budget is not None:
        body["reasks_left"] = budget.left(key)
    if stop:
        body["stop"] = True
        body["hint"] = "Do not retry this call. Tell the user what happened and what they can do: " + (
            remediation[0] if remediation else HINTS.get(error_type, "ask for the missing information.")
        )
        if exhausted:
            body["message"] = f"Budget exhausted. {body['message']}"
    return json.dumps(body, separators=(", ", ": "), default=str)

"""How a simulated agent takes the guard's word that its answer claims a change no write made.

The guard's ``answer`` node sends back an answer whose claim no successful write backs
(``precondition_error``, reason ``claimed_not_done``, the writes that would back it in
``details.claims[].done_by``). The agent, at its profile's pinpoint fix rate and within its re-ask
budget, makes the writes of its plan that the error names and that it skipped or sent to a wrong tool,
then answers again; otherwise it says the same again.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Sequence
from typing import Any, Protocol

from agents.base import PlanStepSpec
from agents.operators import is_write_tool
from agents.perturb import TraceEvent
from agents.profiles import Profile


class RedoingPolicy(Protocol):
    """What redoing claimed writes needs of a simulated policy."""

    profile: Profile
    final: str | None
    final_answer: str
    _fix_rng: random.Random
    _reasks: int
    _done: set[int]
    _corrected: set[int]
    _queue: deque[int]

    @property
    def plan(self) -> Sequence[PlanStepSpec]: ...

    def _applied(self, step: int, op: str) -> bool: ...

    def _event(self, op: str, step: int | None) -> TraceEvent | None: ...


def claimed_writes(error: Any) -> set[str]:
    """The writes an answer check says would back the answer's claims."""
    details = error.get("details") if isinstance(error, dict) else None
    claims = [c for c in (details or {}).get("claims") or [] if isinstance(c, dict)]
    return {tool for claim in claims for tool in claim.get("done_by", [])}


def redo_claimed_writes(policy: RedoingPolicy, error: Any) -> None:
    """Queue the plan's writes the error names that were skipped or slipped (see the module docstring)."""
    if policy.final != policy.final_answer or policy._reasks >= policy.profile.budget.reasks_total:
        return
    policy._reasks += 1
    named = claimed_writes(error)
    redo = [
        index
        for index, step in enumerate(policy.plan)
        if step.tool in named
        and is_write_tool(step.tool)
        and (index not in policy._done or policy._applied(index, "wrong_tool"))
    ]
    if not redo or policy._fix_rng.random() >= policy.profile.fix.of("pinpoint"):
        return
    for index in redo:
        policy._done.discard(index)
        policy._corrected.add(index)
        for op in ("skip_step", "wrong_tool"):
            slip = policy._event(op, index)
            if slip is not None:
                slip.fixed = True
    policy._queue = deque(redo)
    policy.final = None

"""Advice in an error that a simulated agent can take as it stands: a value or a tool.

Some guard errors say what to send rather than what is wrong: ``contradicts_user_words`` names the
item the user's words name (``details.user_named``), ``details.use_value`` gives the value for
``details.field`` (the end that keeps a moved event's length), and ``details.use_tool`` names the
tool to call instead. The agent follows either at its profile's
pinpoint fix rate, whatever its own call was (a slip, a careless plan, or a right call the error gets
wrong): a wrong suggestion costs the guarded arm.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any, Protocol

from agents.attempt import Attempt
from agents.base import PlanStepSpec
from agents.perturb import Perturbation, TraceEvent
from agents.profiles import Profile
from agents.reactions import advised_tool, advised_value, user_named

ORDERING_OPS = ("skip_lookup", "premature_write")
"""Mistakes about *when* a call is made (a lookup skipped, a write sent early), not about a value."""


class AdvisedPolicy(Protocol):
    """What advice taking needs of a simulated policy."""

    profile: Profile
    _fix_rng: random.Random

    @property
    def plan(self) -> Sequence[PlanStepSpec]: ...

    def _resolve(self, step: PlanStepSpec) -> dict[str, Any]: ...

    def _unresolved_references(
        self, index: int, step: PlanStepSpec, attempt: Attempt
    ) -> list[Perturbation]: ...

    def _event(self, op: str, step: int | None) -> TraceEvent | None: ...


def take_advice(policy: AdvisedPolicy, attempt: Attempt, error: dict[str, Any]) -> bool:
    """Whether the error carried advice (taken, or the same call re-sent at the miss rate)."""
    return _adopt_item(policy, attempt, error) or _switch_tool(policy, attempt, error)


def _adopt_item(policy: AdvisedPolicy, attempt: Attempt, error: dict[str, Any]) -> bool:
    named = user_named(error) or advised_value(error)
    if named is None:
        return False
    path, value = named
    if policy._fix_rng.random() < policy.profile.fix.of("pinpoint"):
        attempt.take(path, value)
    return True  # otherwise re-sends the same call


def _switch_tool(policy: AdvisedPolicy, attempt: Attempt, error: dict[str, Any]) -> bool:
    """The plan's own call when the advised tool is the one the step meant (the agent had slipped),
    else the advised tool with the same arguments."""
    tool = advised_tool(error)
    if tool is None or tool == attempt.tool:
        return False
    if policy._fix_rng.random() >= policy.profile.fix.of("pinpoint"):
        return True  # re-sends the same call
    index = attempt.step
    step = policy.plan[index] if index is not None else None
    if index is None or step is None or step.tool != tool:
        attempt.tool = tool
        return True
    attempt.tool, attempt.args = tool, policy._resolve(step)
    attempt.perturbations[:] = [p for p in attempt.perturbations if p.op not in ORDERING_OPS]
    attempt.perturbations.extend(policy._unresolved_references(index, step, attempt))
    slip = policy._event("wrong_tool", index)
    if slip is not None:
        slip.fixed = True
    return True

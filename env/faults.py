"""Seeded fault injection, so retry logic can be tested against honest failures.

Three faults, drawn independently per call from a seeded RNG:

* ``rate_limit``: the call is refused with 429 ``rate_limit_error`` and ``details.retry_after``;
* ``transient``: the call is refused with 503 ``transient_error``; nothing happened;
* ``timeout_after_write``: a *write* is applied, then reported as a 503 ``transient_error``
  (deadline exceeded). A client that blindly retries a non-idempotent write duplicates it.

Every injected fault is appended to :attr:`FaultInjector.log` so graders can tell them apart.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from env.errors import ErrorType, ToolFailure


class FaultConfig(BaseModel):
    """Fault rates (probabilities per call) and the seed of their RNG."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rate_limit: float = Field(default=0.0, ge=0.0, le=1.0, description="P(429) per call")
    transient: float = Field(default=0.0, ge=0.0, le=1.0, description="P(503, nothing applied) per call")
    timeout_after_write: float = Field(
        default=0.0, ge=0.0, le=1.0, description="P(write applied but reported as 503 timeout) per write"
    )
    retry_after: float = Field(default=1.0, ge=0.0, description="Seconds suggested by rate-limit errors")
    seed: int = 0
    tools: frozenset[str] | None = Field(default=None, description="Only these tools fail (None: all)")


@dataclass
class FaultInjector:
    """Draws faults for one session from ``config`` with its own RNG."""

    config: FaultConfig
    rng: random.Random = field(init=False)
    log: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.config.seed)

    def _applies(self, tool_name: str) -> bool:
        return self.config.tools is None or tool_name in self.config.tools

    def before_call(self, tool_name: str) -> None:
        """Maybe refuse the call before it runs (rate limit or transient outage)."""
        if not self._applies(tool_name):
            return
        if self.config.rate_limit and self.rng.random() < self.config.rate_limit:
            self.log.append({"tool": tool_name, "fault": "rate_limit"})
            raise ToolFailure(
                ErrorType.RATE_LIMIT,
                "Rate limit exceeded for this user. Slow down and retry later.",
                details={"retry_after": self.config.retry_after, "reason": "rateLimitExceeded"},
                remediation=[f"Wait {self.config.retry_after:g} s, then retry the same call."],
            )
        if self.config.transient and self.rng.random() < self.config.transient:
            self.log.append({"tool": tool_name, "fault": "transient"})
            raise ToolFailure(
                ErrorType.TRANSIENT,
                "The backend is temporarily unavailable.",
                details={"reason": "backendError"},
                remediation=["Retry the same call after a short backoff."],
            )

    def after_write(self, tool_name: str, result: dict[str, Any]) -> None:
        """Maybe report an already-applied write as a timeout."""
        if not self._applies(tool_name):
            return
        if self.config.timeout_after_write and self.rng.random() < self.config.timeout_after_write:
            self.log.append({"tool": tool_name, "fault": "timeout_after_write", "applied": result})
            raise ToolFailure(
                ErrorType.TRANSIENT,
                "Deadline exceeded while waiting for the backend; the request may or may not have been "
                "applied.",
                details={"reason": "deadlineExceeded"},
                remediation=[
                    "Before retrying a write, check whether it was applied (e.g. events_get with the id you "
                    "supplied), or retry with the same client-supplied id so a duplicate is rejected."
                ],
            )

"""What one episode produced: the per-episode record stored in SQLite and read by the statistics."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from evals.trace.model import Trajectory

Arm = Literal["raw", "guarded"]
ARMS: tuple[Arm, Arm] = ("raw", "guarded")


class EpisodeRecord(BaseModel):
    """One (task, arm, trial) episode: outcome, behaviour and cost."""

    model_config = ConfigDict(extra="forbid")

    task_id: str
    pair_id: str
    family: str
    variant: Literal["explicit", "natural"]
    requires_write: bool
    arm: Arm
    trial: int
    seed: int
    passed: bool
    failed_expectation: str | None = None
    failure_kind: str | None = Field(
        default=None,
        description="missing_write, wrong_value, forbidden_write, collateral_change, answer or crash",
    )
    failures: list[str] = Field(default_factory=list)
    crashed: str | None = Field(default=None, description="an exception that ended the episode, if any")
    tool_calls: int = 0
    read_calls: int = 0
    write_calls: int = 0
    errors_by_type: dict[str, int] = Field(default_factory=dict)
    interventions_by_kind: dict[str, int] = Field(default_factory=dict)
    guard_lookups: int = 0
    reasks: int = 0
    retries: int = 0
    writes: int = 0
    wrong_entity_writes: int = 0
    steps: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    latency_s: float = 0.0
    final_answer: str = ""
    mistakes: list[str] = Field(
        default_factory=list,
        description="operator names of a simulated agent's mistakes, in order (empty for other agents)",
    )
    decision_digest: str = Field(
        default="", description="hash of a simulated agent's pre-drawn mistake decisions (same in both arms)"
    )
    stop_reason: str | None = Field(
        default=None, description="answered, max_steps, max_reasks or max_wall_time (None: crashed)"
    )
    trajectory: Trajectory | None = Field(
        default=None,
        exclude=True,
        description="the episode's trajectory on its way to the store, which keeps it in a table of its "
        "own (never part of the record's JSON, so readers of records stay as they were)",
    )

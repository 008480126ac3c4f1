"""The schema of ``report.json``: everything the terminal, Markdown and HTML reports show.

Rates are fractions in [0, 1]; intervals are 95%. ``arm`` is ``raw`` or ``guarded``; ``variant`` is
``explicit``, ``natural`` or ``all``; ``group`` is ``write`` (success needs a write) or ``no_write``
(the right answer is to not write, e.g. permission denied or ambiguous reference).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from evals.report.real import RealSection

SCHEMA_VERSION = 1


class Rate(BaseModel):
    """A success rate with its Wilson 95% interval."""

    successes: int
    n: int
    rate: float
    ci_low: float
    ci_high: float


class ArmVariantRate(BaseModel):
    arm: str
    variant: str
    group: str = Field(default="all", description="write, no_write or all")
    result: Rate


class PairedComparison(BaseModel):
    """Guarded minus raw on the same (task, trial) episodes of one variant (or ``all``).

    ``mean_difference`` is the mean over tasks of (guarded success rate - raw success rate), with a
    percentile bootstrap CI over tasks. McNemar's exact test uses the discordant episode pairs:
    ``raw_only`` (raw passed, guarded failed) and ``guarded_only`` (guarded passed, raw failed).
    """

    variant: str
    tasks: int
    mean_difference: float
    ci_low: float
    ci_high: float
    raw_only: int
    guarded_only: int
    mcnemar_p: float


class Gap(BaseModel):
    """Explicit minus natural success for one arm, with a bootstrap CI over task pairs."""

    arm: str
    explicit: float
    natural: float
    gap: float
    ci_low: float
    ci_high: float
    pairs: int


class PassK(BaseModel):
    """pass^k for k = 1..trials (tau-bench's unbiased estimator), per arm and variant."""

    arm: str
    variant: str
    values: dict[int, float]


class FamilyResult(BaseModel):
    family: str
    variant: str
    raw: Rate
    guarded: Rate


class OverBlocking(BaseModel):
    """Episodes where the guarded arm failed although the raw arm passed the same task and trial.

    ``blocked`` of them had a guard block; ``false_repairs`` had guard repairs but no block. ``rate`` is
    regressions over raw passes.
    """

    regressions: int
    raw_passes: int
    rate: float
    blocked: int
    false_repairs: int


class ArmCost(BaseModel):
    """Mean per-episode behaviour and cost of one arm."""

    arm: str
    episodes: int
    tool_calls: float
    read_calls: float
    write_calls: float
    guard_lookups: float
    lookups_total: float = Field(description="agent read calls + guard lookups")
    reasks: float
    retries: float
    steps: float
    input_tokens: float
    output_tokens: float
    latency_mean_s: float
    latency_median_s: float
    wrong_entity_writes: int
    episodes_with_wrong_entity_writes: int
    crashed: int


class Flip(BaseModel):
    """A (task, trial) whose outcome differs between the arms."""

    task_id: str
    family: str
    variant: str
    trial: int
    direction: str = Field(description="fixed (guarded passed, raw failed) or broken (the reverse)")
    raw_failure: str | None
    guarded_failure: str | None


class MistakeRow(BaseModel):
    """One kind of simulated-agent mistake (an operator name) and what the guards did about it.

    ``raw_episodes`` / ``guarded_episodes``: episodes of each arm in which the agent made it. ``pairs``:
    (task, trial) pairs whose raw episode made it; of those, ``fixed`` (raw failed, guarded passed),
    ``harmed`` (raw passed, guarded failed) and ``both_failed``.
    """

    mistake: str
    raw_episodes: int
    guarded_episodes: int
    pairs: int
    fixed: int
    harmed: int
    both_failed: int


class MistakeTable(BaseModel):
    """The per-mistake table; empty for agents that record no mistakes (only simulated ones do)."""

    rows: list[MistakeRow] = Field(default_factory=list)
    pairs: int = 0
    differing_pairs: int = Field(
        default=0, description="pairs whose two arms made different sets of mistakes (counted by raw's)"
    )
    different_draws: int = Field(
        default=0, description="pairs whose two arms drew different mistake decisions (expected: 0)"
    )
    counted_by: str = Field(default="raw", description="the arm whose mistakes a pair is counted under")


class RunMeta(BaseModel):
    run_id: str
    created_at: str
    agent: str
    suite: str
    trials: int
    seed: int
    tasks: int
    pairs: int
    families: list[str]
    episodes: int
    expected_episodes: int
    complete: bool


class Report(BaseModel):
    """The whole machine-readable report."""

    schema_version: int = SCHEMA_VERSION
    meta: RunMeta
    success: list[ArmVariantRate]
    paired: list[PairedComparison]
    gaps: list[Gap]
    pass_k: list[PassK]
    families: list[FamilyResult]
    error_types: dict[str, dict[str, int]] = Field(description="arm -> tool error_type -> count")
    failure_kinds: dict[str, dict[str, int]] = Field(description="arm -> failed-expectation kind -> count")
    interventions: dict[str, dict[str, int]] = Field(description="arm -> intervention kind -> count")
    over_blocking: OverBlocking
    cost: list[ArmCost]
    extra_lookups_per_episode: float = Field(description="guarded lookups_total minus raw lookups_total")
    flips: list[Flip]
    mistakes: MistakeTable = Field(default_factory=MistakeTable)
    run_settings: dict[str, Any] = Field(
        default_factory=dict, description="pair sampling, budgets, model settings and which were honoured"
    )
    real: RealSection | None = Field(default=None, description="the shipped real-model recordings")

    def rate(self, arm: str, variant: str, group: str = "all") -> Rate | None:
        """The success rate of one cell, if present."""
        for cell in self.success:
            if (cell.arm, cell.variant, cell.group) == (arm, variant, group):
                return cell.result
        return None

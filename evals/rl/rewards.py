"""Rewards for task episodes: the state grader's verdict, optionally shaped by what each turn cost.

``binary``: every turn earns 0 and the last one earns ``success`` (1.0) when the grader passes the
episode, ``failure`` (0.0) otherwise, exactly the verdict ``guards ab`` records.

``shaped``: the same final grade, plus per-turn terms read from the structured error taxonomy and, in
guarded mode, from the guard's interventions:

* every structured error the agent got back costs ``error_penalties[error_type]``: a permission error
  (trying to write without access) costs more than a format error; transient and rate-limit errors
  cost nothing (they are the server's, not the agent's). A read that answers "not found" or "no
  access" has told the agent something true about the world (checking that a calendar exists is how
  to learn that it does not), so those two cost ``read_error_penalties`` (nothing, by default);
* every intervention that changed the agent's call costs ``repair_penalty`` (a call the guard had to
  repair earns less than one that was right), unless its kind is in ``intervention_penalties``; kinds
  that record what the guard did on its own account (``idempotency_key``) or about an error already
  counted (``block``, ``reask``, ``retry``) cost nothing.

A perfect episode earns exactly ``success`` in both modes, so shaping never rewards a policy for
anything but the task; a policy that learns to avoid the penalties learns to stop needing the guards.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

RewardMode = Literal["binary", "shaped"]
REWARD_MODES: tuple[RewardMode, ...] = ("binary", "shaped")

DEFAULT_ERROR_PENALTIES: Mapping[str, float] = MappingProxyType(
    {
        "validation_error": -0.05,
        "format_error": -0.05,
        "not_found_error": -0.05,
        "ambiguous_reference": -0.05,
        "unknown_tool": -0.05,
        "conflict_error": -0.05,
        "precondition_error": -0.05,
        "permission_error": -0.1,
        "transient_error": 0.0,
        "rate_limit_error": 0.0,
    }
)
"""Cost of one structured error of each type (types not listed cost ``unknown_error_penalty``)."""

DEFAULT_READ_ERROR_PENALTIES: Mapping[str, float] = MappingProxyType(
    {"not_found_error": 0.0, "permission_error": 0.0}
)
"""Errors that a *read* may return as an answer about the world (override ``error_penalties`` on reads)."""

FREE_INTERVENTIONS: Mapping[str, float] = MappingProxyType(
    {"idempotency_key": 0.0, "block": 0.0, "reask": 0.0, "retry": 0.0, "human_choice": 0.0}
)
"""Interventions that are not a repair of the agent's call (or whose error is already counted)."""

DEFAULT_REPAIR_PENALTY = -0.02


@dataclass(frozen=True)
class RewardTerm:
    """One contribution to a turn's reward: what happened, how often, and what each costs."""

    name: str
    count: int
    weight: float

    @property
    def value(self) -> float:
        return self.count * self.weight

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "count": self.count, "weight": self.weight, "value": self.value}


@dataclass(frozen=True)
class RewardConfig:
    """How task episodes are rewarded (see the module docstring for the table of defaults)."""

    mode: RewardMode = "binary"
    success: float = 1.0
    failure: float = 0.0
    error_penalties: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_ERROR_PENALTIES))
    read_error_penalties: Mapping[str, float] = field(
        default_factory=lambda: dict(DEFAULT_READ_ERROR_PENALTIES)
    )
    unknown_error_penalty: float = -0.05
    intervention_penalties: Mapping[str, float] = field(default_factory=lambda: dict(FREE_INTERVENTIONS))
    repair_penalty: float = DEFAULT_REPAIR_PENALTY

    def __post_init__(self) -> None:
        if self.mode not in REWARD_MODES:
            raise ValueError(f"unknown reward mode {self.mode!r} (use binary or shaped)")

    @classmethod
    def of(cls, reward: RewardMode | RewardConfig) -> RewardConfig:
        """A config from a mode name, or the config itself."""
        return reward if isinstance(reward, RewardConfig) else cls(mode=reward)

    def error_weight(self, error_type: str, *, read: bool = False) -> float:
        if read and error_type in self.read_error_penalties:
            return self.read_error_penalties[error_type]
        return self.error_penalties.get(error_type, self.unknown_error_penalty)

    def intervention_weight(self, kind: str) -> float:
        return self.intervention_penalties.get(kind, self.repair_penalty)

    def turn_terms(
        self, errors: Iterable[tuple[str, bool]], interventions: Iterable[str]
    ) -> list[RewardTerm]:
        """The shaping terms of one turn: its errors (``(error_type, came_from_a_read)``) by type and
        its interventions by kind.

        Empty in binary mode. Terms with no cost are kept (weight 0), so a trace shows what was seen.
        """
        if self.mode == "binary":
            return []
        terms = [
            RewardTerm(
                f"{'read_error' if read else 'error'}:{kind}", count, self.error_weight(kind, read=read)
            )
            for (kind, read), count in sorted(_count(errors).items())
        ]
        terms += [
            RewardTerm(f"intervention:{kind}", count, self.intervention_weight(kind))
            for kind, count in sorted(_count(interventions).items())
        ]
        return terms

    def final_term(self, passed: bool) -> RewardTerm:
        """The grade's contribution to the last turn."""
        if passed:
            return RewardTerm("grade:passed", 1, self.success)
        return RewardTerm("grade:failed", 1, self.failure)


def _count(items: Iterable[Any]) -> dict[Any, int]:
    counts: dict[Any, int] = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    return counts


def total(terms: Iterable[RewardTerm]) -> float:
    """The reward of a turn: the sum of its terms (rounded, so sums of tenths compare exactly)."""
    return float(round(sum(term.value for term in terms), 10))


def reward_table(config: RewardConfig | None = None) -> list[tuple[str, float]]:
    """Every named term of ``config`` and its weight, in the order the docs list them."""
    config = config or RewardConfig(mode="shaped")
    rows = [("grade: passed", config.success), ("grade: failed", config.failure)]
    rows += [(f"error: {kind}", weight) for kind, weight in config.error_penalties.items()]
    rows += [("error: any other type", config.unknown_error_penalty)]
    rows += [(f"read error: {kind}", weight) for kind, weight in config.read_error_penalties.items()]
    rows += [("intervention: any repair of the call", config.repair_penalty)]
    rows += [(f"intervention: {kind}", weight) for kind, weight in config.intervention_penalties.items()]
    return rows

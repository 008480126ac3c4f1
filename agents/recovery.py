"""Recovery mistakes: what an agent gets wrong *after* an error (for operator sets that model them).

``give_up_early`` (stop with a vague answer while re-asks remain), ``misfix`` (change the field the
error named, to another wrong value) and ``repeat_unchanged`` (send the same call again). They are
drawn from their own random stream, so the mistakes drawn before the episode, and the values they
write, do not depend on which errors came back. A set without these operators never draws them.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Mapping
from typing import Any

from agents.operator_sets import OperatorSet
from agents.perturb import CallContext, Perturbation
from agents.reactions import vague_answer


class RecoveryMistakes:
    """The recovery operators of one episode's operator set, with their rates and random stream."""

    def __init__(self, operator_set: OperatorSet, rates: Mapping[str, float], key: str) -> None:
        self.operator_set = operator_set
        self.rates = rates
        self.rng = random.Random(f"{key}:recovery")

    def modelled(self, op: str) -> bool:
        """Whether the operator set has this recovery mistake at all."""
        return op in self.operator_set.operators

    def strikes(self, op: str) -> bool:
        """Whether the mistake happens now (one draw per opportunity; never for sets without it)."""
        return self.modelled(op) and self.rng.random() < self.rates.get(op, 0.0)

    def vague_answer(self) -> str:
        return vague_answer(self.rng)

    def relapse(
        self, perturbation: Perturbation, tool: str, args: Mapping[str, Any], ctx: CallContext
    ) -> Perturbation | None:
        """The wrong value a botched fix writes instead of the gold one (``None``: the fix is right)."""
        if not self.strikes("misfix"):
            return None
        return self.operator_set.relapse(perturbation, tool, args, dataclasses.replace(ctx, rng=self.rng))

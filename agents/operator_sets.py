"""Operator sets: interchangeable mistake models for simulated agents.

A profile names the set it draws from (``operators: calibrated`` by default, or ``independent``).
A set decides *where* mistakes can happen (:meth:`OperatorSet.draw`), *what* a drawn mistake writes
(:meth:`OperatorSet.materialize`), *how* the mistakes change the gold call
(:meth:`OperatorSet.apply`), and, for sets that model imperfect recovery, what a botched fix writes
instead of the gold value (:meth:`OperatorSet.relapse`).

Two sets exist because one was written together with the guards (its aliases and names are the ones
the guards know), so results on it flatter them; the other (:mod:`agents.independent`) was written
from a published failure taxonomy without reading the guards.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Protocol

from agents.base import PlanStepSpec
from agents.emitted import EmittedArgs
from agents.operators import OPERATORS, Decision, Operator, draw_decisions
from agents.perturb import CallContext, Perturbation, apply_perturbations, materialize


class OperatorSet(Protocol):
    """What a simulated agent needs from a mistake model."""

    @property
    def name(self) -> str:
        """The name a profile's ``operators:`` uses."""
        ...

    @property
    def operators(self) -> Mapping[str, Operator]:
        """Every operator of the set, in the order its perturbations are applied."""
        ...

    def draw(
        self,
        plan: tuple[PlanStepSpec, ...],
        rates: Mapping[str, float],
        rng: random.Random,
        *,
        schemas: Mapping[str, Mapping[str, Any]],
        timezone: str,
    ) -> list[Decision]:
        """Every mistake opportunity of ``plan`` with whether it happens (seeded by ``rng`` only)."""
        ...

    def materialize(
        self, decision: Decision, tool: str, args: Mapping[str, Any], ctx: CallContext
    ) -> Perturbation | None:
        """The concrete mistake for an applied decision on a resolved gold call (``None``: cannot apply)."""
        ...

    def apply(
        self, tool: str, args: Mapping[str, Any], perturbations: list[Perturbation]
    ) -> tuple[str, EmittedArgs]:
        """The call the agent emits: the gold call with every perturbation applied."""
        ...

    def relapse(
        self, perturbation: Perturbation, tool: str, args: Mapping[str, Any], ctx: CallContext
    ) -> Perturbation | None:
        """Another wrong value for the fields of ``perturbation`` (a fix that misses); ``None``: none."""
        ...


class CalibratedOperators:
    """The original operator set (:mod:`agents.operators`, :mod:`agents.perturb`), unchanged."""

    name = "calibrated"
    operators: Mapping[str, Operator] = MappingProxyType(OPERATORS)

    def draw(
        self,
        plan: tuple[PlanStepSpec, ...],
        rates: Mapping[str, float],
        rng: random.Random,
        *,
        schemas: Mapping[str, Mapping[str, Any]],
        timezone: str,
    ) -> list[Decision]:
        return draw_decisions(plan, rates, rng, schemas=schemas)

    def materialize(
        self, decision: Decision, tool: str, args: Mapping[str, Any], ctx: CallContext
    ) -> Perturbation | None:
        return materialize(decision, tool, args, ctx)

    def apply(
        self, tool: str, args: Mapping[str, Any], perturbations: list[Perturbation]
    ) -> tuple[str, EmittedArgs]:
        return apply_perturbations(tool, args, perturbations)

    def relapse(
        self, perturbation: Perturbation, tool: str, args: Mapping[str, Any], ctx: CallContext
    ) -> Perturbation | None:
        return None  # this set's fixes restore the gold value


def _registry() -> dict[str, OperatorSet]:
    from agents.independent import IndependentOperators

    return {"calibrated": CalibratedOperators(), "independent": IndependentOperators()}


OPERATOR_SETS: dict[str, OperatorSet] = _registry()
"""Every operator set, by the name a profile's ``operators:`` uses."""


def operator_set(name: str) -> OperatorSet:
    """The operator set called ``name`` (``KeyError`` listing the known ones)."""
    try:
        return OPERATOR_SETS[name]
    except KeyError:
        raise KeyError(f"unknown operator set {name!r}; known: {sorted(OPERATOR_SETS)}") from None

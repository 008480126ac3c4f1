"""The independent operator set: where its mistakes strike, what they write, and how they change a call.

Targets come from the tool schemas (:mod:`agents.independent.fields`). Decisions are drawn per
opportunity as in the calibrated set (a reference field; a call with datetimes; a call with a list,
a nested object, a number, a multi-word key), exclusive ways to get one thing wrong as one
categorical draw. A decision whose mistake cannot be made on the record at hand (a calendar with no
neighbour in its listing) leaves the call unchanged and is not recorded as a mistake.

This set perturbs values and shapes, not the plan: lookups happen, and an ID field may still carry
the user's words. Its recovery mistakes (``misfix``, ``give_up_early``, ``repeat_unchanged``) are
drawn by the simulated agent when an error comes back (:mod:`agents.simulated`).
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from agents.base import PlanStepSpec
from agents.independent import datetimes, references, structure
from agents.independent.catalogue import (
    INDEPENDENT_OPERATOR_LIST,
    INDEPENDENT_OPERATORS,
    group_members,
    relapse_candidates,
)
from agents.independent.fields import ArgField, fields_of, reference_fields
from agents.operators import Category, Decision, Operator
from agents.perturb import CallContext, Perturbation
from guards.paths import get_path, set_path

_ORDER = {op.name: index for index, op in enumerate(INDEPENDENT_OPERATOR_LIST)}


@dataclass
class IndependentPerturbation(Perturbation):
    """A perturbation whose category comes from the independent catalogue."""

    @property
    def category(self) -> Category:
        operator = INDEPENDENT_OPERATORS.get(self.op)
        return operator.category if operator else super().category


def _datetime_fields(args: Mapping[str, Any], schema: Mapping[str, Any] | None) -> list[ArgField]:
    return [f for f in fields_of(args, schema, "datetime", "date") if not f.is_symbolic]


def _applicable(args: Mapping[str, Any], schema: Mapping[str, Any] | None, timezone: str) -> set[str]:
    """The step-scoped operators that can strike a call with these (gold) arguments."""
    found: set[str] = set()
    dated = _datetime_fields(args, schema)
    for op in group_members("datetime"):
        if any(datetimes.rewrite(op, f.value, zone=timezone) is not None for f in dated):
            found.add(op)
    if fields_of(args, schema, "number"):
        found.add("number_as_string")
    if any(structure.as_csv(v) for v in args.values() if isinstance(v, list)):
        found.add("list_as_csv")
    nested = [key for key in args if structure.nested_objects(args, key)]
    if nested:
        found.add("nested_as_json_string")
    if any(
        structure.nested_key_variants(inner)
        for key in nested
        for path in structure.nested_objects(args, key)
        for inner in get_path(args, path)
    ):
        found.add("wrong_nested_key")
    if any(structure.style_variants(key) for key in args):
        found.add("key_style")
    if any(key in structure.KEY_SYNONYMS for key in args):
        found.add("key_synonym")
    if args:
        found.add("arguments_as_json_string")
    return found


def _draw_group(rng: random.Random, members: list[str], rates: Mapping[str, float]) -> str | None:
    """One categorical draw: member ``m`` with probability ``rates[m]`` (scaled down if they sum > 1)."""
    total = sum(rates.get(m, 0.0) for m in members)
    scale = 1.0 / total if total > 1.0 else 1.0
    u = rng.random()
    for member in members:
        u -= rates.get(member, 0.0) * scale
        if u < 0:
            return member
    return None


def _reference_members(field: ArgField) -> list[str]:
    members = group_members("reference")
    if field.referent != "person":
        members.remove("first_name_for_email")
    if field.referent == "acl_rule":
        members.remove("neighbour_id")
    return members


def draw_independent(
    plan: tuple[PlanStepSpec, ...],
    rates: Mapping[str, float],
    rng: random.Random,
    *,
    schemas: Mapping[str, Mapping[str, Any]],
    timezone: str,
) -> list[Decision]:
    """Every mistake opportunity of ``plan`` with its outcome, drawn from ``rates``."""
    decisions: list[Decision] = []
    for index, step in enumerate(plan):
        schema = schemas.get(step.tool)
        for field in reference_fields(step.args, schema):
            members = _reference_members(field)
            chosen = _draw_group(rng, members, rates)
            decisions.extend(Decision(m, index, field.path, m == chosen) for m in members)
        applicable = _applicable(step.args, schema, timezone)
        drawn_groups: set[str] = set()
        for op in INDEPENDENT_OPERATOR_LIST:
            if op.scope != "step" or op.name not in applicable:
                continue
            if op.group is None:
                decisions.append(Decision(op.name, index, None, rng.random() < rates.get(op.name, 0.0)))
            elif op.group not in drawn_groups:
                drawn_groups.add(op.group)
                members = [m for m in group_members(op.group) if m in applicable]
                chosen = _draw_group(rng, members, rates)
                decisions.extend(Decision(m, index, None, m == chosen) for m in members)
    return decisions


def _reference_value(op: str, field: ArgField, args: Mapping[str, Any], ctx: CallContext) -> str | None:
    name = references.display_name(field, args, ctx.world)
    rng = ctx.rng
    if op == "paraphrased_name":
        return references.paraphrase(name, field.referent or "calendar", rng) if name else None
    if op == "misspelt_name":
        return references.misspelt_reference(field, name, rng)
    if op == "partial_name":
        return references.partial(field, name, rng)
    if op == "first_name_for_email":
        return references.first_name(name, str(field.value), rng)
    if op == "neighbour_id":
        return references.neighbour(str(field.value), references.listing(field, args, ctx.world), rng)
    if op == "hallucinated_id":
        return references.hallucinated(field, name, rng)
    return None


def _perturbation(op: str, fields: tuple[str, ...], values: dict[str, Any]) -> IndependentPerturbation:
    return IndependentPerturbation(op, fields, values)


def _structural(
    op: str, args: Mapping[str, Any], schema: Mapping[str, Any] | None, rng: random.Random
) -> IndependentPerturbation | None:
    if op == "number_as_string":
        numbers = fields_of(args, schema, "number")
        values = {f.path: str(f.value) for f in numbers if isinstance(f.value, int | float)}
        return _perturbation(op, tuple(values), values) if values else None
    if op == "list_as_csv":
        lists = [k for k, v in args.items() if structure.as_csv(v)]
        if not lists:
            return None
        key = rng.choice(lists)
        return _perturbation(op, (key,), {"path": key})
    if op == "nested_as_json_string":
        keys = [k for k in args if structure.nested_objects(args, k)]
        if not keys:
            return None
        chosen = structure.siblings(rng.choice(keys), args)
        return _perturbation(op, tuple(chosen), {"paths": chosen})
    if op == "wrong_nested_key":
        options = [
            (key, inner)
            for key in args
            for path in structure.nested_objects(args, key)[:1]
            for inner in get_path(args, path)
            if structure.nested_key_variants(inner)
        ]
        if not options:
            return None
        key, inner = rng.choice(options)
        new = rng.choice(structure.nested_key_variants(inner))
        parents = [p for k in structure.siblings(key, args) for p in structure.nested_objects(args, k)]
        fields = tuple(f"{p}.{inner}" for p in parents)
        return _perturbation(op, fields, {"parents": parents, "key": inner, "new": new})
    if op in ("key_style", "key_synonym"):

        def variants(key: str) -> tuple[str, ...]:
            if op == "key_style":
                return tuple(structure.style_variants(key))
            return structure.KEY_SYNONYMS.get(key, ())

        keys = [k for k in args if any(v not in args for v in variants(k))]
        if not keys:
            return None
        key = rng.choice(keys)
        new = rng.choice([v for v in variants(key) if v not in args])
        return _perturbation(op, (key, new), {"key": key, "new": new})
    if op == "arguments_as_json_string":
        if not args:
            return None
        wrapper = None if rng.random() < 0.5 else rng.choice(structure.WRAPPER_KEYS)
        fields = (*args, *([wrapper] if wrapper else []))
        return _perturbation(op, tuple(fields), {"wrapper": wrapper})
    return None


def materialize_independent(
    decision: Decision, tool: str, args: Mapping[str, Any], ctx: CallContext
) -> Perturbation | None:
    """The concrete mistake for an applied decision on a resolved gold call (``None``: cannot apply)."""
    op, schema = decision.op, ctx.schemas.get(tool)
    operator = INDEPENDENT_OPERATORS.get(op)
    if operator is None or operator.scope == "reaction":
        return None
    if operator.group == "reference":
        field = next((f for f in reference_fields(args, schema) if f.path == decision.field), None)
        if field is None:
            return None
        bad = _reference_value(op, field, args, ctx)
        if not bad or bad == field.value:
            return None
        return _perturbation(op, (field.path,), {field.path: bad})
    if operator.group == "datetime":
        form = ctx.rng.randrange(max(datetimes.HUMAN_FORMS, datetimes.PRECISION_FORMS))
        values = {}
        for field in _datetime_fields(args, schema):
            written = datetimes.rewrite(op, field.value, zone=ctx.timezone, form=form)
            if written is not None:
                values[field.path] = written
        return _perturbation(op, tuple(values), values) if values else None
    return _structural(op, args, schema, ctx.rng)


def apply_independent(
    tool: str, args: Mapping[str, Any], perturbations: list[Perturbation]
) -> tuple[str, dict[str, Any] | str]:
    """The call as the agent emits it: values first, then encodings, key names, the whole object."""
    out: dict[str, Any] = copy.deepcopy(dict(args))
    for p in sorted(perturbations, key=lambda p: _ORDER.get(p.op, -1)):
        values = p.values
        if p.op == "list_as_csv":
            text = structure.as_csv(get_path(out, values["path"], None))
            if text is not None:
                set_path(out, values["path"], text)
        elif p.op == "wrong_nested_key":
            structure.rename_nested(out, values["parents"], values["key"], values["new"])
        elif p.op == "nested_as_json_string":
            structure.stringify(out, values["paths"])
        elif p.op in ("key_style", "key_synonym"):
            if values["key"] in out and values["new"] not in out:
                out = structure.renamed(out, values["key"], values["new"])
        elif p.op == "arguments_as_json_string":
            text = json.dumps(out)
            return tool, text if values["wrapper"] is None else {values["wrapper"]: text}
        else:
            for path, value in values.items():
                try:
                    set_path(out, path, value)
                except (KeyError, ValueError, IndexError, TypeError):
                    continue
    return tool, out


def relapse_independent(
    perturbation: Perturbation, tool: str, args: Mapping[str, Any], ctx: CallContext
) -> Perturbation | None:
    """A botched fix: another operator of the same family on the same fields, or ``None``."""
    if perturbation.op not in INDEPENDENT_OPERATORS:
        return None
    candidates = relapse_candidates(perturbation.op)
    ctx.rng.shuffle(candidates)
    is_reference = INDEPENDENT_OPERATORS[perturbation.op].group == "reference"
    field = perturbation.fields[0] if is_reference and perturbation.fields else None
    for candidate in candidates:
        decision = Decision(candidate, None, field, True)
        relapsed = materialize_independent(decision, tool, args, ctx)
        if relapsed is not None and relapsed.values != perturbation.values:
            return relapsed
    return None


class IndependentOperators:
    """The :class:`~agents.operator_sets.OperatorSet` written from the published failure taxonomy."""

    name = "independent"
    operators: Mapping[str, Operator] = MappingProxyType(INDEPENDENT_OPERATORS)

    def draw(
        self,
        plan: tuple[PlanStepSpec, ...],
        rates: Mapping[str, float],
        rng: random.Random,
        *,
        schemas: Mapping[str, Mapping[str, Any]],
        timezone: str,
    ) -> list[Decision]:
        return draw_independent(plan, rates, rng, schemas=schemas, timezone=timezone)

    def materialize(
        self, decision: Decision, tool: str, args: Mapping[str, Any], ctx: CallContext
    ) -> Perturbation | None:
        return materialize_independent(decision, tool, args, ctx)

    def apply(
        self, tool: str, args: Mapping[str, Any], perturbations: list[Perturbation]
    ) -> tuple[str, dict[str, Any] | str]:
        return apply_independent(tool, args, perturbations)

    def relapse(
        self, perturbation: Perturbation, tool: str, args: Mapping[str, Any], ctx: CallContext
    ) -> Perturbation | None:
        return relapse_independent(perturbation, tool, args, ctx)

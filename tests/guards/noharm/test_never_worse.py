""" "Never worse" as a property, on generated worlds the guards were not written against.

For every task of several generated held-out worlds (``evals.holdout``), the gold plan is walked call by
call in a fresh environment, with the conversation an agent would have (the instruction, the results
so far). At each call:

* the gold call passes the guards unchanged (the only intervention allowed is the idempotency key a
  new event gets);
* the same call, broken by each mistake both simulated agents' operator sets can make on it, is either
  blocked, passed untouched (the guards did not claim to fix it), or repaired into the gold call
  (datetimes compared as instants): a repair never lands on another value.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest

from agents.base import PlanStepSpec
from agents.operator_sets import operator_set
from agents.perturb import CallContext
from agents.plan import resolve_refs
from agents.world import WorldView
from env import CalendarEnv
from evals.holdout import SMALL, generate_suite
from evals.tasks import Task
from guards import Guard, GuardContext, InterventionKind, load_pack

PACK = load_pack("calendar")
WORLD_SEEDS = (101, 202, 303)
WORLDS_PER_SEED = 2
OPS_PER_CALL = 10
REACTIONS = {"misfix", "give_up_early", "repeat_unchanged"}  # how an agent reacts, not what it sends
NOT_REPAIRS = {InterventionKind.IDEMPOTENCY_KEY}


def generated_tasks() -> list[Task]:
    tasks: list[Task] = []
    for seed in WORLD_SEEDS:
        tasks += generate_suite(seed=seed, worlds=WORLDS_PER_SEED, size=SMALL)[1]
    return tasks


TASKS = generated_tasks()


def comparable(value: Any) -> Any:
    """Datetimes as instants, everything else as it is (the shape the grader compares)."""
    if isinstance(value, dict):
        return {k: comparable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [comparable(v) for v in value]
    if isinstance(value, str) and len(value) >= 20 and value[4:5] == "-" and value[10:11] == "T":
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
        except ValueError:
            return value
    return value


def without_added_id(args: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in args.items() if k != "id" or "id" in gold}


def walk(task: Task) -> Iterator[tuple[CalendarEnv, Guard, GuardContext, str, dict[str, Any]]]:
    """Each gold call of ``task`` with the environment and context as they are just before it."""
    env = CalendarEnv(world=task.world, actor=task.actor, now=task.now)
    guard = Guard(PACK, schemas={spec.name: spec.input_schema for spec in env.tool_specs()})
    ctx = GuardContext(
        now=env.now,
        timezone=env.timezone,
        user_messages=[task.instruction],
        lookup=env.call_tool,
        actor=task.actor,
    )
    saved: dict[str, Any] = {}
    for step in task.plan:
        args = resolve_refs(step.args, saved)
        yield env, guard, ctx, step.tool, args
        result = env.call_tool(step.tool, args)
        ctx.observe(step.tool, args, result)
        if step.save_as:
            saved[step.save_as] = result


@pytest.mark.slow
@pytest.mark.parametrize("task", TASKS, ids=[t.id for t in TASKS])
def test_gold_calls_pass_unchanged_and_repairs_yield_the_gold_call_or_a_block(task: Task) -> None:
    rng = random.Random(task.id)
    sets = [operator_set("calibrated"), operator_set("independent")]
    for env, guard, ctx, tool, gold in walk(task):
        verdict = guard.check(tool, gold, ctx)
        assert verdict.passed, (tool, gold, verdict.error)
        assert without_added_id(verdict.args, gold) == gold, (tool, gold, verdict.args)
        assert {i.kind for i in verdict.interventions} <= NOT_REPAIRS, verdict.interventions
        schemas = guard.catalog.schemas
        world = WorldView(env)
        broken = []
        for ops in sets:
            candidates = [name for name in ops.operators if name not in REACTIONS]
            for name in rng.sample(candidates, min(OPS_PER_CALL // 2, len(candidates))):
                decisions = ops.draw(
                    (PlanStepSpec(tool, gold),),
                    {name: 1.0},
                    random.Random(name),
                    schemas=schemas,
                    timezone=env.timezone,
                )
                for decision in decisions:
                    if not decision.applied or decision.step != 0:
                        continue
                    call_ctx = CallContext(world, env.now, env.timezone, random.Random(name), schemas)
                    perturbation = ops.materialize(decision, tool, gold, call_ctx)
                    if perturbation is not None:
                        broken.append((name, *ops.apply(tool, gold, [perturbation])))
        for name, sent_tool, sent in broken:
            outcome = guard.check(sent_tool, sent, ctx)
            repaired = {i.kind for i in outcome.interventions} - NOT_REPAIRS
            if outcome.passed and repaired and (sent_tool, sent) != (tool, gold):
                assert outcome.tool_name == tool, (name, sent_tool, outcome.tool_name)
                assert comparable(without_added_id(outcome.args, gold)) == comparable(gold), (
                    name,
                    sent,
                    outcome.args,
                    [(i.kind, i.field, i.reason) for i in outcome.interventions],
                )

"""Verification, as the bundled suite does it: gold plans pass, careless alternatives that write fail.

Each task's plan is executed on a fresh copy of its world (``CalendarEnv.reset``) and graded with
:func:`evals.graders.grade`. A generated task that fails its own verification is a generator bug.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from evals.graders import Failure, GradeResult, grade
from evals.tasks import Task

if TYPE_CHECKING:
    from evals.holdout.worlds import GeneratedWorld


@dataclass(frozen=True)
class Run:
    """A plan's grade and the error types its steps returned (in order, ``None`` for success)."""

    grade: GradeResult
    errors: tuple[str | None, ...]


@dataclass(frozen=True)
class Verdict:
    """The outcome of verifying one task (``problem`` is ``None`` when it verifies).

    A gold plan must pass, and its steps must succeed: a refusal's lookup may only fail the way
    an invisible calendar does (``not_found_error``), since that failure is what it shows.
    """

    task_id: str
    requires_write: bool
    gold: Run
    careless: Run | None

    @property
    def problem(self) -> str | None:
        if not self.gold.grade.passed:
            return f"{self.task_id}: gold plan fails: {self.gold.grade.failures}"
        allowed = set() if self.requires_write else {"not_found_error"}
        failed = [error for error in self.gold.errors if error is not None and error not in allowed]
        if failed:
            return f"{self.task_id}: gold plan steps fail with {failed}"
        if self.careless is not None and self.careless.grade.writes and self.careless.grade.passed:
            return f"{self.task_id}: the careless alternative plan passes"
        return None


def execute_plan(task: Task, env: Any, plan_name: str = "plan") -> Run:
    """Run one of ``task``'s plans on ``env`` (reset to the task's actor and clock) and grade it."""
    from agents.plan import RefError, resolve_refs
    from evals.episode import records_reader

    env.reset(actor=task.actor, now=task.now)
    before = env.snapshot()
    saved: dict[str, Any] = {}
    errors: list[str | None] = []
    for index, plan_step in enumerate(getattr(task, plan_name)):
        try:
            args = resolve_refs(plan_step.args, saved)
        except RefError as error:
            failure = Failure("missing_write", f"{plan_name} step {index} ({plan_step.tool}): {error}")
            return Run(GradeResult(passed=False, failure_list=[failure]), (*errors, "unresolved_reference"))
        result = env.call_tool(plan_step.tool, args)
        errors.append(str(result.get("error_type")) if result.get("ok") is False else None)
        if plan_step.save_as:
            saved[plan_step.save_as] = result
    after = env.snapshot()
    graded = grade(task, env.diff(before, after).changes, task.final_answer, records_reader(after))
    return Run(graded, tuple(errors))


def verify_task(task: Task, env: Any) -> Verdict:
    """Execute the gold plan and (if any) the careless alternative of ``task`` on ``env``'s world."""
    gold = execute_plan(task, env)
    careless = execute_plan(task, env, "alternative_plan") if task.alternative_plan else None
    return Verdict(task.id, task.requires_write, gold, careless)


def verify_suite(worlds: list[GeneratedWorld], tasks: list[Task]) -> list[str]:
    """The verification problems of ``tasks`` over ``worlds`` (empty when every task verifies).

    One environment per world is reset for every plan, which is what keeps verifying a few
    hundred tasks quick.
    """
    from env import CalendarEnv

    envs = {w.key: CalendarEnv(world=w.data, actor=w.actor.email, now=w.now) for w in worlds}
    problems = []
    for task in tasks:
        owners = [key for key in envs if task.pair_id.startswith(f"{key}-")]
        if len(owners) != 1:
            problems.append(f"{task.id}: belongs to none of the generated worlds")
            continue
        problem = verify_task(task, envs[owners[0]]).problem
        if problem:
            problems.append(problem)
    return problems

"""The task format: paired explicit/natural-language calendar tasks with gold plans and expectations.

One YAML or JSONL file may hold many tasks (see :mod:`evals.loader`). A task names the world it runs
in, the acting user, the clock, the user's instruction, a gold plan (tool calls whose arguments may
refer to earlier results symbolically) and expectations graded on the final state of the world.

Symbolic references in a gold plan: a string argument ``"$<step>.<path>"`` is replaced by the value at
``<path>`` in the result of the step whose ``save_as`` is ``<step>``; paths use dots, list indices and
``items[summary=Team]`` filters (first element whose field equals the value), e.g.
``"$cals.items[summary=Team].id"`` or ``"$new.id"``.

Expectations (graded by :mod:`evals.graders` on ``env.diff(before, after)``):

* ``created`` — a record that did not exist before and matches ``match`` and ``fields`` afterwards;
* ``changed`` — an existing record that matched ``match`` before and matches ``fields`` afterwards;
* ``deleted`` — an existing record that matched ``match`` before and is gone (or cancelled) afterwards;
* ``exists``  — a record matching ``match`` and ``fields`` in the final world (needs no write).

Every change in the world that no expectation accounts for is collateral damage and fails the task,
unless ``allow_collateral`` is set. Field matchers are described in :mod:`evals.matchers`.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from evals.answers import Outcome
from evals.matchers import validate_matchers

Variant = Literal["explicit", "natural"]
Resource = Literal["event", "calendar", "acl_rule"]
ExpectationKind = Literal["created", "changed", "deleted", "exists"]

_REF = re.compile(r"^\$([A-Za-z_][\w-]*)(?:[.\[]|$)")


class PlanStep(BaseModel):
    """One gold tool call; ``save_as`` names its result for later ``$name.path`` references."""

    model_config = ConfigDict(extra="forbid")

    tool: str
    args: dict[str, Any] = Field(default_factory=dict)
    save_as: str | None = None


class RecordExpectation(BaseModel):
    """A record that must exist, change, or disappear by the end of the episode.

    ``match`` identifies the record (all matchers must hold: on the record *before* the episode for
    ``changed``/``deleted``, *after* it for ``created``/``exists``); ``fields`` are checked on the
    record after the episode. Keys are dot-paths (``start.dateTime``, ``scope.value``); values are
    literals or matcher objects such as ``{"$instant": "2026-03-10T15:00:00Z"}`` (see
    :mod:`evals.matchers`). ``count`` records must satisfy the expectation.
    """

    model_config = ConfigDict(extra="forbid")

    kind: ExpectationKind
    resource: Resource
    match: dict[str, Any]
    fields: dict[str, Any] = Field(default_factory=dict)
    count: int = Field(default=1, ge=1)

    @model_validator(mode="after")
    def _matchers_are_well_formed(self) -> RecordExpectation:
        if not self.match:
            raise ValueError("an expectation needs at least one `match` field to identify the record")
        if self.kind == "deleted" and self.fields:
            raise ValueError("a `deleted` expectation has no `fields` to check afterwards")
        validate_matchers(self.match, "match")
        validate_matchers(self.fields, "fields")
        return self

    def describe(self) -> str:
        """A short human-readable label, used in failure messages."""
        shown = ", ".join(f"{k}={v!r}" for k, v in self.match.items())
        return f"{self.resource} {self.kind} ({shown})"


class Forbidden(BaseModel):
    """Things that must not happen: any write at all, or writes touching the listed calendars."""

    model_config = ConfigDict(extra="forbid")

    any_write: bool = False
    writes_to_calendars: list[str] = Field(default_factory=list)


class AnswerCheck(BaseModel):
    """A check on the agent's final answer: case-insensitive substrings, or accepted outcomes.

    ``outcomes`` tolerates wording: the answer passes when what it did is one of them
    (``asked_for_clarification``, ``reported_no_access``, ``reported_not_found``, ``completed``), judged
    by the agent's structured final status where it gives one and by phrases otherwise
    (:mod:`evals.answers`). Substring lists still apply beside it.
    """

    model_config = ConfigDict(extra="forbid")

    include_any: list[str] = Field(default_factory=list)
    include_all: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(default_factory=list)

    @model_validator(mode="after")
    def _not_empty(self) -> AnswerCheck:
        if not (self.include_any or self.include_all or self.exclude or self.outcomes):
            raise ValueError("an answer check needs include_any, include_all, exclude or outcomes")
        return self


class Task(BaseModel):
    """One evaluation task (one variant of a pair)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    family: str = Field(min_length=1)
    variant: Variant
    pair_id: str = Field(min_length=1)
    world: str | dict[str, Any] = "acme"
    actor: str
    now: AwareDatetime
    instruction: str = Field(min_length=1)
    plan: list[PlanStep]
    final_answer: str = "Done."
    alternative_plan: list[PlanStep] = Field(
        default_factory=list,
        description="what a careless agent would do instead (e.g. write to one of two ambiguous calendars)",
    )
    expect: list[RecordExpectation] = Field(default_factory=list)
    forbid: Forbidden = Field(default_factory=Forbidden)
    answer: AnswerCheck | None = None
    allow_collateral: bool = False
    tags: list[str] = Field(default_factory=list)

    @property
    def requires_write(self) -> bool:
        """True when success needs a write; False when the right answer is not to write."""
        return any(e.kind != "exists" for e in self.expect)

    @model_validator(mode="after")
    def _no_write_tasks_forbid_writes(self) -> Task:
        forbids = self.forbid.any_write or self.forbid.writes_to_calendars
        if not self.requires_write and not forbids and self.answer is None:
            raise ValueError("a task that requires no write must forbid writes or check the answer")
        if self.requires_write and self.forbid.any_write:
            raise ValueError("a task cannot both expect a write and forbid every write")
        return self

    @model_validator(mode="after")
    def _plan_references_are_defined(self) -> Task:
        for name, plan in (("plan", self.plan), ("alternative_plan", self.alternative_plan)):
            saved: set[str] = set()
            for index, step in enumerate(plan):
                for ref in _references(step.args):
                    if ref not in saved:
                        raise ValueError(
                            f"{name} step {index} ({step.tool}) refers to ${ref}, which no earlier step saves"
                        )
                if step.save_as:
                    saved.add(step.save_as)
        return self


def _references(value: Any) -> list[str]:
    if isinstance(value, str):
        match = _REF.match(value)
        return [match.group(1)] if match else []
    if isinstance(value, dict):
        return [name for item in value.values() for name in _references(item)]
    if isinstance(value, list):
        return [name for item in value for name in _references(item)]
    return []

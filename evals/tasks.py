"""The task format: paired explicit/natural-language calendar tasks with gold plans and expectations.

One YAML or JSONL file may hold many tasks. A task names the world it runs in, the acting user, the
clock, the user's instruction, a gold plan (tool calls whose arguments may refer to earlier results
symbolically) and expectations graded on the final state of the world.

Symbolic references in a gold plan: a string argument ``"$<step>.<path>"`` is replaced by the value at
``<path>`` in the result of the step whose ``save_as`` is ``<step>``; paths use dots, list indices and
``items[summary=Team]`` filters (first element whose field equals the value), e.g.
``"$cals.items[summary=Team].id"`` or ``"$new.id"``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

Variant = Literal["explicit", "natural"]
Resource = Literal["event", "calendar", "acl_rule"]


class PlanStep(BaseModel):
    """One gold tool call."""

    model_config = ConfigDict(extra="forbid")

    tool: str
    args: dict[str, Any] = Field(default_factory=dict)
    save_as: str | None = None


class RecordExpectation(BaseModel):
    """A record that must exist, change, or disappear by the end of the episode.

    ``match`` identifies the record (all matchers must hold); ``fields`` are checked on the record
    after the episode. Values are literals or matcher objects: ``{"$instant": "2026-03-10T15:00:00Z"}``
    (datetimes compared as instants), ``{"$contains": "text"}`` (case-insensitive substring),
    ``{"$in": [...]}``, ``{"$exists": false}``, ``{"$emails": ["a@x", "b@x"]}`` (attendee set),
    ``{"$len": 2}``.
    """

    model_config = ConfigDict(extra="forbid")

    kind: Literal["created", "changed", "deleted", "exists"]
    resource: Resource
    match: dict[str, Any]
    fields: dict[str, Any] = Field(default_factory=dict)
    count: int = 1


class Forbidden(BaseModel):
    """Things that must not happen."""

    model_config = ConfigDict(extra="forbid")

    any_write: bool = False
    writes_to_calendars: list[str] = Field(default_factory=list)


class AnswerCheck(BaseModel):
    """A check on the agent's final answer (case-insensitive substring matchers)."""

    model_config = ConfigDict(extra="forbid")

    include_any: list[str] = Field(default_factory=list)
    include_all: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)


class Task(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    family: str
    variant: Variant
    pair_id: str
    world: str | dict[str, Any] = "acme"
    actor: str
    now: AwareDatetime
    instruction: str
    plan: list[PlanStep]
    final_answer: str = "Done."
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
        if not self.requires_write and not (self.forbid.any_write or self.forbid.writes_to_calendars):
            if self.answer is None:
                raise ValueError("a task that requires no write must forbid writes or check the answer")
        return self


def now_of(task: Task) -> datetime:
    return task.now

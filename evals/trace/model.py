"""The stored form of one episode's trajectory (pydantic: it is a file format, read back by other tools).

A trajectory is a list of turns. A user turn is a message to the agent; an agent turn is the model's
reply with the calls it proposed. Each call keeps, in order: the arguments as proposed, every guard
intervention (``kind``, ``field``, ``before``, ``after``, ``reason``), the call actually sent (absent
when the guard blocked it), what came back (the tool result, or the structured error the agent read)
with its classification, and the retries it took. The world diff and the grader's verdict close it.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

TRAJECTORY_VERSION = 1

Verdict = Literal["sent", "repaired", "blocked", "unanswered"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class InterventionTrace(_Model):
    """One guard decision on one call."""

    kind: str
    field: str | None = None
    before: Any = None
    after: Any = None
    reason: str = ""
    stage: str | None = Field(default=None, description="resolve, validate or retry")


class CallTrace(_Model):
    """One proposed tool call and what became of it."""

    id: str
    tool: str = Field(description="the tool name as the agent proposed it")
    proposed_args: Any = None
    verdict: Verdict = Field(
        description="sent (as proposed), repaired (sent after guard changes), blocked (never ran), "
        "unanswered (the episode ended before a result)"
    )
    sent_tool: str | None = Field(default=None, description="the tool that ran (None: it never ran)")
    sent_args: dict[str, Any] | None = None
    interventions: list[InterventionTrace] = Field(default_factory=list)
    result: Any = Field(default=None, description="what the agent got back: a tool result or an error")
    ok: bool | None = Field(default=None, description="None while unanswered")
    error_type: str | None = None
    category: str | None = Field(default=None, description="ok, transient, repairable or permanent")
    retries: int = 0


class Turn(_Model):
    """A user message, an agent reply with its calls, or the guard's word on an answer it sent back."""

    role: Literal["user", "agent", "guard"]
    text: str = ""
    calls: list[CallTrace] = Field(default_factory=list)


class WorldChange(_Model):
    """One record the episode changed (bookkeeping fields stripped, as the grader sees it)."""

    resource: str
    key: str
    kind: Literal["added", "removed", "changed"]
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    changed_fields: list[str] = Field(default_factory=list)


class GradeTrace(_Model):
    """The grader's verdict on the world the episode left."""

    passed: bool
    failures: list[dict[str, str]] = Field(default_factory=list, description="kind and message of each")


class Trajectory(_Model):
    """Everything one (task, arm, trial) episode did, in order."""

    version: int = TRAJECTORY_VERSION
    task_id: str
    arm: Literal["raw", "guarded"]
    trial: int
    seed: int
    family: str = ""
    variant: str = ""
    instruction: str = ""
    turns: list[Turn] = Field(default_factory=list)
    other_interventions: list[InterventionTrace] = Field(
        default_factory=list, description="guard decisions not tied to a call of any turn"
    )
    final_answer: str = ""
    final_status: str | None = Field(default=None, description="the agent's structured status, if any")
    stop_reason: str | None = None
    world_diff: list[WorldChange] = Field(default_factory=list)
    grade: GradeTrace | None = None
    crashed: str | None = None

    def calls(self) -> list[CallTrace]:
        """Every call of every agent turn, in order."""
        return [call for turn in self.turns for call in turn.calls]

    def interventions(self) -> list[InterventionTrace]:
        """Every intervention, call by call, then those tied to no call."""
        return [i for call in self.calls() for i in call.interventions] + list(self.other_interventions)

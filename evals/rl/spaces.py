"""What a task episode takes and gives: its action, observation and step result.

They extend the sandbox's own (:class:`env.MCPAction`, :class:`env.Observation`,
:class:`env.StepResult`), so code written for ``CalendarEnv`` reads a task episode unchanged; what a
task adds is a way to end the episode (``FinalAnswerAction``), the instruction on reset, and
``truncated`` for an episode a budget ended.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from env import MCPAction as SandboxAction
from env import Observation, StepResult

ActionType = Literal["ListToolsAction", "ToolCallAction", "FinalAnswerAction"]


class MCPAction(SandboxAction):
    """The sandbox's action plus ``FinalAnswerAction``: the answer to the user, which ends the episode.

    >>> MCPAction(action_type="ToolCallAction", tool_name="calendars_list")
    >>> MCPAction(action_type="FinalAnswerAction", answer="Added the sync to Team.")
    """

    action_type: ActionType  # type: ignore[assignment]
    answer: str | None = None

    @model_validator(mode="after")
    def _answer_only_when_answering(self) -> MCPAction:
        if self.action_type == "FinalAnswerAction":
            if self.answer is None:
                raise ValueError("a FinalAnswerAction needs an answer (the text the user reads)")
            if self.tool_name is not None or self.arguments:
                raise ValueError("a FinalAnswerAction calls no tool: give only the answer")
        elif self.answer is not None:
            raise ValueError(f"{self.action_type} takes no answer (use FinalAnswerAction to answer)")
        return self


class TaskObservation(Observation):
    """The sandbox observation plus what a task episode says.

    On reset: ``instruction`` (the user's request), ``system_prompt`` (who acts, when and where, and how
    to use the tools: what a chat model is shown first) and ``tools_list``. After a turn:
    ``tool_results`` (one per call of the turn; ``tool_result`` is the first), ``reward`` for the turn,
    and ``done``/``truncated`` when it was the last. ``metadata`` carries the task's ids, the turn's
    reward terms, the guard's interventions (guarded mode) and, at the end, the grade.
    """

    instruction: str | None = None
    system_prompt: str | None = None
    tool_results: list[Any] = Field(default_factory=list)
    truncated: bool = False


class TaskStepResult(StepResult):
    """``reset``/``step`` result: observation, reward, done, and ``truncated`` (a budget ended it)."""

    observation: TaskObservation
    truncated: bool = False


class TaskEnvError(ValueError):
    """A task episode asked to do something it cannot: an unknown task, a step after the end, ...

    ``field`` names the offending input where there is one (``task_id``, ``action``).
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def as_action(action: BaseModel | dict[str, Any]) -> MCPAction:
    """A task action from a sandbox action, a task action or its JSON form."""
    if isinstance(action, MCPAction):
        return action
    if isinstance(action, SandboxAction):
        return MCPAction.model_validate(action.model_dump())
    if isinstance(action, dict):
        return MCPAction.model_validate(action)
    raise TaskEnvError(f"not an action: {type(action).__name__} (give an MCPAction or a dict)", "action")

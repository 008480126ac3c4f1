"""Task episodes on the OpenEnv server: :class:`TaskEpisodes` is what one session drives.

``guards env serve --transport openenv --suite calendar`` serves them: the ``guards`` command line
installs :func:`task_source` as the server's episode source (:mod:`env.server.episodes`), and each
session gets a :class:`TaskEpisodes` on its first ``reset``. A reset's data names the episode::

    {"type": "reset", "data": {"task_id": "create_on_calendar-team-sync-explicit", "seed": 7,
                               "guarded": true, "reward": "shaped"}}

(every field optional: a task drawn at random, the server's defaults), steps are the sandbox's actions
plus ``{"action_type": "FinalAnswerAction", "answer": "..."}``, and the observation frames carry the
instruction on reset and reward and done at the top level.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from env import MCPAction as SandboxAction
from env.server.episodes import EpisodeError, EpisodeFactory, FinalAnswerAction, install_episode_source
from evals.loader import load_suite, load_tasks
from evals.rl.rewards import RewardMode
from evals.rl.spaces import MCPAction, TaskEnvError, TaskStepResult, as_action
from evals.rl.task_env import TaskEnv
from evals.tasks import Task

MAX_STEPS_LIMIT = 200
"""The most model turns a client may ask one episode for (each turn costs the server a graph step)."""


class TaskReset(BaseModel):
    """The ``reset`` data of a task episode."""

    model_config = ConfigDict(extra="forbid")

    task_id: str | None = Field(default=None, min_length=1, max_length=255)
    seed: int | None = Field(default=None, ge=0)
    episode_id: str | None = Field(default=None, max_length=255)
    guarded: bool | None = None
    reward: Literal["binary", "shaped"] | None = None
    max_steps: int | None = Field(default=None, ge=1, le=MAX_STEPS_LIMIT)


def _refusal(exc: ValidationError) -> EpisodeError:
    errors = json.loads(exc.json(include_url=False, include_context=False))
    fields = "; ".join(f"{'.'.join(map(str, e['loc'])) or '<root>'}: {e['msg']}" for e in errors)
    field = str(errors[0]["loc"][0]) if errors and errors[0]["loc"] else None
    return EpisodeError(f"Invalid reset parameters: {fields}", field)


class TaskEpisodes:
    """One session's task episodes (an :class:`env.server.episodes.EpisodeEnvironment`).

    ``guarded``/``reward``/``max_steps`` are the defaults a reset may override for its episode.
    """

    def __init__(
        self,
        tasks: Sequence[Task],
        *,
        guarded: bool = False,
        reward: RewardMode = "binary",
        max_steps: int | None = None,
    ) -> None:
        self._tasks = list(tasks)
        self._defaults: tuple[bool, RewardMode, int | None] = (guarded, reward, max_steps)
        self._env: TaskEnv | None = None
        self._options: tuple[bool, RewardMode, int | None] | None = None
        self._episode_id: str | None = None

    def reset(self, params: Mapping[str, Any]) -> TaskStepResult:
        try:
            wanted = TaskReset.model_validate(dict(params))
        except ValidationError as exc:
            raise _refusal(exc) from exc
        guarded, reward, max_steps = self._defaults
        options = (
            guarded if wanted.guarded is None else wanted.guarded,
            reward if wanted.reward is None else wanted.reward,
            max_steps if wanted.max_steps is None else wanted.max_steps,
        )
        if self._env is None or options != self._options:
            guarded, reward, max_steps = options
            self._env = TaskEnv(tasks=self._tasks, guarded=guarded, reward=reward, max_steps=max_steps)
            self._options = options
        try:
            result = self._env.reset(task_id=wanted.task_id, seed=wanted.seed)
        except TaskEnvError as exc:
            raise EpisodeError(exc.message, exc.field) from exc
        self._episode_id = wanted.episode_id
        if wanted.episode_id is not None:
            result.observation.metadata["episode_id"] = wanted.episode_id
        return result

    def step(self, action: SandboxAction | FinalAnswerAction) -> TaskStepResult:
        if self._env is None:
            raise EpisodeError("send a reset first", "action")
        if isinstance(action, FinalAnswerAction):
            task_action = MCPAction(action_type="FinalAnswerAction", answer=action.answer)
        else:
            task_action = as_action(action)
        try:
            result = self._env.step(task_action)
        except TaskEnvError as exc:
            raise EpisodeError(exc.message, exc.field) from exc
        if self._episode_id is not None:
            result.observation.metadata["episode_id"] = self._episode_id
        return result

    @property
    def state(self) -> dict[str, Any]:
        state: dict[str, Any] = self._env.state if self._env is not None else {"step_count": 0}
        if self._episode_id is not None:
            state["episode_id"] = self._episode_id
        return state


def task_episodes(
    suite: str | None = None,
    *,
    tasks: str | None = None,
    guarded: bool = False,
    reward: RewardMode = "binary",
    max_steps: int | None = None,
) -> EpisodeFactory:
    """The episode factory for a suite or task file (tasks loaded once, shared by every session)."""
    if suite is not None and tasks is not None:
        raise ValueError("give --suite or --tasks, not both")
    loaded = load_tasks(tasks) if tasks is not None else load_suite(suite or "calendar")
    if not loaded:
        raise ValueError(f"no tasks in {tasks or suite}")
    return partial(TaskEpisodes, loaded, guarded=guarded, reward=reward, max_steps=max_steps)


def task_source(suite: str | None, tasks: str | None) -> EpisodeFactory:
    """The server's episode source: ``--suite``/``--tasks`` to a factory (a bad file: ``ValueError``)."""
    return task_episodes(suite, tasks=tasks)


def install_task_source() -> None:
    """Make ``guards env serve --suite/--tasks`` serve these task episodes."""
    install_episode_source(task_source)

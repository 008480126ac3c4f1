"""The calendar tasks as an RL environment: task episodes, rewards, rollouts, TRL and OpenEnv serving.

>>> from evals.rl import MCPAction, TaskEnv
>>> env = TaskEnv(suite="calendar", guarded=False, reward="binary")
>>> first = env.reset(task_id="...")                     # instruction, tools, task metadata
>>> env.step(MCPAction(action_type="ToolCallAction", tool_name="calendars_list", arguments={}))
>>> env.step(MCPAction(action_type="FinalAnswerAction", answer="Done."))   # done, reward = the grade

* :class:`TaskEnv` (:mod:`evals.rl.task_env`): ``reset``/``step`` over a suite's tasks; the reward is
  the state grader's verdict, optionally shaped per turn (:mod:`evals.rl.rewards`).
* ``guards rollout`` (:mod:`evals.rl.rollout`): an agent's episodes as chat-with-tools JSONL.
* :func:`trl_environment`, :func:`trl_dataset`, :func:`trl_reward` (:mod:`evals.rl.trl_env`): TRL's
  ``GRPOTrainer(environment_factory=...)``.
* :func:`task_episodes` (:mod:`evals.rl.serving`): task episodes on the OpenEnv server.

Where tasks live, and how the server serves them
-------------------------------------------------
Tasks and graders stay in ``evals`` and ``env`` stays task-agnostic: ``env`` is the world and its
tools, which any task format, grader or trainer can drive; a task is an evaluation's opinion of what
an episode should achieve, and ``evals`` already owns the task format, the grader and the agent graph
whose verdict a reward must equal. Moving them into ``env`` would pull the guards (the guarded arm),
the agents' prompts and the task files into the environment package, or split the grader from the
evaluation that must agree with it.

So the OpenEnv server gets a small hook instead (:mod:`env.server.episodes`): an *episode factory*,
``() -> EpisodeEnvironment``, one environment per session with ``reset(params)`` and ``step(action)``
returning the sandbox's own ``StepResult``. The server validates the wire frames, calls the hook on
``reset`` and ``step`` (a ``FinalAnswerAction`` included) and puts reward and done at the top level,
as for the sandbox; it never learns what a task is. ``guards env serve --suite NAME`` installs
:func:`task_episodes` through that hook (``evals -> env``, never ``env -> evals``). A plug-in hook
rather than a second server keeps one implementation of the protocol, its limits and its workers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from evals.rl.rewards import RewardConfig, RewardMode, RewardTerm
    from evals.rl.spaces import MCPAction, TaskEnvError, TaskObservation, TaskStepResult
    from evals.rl.task_env import TaskEnv
    from evals.rl.trl_env import trl_dataset, trl_environment, trl_reward

_EXPORTS = {
    "RewardConfig": "evals.rl.rewards",
    "RewardMode": "evals.rl.rewards",
    "RewardTerm": "evals.rl.rewards",
    "MCPAction": "evals.rl.spaces",
    "TaskEnvError": "evals.rl.spaces",
    "TaskObservation": "evals.rl.spaces",
    "TaskStepResult": "evals.rl.spaces",
    "TaskEnv": "evals.rl.task_env",
    "trl_dataset": "evals.rl.trl_env",
    "trl_environment": "evals.rl.trl_env",
    "trl_reward": "evals.rl.trl_env",
}

__all__ = [
    "MCPAction",
    "RewardConfig",
    "RewardMode",
    "RewardTerm",
    "TaskEnv",
    "TaskEnvError",
    "TaskObservation",
    "TaskStepResult",
    "trl_dataset",
    "trl_environment",
    "trl_reward",
]


def __getattr__(name: str) -> Any:
    # Imported on first use: ``guards --help`` reaches this package and should not load LangGraph.
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'evals.rl' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)

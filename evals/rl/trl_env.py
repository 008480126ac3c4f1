"""TRL's ``GRPOTrainer(environment_factory=...)``: the task episodes as a class with one method per tool.

::

    from datasets import Dataset
    from trl import GRPOConfig, GRPOTrainer
    from evals.rl import trl_dataset, trl_environment, trl_reward

    trainer = GRPOTrainer(
        model="Qwen/Qwen3-0.6B",
        train_dataset=Dataset.from_list(trl_dataset(suite="calendar")),
        reward_funcs=trl_reward,
        environment_factory=trl_environment(suite="calendar", guarded=False),
        args=GRPOConfig(max_completion_length=2048),
    )

TRL's contract: the factory is a no-argument constructor; ``reset(**row)`` gets the dataset row's
columns and returns text appended to the row's last user message; every other public method is a
tool, whose schema TRL builds with ``transformers.utils.get_json_schema`` from its type hints and its
docstring's ``Args:``. So each environment tool becomes a method with typed keyword arguments (objects
are ``dict``, described field by field in the docstring) that returns the tool's JSON answer as text.
The episode itself is the :class:`~evals.rl.TaskEnv` in ``.episode`` (an instance attribute, so TRL
does not take it for a tool); :func:`trl_reward` ends it with the completion's last assistant message
as the answer and returns the reward.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from evals.episode import episode_seed, episode_spec
from evals.loader import load_suite, load_tasks
from evals.rl.rewards import RewardConfig, RewardMode
from evals.rl.spaces import MCPAction
from evals.rl.task_env import TaskEnv, system_prompt_of
from evals.tasks import Task

_SCALARS: dict[str, type] = {"string": str, "integer": int, "number": float, "boolean": bool}


def python_type(schema: Mapping[str, Any]) -> Any:
    """The type hint ``get_json_schema`` turns back into (the top level of) this JSON Schema."""
    if "enum" in schema:
        return Literal[tuple(schema["enum"])]
    kind = schema.get("type")
    if kind == "array":
        return list[python_type(schema.get("items") or {})]  # type: ignore[misc]
    if kind == "object":
        return dict
    return _SCALARS.get(str(kind), str)


def describe(schema: Mapping[str, Any], depth: int = 0) -> str:
    """A one-line reading of a schema's nested structure (what a ``dict`` hint cannot say)."""
    if schema.get("type") == "array":
        return f"a list, each item {describe(schema.get('items') or {}, depth)}"
    if schema.get("type") != "object" or depth > 2:
        kind = str(schema.get("type", "value"))
        return f"{kind} (one of: {', '.join(map(str, schema['enum']))})" if "enum" in schema else kind
    required = set(schema.get("required") or [])
    fields = [
        f"{name}{'' if name in required else '?'}: {describe(field, depth + 1)}"
        for name, field in (schema.get("properties") or {}).items()
    ]
    return "an object {" + "; ".join(fields) + "}" if fields else "an object"


def _docstring(spec: Mapping[str, Any]) -> str:
    schema = spec.get("input_schema") or {}
    lines = [" ".join(str(spec.get("description") or spec["name"]).split()), "", "Args:"]
    for name, field in (schema.get("properties") or {}).items():
        text = " ".join(str(field.get("description") or f"The {name}.").split())
        if field.get("type") in ("object", "array"):
            text += f" Shape: {describe(field)}."
        lines.append(f"    {name}: {text}")
    lines += ["", "Returns:", "    The tool's answer as JSON text: its result, or a structured error."]
    return "\n".join(lines)


def tool_method(spec: Mapping[str, Any]) -> Callable[..., str]:
    """A method ``name(self, **arguments) -> str`` with the tool's typed signature and ``Args:`` docs."""
    name = str(spec["name"])
    schema = spec.get("input_schema") or {}
    required = set(schema.get("required") or [])
    parameters = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    annotations: dict[str, Any] = {}
    for field_name, field in (schema.get("properties") or {}).items():
        hint = python_type(field)
        optional = field_name not in required
        annotations[field_name] = hint | None if optional else hint
        parameters.append(
            inspect.Parameter(
                field_name,
                inspect.Parameter.KEYWORD_ONLY,
                default=None if optional else inspect.Parameter.empty,
                annotation=annotations[field_name],
            )
        )
    annotations["return"] = str

    def method(self: TrlTaskEnvironment, **arguments: Any) -> str:
        # TRL's schema marks optional arguments nullable: a null one means "not given"
        given = {key: value for key, value in arguments.items() if value is not None or key in required}
        return self._call(name, given)

    method.__name__ = method.__qualname__ = name
    method.__doc__ = _docstring(spec)
    method.__signature__ = inspect.Signature(parameters, return_annotation=str)  # type: ignore[attr-defined]
    method.__annotations__ = annotations
    return method


class TrlTaskEnvironment:
    """Base of the classes :func:`trl_environment` builds (tools are added per class)."""

    _tasks: Sequence[Task] = ()
    _options: Mapping[str, Any] = {}

    def __init__(self) -> None:
        self.episode = TaskEnv(tasks=list(self._tasks), **self._options)

    def reset(self, **row: Any) -> str:
        """Start the episode of the row's ``task_id`` (and ``seed``, if given); returns the instruction."""
        task_id = row.get("task_id")
        seed = row.get("seed")
        result = self.episode.reset(
            task_id=str(task_id) if task_id is not None else None,
            seed=int(seed) if seed is not None else None,
        )
        return result.observation.instruction or ""

    def _call(self, name: str, arguments: dict[str, Any]) -> str:
        if self.episode.done:
            payload: Any = {
                "ok": False,
                "error_type": "episode_over",
                "tool_name": name,
                "message": "The episode is over (a budget ran out): answer the user without calling tools.",
            }
        else:
            action = MCPAction(action_type="ToolCallAction", tool_name=name, arguments=arguments)
            results = self.episode.step(action).observation.tool_results
            payload = results[0] if results else None
        return payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)

    def _finish(self, answer: str) -> float:
        """End the episode with ``answer`` (unless a budget already ended it); the episode's reward."""
        if not self.episode.done:
            self.episode.step(MCPAction(action_type="FinalAnswerAction", answer=answer))
        return self.episode.episode_return


def _load(suite: str | None, tasks: str | Path | Sequence[Task] | None) -> list[Task]:
    if suite is not None and tasks is not None:
        raise ValueError("give a suite or a task file, not both")
    if tasks is None:
        return load_suite(suite or "calendar")
    return load_tasks(tasks) if isinstance(tasks, str | Path) else list(tasks)


def trl_environment(
    suite: str | None = None,
    *,
    tasks: str | Path | Sequence[Task] | None = None,
    guarded: bool = False,
    reward: RewardMode | RewardConfig = "binary",
    max_steps: int | None = None,
    max_reasks: int | None = None,
    tools: Sequence[str] | None = None,
) -> type[TrlTaskEnvironment]:
    """A class for ``GRPOTrainer(environment_factory=...)`` over a suite or task file (module docstring).

    ``tools`` offers only those tools (every tool schema is in every prompt: a small model's context
    may want fewer).
    """
    from env import CalendarEnv

    loaded = _load(suite, tasks)
    specs = {spec.name: spec for spec in CalendarEnv().tool_specs()}
    unknown = sorted(set(tools or ()) - set(specs))
    if unknown:
        raise ValueError(f"unknown tools {', '.join(unknown)} (the tools: {', '.join(specs)})")
    options = {"guarded": guarded, "reward": reward, "max_steps": max_steps, "max_reasks": max_reasks}
    members: dict[str, Any] = {"_tasks": tuple(loaded), "_options": options}
    for name, spec in specs.items():
        if tools is None or name in tools:
            members[name] = tool_method(spec.to_dict())
    members["__doc__"] = (
        f"Calendar tasks ({suite or tasks or 'calendar'}, {'guarded' if guarded else 'raw'}): "
        "one method per tool."
    )
    return type("CalendarTaskEnvironment", (TrlTaskEnvironment,), members)


def trl_dataset(
    suite: str | None = None,
    *,
    tasks: str | Path | Sequence[Task] | None = None,
    repeat: int = 1,
    seed: int = 0,
) -> list[dict[str, Any]]:
    """Rows for GRPO: ``prompt`` (system prompt, then a user message the instruction is appended to by
    ``reset``), ``task_id`` and ``seed`` (the episode's world), ``repeat`` rows per task.

    ``Dataset.from_list(rows)`` makes the ``datasets.Dataset`` TRL takes.
    """
    from env import CalendarEnv

    rows: list[dict[str, Any]] = []
    for task in _load(suite, tasks):
        timezone = CalendarEnv(world=task.world, actor=task.actor, now=task.now).timezone
        system = system_prompt_of(episode_spec(task, timezone))
        for index in range(repeat):
            rows.append(
                {
                    "prompt": [{"role": "system", "content": system}, {"role": "user", "content": ""}],
                    "task_id": task.id,
                    "seed": episode_seed(seed, task.id, index),
                }
            )
    return rows


def completion_answer(completion: Any) -> str:
    """The final answer in a TRL completion: its last assistant message's text (none: ``''``)."""
    if isinstance(completion, str):
        return completion
    for message in reversed(list(completion or [])):
        if isinstance(message, Mapping) and message.get("role") == "assistant":
            if message.get("tool_calls"):
                return ""  # the completion stopped on a call: there is no answer
            content = message.get("content")
            if isinstance(content, list):
                content = "".join(str(part.get("text", "")) for part in content if isinstance(part, Mapping))
            return str(content or "")
    return ""


def trl_reward(environments: Sequence[Any], completions: Sequence[Any], **_kwargs: Any) -> list[float]:
    """TRL reward function: each finished episode's reward (the grade, shaped if configured).

    ``environments`` are the :func:`trl_environment` instances TRL ran; each is ended with its
    completion's final answer and graded on the world it left.
    """
    return [env._finish(completion_answer(c)) for env, c in zip(environments, completions, strict=True)]

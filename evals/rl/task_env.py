"""``TaskEnv``: a bundled (or your own) task as an RL episode, with the grader's verdict as its reward.

::

    env = TaskEnv(suite="calendar", guarded=True, reward="shaped")
    first = env.reset(task_id="create-team-sync-explicit")
    first.observation.instruction          # what the user asked
    step = env.step(MCPAction(action_type="ToolCallAction", tool_name="calendars_list", arguments={}))
    ...
    last = env.step(MCPAction(action_type="FinalAnswerAction", answer="Added it."))
    last.done, last.reward                 # True, the grade (plus the shaping terms in shaped mode)

A *turn* is one assistant message: ``step`` with a tool call is a turn with that one call, and
:meth:`TaskEnv.act` takes a whole assistant message (several calls, as chat models propose them).
Turns run through the ``guards ab`` agent graph itself (:mod:`evals.rl.stepper`), so the guards, the
feedback on errors and the step and re-ask budgets are those of the evaluation, and an episode ends
with the verdict ``guards ab`` would record. A budget that runs out ends the episode with
``truncated`` set, graded on the world as it stands.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, ToolMessage

from evals.answers import final_status_of
from evals.episode import EpisodeSettings, episode_seed, episode_spec, final_answer_of, records_reader
from evals.graders import GradeResult, grade
from evals.loader import load_suite, load_tasks
from evals.rl.chat import chat_messages, tool_payload, tool_schemas
from evals.rl.rewards import RewardConfig, RewardMode, RewardTerm, total
from evals.rl.spaces import MCPAction, TaskEnvError, TaskObservation, TaskStepResult, as_action
from evals.rl.stepper import TurnDriver, calendar_pack
from evals.tasks import Task
from guards.graph import GUARD_METADATA_KEY


def system_prompt_of(spec: Any) -> str:
    """The system prompt a chat model is shown for an episode: the `llm:` agents' own."""
    from agents.llm import render_system_prompt

    return render_system_prompt(spec)


class TaskEnv:
    """Task episodes over one suite or task file (see the module docstring).

    ``guarded``: every call goes through the guards (resolve, validate, retry), as in ``guards ab``'s
    guarded arm. ``reward``: ``"binary"``, ``"shaped"`` or a :class:`~evals.rl.rewards.RewardConfig`.
    ``max_steps``/``max_reasks``/``max_wall_time_s``: the graph's budgets (model turns, errors sent
    back to fix, seconds inside the graph; ``None`` keeps ``guards ab``'s defaults).
    ``seed``: the base seed for choosing tasks and for each episode's world (IDs, faults) when
    ``reset`` is given none.
    """

    def __init__(
        self,
        suite: str | None = None,
        *,
        tasks: str | Path | Sequence[Task] | None = None,
        guarded: bool = False,
        reward: RewardMode | RewardConfig = "binary",
        max_steps: int | None = None,
        max_reasks: int | None = None,
        max_wall_time_s: float | None = None,
        seed: int = 0,
    ) -> None:
        if suite is not None and tasks is not None:
            raise TaskEnvError("give a suite or a task file, not both", "tasks")
        if tasks is None:
            self.tasks = load_suite(suite or "calendar")
        elif isinstance(tasks, str | Path):
            self.tasks = load_tasks(tasks)
        else:
            self.tasks = list(tasks)
        if not self.tasks:
            raise TaskEnvError("no tasks to run", "tasks")
        self._by_id = {task.id: task for task in self.tasks}
        self.guarded = guarded
        self.rewards = RewardConfig.of(reward)
        self.settings = EpisodeSettings(
            max_steps=max_steps, max_reasks=max_reasks, max_wall_time_s=max_wall_time_s
        )
        self._seed = seed
        self._rng = random.Random(seed)
        self._resets = 0
        self._driver: TurnDriver | None = None
        self.task: Task | None = None
        self.env: Any = None
        self.system_prompt = ""
        self.step_rewards: list[float] = []
        self.grade_result: GradeResult | None = None
        self.done = False
        self.truncated = False
        self.episode_id = ""
        self.seed: int | None = None
        self.spec: Any = None  # the agents' view of the episode (agents.EpisodeSpec), once reset
        self._before: Any = None  # the world before the episode, for the grader's diff

    # ---- the episode contract ---------------------------------------------------------------

    @property
    def task_ids(self) -> list[str]:
        return [task.id for task in self.tasks]

    @property
    def arm(self) -> str:
        return "guarded" if self.guarded else "raw"

    def reset(self, task_id: str | None = None, seed: int | None = None) -> TaskStepResult:
        """Start an episode of ``task_id`` (a task drawn with the env's RNG when ``None``).

        ``seed`` fixes the world's generated IDs and faults (the same seed ``guards ab`` gives the
        episode makes the same world); without one it is derived from the base seed and the reset count.
        """
        from env import CalendarEnv

        if seed is not None:
            self._rng = random.Random(seed)
        task = self._task(task_id) if task_id is not None else self._rng.choice(self.tasks)
        self._resets += 1
        self.seed = seed if seed is not None else episode_seed(self._seed, task.id, self._resets)
        self.task = task
        self.env = CalendarEnv(world=task.world, actor=task.actor, now=task.now, seed=self.seed)
        self._before = self.env.snapshot()
        self._driver = TurnDriver(
            task, self.env.langchain_tools(), self.env.timezone, guarded=self.guarded,
            budgets=self.settings.budgets(), seed=self.seed,
        )  # fmt: skip
        self.spec = episode_spec(task, self.env.timezone, self.arm)  # type: ignore[arg-type]
        self.system_prompt = system_prompt_of(self.spec)
        self.step_rewards, self.grade_result, self.done, self.truncated = [], None, False, False
        self.episode_id = str(uuid.uuid4())  # one per episode: the seed fixes the task, not the id
        observation = TaskObservation(
            instruction=task.instruction,
            system_prompt=self.system_prompt,
            tools_list=[spec.to_dict() for spec in self.env.tool_specs()],
            metadata=self._metadata(),
        )
        return TaskStepResult(observation=observation)

    def step(self, action: MCPAction | dict[str, Any] | AIMessage) -> TaskStepResult:
        """One action: list the tools, call one tool (a turn), or answer (the last turn)."""
        if isinstance(action, AIMessage):
            return self.act(action)
        action = as_action(action)
        driver = self._running()
        if action.action_type == "ListToolsAction":
            tools = [spec.to_dict() for spec in self.env.tool_specs()]
            return TaskStepResult(observation=TaskObservation(tools_list=tools, metadata=self._metadata()))
        if action.action_type == "FinalAnswerAction":
            return self.act(AIMessage(content=action.answer or ""))
        call_id = f"call_{int(driver.state.get('steps', 0)) + 1}"
        call = {"name": action.tool_name or "", "args": action.arguments, "id": call_id, "type": "tool_call"}
        return self.act(AIMessage(content="", tool_calls=[call]))

    def act(self, turn: AIMessage) -> TaskStepResult:
        """One assistant turn: its calls run (through the guards in guarded mode); no calls: the answer."""
        driver = self._running()
        seen_interventions = len(driver.state.get("interventions") or [])
        seen_messages = len(driver.messages)
        state = driver.take(turn)
        new_messages = driver.messages[seen_messages:]
        errors = _errors_of(new_messages)
        interventions = list(state.get("interventions") or [])[seen_interventions:]
        terms = self.rewards.turn_terms(errors, [str(i.get("kind")) for i in interventions])
        if not driver.finished and driver.out_of_budget():
            driver.close_out()
        if driver.finished:
            terms.append(self._finish())
        reward = total(terms)
        self.step_rewards.append(reward)
        return self._turn_result(new_messages, reward, terms, errors, interventions)

    # ---- reading an episode -----------------------------------------------------------------

    @property
    def messages(self) -> list[BaseMessage]:
        """The conversation so far (LangChain messages: the instruction, turns, tool answers)."""
        return self._driver.messages if self._driver is not None else []

    @property
    def graph_state(self) -> dict[str, Any]:
        """The agent graph's state: counters, interventions, stop reason (``guards.graph.GuardedState``)."""
        return dict(self._driver.state) if self._driver is not None else {}

    @property
    def episode_return(self) -> float:
        return float(round(sum(self.step_rewards), 10))

    def chat_messages(self) -> list[dict[str, Any]]:
        """The conversation in the chat-with-tools format, system prompt first (:mod:`evals.rl.chat`)."""
        return chat_messages(self.messages, self.system_prompt)

    def tool_schemas(self) -> list[dict[str, Any]]:
        """The tools offered, as chat templates take them."""
        from env import CalendarEnv

        return tool_schemas((self.env or CalendarEnv()).tool_specs())

    @property
    def state(self) -> dict[str, Any]:
        """Episode bookkeeping (OpenEnv-style ``state``)."""
        return self._metadata()

    # ---- internals --------------------------------------------------------------------------

    def _task(self, task_id: str) -> Task:
        task = self._by_id.get(task_id)
        if task is None:
            import difflib

            close = difflib.get_close_matches(task_id, list(self._by_id), n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else f" ({len(self.tasks)} tasks loaded)"
            raise TaskEnvError(f"unknown task_id {task_id!r}{hint}", "task_id")
        return task

    def _running(self) -> TurnDriver:
        if self._driver is None:
            raise TaskEnvError("no episode yet: call reset() first", "action")
        if self.done:
            raise TaskEnvError("the episode is over: call reset() for the next one", "action")
        return self._driver

    def _finish(self) -> RewardTerm:
        """Grade the world the episode left, exactly as ``guards ab`` does."""
        assert self._driver is not None and self.task is not None
        messages = self._driver.messages
        after = self.env.snapshot()
        final = next((m for m in reversed(messages) if isinstance(m, AIMessage) and not m.tool_calls), None)
        self.grade_result = grade(
            self.task,
            self.env.diff(self._before, after).changes,
            final_answer_of(messages),
            records_reader(after),
            final_status=final_status_of(final),
        )
        self.done = True
        self.truncated = self._driver.state.get("stop_reason") != "answered"
        return self.rewards.final_term(self.grade_result.passed)

    def _metadata(self) -> dict[str, Any]:
        task = self.task
        state = self._driver.state if self._driver is not None else {}
        data: dict[str, Any] = {
            "episode_id": self.episode_id,
            "step_count": int(state.get("steps", 0)),
            "guarded": self.guarded,
            "reward_mode": self.rewards.mode,
            "seed": self.seed,
        }
        if task is not None:
            data.update(
                task_id=task.id, family=task.family, variant=task.variant, pair_id=task.pair_id,
                actor=task.actor, now=task.now.isoformat(), timezone=self.env.timezone,
                world=task.world if isinstance(task.world, str) else "<inline>",
            )  # fmt: skip
        return data

    def _turn_result(
        self,
        new_messages: Sequence[BaseMessage],
        reward: float,
        terms: Sequence[RewardTerm],
        errors: list[tuple[str, bool]],
        interventions: list[dict[str, Any]],
    ) -> TaskStepResult:
        answers = [m for m in new_messages if isinstance(m, ToolMessage)]
        results = [tool_payload(m) for m in answers]
        failed = [r for m, r in zip(answers, results, strict=True) if m.status == "error"]
        message = failed[0].get("message") if failed and isinstance(failed[0], dict) else None
        metadata = self._metadata()
        metadata.update(
            tool_names=[m.name for m in answers],
            errors=[kind for kind, _read in errors],
            interventions=[{k: v for k, v in i.items() if k != "stage"} for i in interventions],
            reward_terms=[term.to_dict() for term in terms],
            episode_return=self.episode_return,
        )
        if self.done:
            assert self.grade_result is not None
            failures = self.grade_result.failure_list
            metadata.update(
                stop_reason=self._driver.state.get("stop_reason") if self._driver else None,
                truncated=self.truncated,
                step_rewards=list(self.step_rewards),
                grade={
                    "passed": self.grade_result.passed,
                    "failure_kind": failures[0].kind if failures else None,
                    "failures": self.grade_result.failures,
                },
            )
        observation = TaskObservation.model_construct(
            success=not failed,
            error_message=str(message) if message is not None else None,
            tools_list=None,
            tool_result=results[0] if results and isinstance(results[0], dict) else None,
            tool_results=results,
            done=self.done,
            reward=reward,
            metadata=metadata,
            instruction=None,
            system_prompt=None,
            truncated=self.truncated,
        )
        return TaskStepResult.model_construct(
            observation=observation, reward=reward, done=self.done, truncated=self.truncated
        )


def _errors_of(messages: Sequence[BaseMessage]) -> list[tuple[str, bool]]:
    """The structured errors a turn's tool answers carried: ``(error_type, the call was a read)``."""
    errors = []
    for message in messages:
        if isinstance(message, ToolMessage) and message.status == "error":
            payload = tool_payload(message)
            kind = payload.get("error_type") if isinstance(payload, dict) else None
            meta = message.response_metadata.get(GUARD_METADATA_KEY)
            tool = meta.get("tool_name") if isinstance(meta, dict) else message.name
            errors.append((str(kind or "unknown"), not calendar_pack().is_write(str(tool))))
    return errors

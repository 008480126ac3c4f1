"""Task episodes on the OpenEnv server: the hook a task provider plugs into, so ``env`` stays task-agnostic.

A sandbox session steps a :class:`~env.CalendarEnv`. A server built with an *episode factory*
(``OpenEnvServer(..., episodes=factory)``) gives each session an :class:`EpisodeEnvironment` from it on
the session's first ``reset`` instead, and from then on

* ``reset`` data (a JSON object) goes to ``environment.reset(params)``, which validates it (a task
  provider reads ``task_id``, ``seed``, ...);
* ``step`` data is parsed as in the sandbox (gym and MCP-style actions) or as a
  ``{"action_type": "FinalAnswerAction", "answer": ...}``, and goes to ``environment.step(action)``;
* ``state`` is ``environment.state``.

Answers are the sandbox's observation frames, reward and done at the top level; fields an
environment's observation adds to :class:`env.Observation` (a task's ``instruction``) travel inside the
observation. An :class:`EpisodeError` is answered with a ``VALIDATION_ERROR`` frame naming its field.

Which factory ``guards env serve --suite NAME`` (or ``--tasks FILE``) uses comes from the *episode
source* installed with :func:`install_episode_source`: the ``guards`` command line installs its task
provider there (``evals.rl``), so ``env`` never imports a task package.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from env import MCPAction, Observation, StepResult
from env.server.protocol import (
    ProtocolError,
    StepAction,
    WSErrorCode,
    invalid,
    observation_payload,
    parse_step_action,
    to_env_action,
)

if TYPE_CHECKING:
    from env.server.sessions import EnvSession

FINAL_ANSWER = "FinalAnswerAction"


class FinalAnswerAction(BaseModel):
    """The agent's answer to the user: ends a task episode."""

    model_config = ConfigDict(extra="forbid")

    action_type: Literal["FinalAnswerAction"]
    answer: str
    metadata: dict[str, Any] = Field(default_factory=dict)


EpisodeAction = MCPAction | FinalAnswerAction


class EpisodeError(ValueError):
    """A reset or step an episode environment refuses (an unknown task, a step after the end, ...)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class EpisodeEnvironment(Protocol):
    """What the server drives for one session of task episodes."""

    def reset(self, params: Mapping[str, Any]) -> StepResult:
        """Start an episode; ``params`` is the ``reset`` frame's data (raise :class:`EpisodeError`)."""
        ...

    def step(self, action: EpisodeAction) -> StepResult:
        """Apply one action of the running episode (raise :class:`EpisodeError`)."""
        ...

    @property
    def state(self) -> dict[str, Any]:
        """Episode bookkeeping for the ``state`` frame."""
        ...


EpisodeFactory = Callable[[], EpisodeEnvironment]
"""Makes one session's episode environment (called on the session's first ``reset``)."""

EpisodeSource = Callable[[str | None, str | None], EpisodeFactory]
"""``source(suite, tasks_file) -> factory``: raises ``ValueError`` (with the reason) for a bad source."""

_sources: list[EpisodeSource] = []


def install_episode_source(source: EpisodeSource) -> None:
    """Install where ``--suite``/``--tasks`` task episodes come from (the last one installed wins)."""
    _sources.append(source)


def episode_factory_for(suite: str | None, tasks: str | None) -> EpisodeFactory:
    """The factory for a suite or task file; ``LookupError`` when no episode source is installed."""
    if not _sources:
        raise LookupError(
            "serving task episodes needs a task provider: run it as `guards env serve --suite ...` "
            "(the guards command line installs one)"
        )
    return _sources[-1](suite, tasks)


def _episode_error(exc: EpisodeError) -> ProtocolError:
    return ProtocolError(WSErrorCode.VALIDATION_ERROR, exc.message, field=exc.field)


def parse_episode_action(data: Any) -> StepAction | FinalAnswerAction:
    """A ``step`` payload: a sandbox action, or a final answer."""
    if isinstance(data, dict) and data.get("action_type") == FINAL_ANSWER:
        try:
            return FinalAnswerAction.model_validate(data)
        except ValidationError as exc:
            raise invalid("Invalid action", exc) from exc
    return parse_step_action(data)


def episode_payload(result: StepResult, action: StepAction | FinalAnswerAction | None) -> dict[str, Any]:
    """The observation frame data: the sandbox's, plus the fields the episode's observation adds."""
    payload = observation_payload(result, None if isinstance(action, FinalAnswerAction) else action)
    observation = result.observation
    for name in type(observation).model_fields:
        if name not in Observation.model_fields:
            payload["observation"][name] = getattr(observation, name)
    return payload


def _running(session: EnvSession) -> EpisodeEnvironment:
    if session.episode is None:
        raise ProtocolError(
            WSErrorCode.SESSION_ERROR, "This server serves task episodes: send a reset (with task_id) first."
        )
    episode: EpisodeEnvironment = session.episode
    return episode


def reset_episode(session: EnvSession, factory: EpisodeFactory, data: Any) -> dict[str, Any]:
    """Answer a ``reset`` frame of a task-episode session (its environment made on the first one)."""
    if data is not None and not isinstance(data, dict):
        raise ProtocolError(WSErrorCode.VALIDATION_ERROR, "reset data must be a JSON object.")
    if session.episode is None:
        session.episode = factory()
    try:
        return episode_payload(_running(session).reset(data or {}), None)
    except EpisodeError as exc:
        raise _episode_error(exc) from exc


def step_episode(session: EnvSession, data: Any) -> dict[str, Any]:
    """Answer a ``step`` frame of a task-episode session."""
    episode = _running(session)
    action = parse_episode_action(data)
    env_action: EpisodeAction = action if isinstance(action, FinalAnswerAction) else to_env_action(action)
    try:
        return episode_payload(episode.step(env_action), action)
    except EpisodeError as exc:
        raise _episode_error(exc) from exc


def episode_state(session: EnvSession) -> dict[str, Any]:
    """The ``state`` of a task-episode session (empty bookkeeping before its first reset)."""
    if session.episode is None:
        return {"episode_id": session.episode_id, "step_count": 0}
    return dict(session.episode.state)


def stateless_episode_reset(factory: EpisodeFactory, body: Any) -> dict[str, Any]:
    """OpenEnv's ``POST /reset`` on a throwaway episode environment (it shows the first observation)."""
    if body is not None and not isinstance(body, dict):
        raise ProtocolError(WSErrorCode.VALIDATION_ERROR, "reset body must be a JSON object.")
    try:
        return episode_payload(factory().reset(body or {}), None)
    except EpisodeError as exc:
        raise _episode_error(exc) from exc


def refuse_stateless_step() -> ProtocolError:
    """A task episode lives in a session: ``POST /step`` has none to step."""
    return ProtocolError(
        WSErrorCode.SESSION_ERROR,
        "Task episodes keep state between steps: step them over the /ws WebSocket after a reset.",
    )

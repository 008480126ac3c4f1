"""What one OpenEnv session does with each WebSocket frame (transport-free, so it is easy to test).

Every bad frame becomes an ``error`` frame and the session keeps serving; only ``close`` ends it.
"""

from __future__ import annotations

import logging
from typing import Any

from env import CalendarEnv
from env.errors import ToolFailure
from env.server.config import SessionConfig, SessionConfigError, blame_field, resolve_client_config
from env.server.episodes import EpisodeFactory, episode_state, reset_episode, step_episode
from env.server.json_guard import UnreadableJson, parse_json
from env.server.protocol import (
    ProtocolError,
    WSErrorCode,
    observation_payload,
    parse_reset_data,
    parse_step_action,
    to_env_action,
)
from env.server.rpc import RpcContext, handle_rpc
from env.server.sessions import EnvSession, SessionPool

logger = logging.getLogger(__name__)


class SessionHandler:
    """Dispatches frames for one session (task episodes from ``episodes`` when the server has them)."""

    def __init__(
        self, session: EnvSession, pool: SessionPool, rpc: RpcContext, episodes: EpisodeFactory | None = None
    ) -> None:
        self.session = session
        self.pool = pool
        self.rpc = rpc
        self.episodes = episodes

    def handle_text(self, text: str) -> tuple[dict[str, Any] | None, bool]:
        """Answer one raw frame: ``(reply or None, keep the connection open)``."""
        try:
            message = parse_json(text)
        except UnreadableJson as exc:
            return ProtocolError(WSErrorCode.INVALID_JSON, f"Invalid JSON: {exc}").frame(), True
        if not isinstance(message, dict):
            return ProtocolError(WSErrorCode.VALIDATION_ERROR, "A frame must be a JSON object.").frame(), True
        kind = message.get("type")
        if kind == "close":
            return None, False
        try:
            return self._dispatch(kind, message), True
        except ProtocolError as exc:
            return exc.frame(), True
        except SessionConfigError as exc:
            return ProtocolError(WSErrorCode.VALIDATION_ERROR, exc.message, **exc.details()).frame(), True
        except Exception as exc:  # a bug must cost one error frame, not the connection
            logger.exception("Frame failed in session %s", self.session.id)
            message_text = f"Internal error while handling {kind!r}: {type(exc).__name__}"
            return ProtocolError(WSErrorCode.EXECUTION_ERROR, message_text).frame(), True

    def _dispatch(self, kind: Any, message: dict[str, Any]) -> dict[str, Any]:
        if kind == "reset":
            return {"type": "observation", "data": self.reset(message.get("data"))}
        if kind == "step":
            if "data" not in message:
                raise ProtocolError(WSErrorCode.VALIDATION_ERROR, "step frame needs 'data' (the action).")
            return {"type": "observation", "data": self.step(message["data"])}
        if kind == "state":
            return {"type": "state", "data": self.state()}
        if kind == "mcp":
            self.pool.touch(self.session)
            return {"type": "mcp", "data": handle_rpc(message.get("data"), self.rpc)}
        raise ProtocolError(
            WSErrorCode.UNKNOWN_TYPE,
            f"Unknown message type: {kind!r}; expected reset, step, state, mcp or close.",
        )

    def reset(self, data: Any) -> dict[str, Any]:
        """Start a new episode; world/actor/now/seed given here apply to this episode only.

        That mirrors ``CalendarEnv.reset``: omitted values fall back to the session's connect-time
        configuration.
        """
        if self.episodes is not None:
            self.pool.touch(self.session)
            return reset_episode(self.session, self.episodes, data)
        params = parse_reset_data(data)
        overrides = params.model_dump(include={"world", "actor", "now", "seed"}, exclude_none=True)
        resolve_client_config(self.session.config, overrides)  # refuse what a client may not select
        try:
            result = self.session.env.reset(
                seed=params.seed, world=params.world, actor=params.actor, now=params.now
            )
        except (ValueError, TypeError, LookupError, ToolFailure) as exc:
            # A half-applied reset must not leave the session in an unknown state.
            self.session.env = self.session.config.build_env()
            field = blame_field(exc)
            message = f"{exc} The session was restored to its connect-time configuration."
            raise SessionConfigError(field, overrides.get(field), message) from exc
        self.session.episode_id = params.episode_id
        self.pool.touch(self.session)
        return observation_payload(result, None)

    def step(self, data: Any) -> dict[str, Any]:
        """Run one action."""
        if self.episodes is not None:
            self.pool.touch(self.session)
            return step_episode(self.session, data)
        action = parse_step_action(data)
        result = self.session.env.step(to_env_action(action))
        self.pool.touch(self.session)
        return observation_payload(result, action)

    def state(self) -> dict[str, Any]:
        """The session's episode bookkeeping plus who acts where and when."""
        self.pool.touch(self.session)
        if self.episodes is not None:
            return episode_state(self.session)
        return session_state(self.session.env, self.session.episode_id)


def session_state(env: CalendarEnv, episode_id: str | None) -> dict[str, Any]:
    """The ``state`` payload: the env's episode bookkeeping (a client's episode_id wins)."""
    state = dict(env.state)
    if episode_id is not None:
        state["episode_id"] = episode_id
    return state


def stateless_state(config: SessionConfig) -> dict[str, Any]:
    """OpenEnv's ``GET /state``: the state of a fresh environment."""
    return session_state(config.build_env(), None)


def stateless_reset(config: SessionConfig, body: Any) -> dict[str, Any]:
    """OpenEnv's ``POST /reset``: reset a throwaway environment and return its observation."""
    params = parse_reset_data(body)
    overrides = params.model_dump(include={"world", "actor", "now", "seed"}, exclude_none=True)
    env = resolve_client_config(config, overrides).build_env()
    return observation_payload(env.reset(seed=params.seed), None)


def stateless_step(config: SessionConfig, body: Any) -> dict[str, Any]:
    """OpenEnv's ``POST /step``: one action on a fresh environment (only reads are meaningful)."""
    if not isinstance(body, dict) or "action" not in body:
        raise ProtocolError(WSErrorCode.VALIDATION_ERROR, 'Body must be {"action": {...}}.')
    action = parse_step_action(body["action"])
    env = config.build_env()
    return observation_payload(env.step(to_env_action(action)), action)

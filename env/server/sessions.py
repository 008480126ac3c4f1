"""The OpenEnv server's session pool: one isolated environment per session, bounded and reaped.

RL trainers open one session per rollout, so the pool enforces a hard cap (a clear
``SessionCapacityError`` at the limit, never an unbounded queue) and closes sessions that have been
idle longer than the configured timeout, whether or not a WebSocket still holds them.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from env import CalendarEnv
from env.server.config import ServerLimits, SessionConfig
from env.server.workers import SessionBudget

logger = logging.getLogger(__name__)


class SessionCapacityError(RuntimeError):
    """Raised when opening a session would exceed ``max_sessions``."""

    def __init__(self, active_sessions: int, max_sessions: int) -> None:
        super().__init__(
            f"Server at capacity: {active_sessions} of {max_sessions} sessions are open. "
            "Close a session or retry later."
        )
        self.active_sessions = active_sessions
        self.max_sessions = max_sessions


@dataclass
class EnvSession:
    """One client's environment and its bookkeeping."""

    id: str
    env: CalendarEnv
    config: SessionConfig
    last_active: float
    episode_id: str | None = None
    attached: bool = False
    on_close: list[Callable[[str], None]] = field(default_factory=list)
    episode: Any = None  # a task-episode server's EpisodeEnvironment (env.server.episodes), once reset


class SessionPool:
    """Creates, finds, closes and reaps sessions (all calls happen on the server's event loop)."""

    def __init__(
        self,
        limits: ServerLimits,
        clock: Callable[[], float] = time.monotonic,
        *,
        budget: SessionBudget | None = None,
        new_id: Callable[[], str] = lambda: uuid.uuid4().hex,
    ) -> None:
        self.limits = limits
        self._clock = clock
        self._sessions: dict[str, EnvSession] = {}
        # shared by every worker of a multi-worker server, so max_sessions stays one global cap
        self.budget = budget or SessionBudget(limits.max_sessions)
        self._new_id = new_id

    def __len__(self) -> int:
        return len(self._sessions)

    def open(self, config: SessionConfig) -> EnvSession:
        """Open a session with its own environment; raises at capacity or on a bad configuration."""
        if not self.budget.try_acquire():
            raise SessionCapacityError(self.budget.count, self.limits.max_sessions)
        try:
            env = config.build_env()
        except BaseException:
            self.budget.release()
            raise
        session = EnvSession(id=self._new_id(), env=env, config=config, last_active=self._clock())
        self._sessions[session.id] = session
        return session

    def get(self, session_id: str) -> EnvSession | None:
        """The open session with this ID, if any."""
        return self._sessions.get(session_id)

    def touch(self, session: EnvSession) -> None:
        """Record activity (keeps the session from being reaped)."""
        session.last_active = self._clock()

    def close(self, session_id: str) -> bool:
        """Close a session and notify whoever holds it; returns whether it was open."""
        session = self._sessions.pop(session_id, None)
        if session is None:
            return False
        self.budget.release()
        for callback in session.on_close:
            callback(session_id)
        return True

    def close_all(self) -> None:
        """Close every session (server shutdown)."""
        for session_id in list(self._sessions):
            self.close(session_id)

    def reap_idle(self) -> list[str]:
        """Close sessions idle for longer than the timeout; returns their IDs."""
        deadline = self._clock() - self.limits.idle_timeout_s
        stale = [sid for sid, s in self._sessions.items() if s.last_active < deadline]
        for session_id in stale:
            logger.info("Reaping idle session %s", session_id)
            self.close(session_id)
        return stale

    async def run_reaper(self) -> None:
        """Reap idle sessions forever (cancel the task to stop)."""
        interval = min(max(self.limits.idle_timeout_s / 4, 0.05), 5.0)
        while True:
            await asyncio.sleep(interval)
            self.reap_idle()

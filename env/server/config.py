"""Who acts in which world, and the limits a server enforces.

A server starts with operator defaults (CLI flags). Each client session may override the world, the
acting user and the clock when it connects, through HTTP headers (or, for the OpenEnv WebSocket, the
equivalent query parameters), and an OpenEnv ``reset`` may override them again for one episode.

Clients may only name *bundled* worlds (or the server's own default): a world given as a file path is
an operator decision, never something a remote client can make the server read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from env import CalendarEnv
from env.errors import ToolFailure
from env.timefmt import parse_rfc3339
from env.world import bundled_world_names

HEADER_WORLD = "x-guards-world"
HEADER_ACTOR = "x-guards-actor"
HEADER_NOW = "x-guards-now"

# Header name -> (query parameter, SessionConfig field).
SESSION_HEADERS: dict[str, tuple[str, str]] = {
    HEADER_WORLD: ("world", "world"),
    HEADER_ACTOR: ("actor", "actor"),
    HEADER_NOW: ("now", "now"),
}

DEFAULT_MAX_SESSIONS = 256
DEFAULT_IDLE_TIMEOUT_S = 900.0
DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024


class SessionConfigError(ValueError):
    """A world/actor/clock choice that cannot be honoured; carries the field for the error payload."""

    def __init__(self, field: str, received: Any, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.received = received
        self.message = message

    def details(self) -> dict[str, Any]:
        """The structured part of the error (what was wrong and what would be accepted)."""
        received = (
            self.received if isinstance(self.received, str | int | None) else type(self.received).__name__
        )
        details: dict[str, Any] = {"field": self.field, "received": received}
        if self.field == "world":
            details["bundled_worlds"] = bundled_world_names()
        return details


@dataclass(frozen=True, slots=True)
class SessionConfig:
    """The world, acting user and clock one session runs with (``None`` = the world's default)."""

    world: str | dict[str, Any] = "acme"
    actor: str | None = None
    now: str | None = None
    seed: int | None = None

    def with_overrides(self, overrides: Mapping[str, Any]) -> SessionConfig:
        """A copy with the non-empty values of ``overrides`` (keys: world, actor, now, seed) applied."""
        changes = {key: value for key, value in overrides.items() if value not in (None, "")}
        return replace(self, **changes)

    def build_env(self) -> CalendarEnv:
        """Create the session's own environment (its own SQLite database).

        Raises ``SessionConfigError`` naming the offending field when the world, actor or clock is
        not valid, so servers can answer with a structured error instead of a traceback.
        """
        try:
            return CalendarEnv(world=self.world, actor=self.actor, now=self.now, seed=self.seed)
        except (ValueError, TypeError, LookupError, ToolFailure) as exc:
            field = blame_field(exc)
            raise SessionConfigError(field, getattr(self, field), str(exc)) from exc


def blame_field(exc: Exception) -> str:
    """Which configuration field made building an environment fail.

    Only three things can: the clock (the env's RFC3339 parser raises a ``ToolFailure``), the actor
    (``Unknown actor ...``), and otherwise the world (unknown name, invalid world data).
    """
    if isinstance(exc, ToolFailure):
        return "now"
    return "actor" if str(exc).startswith("Unknown actor") else "world"


def client_world_allowed(world: Any, server_default: str | dict[str, Any]) -> bool:
    """Whether a remote client may select ``world``: a bundled name, an inline dict, or the default."""
    if isinstance(world, dict):
        return True
    return isinstance(world, str) and (world in bundled_world_names() or world == server_default)


def overrides_from_request(
    headers: Mapping[str, str], query: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Session overrides named by ``X-Guards-*`` headers, else by the matching query parameters."""
    overrides: dict[str, str] = {}
    for header, (param, field) in SESSION_HEADERS.items():
        value = headers.get(header)
        if value is None and query is not None:
            value = query.get(param)
        if value:
            overrides[field] = value
    return overrides


def resolve_client_config(defaults: SessionConfig, overrides: Mapping[str, Any]) -> SessionConfig:
    """Apply client overrides to the server defaults, refusing worlds a client may not name."""
    world = overrides.get("world")
    if world is not None and not client_world_allowed(world, defaults.world):
        raise SessionConfigError(
            "world",
            world,
            f"Unknown world {world!r}: clients may select a bundled world "
            f"({', '.join(bundled_world_names())}) or pass an inline world object.",
        )
    now = overrides.get("now")
    if now is not None:
        _check_now(now)
    seed = overrides.get("seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise SessionConfigError("seed", seed, f"seed must be an integer, got {type(seed).__name__}.")
    actor = overrides.get("actor")
    if actor is not None and not isinstance(actor, str):
        raise SessionConfigError(
            "actor", actor, f"actor must be an email string, got {type(actor).__name__}."
        )
    return defaults.with_overrides(overrides)


def _check_now(value: Any) -> None:
    """The session clock must be RFC3339 with a UTC offset (the environment's own parser decides)."""
    if not isinstance(value, str):
        raise SessionConfigError("now", value, f"now must be an RFC3339 string, got {type(value).__name__}.")
    try:
        parse_rfc3339(value, "now")
    except ToolFailure as exc:
        raise SessionConfigError("now", value, str(exc)) from exc


@dataclass(frozen=True, slots=True)
class ServerLimits:
    """Resource limits shared by the HTTP servers."""

    max_sessions: int = DEFAULT_MAX_SESSIONS
    idle_timeout_s: float = DEFAULT_IDLE_TIMEOUT_S
    max_message_bytes: int = DEFAULT_MAX_MESSAGE_BYTES

    def __post_init__(self) -> None:
        if self.max_sessions < 1:
            raise ValueError("max_sessions must be at least 1")
        if self.idle_timeout_s <= 0:
            raise ValueError("idle_timeout_s must be positive")
        if self.max_message_bytes < 1024:
            raise ValueError("max_message_bytes must be at least 1024")

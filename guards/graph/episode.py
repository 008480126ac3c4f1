"""The guard's view of one episode, rebuilt from the conversation so it survives checkpoints.

The clock, time zone and acting user are fixed when an episode starts (from :class:`ContextConfig` or
the ``guard_context`` key of the input state) and stored in the state. The user's requests are the
HumanMessages; earlier results are the ToolMessages, whose guard metadata records the arguments that
actually ran. Only the lookup cache lives outside the state: it is an optimisation, so a graph resumed
from a checkpoint in another process starts with an empty cache and fills it again.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage

from guards.context import GuardContext, GuardSession, LookupFn, ToolObservation
from guards.graph.tools import parse_tool_output

GUARD_METADATA_KEY = "lookup_guards"
"""Key in ``ToolMessage.response_metadata`` under which the guard records what it did."""

GUARD_FEEDBACK_KEY = "lookup_guards_feedback"
"""Key in ``HumanMessage.additional_kwargs`` that marks the guard's word on an answer, not the user's."""


def is_guard_feedback(message: BaseMessage) -> bool:
    """Whether ``message`` is the guard's feedback on an answer (it is never the user's words)."""
    return isinstance(message, HumanMessage) and bool(message.additional_kwargs.get(GUARD_FEEDBACK_KEY))


@dataclass(frozen=True)
class ContextConfig:
    """Who acts, when, and where: the fixed facts a guard checks calls against.

    ``now`` may be an aware datetime or an RFC3339 string; ``None`` means the wall clock at the start of
    the episode. ``timezone`` is the acting user's IANA zone (``UTC`` when not given).
    """

    now: datetime | str | None = None
    timezone: str | None = None
    actor: str | None = None

    def with_overrides(
        self, now: datetime | str | None, timezone: str | None, actor: str | None
    ) -> ContextConfig:
        """This config with each of ``now``/``timezone``/``actor`` replaced where it is given."""
        return ContextConfig(
            now=now if now is not None else self.now,
            timezone=timezone if timezone is not None else self.timezone,
            actor=actor if actor is not None else self.actor,
        )

    def settings(self, override: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The episode's settings as plain JSON (what the state stores), ``override`` winning."""
        merged: dict[str, Any] = {"now": self.now, "timezone": self.timezone, "actor": self.actor}
        for key, value in (override or {}).items():
            if value is not None:
                merged[key] = value
        timezone = str(merged.get("timezone") or "UTC")
        try:
            zone = ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown IANA time zone {timezone!r}") from exc
        now = merged.get("now")
        if now is None:
            now = datetime.now(zone)
        elif isinstance(now, str):
            now = datetime.fromisoformat(now)
        if not isinstance(now, datetime):
            raise ValueError(f"'now' must be a datetime or an RFC3339 string, got {now!r}")
        if now.tzinfo is None:
            now = now.replace(tzinfo=zone)
        return {"now": now.isoformat(), "timezone": timezone, "actor": merged.get("actor")}


def user_messages(messages: Sequence[BaseMessage]) -> list[str]:
    """The text of every HumanMessage the user wrote, oldest first."""
    return [
        message.text
        for message in messages
        if isinstance(message, HumanMessage) and not is_guard_feedback(message)
    ]


def observations(messages: Sequence[BaseMessage]) -> list[ToolObservation]:
    """The executed tool calls of the conversation with their results, oldest first.

    Guard metadata on a ToolMessage gives the arguments that ran (after repair); a call the guard
    blocked never ran and is skipped. Other ToolMessages (history from elsewhere) pair with the
    AIMessage tool call that produced them.
    """
    proposed: dict[str, tuple[str, dict[str, Any]]] = {}
    seen: list[ToolObservation] = []
    for message in messages:
        if isinstance(message, AIMessage):
            for call in message.tool_calls:
                if call.get("id"):
                    proposed[str(call["id"])] = (call["name"], dict(call.get("args") or {}))
        elif isinstance(message, ToolMessage):
            meta = message.response_metadata.get(GUARD_METADATA_KEY)
            if isinstance(meta, dict):
                if not meta.get("executed", False):
                    continue
                result = meta.get("error") or parse_tool_output(message.content)
                seen.append(ToolObservation(meta["tool_name"], dict(meta.get("args") or {}), result))
            elif message.tool_call_id in proposed:
                name, args = proposed[message.tool_call_id]
                seen.append(ToolObservation(name, args, parse_tool_output(message.content)))
    return seen


def build_context(
    messages: Sequence[BaseMessage],
    settings: Mapping[str, Any],
    session: GuardSession,
    lookup: LookupFn | None,
) -> GuardContext:
    """A :class:`GuardContext` for the current step of an episode."""
    return GuardContext(
        now=datetime.fromisoformat(str(settings["now"])),
        timezone=str(settings["timezone"]),
        user_messages=user_messages(messages),
        tool_results=observations(messages),
        lookup=lookup,
        actor=settings.get("actor"),
        session=session,
    )


def session_for(episode_id: str) -> GuardSession:
    """A fresh session whose seed (for idempotency keys) is derived from the episode's ID.

    The same episode resumed elsewhere derives the same keys; two episodes never share them, so
    identical writes in different episodes are not mistaken for retries of one another.
    """
    digest = hashlib.sha256(episode_id.encode()).digest()
    return GuardSession(seed=int.from_bytes(digest[:8], "big"))


class SessionStore:
    """Per-episode :class:`GuardSession`s (lookup caches), least recently used evicted first."""

    def __init__(self, capacity: int = 256, factory: Callable[[str], GuardSession] = session_for) -> None:
        self._sessions: OrderedDict[str, GuardSession] = OrderedDict()
        self._capacity = capacity
        self._factory = factory
        self._lock = threading.Lock()

    def get(self, episode_id: str) -> GuardSession:
        with self._lock:
            session = self._sessions.get(episode_id)
            if session is None:
                session = self._factory(episode_id)
                self._sessions[episode_id] = session
                while len(self._sessions) > self._capacity:
                    self._sessions.popitem(last=False)
            else:
                self._sessions.move_to_end(episode_id)
            return session

    def __len__(self) -> int:
        return len(self._sessions)

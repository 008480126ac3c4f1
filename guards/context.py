"""What a guard knows about the moment a call is proposed: clock, user, conversation, and lookups."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

LookupFn = Callable[[str, dict[str, Any]], Any]
"""``lookup(tool_name, args) -> result``: runs a read-only tool as the acting user."""


@dataclass
class ToolObservation:
    """A tool call the agent made earlier in the episode and what came back."""

    tool_name: str
    args: dict[str, Any]
    result: Any


@dataclass
class GuardSession:
    """State a guard keeps across the calls of one episode: a lookup cache and its counters.

    Lookups go through :meth:`lookup` so that repeated reads are served from the cache, and a write
    invalidates the cached results of the tools it could change (:meth:`note_write`, called by
    :meth:`GuardContext.observe`; which writes touch which lookups comes from the pack's
    ``invalidates``, installed by the stages with :meth:`watch_writes`).

    ``seed`` makes derived values (idempotency keys) reproducible across runs of the same episode.
    """

    cache: dict[str, Any] = field(default_factory=dict)
    lookups: int = 0
    cache_hits: int = 0
    invalidations: int = 0
    resolved: dict[str, str] = field(default_factory=dict)
    seed: int = 0
    write_rules: dict[str, frozenset[str] | None] = field(default_factory=dict)

    def lookup(self, fn: LookupFn, tool_name: str, args: dict[str, Any]) -> Any:
        key = tool_name + "\x00" + json.dumps(args, sort_keys=True, default=str)
        if key in self.cache:
            self.cache_hits += 1
            return self.cache[key]
        self.lookups += 1
        result = fn(tool_name, args)
        if not (isinstance(result, dict) and result.get("ok") is False):
            self.cache[key] = result
        return result

    def invalidate(self, tool_names: set[str] | frozenset[str] | None = None) -> None:
        """Drop cached results of ``tool_names`` (all of them when ``None``)."""
        if tool_names is None:
            self.invalidations += len(self.cache)
            self.cache.clear()
            return
        for key in [k for k in self.cache if k.split("\x00", 1)[0] in tool_names]:
            self.invalidations += 1
            del self.cache[key]

    def watch_writes(self, rules: dict[str, frozenset[str] | None]) -> None:
        """Install "write tool -> lookups it invalidates" rules (``None``: every lookup)."""
        self.write_rules = rules

    def note_write(self, tool_name: str) -> None:
        """A call of ``tool_name`` was executed (whatever its result: a timed-out write may have applied)."""
        if tool_name in self.write_rules:
            self.invalidate(self.write_rules[tool_name])


@dataclass
class GuardContext:
    """Everything :meth:`guards.Guard.check` may consult besides the call itself.

    ``now`` must be timezone-aware; ``timezone`` is the acting user's IANA zone (``America/New_York``).
    ``lookup`` is optional: without it the guards validate and repair but cannot resolve references
    or check permissions, and say so in their errors instead of guessing. ``date_order`` (``"MDY"`` or
    ``"DMY"``) settles numeric dates for this user; when unset, the pack's user-settings lookup or its
    fixed ``date_order`` does.
    """

    now: datetime
    timezone: str
    user_messages: list[str] = field(default_factory=list)
    tool_results: list[ToolObservation] = field(default_factory=list)
    lookup: LookupFn | None = None
    actor: str | None = None
    session: GuardSession = field(default_factory=GuardSession)
    date_order: str | None = None

    def cached_lookup(self, tool_name: str, args: dict[str, Any]) -> Any:
        if self.lookup is None:
            raise RuntimeError("this GuardContext has no lookup function")
        return self.session.lookup(self.lookup, tool_name, args)

    def observe(self, tool_name: str, args: dict[str, Any], result: Any) -> None:
        """Record an executed call so later checks can ground values in it.

        An executed write also drops the cached lookups it could have changed.
        """
        self.tool_results.append(ToolObservation(tool_name, args, result))
        self.session.note_write(tool_name)

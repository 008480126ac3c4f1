"""One acting user's session over one world database.

The session is what tools receive: the SQLite connection (single source of truth), who is acting,
the session clock, a seeded RNG for new IDs, and small caches (the actor's roles) that any write to
ACLs or calendars invalidates.
"""

from __future__ import annotations

import random
import sqlite3
import string
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from env.faults import FaultInjector

BASE32HEX = string.digits + "abcdefghijklmnopqrstuv"


@dataclass(frozen=True, slots=True)
class CalendarRow:
    """A calendar as stored (what access checks and renderers need)."""

    id: str
    summary: str
    description: str
    owner: str
    time_zone: str
    location: str
    is_primary: bool


@dataclass
class Session:
    """Mutable per-session state handed to every tool."""

    conn: sqlite3.Connection
    world_name: str
    domain: str
    actor: str
    actor_tz: str
    now: datetime
    rng: random.Random
    seq: int = 0
    actor_groups: frozenset[str] = frozenset()
    faults: FaultInjector | None = None
    role_cache: dict[str, int] = field(default_factory=dict)
    calendar_cache: dict[str, CalendarRow | None] = field(default_factory=dict)
    calendar_list_cache: list[tuple[int, dict[str, Any]]] | None = None
    # parsed recurring-series times keyed by (event id, write seq, calendar zone); the session is
    # rebuilt on reset, so a reused seq can never hit a stale entry
    series_cache: dict[tuple[str, int, str], Any] = field(default_factory=dict)

    @property
    def actor_domain(self) -> str:
        return self.actor.rsplit("@", 1)[-1]

    def next_seq(self) -> int:
        """A strictly increasing write counter (orders ``updated`` ties at a frozen clock)."""
        self.seq += 1
        return self.seq

    def new_event_id(self) -> str:
        """A fresh Google-style base32hex event ID, deterministic under the session seed."""
        bits = self.rng.getrandbits(130)
        return "".join(BASE32HEX[(bits >> shift) & 31] for shift in range(0, 130, 5))

    def new_calendar_id(self) -> str:
        token = "".join(self.rng.choice("0123456789abcdef") for _ in range(20))
        return f"c_{token}@group.calendar.{self.domain}"

    def invalidate_access(self) -> None:
        """Forget cached roles and calendar rows after a write to ACLs or calendars."""
        self.role_cache.clear()
        self.calendar_cache.clear()
        self.calendar_list_cache = None

    def load_actor(self, actor: str) -> None:
        """Switch the acting user: their time zone and group memberships come from the database."""
        row = self.conn.execute(
            "SELECT COALESCE((SELECT value FROM settings WHERE user_email = ?1 AND id = 'timezone'), "
            "time_zone) FROM users WHERE email = ?1",
            (actor,),
        ).fetchone()
        if row is None:
            raise ValueError(f"Unknown actor {actor!r}: not a user of world {self.world_name!r}.")
        self.actor = actor
        self.actor_tz = row[0]
        groups = self.conn.execute("SELECT group_email FROM group_members WHERE user_email = ?", (actor,))
        self.actor_groups = frozenset(g for (g,) in groups)
        self.invalidate_access()

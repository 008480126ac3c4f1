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
    world_key: str = ""  # the template's identity (caches of facts about the template key on it)
    actor_groups: frozenset[str] = frozenset()
    faults: FaultInjector | None = None
    role_cache: dict[str, int] = field(default_factory=dict)
    calendar_cache: dict[str, CalendarRow | None] = field(default_factory=dict)
    calendar_list_cache: list[tuple[int, dict[str, Any]]] | None = None
    # three-letter piece of search text -> ids of events this session wrote, so a free-text search
    # need not scan them (the template has its FTS5 index). Rewritten rows keep their old pieces:
    # the index may say too much, never too little, and searches check the text itself.
    text_index: dict[str, set[str]] = field(default_factory=dict)
    # calendar -> length class of one-off events this session wrote (see SPAN_CLASSES) -> the
    # longest span written in it (rewrites never shorten it: a bound, like the text index)
    written_spans: dict[str, dict[int, float]] = field(default_factory=dict)

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

    def index_text(self, event_id: str, text: str) -> None:
        """Note the three-letter pieces of a written event's search text."""
        for start in range(len(text) - 2):
            self.text_index.setdefault(text[start : start + 3], set()).add(event_id)

    def written_with(self, pieces: list[str]) -> set[str]:
        """Ids of written events whose text may contain every piece (a superset)."""
        found: set[str] | None = None
        for piece in sorted(pieces, key=lambda p: len(self.text_index.get(p, ()))):
            ids = self.text_index.get(piece)
            if not ids:
                return set()
            found = set(ids) if found is None else found & ids
            if not found:
                return set()
        return found or set()

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

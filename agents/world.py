"""What a simulated agent knows about the world: display names for IDs, and look-alike records.

A simulation that puts "Team Calendar" where a calendar ID belongs must know that calendar's name;
one that acts on "the similarly named calendar" must know which one that is. :class:`WorldView` reads
them through the environment's own read tools as the acting user (``env.call_tool``), outside the
agent's conversation, and caches them. This is the one place ``agents`` touches ``env``, and it does so
through a structural protocol, so any object with ``call_tool(name, args) -> dict`` works.

Without an environment the view still answers from the plan itself (names written in
``[summary=Team]`` filters, the local part of an email), so perturbations degrade gracefully.
"""

from __future__ import annotations

from typing import Any, Protocol

from rapidfuzz import fuzz


class ToolCaller(Protocol):
    """Anything that can call a tool as the acting user (``env.CalendarEnv`` does)."""

    def call_tool(self, name: str, args: dict[str, Any]) -> dict[str, Any]: ...


def _items(result: Any) -> list[dict[str, Any]]:
    if isinstance(result, dict) and result.get("ok") is not False:
        items = result.get("items")
        if isinstance(items, list):
            return [item for item in items if isinstance(item, dict)]
    return []


class WorldView:
    """Cached, read-only answers about the world, as the acting user sees it."""

    def __init__(self, env: ToolCaller | None) -> None:
        self.env = env
        self._cache: dict[tuple[str, str], Any] = {}

    def _read(self, tool: str, args: dict[str, Any]) -> Any:
        key = (tool, repr(sorted(args.items())))
        if key not in self._cache:
            self._cache[key] = self._read_uncached(tool, args)
        return self._cache[key]

    def _read_uncached(self, tool: str, args: dict[str, Any]) -> Any:
        if self.env is None:
            return None
        # The simulation's knowledge of the world must not draw from the episode's injected faults
        # (that would change the faults the agent itself meets), so they are paused while it reads.
        session = getattr(self.env, "session", None)
        faults = getattr(session, "faults", None)
        if faults is not None:
            session.faults = None  # type: ignore[union-attr]
        try:
            return self.env.call_tool(tool, args)
        except Exception:  # a simulation must not crash on a world it cannot read
            return None
        finally:
            if faults is not None:
                session.faults = faults  # type: ignore[union-attr]

    def calendars(self) -> list[dict[str, Any]]:
        return _items(self._read("calendars_list", {"showHidden": True}))

    def events(self, calendar_id: str) -> list[dict[str, Any]]:
        return _items(self._read("events_list", {"calendarId": calendar_id, "maxResults": 250}))

    def people(self, query: str) -> list[dict[str, Any]]:
        return _items(self._read("users_search", {"query": query}))

    def calendar_name(self, calendar_id: str) -> str | None:
        for calendar in self.calendars():
            if calendar.get("id") == calendar_id:
                return str(calendar.get("summaryOverride") or calendar.get("summary") or "") or None
        return None

    def event_name(self, calendar_id: str | None, event_id: str) -> str | None:
        if not calendar_id:
            return None
        for event in self.events(calendar_id):
            if event.get("id") == event_id:
                return str(event.get("summary") or "") or None
        return None

    def person_name(self, email: str) -> str | None:
        for person in self.people(email):
            if person.get("email") == email:
                return str(person.get("displayName") or "") or None
        local = email.split("@", 1)[0]
        return local.replace(".", " ").title() if "@" in email else None

    def similar_calendar(self, calendar_id: str) -> str | None:
        """The ID of the other visible calendar whose name is closest to this one's."""
        name = self.calendar_name(calendar_id) or calendar_id
        others = [
            (c["id"], str(c.get("summary", ""))) for c in self.calendars() if c.get("id") != calendar_id
        ]
        return _closest(name, others)

    def similar_event(self, calendar_id: str | None, event_id: str) -> str | None:
        """The ID of the other event on the same calendar whose title is closest to this one's."""
        if not calendar_id:
            return None
        name = self.event_name(calendar_id, event_id) or event_id
        others = [
            (e["id"], str(e.get("summary", "")))
            for e in self.events(calendar_id)
            if e.get("id") != event_id and e.get("status") != "cancelled"
        ]
        return _closest(name, others)

    def similar_person(self, email: str) -> str | None:
        """The email of another person sharing a name token (or the domain) with this one."""
        name = self.person_name(email) or email
        tokens = [name.split()[0]] if name.split() else []
        if "@" in email:
            tokens.append(email.split("@", 1)[1])
        for token in tokens:
            others = [
                (p["email"], str(p.get("displayName", "")))
                for p in self.people(token)
                if p.get("email") and p.get("email") != email
            ]
            found = _closest(name, others)
            if found:
                return found
        return None


def _closest(name: str, candidates: list[tuple[str, str]]) -> str | None:
    if not candidates:
        return None
    best = max(candidates, key=lambda item: (fuzz.token_set_ratio(name, item[1]), item[0]))
    return best[0]

"""A rooms-and-tickets MCP server (official ``mcp`` SDK), not a calendar, and its world.

Rooms are booked by ``room_id`` for RFC 3339 instants; a day's bookings are listed by ``YYYY-MM-DD``;
tickets are opened in queues the acting user may or may not report to. Failures come in the shapes
such servers use: ``{"success": false, "error_message": ...}`` (recognised with no pack), a booking
refusal ``{"booked": false, "note": "Atlas is taken ..."}`` (only the pack says that is a failure),
and raised errors, which MCP sends as ``isError`` text.

:func:`build_server` makes a fresh server over a fresh :class:`RoomsWorld`; tests read the world
directly to judge what a call left behind.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from mcp.server.fastmcp import FastMCP

from guards import load_pack

PACK = load_pack(Path(__file__).parents[1] / "packs" / "rooms.yaml")
ACTOR = "ana.lima@northwind.example"
ZONE = "Europe/Berlin"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo(ZONE))
NOW_TEXT = NOW.isoformat()

ATLAS, BOREAL, CEDAR_N, CEDAR_S = "rm-atlas", "rm-boreal", "rm-cedar-n", "rm-cedar-s"
IT, FACILITIES, SECURITY = "q-it", "q-fac", "q-sec"
OMAR = "omar.haddad@northwind.example"
LENA = "lena.vogel@northwind.example"

Priority = Literal["low", "normal", "high", "urgent"]
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class RoomsWorld:
    rooms: dict[str, dict[str, Any]] = field(default_factory=dict)
    queues: dict[str, dict[str, Any]] = field(default_factory=dict)
    people: list[dict[str, str]] = field(default_factory=list)
    bookings: dict[str, dict[str, Any]] = field(default_factory=dict)
    tickets: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def seeded(cls) -> RoomsWorld:
        world = cls()
        for room_id, name, capacity in (
            (ATLAS, "Atlas", 8),
            (BOREAL, "Boreal", 4),
            (CEDAR_N, "Cedar North", 12),
            (CEDAR_S, "Cedar South", 12),
        ):
            world.rooms[room_id] = {"room_id": room_id, "name": name, "building": "HQ", "capacity": capacity}
        for queue_id, name, access in (
            (IT, "IT Support", "reporter"),
            (FACILITIES, "Facilities", "viewer"),
            (SECURITY, "Security", "agent"),
        ):
            world.queues[queue_id] = {"queue_id": queue_id, "name": name, "access": access}
        world.people = [
            {"email": ACTOR, "name": "Ana Lima"},
            {"email": OMAR, "name": "Omar Haddad"},
            {"email": LENA, "name": "Lena Vogel"},
            {"email": "lena.berg@northwind.example", "name": "Lena Berg"},
        ]
        world.bookings["bk-0001"] = {
            "booking_id": "bk-0001",
            "room_id": ATLAS,
            "title": "Board prep",
            "start": "2026-12-02T10:00:00+01:00",
            "end": "2026-12-02T11:00:00+01:00",
            "attendees": [ACTOR],
        }
        return world

    def state(self) -> dict[str, Any]:
        return {"bookings": copy.deepcopy(self.bookings), "tickets": copy.deepcopy(self.tickets)}


def build_server(world: RoomsWorld) -> FastMCP:
    """An MCP server over ``world`` (stateful: tools change the world they were built over)."""
    server = FastMCP("rooms", log_level="WARNING")

    def refused(message: str) -> dict[str, Any]:
        return {"success": False, "error_message": message}

    def room(room_id: str) -> dict[str, Any] | None:
        return world.rooms.get(room_id)

    @server.tool()
    def list_rooms(building: str | None = None) -> dict[str, Any]:
        """List the meeting rooms (optionally of one building)."""
        rooms = [r for r in world.rooms.values() if building in (None, r["building"])]
        return {"success": True, "rooms": copy.deepcopy(rooms)}

    @server.tool()
    def list_bookings(room_id: str, day: str) -> dict[str, Any]:
        """The bookings of a room on a day (YYYY-MM-DD)."""
        if room(room_id) is None:
            return refused(f"Room '{room_id}' not found")
        if not _DAY.match(day):
            raise ValueError(f"Invalid day format '{day}': use YYYY-MM-DD")
        found = [b for b in world.bookings.values() if b["room_id"] == room_id and b["start"][:10] == day]
        return {"success": True, "bookings": copy.deepcopy(found)}

    @server.tool()
    def book_room(
        room_id: str, title: str, start: str, end: str, attendees: list[str] | None = None
    ) -> dict[str, Any]:
        """Book a room from start to end (RFC 3339 with an offset)."""
        booked = room(room_id)
        if booked is None:
            return refused(f"Room '{room_id}' not found")
        low, high = _instant(start, "start"), _instant(end, "end")
        if high <= low:
            raise ValueError("Invalid booking: end must be after start")
        for other in world.bookings.values():
            if (
                other["room_id"] == room_id
                and _instant(other["start"], "") < high
                and _instant(other["end"], "") > low
            ):
                return {
                    "booked": False,
                    "note": f"{booked['name']} is taken from {other['start']} to {other['end']}",
                }
        for person in attendees or []:
            if "@" not in person:
                return refused(f"Unknown attendee '{person}': use an e-mail address")
        booking_id = f"bk-{len(world.bookings) + 1:04d}"
        booking = {
            "booking_id": booking_id,
            "room_id": room_id,
            "title": title,
            "start": start,
            "end": end,
            "attendees": list(attendees or []),
        }
        world.bookings[booking_id] = booking
        return {"booked": True, "booking": copy.deepcopy(booking)}

    @server.tool()
    def cancel_booking(booking_id: str) -> dict[str, Any]:
        """Cancel a booking."""
        if world.bookings.pop(booking_id, None) is None:
            return refused(f"Booking '{booking_id}' not found")
        return {"success": True}

    @server.tool()
    def search_people(text: str) -> dict[str, Any]:
        """People whose name or e-mail contains the text."""
        wanted = text.strip().lower()
        found = [p for p in world.people if wanted and (wanted in p["name"].lower() or wanted in p["email"])]
        return {"success": True, "people": copy.deepcopy(found)}

    @server.tool()
    def list_queues() -> dict[str, Any]:
        """The ticket queues and the acting user's access to each (viewer, reporter, agent)."""
        return {"success": True, "queues": copy.deepcopy(list(world.queues.values()))}

    @server.tool()
    def open_ticket(
        queue_id: str, title: str, priority: Priority = "normal", assignee: str | None = None
    ) -> dict[str, Any]:
        """Open a ticket in a queue."""
        queue = world.queues.get(queue_id)
        if queue is None:
            return refused(f"Queue '{queue_id}' not found")
        if queue["access"] == "viewer":
            return refused(f"You may not open tickets in {queue['name']} (viewer access)")
        if assignee is not None and assignee not in {p["email"] for p in world.people}:
            return refused(f"Unknown assignee '{assignee}'")
        ticket_id = f"tk-{len(world.tickets) + 1:04d}"
        ticket = {"ticket_id": ticket_id, "queue_id": queue_id, "title": title, "priority": priority}
        if assignee is not None:
            ticket["assignee"] = assignee
        world.tickets[ticket_id] = ticket
        return {"success": True, "ticket": copy.deepcopy(ticket)}

    return server


def _instant(value: str, name: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is None or parsed.utcoffset() is None:
        raise ValueError(f"Invalid {name} format '{value}': use RFC 3339 with an offset")
    return parsed

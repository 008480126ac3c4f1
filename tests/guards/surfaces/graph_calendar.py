"""A calendar API shaped like Microsoft Graph's, in memory, strict as a real server.

Its shape is none of the bundled environment's: calendars under ``value`` with ``isDefaultCalendar``
(no ``"primary"`` alias on the server), events with ``subject`` and ``dateTimeTimeZone`` start/end
objects (a local wall time, no offset, plus an IANA zone name, both required), attendees as
``{"emailAddress": {"address": ...}}``, a person read one at a time with ``get_user(user_id)``, a
calendar view whose bounds must be instants, and failures as OData error bodies
(``{"error": {"code": "ErrorItemNotFound", "message": ...}}``); an unknown tool answers in text.

Every tool validates its arguments against its own JSON Schema (the one the guard is given), then
against the world, and never raises.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import jsonschema

from guards import load_pack

PACK = load_pack(Path(__file__).parents[1] / "packs" / "graph_calendar.yaml")
ACTOR = "ana.lima@contoso.com"
ZONE = "America/New_York"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo(ZONE))

DEFAULT = "AAMkAGcal-ana-default"
OFFSITE = "AAMkAGcal-team-offsite"
MARKETING = "AAMkAGcal-marketing"
STANDUP_NYC = "AAMkAGcal-standup-nyc"
STANDUP_LDN = "AAMkAGcal-standup-ldn"
PRIYA = "priya.shah@contoso.com"
MARCO = "marco.rossi@contoso.com"

_LOCAL = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

_ZONED = {
    "type": "object",
    "properties": {"dateTime": {"type": "string"}, "timeZone": {"type": "string"}},
    "required": ["dateTime", "timeZone"],
    "additionalProperties": False,
}
_ATTENDEES = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "emailAddress": {
                "type": "object",
                "properties": {"address": {"type": "string"}, "name": {"type": "string"}},
                "required": ["address"],
                "additionalProperties": False,
            },
            "type": {"type": "string", "enum": ["required", "optional"]},
        },
        "required": ["emailAddress"],
        "additionalProperties": False,
    },
}


def _object(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


_TEXT = {"type": "string"}
SCHEMAS: dict[str, dict[str, Any]] = {
    "list_calendars": _object({}, []),
    "list_events": _object({"calendar_id": _TEXT}, ["calendar_id"]),
    "list_calendar_view": _object(
        {"calendar_id": _TEXT, "start_date_time": _TEXT, "end_date_time": _TEXT},
        ["calendar_id", "start_date_time", "end_date_time"],
    ),
    "create_event": _object(
        {
            "calendar_id": _TEXT,
            "subject": _TEXT,
            "start": _ZONED,
            "end": _ZONED,
            "attendees": _ATTENDEES,
            "location": _object({"displayName": _TEXT}, ["displayName"]),
        },
        ["calendar_id", "subject", "start", "end"],
    ),
    "update_event": _object(
        {"calendar_id": _TEXT, "event_id": _TEXT, "subject": _TEXT, "start": _ZONED, "end": _ZONED},
        ["calendar_id", "event_id"],
    ),
    "delete_event": _object({"calendar_id": _TEXT, "event_id": _TEXT}, ["calendar_id", "event_id"]),
    "get_user": _object({"user_id": _TEXT}, ["user_id"]),
}
WRITES = frozenset({"create_event", "update_event", "delete_event"})


def odata(code: str, message: str) -> dict[str, Any]:
    """An OData error body, as Microsoft Graph sends it."""
    return {"error": {"code": code, "message": message, "innerError": {"request-id": "0000"}}}


class Refused(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.body = odata(code, message)


@dataclass
class GraphCalendar:
    """The world and the tools over it: ``surface(tool, args) -> result``."""

    calendars: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    users: list[dict[str, Any]] = field(default_factory=list)
    created: int = 0

    @classmethod
    def seeded(cls) -> GraphCalendar:
        surface = cls()
        for cal_id, name, default, can_edit in (
            (DEFAULT, "Calendar", True, True),
            (OFFSITE, "Team Offsite", False, True),
            (MARKETING, "Marketing", False, False),
            (STANDUP_NYC, "Standup NYC", False, True),
            (STANDUP_LDN, "Standup London", False, True),
        ):
            surface.calendars[cal_id] = {
                "id": cal_id,
                "name": name,
                "isDefaultCalendar": default,
                "canEdit": can_edit,
                "owner": {"name": "Ana Lima", "address": ACTOR},
            }
        for number, (cal, subject, day, hour) in enumerate(
            (
                (DEFAULT, "Budget review", "2026-12-03", 14),
                (DEFAULT, "Dentist", "2026-12-04", 8),
                (OFFSITE, "Offsite planning", "2026-12-03", 10),
                (DEFAULT, "Year-end party", "2026-12-18", 17),
            ),
            start=1,
        ):
            event_id = f"AAMkAGev-{number:04d}"
            surface.events[event_id] = {
                "id": event_id,
                "calendar": cal,
                "subject": subject,
                "start": {"dateTime": f"{day}T{hour:02d}:00:00", "timeZone": ZONE},
                "end": {"dateTime": f"{day}T{hour + 1:02d}:00:00", "timeZone": ZONE},
                "attendees": [],
            }
        surface.users = [
            {"id": "u-ana", "displayName": "Ana Lima", "mail": ACTOR},
            {"id": "u-priya", "displayName": "Priya Shah", "mail": PRIYA},
            {"id": "u-marco", "displayName": "Marco Rossi", "mail": MARCO},
            {"id": "u-dana-k", "displayName": "Dana Kim", "mail": "dana.kim@contoso.com"},
            {"id": "u-dana-l", "displayName": "Dana Lee", "mail": "dana.lee@contoso.com"},
        ]
        return surface

    # -- the tool surface ---------------------------------------------------------------------------

    def __call__(self, tool: str, args: dict[str, Any]) -> Any:
        schema = SCHEMAS.get(tool)
        if schema is None:
            return f"Tool not found: {tool}"
        try:
            jsonschema.validate(args, schema)
        except jsonschema.ValidationError as invalid:
            where = ".".join(str(p) for p in invalid.absolute_path) or "body"
            return odata("ErrorInvalidRequest", f"Invalid request: {where}: {invalid.message}")
        try:
            return getattr(self, tool)(**copy.deepcopy(args))
        except Refused as refused:
            return refused.body

    def state(self) -> dict[str, Any]:
        """What a write can change, for judging a call by what it leaves behind."""
        return {"events": copy.deepcopy(self.events), "created": self.created}

    def list_calendars(self) -> dict[str, Any]:
        return {"value": [dict(c) for c in self.calendars.values()]}

    def list_events(self, calendar_id: str) -> dict[str, Any]:
        self._calendar(calendar_id)
        return {"value": [_public(e) for e in self.events.values() if e["calendar"] == calendar_id]}

    def list_calendar_view(
        self, calendar_id: str, start_date_time: str, end_date_time: str
    ) -> dict[str, Any]:
        self._calendar(calendar_id)
        low, high = _instant_param(start_date_time), _instant_param(end_date_time)
        return {
            "value": [
                _public(e)
                for e in self.events.values()
                if e["calendar"] == calendar_id and _when(e["start"]) < high and _when(e["end"]) > low
            ]
        }

    def create_event(
        self,
        calendar_id: str,
        subject: str,
        start: dict[str, str],
        end: dict[str, str],
        attendees: list[dict[str, Any]] | None = None,
        location: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        calendar = self._calendar(calendar_id)
        self._may_edit(calendar)
        self._span(start, end)
        for attendee in attendees or []:
            if not _EMAIL.match(attendee["emailAddress"]["address"]):
                raise Refused("ErrorInvalidRecipients", "At least one recipient is not valid.")
        self.created += 1
        event_id = f"AAMkAGnew-{self.created:04d}"
        event = {
            "id": event_id,
            "calendar": calendar_id,
            "subject": subject,
            "start": start,
            "end": end,
            "attendees": attendees or [],
        }
        if location:
            event["location"] = location
        self.events[event_id] = event
        return _public(event)

    def update_event(
        self,
        calendar_id: str,
        event_id: str,
        subject: str | None = None,
        start: dict[str, str] | None = None,
        end: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        self._may_edit(self._calendar(calendar_id))
        event = self._event(calendar_id, event_id)
        new_start, new_end = start or event["start"], end or event["end"]
        self._span(new_start, new_end)
        event.update(start=new_start, end=new_end, subject=subject or event["subject"])
        return _public(event)

    def delete_event(self, calendar_id: str, event_id: str) -> dict[str, Any]:
        self._may_edit(self._calendar(calendar_id))
        self._event(calendar_id, event_id)
        del self.events[event_id]
        return {}

    def get_user(self, user_id: str) -> dict[str, Any]:
        wanted = user_id.strip().lower()
        for user in self.users:
            if wanted in (user["id"], user["mail"]):
                return dict(user)
        raise Refused("Request_ResourceNotFound", f"Resource '{user_id}' does not exist.")

    # -- world checks ------------------------------------------------------------------------------

    def _calendar(self, calendar_id: str) -> dict[str, Any]:
        if calendar_id in self.calendars:
            return self.calendars[calendar_id]
        if not calendar_id.startswith("AAMk"):
            raise Refused("ErrorInvalidIdMalformed", "Id is malformed.")
        raise Refused("ErrorItemNotFound", "The specified object was not found in the store.")

    def _event(self, calendar_id: str, event_id: str) -> dict[str, Any]:
        event = self.events.get(event_id)
        if event is None or event["calendar"] != calendar_id:
            if not event_id.startswith("AAMk"):
                raise Refused("ErrorInvalidIdMalformed", "Id is malformed.")
            raise Refused("ErrorItemNotFound", "The specified object was not found in the store.")
        return event

    @staticmethod
    def _may_edit(calendar: dict[str, Any]) -> None:
        if not calendar["canEdit"]:
            raise Refused("ErrorAccessDenied", "Access is denied. Check credentials and try again.")

    @staticmethod
    def _span(start: dict[str, str], end: dict[str, str]) -> None:
        if _when(end) <= _when(start):
            raise Refused("ErrorInvalidRequest", "The end of the event must be after its start.")


def _public(event: dict[str, Any]) -> dict[str, Any]:
    return {k: copy.deepcopy(v) for k, v in event.items() if k != "calendar"}


def _when(value: dict[str, str]) -> datetime:
    """The instant of a ``dateTimeTimeZone``: a local wall time (no offset) in an IANA zone."""
    local = value["dateTime"]
    if not _LOCAL.match(local):
        raise Refused(
            "ErrorInvalidRequest",
            f"Cannot convert '{local}' to a local date and time (yyyy-MM-ddTHH:mm:ss, no offset).",
        )
    try:
        zone = ZoneInfo(value["timeZone"])
    except (ZoneInfoNotFoundError, ValueError):
        raise Refused("ErrorInvalidTimeZone", f"'{value['timeZone']}' is not a valid time zone.") from None
    return datetime.fromisoformat(local[:19]).replace(tzinfo=zone)


def _instant_param(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is None or parsed.utcoffset() is None:
        raise Refused(
            "BadRequest", f"Invalid date/time '{value}': an ISO 8601 instant with an offset is required."
        )
    return parsed

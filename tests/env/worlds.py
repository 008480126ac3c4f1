"""Small inline worlds for focused tests (worlds are data; tasks can carry their own)."""

from __future__ import annotations

from typing import Any

ROLES = ["none", "freeBusyReader", "reader", "writer", "owner"]
ACTOR = "actor@example.com"
OWNER = "owner@example.com"
OTHER = "other@example.com"


def role_calendar(role: str) -> str:
    return f"c_{role.lower()}@group.calendar.example.com"


def role_event(role: str) -> str:
    return f"evt{ROLES.index(role)}00000"


def private_event(role: str) -> str:
    return f"pvt{ROLES.index(role)}00000"


def permission_world() -> dict[str, Any]:
    """One shared calendar per role the actor can hold, each with a public and a private event."""
    calendars = [
        {
            "id": role_calendar(role),
            "summary": f"{role} calendar",
            "owner": OWNER,
            "timeZone": "America/New_York",
        }
        for role in ROLES
    ]
    acl: list[dict[str, Any]] = [
        {"calendarId": role_calendar(role), "role": role, "scope": {"type": "user", "value": ACTOR}}
        for role in ROLES
    ]
    acl += [
        {"calendarId": role_calendar(role), "role": "reader", "scope": {"type": "user", "value": OTHER}}
        for role in ROLES
    ]
    events = []
    for role in ROLES:
        events.append(
            {
                "id": role_event(role),
                "calendarId": role_calendar(role),
                "summary": f"Roadmap sync {role}",
                "description": "Quarterly roadmap",
                "location": "Room 1",
                "start": {"dateTime": "2026-03-10T10:00:00-04:00"},
                "end": {"dateTime": "2026-03-10T11:00:00-04:00"},
                "attendees": [{"email": OTHER, "responseStatus": "accepted"}],
            }
        )
        events.append(
            {
                "id": private_event(role),
                "calendarId": role_calendar(role),
                "summary": f"Secret interview {role}",
                "visibility": "private",
                "start": {"dateTime": "2026-03-10T13:00:00-04:00"},
                "end": {"dateTime": "2026-03-10T14:00:00-04:00"},
            }
        )
    return {
        "name": "permissions",
        "domain": "example.com",
        "now": "2026-03-09T09:00:00-04:00",
        "default_actor": ACTOR,
        "users": [
            {"email": ACTOR, "displayName": "Acting User", "timeZone": "America/New_York"},
            {"email": OWNER, "displayName": "Calendar Owner", "timeZone": "Europe/Berlin"},
            {"email": OTHER, "displayName": "Other Person", "timeZone": "Asia/Tokyo"},
        ],
        "calendars": calendars,
        "acl": acl,
        "events": events,
    }


PERMISSION_WORLD = permission_world()

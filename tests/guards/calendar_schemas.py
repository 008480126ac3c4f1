"""Calendar tool schemas shared by the schema/grounding tests.

Taken from the bundled environment (``env``) so the tests guard exactly the tool surface the agents see.
"""

from __future__ import annotations

from typing import Any

_DATETIME = {
    "type": "object",
    "properties": {
        "dateTime": {"type": "string", "format": "date-time"},
        "date": {"type": "string", "format": "date"},
        "timeZone": {"type": "string"},
    },
    "additionalProperties": False,
}
_ATTENDEES = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "email": {"type": "string", "format": "email"},
            "displayName": {"type": "string"},
            "responseStatus": {
                "type": "string",
                "enum": ["needsAction", "declined", "tentative", "accepted"],
            },
            "optional": {"type": "boolean"},
        },
        "required": ["email"],
        "additionalProperties": False,
    },
}
_EVENT_FIELDS: dict[str, Any] = {
    "summary": {"type": "string"},
    "description": {"type": "string"},
    "location": {"type": "string"},
    "start": _DATETIME,
    "end": _DATETIME,
    "attendees": _ATTENDEES,
    "recurrence": {"type": "array", "items": {"type": "string"}},
    "visibility": {"type": "string", "enum": ["default", "public", "private", "confidential"]},
    "status": {"type": "string", "enum": ["confirmed", "tentative", "cancelled"]},
}
_ROLE = {"type": "string", "enum": ["none", "freeBusyReader", "reader", "writer", "owner"]}


def _tool(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


HAND_WRITTEN_SCHEMAS: dict[str, dict[str, Any]] = {
    "calendars_list": _tool(
        {
            "minAccessRole": _ROLE,
            "showHidden": {"type": "boolean"},
            "maxResults": {"type": "integer", "minimum": 1, "maximum": 250},
            "pageToken": {"type": "string"},
        },
        [],
    ),
    "calendars_get": _tool({"calendarId": {"type": "string"}}, ["calendarId"]),
    "calendars_insert": _tool(
        {"summary": {"type": "string"}, "description": {"type": "string"}, "timeZone": {"type": "string"}},
        ["summary"],
    ),
    "calendars_delete": _tool({"calendarId": {"type": "string"}}, ["calendarId"]),
    "events_list": _tool(
        {
            "calendarId": {"type": "string"},
            "timeMin": {"type": "string", "format": "date-time"},
            "timeMax": {"type": "string", "format": "date-time"},
            "q": {"type": "string"},
            "orderBy": {"type": "string", "enum": ["startTime", "updated"]},
            "maxResults": {"type": "integer", "minimum": 1, "maximum": 2500},
            "singleEvents": {"type": "boolean"},
        },
        ["calendarId"],
    ),
    "events_insert": _tool(
        {"calendarId": {"type": "string"}, "id": {"type": "string"}, **_EVENT_FIELDS},
        ["calendarId", "start", "end"],
    ),
    "events_patch": _tool(
        {"calendarId": {"type": "string"}, "eventId": {"type": "string"}, **_EVENT_FIELDS},
        ["calendarId", "eventId"],
    ),
    "events_update": _tool(
        {"calendarId": {"type": "string"}, "eventId": {"type": "string"}, **_EVENT_FIELDS},
        ["calendarId", "eventId", "start", "end"],
    ),
    "events_delete": _tool(
        {"calendarId": {"type": "string"}, "eventId": {"type": "string"}}, ["calendarId", "eventId"]
    ),
    "events_move": _tool(
        {
            "calendarId": {"type": "string"},
            "eventId": {"type": "string"},
            "destination": {"type": "string"},
        },
        ["calendarId", "eventId", "destination"],
    ),
    "acl_insert": _tool(
        {
            "calendarId": {"type": "string"},
            "role": _ROLE,
            "scope": {
                "type": "object",
                "properties": {
                    "type": {"type": "string", "enum": ["user", "group", "domain", "default"]},
                    "value": {"type": "string"},
                },
                "required": ["type"],
                "additionalProperties": False,
            },
        },
        ["calendarId", "role", "scope"],
    ),
    "acl_patch": _tool(
        {"calendarId": {"type": "string"}, "ruleId": {"type": "string"}, "role": _ROLE},
        ["calendarId", "ruleId", "role"],
    ),
    "freebusy_query": _tool(
        {
            "timeMin": {"type": "string", "format": "date-time"},
            "timeMax": {"type": "string", "format": "date-time"},
            "timeZone": {"type": "string"},
            "items": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"id": {"type": "string"}},
                    "required": ["id"],
                    "additionalProperties": False,
                },
            },
        },
        ["timeMin", "timeMax", "items"],
    ),
    "users_search": _tool(
        {"query": {"type": "string"}, "maxResults": {"type": "integer", "minimum": 1}}, ["query"]
    ),
}

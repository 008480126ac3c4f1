"""Structural mistakes: key names in other styles or invented, nesting and encodings gone wrong.

The key synonyms are this module's own list of names an LLM plausibly invents for the tools' fields
(read from the tool schemas: ``summary`` is "Title of the event", ``attendees`` "People to invite"),
not any list the guards use. Style variants are generated mechanically from the schema's names.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from agents.independent.fields import word_parts
from guards.paths import get_path, set_path

KEY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "summary": ("subject", "name", "event_name", "headline"),
    "description": ("notes", "body", "desc"),
    "location": ("place", "venue", "where"),
    "attendees": ("participants", "invitees", "people"),
    "start": ("from", "begins", "start_at"),
    "end": ("to", "until", "end_at"),
    "calendarId": ("calendar", "cal", "calendar_name"),
    "eventId": ("event", "meeting_id", "id"),
    "timeMin": ("after", "since", "from_time"),
    "timeMax": ("before", "until", "to_time"),
    "maxResults": ("limit", "count", "max"),
    "q": ("search", "text", "keywords"),
    "query": ("name", "search", "term"),
    "role": ("permission", "access", "access_level"),
    "scope": ("grantee", "who", "principal"),
    "destination": ("target", "to_calendar", "new_calendar"),
    "recurrence": ("repeat", "rrule", "repeats"),
    "visibility": ("privacy",),
    "ruleId": ("rule", "acl_id", "grant"),
    "showHidden": ("include_hidden", "hidden"),
    "singleEvents": ("expand", "expand_recurring"),
    "orderBy": ("sort", "sort_by"),
    "items": ("calendars", "ids"),
    "timeZone": ("tz", "zone"),
    "setting": ("key", "option"),
    "transparency": ("show_as", "busy"),
}
NESTED_SYNONYMS: dict[str, tuple[str, ...]] = {
    "dateTime": ("time", "datetime"),
    "date": ("day", "all_day"),
    "type": ("kind",),
    "value": ("email", "id"),
    "email": ("address", "mail"),
    "id": ("calendarId", "calendar"),
}
WRAPPER_KEYS = ("arguments", "input", "parameters", "kwargs")
"""Keys an LLM wraps a JSON-string arguments object under (``None`` in a perturbation: raw text)."""


def style_variants(key: str) -> list[str]:
    """``calendarId`` -> ``calendar_id``, ``calendar-id``, ``CalendarId``, ``calendarid``, ``calendarID``."""
    parts = word_parts(key)
    if len(parts) < 2:
        return []
    variants = [
        "_".join(parts),
        "-".join(parts),
        "".join(p.title() for p in parts),
        "".join(parts),
    ]
    if parts[-1] == "id":
        variants.append(parts[0] + "".join(p.title() for p in parts[1:-1]) + "ID")
    return [v for v in dict.fromkeys(variants) if v != key]


def nested_key_variants(key: str) -> list[str]:
    """Wrong names for a key inside a nested object: ``dateTime`` -> ``datetime``, ``date_time``, ..."""
    return [v for v in dict.fromkeys([*style_variants(key), *NESTED_SYNONYMS.get(key, ())]) if v != key]


def renamed(data: Mapping[str, Any], key: str, new: str) -> dict[str, Any]:
    """``data`` with ``key`` renamed to ``new`` in the same position."""
    return {(new if k == key else k): v for k, v in data.items()}


def nested_objects(args: Mapping[str, Any], key: str) -> list[str]:
    """Paths of the objects a top-level argument holds: itself, or each element of a list of them."""
    value = args.get(key)
    if isinstance(value, dict):
        return [key]
    if isinstance(value, list):
        return [f"{key}[{i}]" for i, item in enumerate(value) if isinstance(item, dict)]
    return []


def siblings(key: str, args: Mapping[str, Any]) -> list[str]:
    """``start`` and ``end`` are written alike: a mistake in one is made in both."""
    pair = ("start", "end")
    return [k for k in pair if k in args] if key in pair else [key]


def as_csv(value: Any) -> str | None:
    """A list as the comma-separated text an agent writes instead: emails, IDs, RRULE lines."""
    if not isinstance(value, list) or not value:
        return None
    parts = []
    for item in value:
        if isinstance(item, dict):
            scalar = next((v for k, v in item.items() if k in ("email", "id") and isinstance(v, str)), None)
            scalar = scalar or next((v for v in item.values() if isinstance(v, str)), None)
            if scalar is None:
                return None
            parts.append(scalar)
        else:
            parts.append(str(item))
    return ", ".join(parts)


def rename_nested(out: dict[str, Any], parents: list[str], key: str, new: str) -> None:
    for parent in parents:
        node = get_path(out, parent, None)
        if isinstance(node, dict) and key in node:
            set_path(out, parent, renamed(node, key, new))


def stringify(out: dict[str, Any], paths: list[str]) -> None:
    for path in paths:
        value = get_path(out, path, None)
        if value is not None:
            set_path(out, path, json.dumps(value))

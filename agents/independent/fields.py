"""What each argument of a call is, read from the tool's JSON Schema the way an agent reads it.

The independent operators find their targets here rather than in a hand-made list of field names:
a string whose name ends in ``Id`` or whose description says "ID" is a reference, one whose
description says "RFC3339" is a datetime, ``YYYY-MM-DD`` a date, and so on. Without a schema the
field name alone decides (``calendarId``, ``email``, ``timeMin``, ``start.dateTime``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

FieldKind = Literal["reference", "datetime", "date", "number", "boolean", "array", "object", "text"]
Referent = Literal["calendar", "event", "person", "acl_rule"]

_ID_NAME = re.compile(r"(^id$|Id$|ID$|_id$)")
_ID_WORD = re.compile(r"\bID\b")
_DATETIME_NAME = re.compile(r"(?i)^(date_?time|time_?(min|max))$")
_REFERENT_WORDS: tuple[tuple[str, Referent], ...] = (
    ("event", "event"),
    ("calendar", "calendar"),
    ("rule", "acl_rule"),
    ("email", "person"),
    ("attendee", "person"),
)


@dataclass(frozen=True)
class ArgField:
    """One argument present in a call: its concrete path, leaf name, kind and schema node."""

    path: str
    name: str
    kind: FieldKind
    schema: Mapping[str, Any]
    value: Any
    referent: Referent | None = None

    @property
    def is_symbolic(self) -> bool:
        """A plan reference (``$cals.items[...]``) that has not been resolved yet."""
        return isinstance(self.value, str) and self.value.startswith("$")


def _text(schema: Mapping[str, Any]) -> str:
    return str(schema.get("description") or "")


def _referent(name: str, schema: Mapping[str, Any]) -> Referent | None:
    """The thing named first (in the field's name, else its description): "ID of the calendar to
    move the event to" refers to a calendar."""
    for source in (name.lower(), _text(schema).lower()):
        found = [(source.find(word), referent) for word, referent in _REFERENT_WORDS if word in source]
        if found:
            return min(found)[1]
    return None


def classify(name: str, schema: Mapping[str, Any], value: Any) -> tuple[FieldKind, Referent | None]:
    """The kind of one argument (and, for references, what it refers to)."""
    declared = schema.get("type")
    description = _text(schema)
    if isinstance(value, bool) or declared == "boolean":
        return "boolean", None
    if isinstance(value, int | float) or declared in ("integer", "number"):
        return "number", None
    if isinstance(value, list) or declared == "array":
        return "array", None
    if isinstance(value, dict) or declared == "object":
        return "object", None
    if "RFC3339" in description or _DATETIME_NAME.match(name):
        return "datetime", None
    if "YYYY-MM-DD" in description or name == "date":
        return "date", None
    mentions_email = "email" in description.lower() and isinstance(value, str) and "@" in value
    if _ID_NAME.search(name) or _ID_WORD.search(description) or name == "email" or mentions_email:
        referent = _referent(name, schema) or ("person" if isinstance(value, str) and "@" in value else None)
        return "reference", referent or "calendar"
    return "text", None


def _child_schema(schema: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    properties = schema.get("properties")
    if isinstance(properties, Mapping) and isinstance(properties.get(key), Mapping):
        return properties[key]
    return {}


def _item_schema(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    items = schema.get("items")
    return items if isinstance(items, Mapping) else {}


def walk(args: Mapping[str, Any], schema: Mapping[str, Any] | None) -> Iterator[ArgField]:
    """Every argument in ``args`` (objects and arrays, then what they contain), classified."""
    yield from _walk_object(args, schema or {}, "")


def _walk_object(node: Mapping[str, Any], schema: Mapping[str, Any], prefix: str) -> Iterator[ArgField]:
    for key, value in node.items():
        child = _child_schema(schema, key)
        path = f"{prefix}.{key}" if prefix else key
        yield from _walk_value(key, value, child, path)


def _walk_value(name: str, value: Any, schema: Mapping[str, Any], path: str) -> Iterator[ArgField]:
    kind, referent = classify(name, schema, value)
    yield ArgField(path, name, kind, schema, value, referent)
    if isinstance(value, dict):
        yield from _walk_object(value, schema, path)
    elif isinstance(value, list):
        item_schema = _item_schema(schema)
        for index, item in enumerate(value):
            item_path = f"{path}[{index}]"
            if isinstance(item, dict):
                yield from _walk_object(item, item_schema, item_path)
            else:
                yield from _walk_value(name, item, item_schema, item_path)


def fields_of(args: Mapping[str, Any], schema: Mapping[str, Any] | None, *kinds: FieldKind) -> list[ArgField]:
    """The arguments of the given kinds (all of them when no kind is given)."""
    return [f for f in walk(args, schema) if not kinds or f.kind in kinds]


def reference_fields(args: Mapping[str, Any], schema: Mapping[str, Any] | None) -> list[ArgField]:
    """String references (IDs and emails); a scope value counts only when it names a user or group."""
    found = []
    for field in fields_of(args, schema, "reference"):
        if not isinstance(field.value, str):
            continue
        if field.path.endswith("scope.value") and args.get("scope", {}).get("type") not in ("user", "group"):
            continue
        found.append(field)
    return found


def word_parts(key: str) -> list[str]:
    """``calendarId`` -> ``["calendar", "id"]``; ``time_min`` -> ``["time", "min"]``."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", key).replace("_", " ").replace("-", " ")
    return [part.lower() for part in spaced.split() if part]

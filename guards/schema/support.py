"""Small JSON-Schema and naming helpers shared by the schema stages.

The stages read schemas the way LLM tool specs write them: plain ``type``/``properties``/``items``,
sometimes with local ``$ref``s and ``anyOf: [X, {"type": "null"}]`` for optional values. These helpers
answer "what shape does this (sub)schema want?" without a full JSON Schema evaluation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

SchemaMap = Mapping[str, Any]

_EMPTY: SchemaMap = {}
_MAX_REF_HOPS = 16
CACHE_LIMIT = 4096
"""Entries per identity-keyed cache. Caches hold the schema objects they describe (so an ``id`` is
never reused while cached) and are emptied when full, so episodes that build fresh schema copies for
every new Guard do not grow memory without bound."""


def remember(cache: dict[Any, Any], key: Any, entry: Any) -> None:
    """Store ``entry`` under ``key``, emptying ``cache`` first when it is full."""
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    cache[key] = entry


def deref(schema: Any, root: SchemaMap) -> SchemaMap:
    """Follow local ``$ref`` pointers (``#/$defs/X``); anything unresolvable becomes ``{}``."""
    node = schema
    for _ in range(_MAX_REF_HOPS):
        if type(node) is not dict and not isinstance(node, Mapping):
            return _EMPTY
        ref = node.get("$ref")
        if not isinstance(ref, str):
            return node
        node = _pointer(root, ref)
    return _EMPTY


def _pointer(root: SchemaMap, ref: str) -> Any:
    if not ref.startswith("#"):
        return None
    node: Any = root
    for part in ref[1:].split("/"):
        if not part:
            continue
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, Mapping) and part in node:
            node = node[part]
        else:
            return None
    return node


_EFFECTIVE: dict[tuple[int, int], tuple[Any, SchemaMap, SchemaMap]] = {}


def effective(schema: Any, root: SchemaMap) -> SchemaMap:
    """The one concrete schema a value must match, unwrapping ``$ref`` and ``X | null`` unions."""
    key = (id(schema), id(root))
    cached = _EFFECTIVE.get(key)
    if cached is not None and cached[0] is schema and cached[1] is root:
        return cached[2]
    result = _effective(schema, root)
    remember(_EFFECTIVE, key, (schema, root, result))
    return result


def _effective(schema: Any, root: SchemaMap) -> SchemaMap:
    node = deref(schema, root)
    for key in ("anyOf", "oneOf"):
        branches = node.get(key)
        if isinstance(branches, list):
            concrete = [deref(b, root) for b in branches]
            non_null = [b for b in concrete if b.get("type") != "null"]
            if len(non_null) == 1:
                return non_null[0]
    return node


def branches(schema: SchemaMap, root: SchemaMap) -> list[SchemaMap]:
    """The alternatives of an ``anyOf``/``oneOf`` schema (the schema itself when it has none)."""
    for key in ("anyOf", "oneOf"):
        options = schema.get(key)
        if isinstance(options, list):
            return [deref(b, root) for b in options]
    return [schema]


_TYPES: dict[int, tuple[SchemaMap, frozenset[str]]] = {}


def schema_types(schema: SchemaMap) -> frozenset[str]:
    """The JSON types a schema admits (inferred from ``properties``/``items`` when ``type`` is absent)."""
    cached = _TYPES.get(id(schema))
    if cached is not None and cached[0] is schema:
        return cached[1]
    result = _schema_types(schema)
    remember(_TYPES, id(schema), (schema, result))
    return result


def _schema_types(schema: SchemaMap) -> frozenset[str]:
    declared = schema.get("type")
    if isinstance(declared, str):
        return frozenset((declared,))
    if isinstance(declared, list):
        return frozenset(t for t in declared if isinstance(t, str))
    if isinstance(schema.get("properties"), Mapping):
        return frozenset(("object",))
    if "items" in schema:
        return frozenset(("array",))
    if isinstance(schema.get("enum"), list):
        return frozenset(json_type(v) for v in schema["enum"])
    return frozenset()


def properties_of(schema: SchemaMap) -> Mapping[str, Any]:
    props = schema.get("properties")
    return props if type(props) is dict or isinstance(props, Mapping) else _EMPTY


def forbids_extra(schema: SchemaMap) -> bool:
    """True when unknown keys are invalid (``additionalProperties: false``, no pattern properties)."""
    return schema.get("additionalProperties") is False and not schema.get("patternProperties")


_JSON_TYPES: dict[type, str] = {
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    dict: "object",
    list: "array",
    type(None): "null",
}


def json_type(value: Any) -> str:
    """The JSON type name of a decoded JSON value."""
    name = _JSON_TYPES.get(type(value))
    if name is not None:
        return name
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def describe_expected(schema: SchemaMap, root: SchemaMap) -> str:
    """A short human/LLM-readable description of what a schema wants (``"object"``, ``"one of: a, b"``)."""
    enum = schema.get("enum")
    if isinstance(enum, list) and enum:
        return "one of: " + ", ".join(str(v) for v in enum[:12])
    types = sorted(schema_types(schema))
    if not types:
        options = branches(schema, root)
        if len(options) > 1:
            return " or ".join(describe_expected(option, root) for option in options)
        return "any"
    text = " or ".join(types)
    fmt = schema.get("format")
    return f"{text} ({fmt})" if isinstance(fmt, str) else text


_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_ALNUM = re.compile(r"[^A-Za-z0-9]+")


def compact(name: str) -> str:
    """``calendar_id`` / ``calendarId`` / ``Calendar-ID`` -> ``calendarid``: case and separators ignored."""
    return _NON_ALNUM.sub("", name).lower()


def name_tokens(name: str) -> list[str]:
    """Split camelCase, dots, dashes, underscores and spaces into lower-case words."""
    words: list[str] = []
    for chunk in _NON_ALNUM.split(name):
        if chunk:
            words.extend(part.lower() for part in _CAMEL_BOUNDARY.split(chunk) if part)
    return words


def singular(word: str) -> str:
    """A light singular form (``events`` -> ``event``, ``entries`` -> ``entry``); short words unchanged."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word

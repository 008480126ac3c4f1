"""Structural repair of tool arguments against the tool's JSON Schema.

Walks the arguments and the schema together and fixes the shapes agents get wrong while keeping every
value: field-name variants and pack synonyms, JSON sent as a string, a scalar where an object with one
obvious field is wanted, one object (or a comma-separated string of emails) where a list is wanted, and
unknown fields where the schema forbids them. Anything that would need a guess is left for
``validate_schema`` to report, except two cases blocked here because no later stage could tell what
was meant (:mod:`guards.schema.refusals`): two aliases of one field with different values, and an
unknown field. Dropping a field would silently change what the call means, so only the fields the pack
declares ignorable (``ignored_fields``: API options that change nothing stored, such as
``sendNotifications``) are dropped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from rapidfuzz import fuzz, process

from guards.paths import Step, format_path
from guards.schema.refusals import ConflictingAliases, UnknownField, likeliest_fields
from guards.schema.support import (
    SchemaMap,
    compact,
    deref,
    effective,
    forbids_extra,
    json_type,
    properties_of,
    remember,
    schema_types,
)
from guards.verdict import InterventionKind

Recorder = Callable[[str, str | None, Any, Any, str], None]

# A day without a time of day, ISO or numeric as people write it ("03/16/2026", "16.03.26"): it
# belongs in a date field, never in a datetime one (where it could only be refused).
_DATE_ONLY = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{4}/\d{1,2}/\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-](\d{4}|\d{2}))$")
_EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")
_DIGIT = re.compile(r"\d")
_EMAIL_LIST = re.compile(r"^\s*[^@\s,;]+@[^@\s,;]+(\s*[,;]\s*[^@\s,;]+@[^@\s,;]+)*\s*[,;]?\s*$")
_TEMPORAL_WORDS = re.compile(
    r"(?i)\b(today|tomorrow|tonight|yesterday|noon|midnight|now|next|this|in|"
    r"mon(day)?|tue(s(day)?)?|wed(nesday)?|thu(rs(day)?)?|fri(day)?|sat(urday)?|sun(day)?)\b"
)


_FIELD_FOR_SCALAR: dict[
    tuple[int, str, str | None, str, frozenset[str], frozenset[str], Any], tuple[SchemaMap, str | None]
] = {}


def _enum_key(value: Any) -> Any:
    """The scalar itself (hashable; ``json_type`` in the key keeps ``True`` and ``1`` apart)."""
    return value if isinstance(value, str | int | float | bool) else None


def snapshot(value: Any) -> Any:
    """A copy of a JSON container (scalars as they are)."""
    if isinstance(value, dict):
        return {k: snapshot(v) for k, v in value.items()}
    if isinstance(value, list):
        return [snapshot(v) for v in value]
    return value


_COMPACT_INDEX: dict[int, tuple[Mapping[str, Any], dict[str, list[str]]]] = {}


def _compact_index(props: Mapping[str, Any]) -> dict[str, list[str]]:
    cached = _COMPACT_INDEX.get(id(props))
    if cached is not None and cached[0] is props:
        return cached[1]
    index: dict[str, list[str]] = {}
    for prop in props:
        index.setdefault(compact(prop), []).append(prop)
    remember(_COMPACT_INDEX, id(props), (props, index))
    return index


class StructureRepairer:
    """Repairs one call's arguments in place against its tool schema."""

    def __init__(
        self,
        root: SchemaMap,
        synonyms: Mapping[str, str],
        datetimes: frozenset[str],
        record: Recorder,
        references: frozenset[str] = frozenset(),
        ignorable: frozenset[str] = frozenset(),
    ) -> None:
        self.root = root
        self.ignorable = ignorable
        self.synonyms = synonyms
        self.datetime_leaves = datetimes
        self.references = references
        self._record = record

    def record(self, kind: str, field: str | None, before: Any, after: Any, reason: str) -> None:
        # Later stages edit the args in place; the audit trail keeps the values as they were here.
        self._record(kind, field, snapshot(before), snapshot(after), reason)

    # -- objects ---------------------------------------------------------------------------------

    def repair_object(self, obj: dict[str, Any], schema: SchemaMap, path: list[Step]) -> None:
        props = properties_of(schema)
        if not props:
            return
        if any(key not in props for key in obj):
            self._rename_and_drop(obj, schema, props, path)
        for key, value in obj.items():
            sub_schema = props.get(key)
            if sub_schema is not None:
                repaired = self.repair_value(value, sub_schema, [*path, key])
                if repaired is not value:
                    obj[key] = repaired

    def _rename_and_drop(
        self, obj: dict[str, Any], schema: SchemaMap, props: Mapping[str, Any], path: list[Step]
    ) -> None:
        by_compact = _compact_index(props)
        renamed: dict[str, Any] = {}
        sources: dict[str, str] = {}
        for key, value in obj.items():
            target = key if key in props else self._canonical(key, props, by_compact)
            if target is None:
                if forbids_extra(schema):
                    if key not in self.ignorable:
                        absent = [n for n in props if n not in obj]
                        required = frozenset(schema.get("required") or ())
                        missing = likeliest_fields(key, absent, required)
                        required_missing = [format_path([*path, n]) for n in absent if n in required]
                        raise UnknownField(format_path([*path, key]), value, missing, required_missing)
                    self.record(
                        InterventionKind.FIELD_DROP,
                        format_path([*path, key]),
                        value,
                        None,
                        f"'{key}' is not a field of this tool, and the pack declares it ignorable",
                    )
                    continue
                target = key
            if target in renamed:
                if renamed[target] != value:
                    raise ConflictingAliases(format_path([*path, target]), [sources[target], key])
                self.record(
                    InterventionKind.FIELD_DROP,
                    format_path([*path, key]),
                    value,
                    None,
                    f"'{key}' repeats '{sources[target]}' with the same value",
                )
                continue
            if target != key:
                self.record(
                    InterventionKind.FIELD_RENAME,
                    format_path([*path, key]),
                    key,
                    target,
                    f"'{key}' is this tool's field '{target}'",
                )
            renamed[target] = value
            sources[target] = key
        obj.clear()
        obj.update(renamed)

    def _canonical(self, key: str, props: Mapping[str, Any], by_compact: dict[str, list[str]]) -> str | None:
        synonym = self.synonyms.get(key)
        if synonym is not None and synonym in props:
            return synonym
        same = by_compact.get(compact(key), [])
        if len(same) == 1:
            return same[0]
        synonym = self.synonyms.get(_snake(key))
        if synonym is not None and synonym in props:
            return synonym
        return _close_spelling(compact(key), by_compact)

    # -- values ----------------------------------------------------------------------------------

    def repair_value(self, value: Any, schema: Any, path: list[Step]) -> Any:
        target = effective(schema, self.root)
        types = schema_types(target)
        if not types or (_is_scalar(value) and json_type(value) in types):
            return value
        if isinstance(value, str) and "string" not in types and types & {"object", "array"}:
            value = self._decode_json_string(value, types, path)
        if "array" in types and not isinstance(value, list) and value is not None:
            value = self._wrap_in_list(value, target, path)
        elif "object" in types and not isinstance(value, dict) and _is_scalar(value):
            value = self._nest_scalar(value, target, path)
        if isinstance(value, dict) and "object" in types:
            self.repair_object(value, target, path)
        elif isinstance(value, list) and "array" in types:
            items = target.get("items")
            if isinstance(items, Mapping):
                for index, item in enumerate(value):
                    value[index] = self.repair_value(item, items, [*path, index])
        return value

    def _decode_json_string(self, value: str, types: frozenset[str], path: list[Step]) -> Any:
        text = value.strip()
        if not text or text[0] not in "[{":
            return value
        try:
            decoded = json.loads(text)
        except ValueError:
            return value
        if json_type(decoded) not in types:
            return value
        self.record(
            InterventionKind.JSON_STRING,
            format_path(path) or None,
            value,
            decoded,
            f"decoded the {json_type(decoded)} that was sent as a JSON string",
        )
        return decoded

    def _wrap_in_list(self, value: Any, schema: SchemaMap, path: list[Step]) -> Any:
        items = effective(schema.get("items"), self.root)
        item_types = schema_types(items)
        if isinstance(value, dict):
            if "object" not in item_types:
                return value
            wrapped: list[Any] = [value]
            reason = "wrapped the single object in the list this field expects"
        elif isinstance(value, str) and "string" in item_types and _EMAIL_LIST.match(value):
            wrapped = [p.strip() for p in re.split(r"[,;]", value) if p.strip()]
            reason = "split the comma-separated emails into the list this field expects"
        elif isinstance(value, str) and "object" in item_types:
            parts = [p.strip() for p in re.split(r"[,;]", value) if p.strip()]
            if not parts or (not _EMAIL_LIST.match(value) and not self._names_a_reference(items, path)):
                parts = [value]
            fields = [self._scalar_field(part, items, [*path, index]) for index, part in enumerate(parts)]
            if not fields or any(field is None for field in fields):
                return value
            wrapped = [{field: part} for field, part in zip(fields, parts, strict=True) if field]
            reason = f"wrapped {len(wrapped)} value(s) as list items {{'{fields[0]}': ...}}"
        elif _is_scalar(value) and value is not None and json_type(value) in item_types:
            wrapped = [value]
            reason = "wrapped the single value in the list this field expects"
        else:
            return value
        self.record(InterventionKind.NESTING, format_path(path) or None, value, wrapped, reason)
        return wrapped

    def _names_a_reference(self, items: SchemaMap, path: list[Step]) -> bool:
        """True when a plain name goes into a pack reference field of the list's items."""
        field = self._scalar_field("a name", items, [*path, 0])
        return field is not None and self._is_reference([*path, 0, field])

    def _is_reference(self, path: list[Step]) -> bool:
        return format_path([None if isinstance(step, int) else step for step in path]) in self.references

    def _nest_scalar(self, value: Any, schema: SchemaMap, path: list[Step]) -> Any:
        field = self._scalar_field(value, schema, path)
        if field is None:
            return value
        nested = {field: value}
        self.record(
            InterventionKind.NESTING,
            format_path(path) or None,
            value,
            nested,
            f"this field is an object; the value belongs in its '{field}' field",
        )
        return nested

    def _scalar_field(self, value: Any, schema: SchemaMap, path: list[Step] | None = None) -> str | None:
        """The one property of ``schema`` that can hold the scalar ``value``, or ``None``.

        A date, datetime or email string goes to the one property declared for that shape (by
        ``format``, by the pack's datetime fields, or by name); any other scalar only when exactly one
        property accepts its JSON type at all.
        """
        props = properties_of(schema)
        if not props:
            return None
        value_type = json_type(value)
        prefix = format_path([None if isinstance(step, int) else step for step in (path or [])])
        shape = _scalar_shape(value)
        # Enum-typed properties accept some strings and not others, so the value itself is part of the key.
        key = (id(schema), prefix, shape, value_type, self.datetime_leaves, self.references, _enum_key(value))
        cached = _FIELD_FOR_SCALAR.get(key)
        if cached is not None and cached[0] is schema:
            return cached[1]
        field = self._field_for(props, prefix, shape, value)
        remember(_FIELD_FOR_SCALAR, key, (schema, field))
        return field

    def _field_for(self, props: Mapping[str, Any], prefix: str, shape: str | None, value: Any) -> str | None:
        value_type = json_type(value)
        fitting: list[tuple[str, str | None]] = []
        for name, sub in props.items():
            sub_schema = effective(sub, self.root)
            accepted = schema_types(sub_schema)
            enum = sub_schema.get("enum")
            if isinstance(enum, list) and value not in enum:
                continue
            if value_type in accepted or (value_type == "integer" and "number" in accepted):
                declared = (f"{prefix}.{name}" if prefix else name) in self.datetime_leaves
                fitting.append((name, _property_shape(name, sub_schema, declared)))
        if shape is not None:
            shaped = [name for name, property_shape in fitting if property_shape == shape]
            if shaped:
                return shaped[0] if len(shaped) == 1 else None
        if len(fitting) == 1:
            return fitting[0][0]
        # A name where an object with a reference field is wanted ("attendees": "Priya"): the value is
        # that reference, for the resolver to look up (or for grounding to refuse).
        references = [
            name for name, _ in fitting if (f"{prefix}.{name}" if prefix else name) in self.references
        ]
        return references[0] if len(references) == 1 else None


TYPO_THRESHOLD = 90.0
TYPO_MARGIN = 10.0


def _close_spelling(key: str, by_compact: dict[str, list[str]]) -> str | None:
    """The one field a misspelled key (``sumary``, ``atendees``) clearly means, or ``None``."""
    if len(key) < 5:
        return None
    ranked = process.extract(key, list(by_compact), scorer=fuzz.ratio, limit=2)
    if not ranked:
        return None
    best_key, best, _ = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if best < TYPO_THRESHOLD or best - runner_up < TYPO_MARGIN or len(by_compact[best_key]) != 1:
        return None
    return by_compact[best_key][0]


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list)


def _scalar_shape(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = value.strip()
    if _DATE_ONLY.match(text):
        return "date"
    if _EMAIL.match(text):
        return "email"
    if _DIGIT.search(text) or _TEMPORAL_WORDS.search(text):
        return "datetime"
    return None


def _property_shape(name: str, schema: SchemaMap, declared_datetime: bool) -> str | None:
    fmt = schema.get("format")
    if fmt == "date-time" or declared_datetime:
        return "datetime"
    if fmt == "date":
        return "date"
    if fmt == "email":
        return "email"
    lowered = compact(name)
    if lowered == "datetime":
        return "datetime"
    if lowered == "date":
        return "date"
    if lowered == "email":
        return "email"
    return None


def root_object(schema: Any, root: SchemaMap) -> SchemaMap:
    """The effective top-level object schema of a tool."""
    return effective(deref(schema, root), root)

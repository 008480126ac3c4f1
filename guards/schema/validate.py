"""JSON Schema validation with lossless repairs, and the structured error for what cannot be repaired.

Validation uses the ``jsonschema`` library (the draft the schema declares, Draft 2020-12 otherwise), one
compiled validator per schema. Only coercions that lose nothing are applied: numeric and boolean strings
to numbers and booleans, numbers to strings where a string is required, integral floats to integers,
JSON strings to the object/array they encode, and an enum value spelled differently (case, separators)
when exactly one enum member matches.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator
from jsonschema.validators import extend, validator_for

from guards.paths import Step, format_path
from guards.schema.support import (
    SchemaMap,
    branches,
    compact,
    deref,
    describe_expected,
    effective,
    json_type,
    properties_of,
    remember,
    schema_types,
)
from guards.verdict import InterventionKind

MAX_REPAIR_PASSES = 4
_MESSAGE_LIMIT = 200

_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
_INTEGER = re.compile(r"^[+-]?\d{1,18}$")
_DECIMAL = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")

FORMAT_CHECKER = FormatChecker(formats=())


@FORMAT_CHECKER.checks("date-time")
def _is_rfc3339(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _RFC3339.match(value):
        return False
    try:
        datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        return False
    return True


@FORMAT_CHECKER.checks("date")
def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if len(value) != 10:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


@FORMAT_CHECKER.checks("email")
def _is_email(value: object) -> bool:
    return not isinstance(value, str) or ("@" in value and " " not in value.strip())


FORMAT_CHECKS: dict[str, Callable[[object], bool]] = {
    "date-time": _is_rfc3339,
    "date": _is_date,
    "email": _is_email,
}
"""The formats the guard checks (others are annotations), shared with :mod:`guards.schema.fast`."""


_VALIDATORS: dict[int, tuple[Mapping[str, Any], Validator]] = {}


def validator_for_schema(schema: Mapping[str, Any]) -> Validator:
    """A compiled validator for ``schema``, built once per schema object."""
    cached = _VALIDATORS.get(id(schema))
    if cached is not None and cached[0] is schema:
        return cached[1]
    base = validator_for(schema, default=Draft202012Validator)
    # JSON Schema counts 30.0 as an integer; Python tools do not (range(30.0) fails), so the guard
    # treats it as a number to be coerced to 30 instead of passing it through.
    strict_integers = base.TYPE_CHECKER.redefine("integer", _is_strict_integer)
    cls = extend(base, type_checker=strict_integers)
    validator: Validator = cls(schema, format_checker=FORMAT_CHECKER)
    remember(_VALIDATORS, id(schema), (schema, validator))
    return validator


def _is_strict_integer(_checker: object, instance: object) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


@dataclass
class Repair:
    """One lossless coercion to apply at ``path``."""

    path: list[Step]
    before: Any
    after: Any
    kind: str
    reason: str


def scalar_repairs(value: Any, schema: Any, root: SchemaMap, path: list[Step], out: list[Repair]) -> Any:
    """Walk ``value`` with its schema, coercing mistyped scalars and misspelled enum members in place.

    This handles the common cases without running ``jsonschema``; what it cannot reach (unions with
    several branches) is left for :func:`find_repairs`. Returns the (possibly replaced) value.
    """
    node = effective(schema, root)
    if isinstance(value, dict):
        props = properties_of(node)
        for key, item in value.items():
            if key in props:
                repaired = scalar_repairs(item, props[key], root, [*path, key], out)
                if repaired is not item:
                    value[key] = repaired
        return value
    if isinstance(value, list):
        items = node.get("items")
        if isinstance(items, Mapping):
            for index, item in enumerate(value):
                repaired = scalar_repairs(item, items, root, [*path, index], out)
                if repaired is not item:
                    value[index] = repaired
        return value
    enum = node.get("enum")
    if isinstance(enum, list) and isinstance(value, str) and enum and value not in enum:
        member = match_enum(value, enum)
        if member is not _NO_MATCH:
            out.append(
                Repair(path, value, member, InterventionKind.ENUM, f"'{value}' is the enum value '{member}'")
            )
            return member
        return value
    types = schema_types(node)
    if not types or json_type(value) in types or (json_type(value) == "integer" and "number" in types):
        return value
    coerced = coerce(value, set(types))
    if coerced is _NO_MATCH or isinstance(coerced, dict | list):
        return value
    out.append(
        Repair(
            path,
            value,
            coerced,
            InterventionKind.TYPE_COERCION,
            f"{json_type(value)} {value!r} is the {json_type(coerced)} {coerced!r}",
        )
    )
    return coerced


def find_repairs(errors: Iterable[ValidationError], root: SchemaMap) -> list[Repair]:
    """The lossless coercions that fix some of ``errors`` (at most one per location)."""
    repairs: dict[tuple[Step, ...], Repair] = {}
    for error in errors:
        path = list(error.absolute_path)
        if not path or tuple(path) in repairs:
            continue
        repair = _repair_for(error, root, path)
        if repair is not None:
            repairs[tuple(path)] = repair
    return list(repairs.values())


def _repair_for(error: ValidationError, root: SchemaMap, path: list[Step]) -> Repair | None:
    value = error.instance
    kind = error.validator
    if kind == "type":
        options: list[SchemaMap] = [error.schema] if isinstance(error.schema, Mapping) else []
    elif kind in ("anyOf", "oneOf") and isinstance(error.schema, Mapping):
        options = branches(error.schema, root)
    elif kind == "enum" and isinstance(error.schema, Mapping):
        options = [error.schema]
    else:
        return None
    for option in options:
        enum = option.get("enum")
        if isinstance(enum, list):
            member = match_enum(value, enum)
            if member is not _NO_MATCH:
                return Repair(
                    path, value, member, InterventionKind.ENUM, f"'{value}' is the enum value '{member}'"
                )
    wanted: set[str] = set()
    for option in options:
        wanted |= schema_types(option)
    coerced = coerce(value, wanted)
    if coerced is _NO_MATCH:
        return None
    if isinstance(value, str) and isinstance(coerced, dict | list):
        return Repair(path, value, coerced, InterventionKind.JSON_STRING, "decoded JSON sent as a string")
    return Repair(
        path,
        value,
        coerced,
        InterventionKind.TYPE_COERCION,
        f"{json_type(value)} {value!r} is the {json_type(coerced)} {coerced!r}",
    )


_NO_MATCH: Any = object()


def match_enum(value: Any, members: list[Any]) -> Any:
    """The one enum member ``value`` spells differently (``"Writer"``, ``"free_busy_reader"``)."""
    if not isinstance(value, str):
        return _NO_MATCH
    for normalise in (str.lower, compact):
        key = normalise(value)
        hits = [m for m in members if isinstance(m, str) and normalise(m) == key]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            return _NO_MATCH
    return _NO_MATCH


def coerce(value: Any, wanted: set[str]) -> Any:
    """``value`` converted losslessly to one of the JSON types in ``wanted``, or ``_NO_MATCH``."""
    if json_type(value) in wanted:
        return _NO_MATCH
    if isinstance(value, str):
        text = value.strip()
        if "integer" in wanted and _INTEGER.match(text):
            return int(text)
        if "number" in wanted and _DECIMAL.match(text):
            number = float(text)
            if math.isfinite(number):
                return int(number) if number.is_integer() and _INTEGER.match(text) else number
        if "boolean" in wanted and text.lower() in ("true", "false"):
            return text.lower() == "true"
        if wanted & {"object", "array"} and text[:1] in ("{", "["):
            try:
                decoded = json.loads(text)
            except ValueError:
                return _NO_MATCH
            return decoded if json_type(decoded) in wanted else _NO_MATCH
        return _NO_MATCH
    if isinstance(value, bool):
        return _NO_MATCH
    if isinstance(value, float) and "integer" in wanted and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, int | float) and "string" in wanted and math.isfinite(value):
        return json.dumps(value)
    return _NO_MATCH


def apply_repair(args: dict[str, Any], repair: Repair) -> bool:
    """Set the repaired value; ``False`` when the location no longer exists."""
    node: Any = args
    for step in repair.path[:-1]:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return False
    last = repair.path[-1]
    if isinstance(node, dict) and isinstance(last, str) and last in node:
        node[last] = repair.after
        return True
    if isinstance(node, list) and isinstance(last, int) and last < len(node):
        node[last] = repair.after
        return True
    return False


@dataclass
class Problems:
    """What is still wrong after repair, in the wire-format shape."""

    missing: list[str] = field(default_factory=list)
    invalid: list[dict[str, Any]] = field(default_factory=list)

    def details(self) -> dict[str, Any]:
        return {"missing_required_fields": self.missing, "invalid_fields": self.invalid}


def describe_errors(errors: Iterable[ValidationError], root: SchemaMap) -> Problems:
    """Turn ``jsonschema`` errors into ``missing_required_fields`` and ``invalid_fields``."""
    problems = Problems()
    seen: set[str] = set()
    for error in errors:
        path = list(error.absolute_path)
        if error.validator == "required" and isinstance(error.instance, dict):
            for name in error.validator_value or []:
                if isinstance(name, str) and name not in error.instance:
                    missing = format_path([*path, name])
                    if missing not in problems.missing:
                        problems.missing.append(missing)
            continue
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = properties_of(error.schema) if isinstance(error.schema, Mapping) else {}
            for name in error.instance:
                if name not in allowed:
                    _add_invalid(
                        problems,
                        seen,
                        format_path([*path, name]) or "(arguments)",
                        "no such field",
                        error.instance[name],
                        f"unknown field '{name}'",
                    )
            continue
        schema = deref(error.schema, root) if isinstance(error.schema, Mapping) else {}
        field_path = format_path(path) or "(arguments)"
        _add_invalid(
            problems, seen, field_path, describe_expected(schema, root), error.instance, error.message
        )
    return problems


def _add_invalid(
    problems: Problems, seen: set[str], field_path: str, expected: str, value: Any, message: str
) -> None:
    if field_path in seen:
        return
    seen.add(field_path)
    if len(message) > _MESSAGE_LIMIT:
        message = message[: _MESSAGE_LIMIT - 3] + "..."
    problems.invalid.append(
        {
            "field": field_path,
            "expected_type": expected,
            "received_type": json_type(value),
            "message": message,
        }
    )


def fix_hint(problems: Problems) -> str:
    """One line saying what to change."""
    parts = []
    if problems.missing:
        parts.append("add the required field(s) " + ", ".join(problems.missing))
    for entry in problems.invalid[:4]:
        if entry["expected_type"] == "no such field":
            parts.append(f"remove {entry['field']}")
        else:
            parts.append(f"send {entry['field']} as {entry['expected_type']} (got {entry['received_type']})")
    if len(problems.invalid) > 4:
        parts.append(f"and fix {len(problems.invalid) - 4} more field(s)")
    text = "; ".join(parts) or "fix the arguments to match the tool's schema"
    return text[0].upper() + text[1:] + "."

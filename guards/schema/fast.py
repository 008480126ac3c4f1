"""A compiled validity check for the subset of JSON Schema that tool specs use.

``jsonschema`` is thorough but costs ~100 µs per call on an event-sized schema, which is the whole
latency budget of a guard. Almost every call an agent sends is already valid, so the stages ask this
compiled predicate first and only hand invalid calls to ``jsonschema`` for repair and error reporting.

:func:`compile_validity` returns ``None`` for a schema that uses any keyword outside the supported subset,
and callers then use ``jsonschema`` for everything. On the supported subset the predicate agrees with the
``jsonschema`` validator of :mod:`guards.schema.validate` (a property test checks this on random JSON).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from typing import Any

from guards.schema.support import deref, remember
from guards.schema.validate import FORMAT_CHECKS

Check = Callable[[Any], bool]

_ANNOTATIONS = frozenset(
    {
        "title",
        "description",
        "default",
        "examples",
        "$schema",
        "$id",
        "$defs",
        "definitions",
        "$comment",
        "readOnly",
        "writeOnly",
        "deprecated",
    }
)
_SUPPORTED = _ANNOTATIONS | {
    "type", "properties", "required", "additionalProperties", "items", "enum", "const", "format",
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern",
    "minItems", "maxItems", "anyOf", "oneOf", "$ref",
}  # fmt: skip
_MAX_DEPTH = 24

_TYPE_CHECKS: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
}


class _Unsupported(Exception):
    pass


_COMPILED: dict[int, tuple[Mapping[str, Any], Check | None]] = {}


def compile_validity(schema: Mapping[str, Any]) -> Check | None:
    """A fast ``is_valid`` for ``schema`` (cached per schema object), or ``None`` if unsupported."""
    cached = _COMPILED.get(id(schema))
    if cached is not None and cached[0] is schema:
        return cached[1]
    try:
        check: Check | None = _compile(schema, schema, 0)
    except _Unsupported:
        check = None
    remember(_COMPILED, id(schema), (schema, check))
    return check


def _compile(node: Any, root: Mapping[str, Any], depth: int) -> Check:
    if depth > _MAX_DEPTH:
        raise _Unsupported
    if node is True:
        return lambda _v: True
    if node is False:
        return lambda _v: False
    if not isinstance(node, Mapping) or any(key not in _SUPPORTED for key in node):
        raise _Unsupported
    if "$ref" in node:
        if any(key not in _ANNOTATIONS for key in node if key != "$ref"):
            raise _Unsupported
        target = deref(node, root)
        if not target:
            raise _Unsupported
        return _compile(target, root, depth + 1)
    checks: list[Check] = []
    declared = node.get("type")
    if declared is not None:
        names = [declared] if isinstance(declared, str) else declared
        if not isinstance(names, list) or any(name not in _TYPE_CHECKS for name in names):
            raise _Unsupported
        type_checks = [_TYPE_CHECKS[name] for name in names]
        checks.append(type_checks[0] if len(type_checks) == 1 else lambda v: any(c(v) for c in type_checks))
    checks.extend(_value_checks(node))
    if any(key in node for key in ("properties", "required", "additionalProperties")):
        checks.append(_object_check(node, root, depth))
    if any(key in node for key in ("items", "minItems", "maxItems")):
        checks.append(_array_check(node, root, depth))
    for key in ("anyOf", "oneOf"):
        options = node.get(key)
        if options is not None:
            if not isinstance(options, list) or not options:
                raise _Unsupported
            compiled = [_compile(option, root, depth + 1) for option in options]
            checks.append(_any_of(compiled) if key == "anyOf" else _one_of(compiled))
    return checks[0] if len(checks) == 1 else _all_of(checks)


# Plain loops instead of all()/any() over generators: these run on every call and the generator
# overhead was a measurable share of the guard's latency.
def _all_of(checks: list[Check]) -> Check:
    def check(v: Any) -> bool:
        for c in checks:  # noqa: SIM110
            if not c(v):
                return False
        return True

    return check


def _any_of(checks: list[Check]) -> Check:
    def check(v: Any) -> bool:
        for c in checks:  # noqa: SIM110
            if c(v):
                return True
        return False

    return check


def _one_of(checks: list[Check]) -> Check:
    def check(v: Any) -> bool:
        return sum(1 for c in checks if c(v)) == 1

    return check


def _bound(bound: float, holds: Callable[[float, float], bool]) -> Check:
    def check(v: Any) -> bool:
        return not isinstance(v, int | float) or isinstance(v, bool) or holds(v, bound)

    return check


def _value_checks(node: Mapping[str, Any]) -> list[Check]:
    checks: list[Check] = []
    if "enum" in node:
        members = node["enum"]
        if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
            raise _Unsupported
        allowed = frozenset(members)
        checks.append(lambda v: isinstance(v, str) and v in allowed)
    if "const" in node:
        constant = node["const"]
        if not isinstance(constant, str):
            raise _Unsupported
        checks.append(lambda v: isinstance(v, str) and v == constant)
    fmt = node.get("format")
    if isinstance(fmt, str) and fmt in FORMAT_CHECKS:
        format_check = FORMAT_CHECKS[fmt]
        checks.append(lambda v: not isinstance(v, str) or format_check(v))
    checks.extend(_bound_checks(node))
    min_length, max_length, pattern = node.get("minLength"), node.get("maxLength"), node.get("pattern")
    if min_length is not None or max_length is not None or pattern is not None:
        regex = re.compile(pattern) if isinstance(pattern, str) else None
        low = min_length if isinstance(min_length, int) else 0
        high = max_length if isinstance(max_length, int) else None

        def string_check(v: Any) -> bool:
            if not isinstance(v, str):
                return True
            if len(v) < low or (high is not None and len(v) > high):
                return False
            return regex is None or regex.search(v) is not None

        checks.append(string_check)
    return checks


def _bound_checks(node: Mapping[str, Any]) -> list[Check]:
    checks: list[Check] = []
    comparisons: tuple[tuple[str, Callable[[float, float], bool]], ...] = (
        ("minimum", operator.ge),
        ("maximum", operator.le),
        ("exclusiveMinimum", operator.gt),
        ("exclusiveMaximum", operator.lt),
    )
    for key, holds in comparisons:
        bound = node.get(key)
        if bound is None:
            continue
        if isinstance(bound, bool) or not isinstance(bound, int | float):
            raise _Unsupported
        checks.append(_bound(bound, holds))
    return checks


def _object_check(node: Mapping[str, Any], root: Mapping[str, Any], depth: int) -> Check:
    properties = node.get("properties", {})
    required = node.get("required", [])
    extra = node.get("additionalProperties", True)
    if not isinstance(properties, Mapping) or not isinstance(required, list):
        raise _Unsupported
    compiled = {name: _compile(sub, root, depth + 1) for name, sub in properties.items()}
    extra_check = None if extra is True else _compile(extra, root, depth + 1)
    required_names = tuple(required)

    def check(v: Any) -> bool:
        if not isinstance(v, dict):
            return True
        for name in required_names:
            if name not in v:
                return False
        for key, value in v.items():
            sub = compiled.get(key)
            if sub is not None:
                if not sub(value):
                    return False
            elif extra_check is not None and not extra_check(value):
                return False
        return True

    return check


def _array_check(node: Mapping[str, Any], root: Mapping[str, Any], depth: int) -> Check:
    items = node.get("items", True)
    if isinstance(items, list):
        raise _Unsupported
    item_check = _compile(items, root, depth + 1)
    low = node.get("minItems", 0)
    high = node.get("maxItems")

    def check(v: Any) -> bool:
        if not isinstance(v, list):
            return True
        if len(v) < low or (high is not None and len(v) > high):
            return False
        return all(item_check(item) for item in v)

    return check


_CLOSED: dict[int, tuple[Mapping[str, Any], bool]] = {}


def is_closed(schema: Mapping[str, Any]) -> bool:
    """True when every object in ``schema`` forbids unknown keys, so a valid call has no alias to rename."""
    cached = _CLOSED.get(id(schema))
    if cached is not None and cached[0] is schema:
        return cached[1]
    closed = _closed(schema, schema, 0)
    remember(_CLOSED, id(schema), (schema, closed))
    return closed


def _closed(node: Any, root: Mapping[str, Any], depth: int) -> bool:
    if depth > _MAX_DEPTH:
        return False
    if not isinstance(node, Mapping):
        return node is not True
    node = deref(node, root)
    types = node.get("type")
    # Only objects the structure stage would walk matter: typed as object, or untyped with properties.
    may_be_object = types == "object" or (isinstance(types, list) and "object" in types)
    may_be_object = may_be_object or (types is None and "properties" in node)
    if may_be_object and node.get("additionalProperties") is not False:
        return False
    children: list[Any] = (
        list(node.get("properties", {}).values()) if isinstance(node.get("properties"), Mapping) else []
    )
    if "items" in node:
        children.append(node["items"])
    for key in ("anyOf", "oneOf"):
        if isinstance(node.get(key), list):
            children.extend(node[key])
    return all(_closed(child, root, depth + 1) for child in children)

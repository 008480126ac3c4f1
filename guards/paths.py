"""Dot-paths into nested data: the one path dialect of the project (packs, stages, plans, graders).

A *pattern* uses dots for nesting and ``[]`` for "every element of a list" (``attendees[].email``),
exactly as packs write them. A *concrete* path names one value, with list indices
(``attendees[0].email``); concrete paths are what interventions and errors report. A *filter*
``[field=value]`` picks the first list element whose ``field`` (itself a dotted path) equals ``value``
as text (``items[summary=Team].id``); gold plans and pack lookups use it.

>>> args = {"attendees": [{"email": "a@x.com"}, {"email": "b@x.com"}]}
>>> [(p, v) for p, v in iter_paths(args, "attendees[].email")]
[('attendees[0].email', 'a@x.com'), ('attendees[1].email', 'b@x.com')]
>>> set_path(args, "attendees[1].email", "c@x.com")
>>> get_path(args, "attendees[email=c@x.com].email")
'c@x.com'
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_FIRST = re.compile(r"[^.\[\]]+|\[")
_NEXT = re.compile(r"\.(?P<key>[^.\[\]]+)|\[(?P<index>\d*)\]|\[(?P<field>[^=\[\]]+)=(?P<value>[^\[\]]*)\]")


@dataclass(frozen=True)
class Filter:
    """``[field=value]``: the first list element whose ``field`` equals ``value`` (as text)."""

    field: str
    value: str


Step = str | int | Filter | None
"""One step of a path: a dict key, a list index, a filter, or ``None`` for the ``[]`` wildcard."""


class PathError(ValueError):
    """A path that cannot be parsed, or a concrete path that does not lead to a container."""


class PathNotFound(KeyError):
    """A concrete path that leads nowhere in the data; the message says which step failed."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "path not found"


def parse_path(path: str) -> list[Step]:
    """Split ``"a.b[].c"`` into ``["a", "b", None, "c"]`` and ``"a[2].c"`` into ``["a", 2, "c"]``.

    A path may also start with an index or filter (``[0].id``: a path into a list).
    """
    return list(_parse_cached(path))


@lru_cache(maxsize=4096)
def _parse_cached(path: str) -> tuple[Step, ...]:
    # Stages parse the same few pack paths on every call; parsing dominated a guard check's latency.
    first = _FIRST.match(path)
    if first is None:
        raise PathError(f"cannot parse path {path!r}" if path else "empty path")
    steps: list[Step] = []
    position = 0
    if first.group() != "[":
        steps.append(first.group())
        position = first.end()
    while position < len(path):
        match = _NEXT.match(path, position)
        if match is None:
            raise PathError(f"cannot parse path {path!r} at position {position}")
        if match.group("key") is not None:
            steps.append(match.group("key"))
        elif match.group("index") is not None:
            steps.append(int(match.group("index")) if match.group("index") else None)
        else:
            steps.append(Filter(match.group("field"), match.group("value")))
        position = match.end()
    return tuple(steps)


def format_path(steps: list[Step]) -> str:
    """The inverse of :func:`parse_path`."""
    text = ""
    for step in steps:
        if isinstance(step, Filter):
            text += f"[{step.field}={step.value}]"
        elif isinstance(step, int):
            text += f"[{step}]"
        elif step is None:
            text += "[]"
        else:
            text += f".{step}" if text else step
    return text


def iter_paths(data: Any, pattern: str) -> Iterator[tuple[str, Any]]:
    """Yield ``(concrete_path, value)`` for every value present at ``pattern`` (``[]`` = each element)."""
    yield from _walk(data, parse_path(pattern), [])


def _walk(node: Any, steps: list[Step], done: list[Step]) -> Iterator[tuple[str, Any]]:
    if not steps:
        yield format_path(done), node
        return
    step, rest = steps[0], steps[1:]
    if isinstance(step, str):
        if isinstance(node, dict) and step in node:
            yield from _walk(node[step], rest, [*done, step])
    elif isinstance(node, list):
        indices: range | list[int]
        if isinstance(step, Filter):
            index = _first_match(node, step)
            indices = [] if index is None else [index]
        else:
            indices = range(len(node)) if step is None else [step] if step < len(node) else []
        for index in indices:
            yield from _walk(node[index], rest, [*done, index])


def _first_match(items: list[Any], wanted: Filter) -> int | None:
    keys = parse_path(wanted.field)
    for index, item in enumerate(items):
        try:
            found = follow(item, keys)
        except PathNotFound:
            continue
        if _as_text(found) == wanted.value:
            return index
    return None


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def follow(data: Any, steps: list[Step] | tuple[Step, ...]) -> Any:
    """The value at concrete ``steps`` inside ``data``; :class:`PathNotFound` naming the failed step."""
    node = data
    for step in steps:
        if isinstance(step, str):
            if not isinstance(node, Mapping) or step not in node:
                raise PathNotFound(f"no key {step!r}")
            node = node[step]
        elif isinstance(step, Filter):
            index = _first_match(node, step) if isinstance(node, list) else None
            if index is None:
                raise PathNotFound(f"no element with {step.field} = {step.value!r}")
            node = node[index]
        elif isinstance(step, int):
            if not isinstance(node, list) or step >= len(node):
                raise PathNotFound(f"no element [{step}]")
            node = node[step]
        else:
            raise PathError("follow needs a concrete path, not a [] wildcard")
    return node


def has_path(data: Any, path: str) -> bool:
    """True when a concrete path leads to a value (wildcards: when any element has one)."""
    return next(iter_paths(data, path), None) is not None


_MISSING = object()


def get_path(data: Any, path: str, default: Any = _MISSING) -> Any:
    """The value at a concrete path; ``default`` (or :class:`KeyError`) when absent."""
    found = next(iter_paths(data, path), None)
    if found is None:
        if default is _MISSING:
            raise KeyError(path)
        return default
    return found[1]


def set_path(data: Any, path: str, value: Any, *, create: bool = False) -> None:
    """Set the value at a concrete path; with ``create`` missing dicts on the way are made."""
    steps = parse_path(path)
    if any(step is None for step in steps):
        raise PathError(f"set_path needs a concrete path, got {path!r}")
    steps = _without_filters(data, steps, path)
    parent = _parent(data, steps, create=create, path=path)
    last = steps[-1]
    if isinstance(last, int):
        if not isinstance(parent, list) or last >= len(parent):
            raise PathError(f"no list element at {path!r}")
        parent[last] = value
    elif isinstance(parent, dict):
        parent[last] = value
    else:
        raise PathError(f"no object to hold {path!r}")


def delete_path(data: Any, path: str) -> Any:
    """Remove and return the value at a concrete path (:class:`KeyError` when absent)."""
    steps = _without_filters(data, parse_path(path), path)
    parent = _parent(data, steps, create=False, path=path)
    last = steps[-1]
    if isinstance(last, str) and isinstance(parent, dict) and last in parent:
        return parent.pop(last)
    if isinstance(last, int) and isinstance(parent, list) and last < len(parent):
        return parent.pop(last)
    raise KeyError(path)


def _without_filters(data: Any, steps: list[Step], path: str) -> list[Step]:
    """The same steps with each filter replaced by the index of the element it picks."""
    if not any(isinstance(step, Filter) for step in steps):
        return steps
    concrete: list[Step] = []
    node = data
    for step in steps:
        if isinstance(step, Filter):
            index = _first_match(node, step) if isinstance(node, list) else None
            if index is None:
                raise KeyError(path)
            step = index
        concrete.append(step)
        try:
            node = follow(node, [step])
        except PathNotFound:
            node = None
    return concrete


def _parent(data: Any, steps: list[Step], *, create: bool, path: str) -> Any:
    node = data
    for step in steps[:-1]:
        if isinstance(step, str) and isinstance(node, dict):
            if step not in node and create:
                node[step] = {}
            if step not in node:
                raise KeyError(path)
            node = node[step]
        elif isinstance(step, int) and isinstance(node, list) and step < len(node):
            node = node[step]
        else:
            raise KeyError(path)
    return node


def matches(pattern: str, concrete: str) -> bool:
    """True when the concrete path is one of the paths the pattern names (``[]`` matches any index)."""
    wanted, actual = parse_path(pattern), parse_path(concrete)
    if len(wanted) != len(actual):
        return False
    return all(w == a or (w is None and isinstance(a, int)) for w, a in zip(wanted, actual, strict=True))


def pattern_of(concrete: str) -> str:
    """``attendees[3].email`` -> ``attendees[].email``."""
    return format_path([None if isinstance(step, int) else step for step in parse_path(concrete)])

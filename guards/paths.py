"""Dot-paths into nested argument dicts, shared by every stage.

A *pattern* uses dots for nesting and ``[]`` for "every element of a list" (``attendees[].email``),
exactly as packs write them. A *concrete* path names one value, with list indices
(``attendees[0].email``); concrete paths are what interventions and errors report.

>>> args = {"attendees": [{"email": "a@x.com"}, {"email": "b@x.com"}]}
>>> [(p, v) for p, v in iter_paths(args, "attendees[].email")]
[('attendees[0].email', 'a@x.com'), ('attendees[1].email', 'b@x.com')]
>>> set_path(args, "attendees[1].email", "c@x.com")
>>> get_path(args, "attendees[1].email")
'c@x.com'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

_STEP = re.compile(r"([^.\[\]]+)|\[(\d*)\]")

Step = str | int | None
"""One step of a path: a dict key, a list index, or ``None`` for the ``[]`` wildcard."""


class PathError(ValueError):
    """A path that cannot be parsed, or a concrete path that does not lead to a container."""


def parse_path(path: str) -> list[Step]:
    """Split ``"a.b[].c"`` into ``["a", "b", None, "c"]`` and ``"a[2].c"`` into ``["a", 2, "c"]``."""
    return list(_parse_cached(path))


@lru_cache(maxsize=4096)
def _parse_cached(path: str) -> tuple[Step, ...]:
    # Stages parse the same few pack paths on every call; parsing dominated a guard check's latency.
    steps: list[Step] = []
    for part in path.split("."):
        if not part:
            raise PathError(f"empty step in path {path!r}")
        consumed = 0
        for match in _STEP.finditer(part):
            if match.start() != consumed:
                raise PathError(f"cannot parse path {path!r}")
            key, index = match.group(1), match.group(2)
            if key is not None:
                if consumed:
                    raise PathError(f"key after an index in path {path!r}")
                steps.append(key)
            elif not consumed:
                raise PathError(f"index without a key in path {path!r}")
            else:
                steps.append(int(index) if index else None)
            consumed = match.end()
        if consumed != len(part):
            raise PathError(f"cannot parse path {path!r}")
    if not steps:
        raise PathError("empty path")
    return tuple(steps)


def format_path(steps: list[Step]) -> str:
    """The inverse of :func:`parse_path`."""
    text = ""
    for step in steps:
        if isinstance(step, int):
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
        indices = range(len(node)) if step is None else [step] if step < len(node) else []
        for index in indices:
            yield from _walk(node[index], rest, [*done, index])


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
    steps = parse_path(path)
    parent = _parent(data, steps, create=False, path=path)
    last = steps[-1]
    if isinstance(last, str) and isinstance(parent, dict) and last in parent:
        return parent.pop(last)
    if isinstance(last, int) and isinstance(parent, list) and last < len(parent):
        return parent.pop(last)
    raise KeyError(path)


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

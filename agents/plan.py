"""Symbolic references in gold plans.

A string argument ``"$<step>.<path>"`` stands for the value at ``<path>`` in the result of the plan step
whose ``save_as`` is ``<step>``. Paths are in the one :mod:`guards.paths` dialect: dots for keys, ``[2]``
for list indices, and ``[field=value]`` filters that pick the first list element whose ``field`` (itself
a dotted path) equals ``value`` as a string:

>>> results = {"cals": {"items": [{"id": "c1", "summary": "Home"}, {"id": "c2", "summary": "Team"}]}}
>>> resolve_refs({"calendarId": "$cals.items[summary=Team].id"}, results)
{'calendarId': 'c2'}

Only whole strings are references; ``"$"`` inside longer text is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from guards.paths import Filter, PathError, PathNotFound, Step, follow, parse_path

_REF = re.compile(r"^\$(?P<step>[A-Za-z_][\w-]*)(?P<path>(?:\.[^.\[\]]+|\[[^\]]*\])*)$")

__all__ = ["Filter", "Ref", "RefError", "iter_refs", "parse_ref", "resolve_ref", "resolve_refs"]


class RefError(LookupError):
    """A reference whose step has no result yet, or whose path leads nowhere."""


@dataclass(frozen=True)
class Ref:
    """A parsed ``$step.path`` reference; ``path`` is in the :mod:`guards.paths` dialect."""

    step: str
    path: tuple[Step, ...]
    text: str

    @property
    def filters(self) -> list[Filter]:
        return [token for token in self.path if isinstance(token, Filter)]

    @property
    def leaf(self) -> str | None:
        """The last key of the path (``id`` in ``$cals.items[summary=Team].id``)."""
        keys = [token for token in self.path if isinstance(token, str)]
        return keys[-1] if keys else None


def parse_ref(value: Any) -> Ref | None:
    """The reference a value stands for, or ``None`` when it is not one."""
    if not isinstance(value, str):
        return None
    match = _REF.match(value)
    if match is None:
        return None
    path = match.group("path").removeprefix(".")
    try:
        steps = tuple(parse_path(path)) if path else ()
    except PathError:
        return None
    return Ref(match.group("step"), steps, value)


def resolve_ref(ref: Ref, results: Mapping[str, Any]) -> Any:
    """The value a reference stands for, given the results saved so far."""
    if ref.step not in results:
        raise RefError(f"{ref.text}: step {ref.step!r} has no result")
    try:
        return follow(results[ref.step], ref.path)
    except PathNotFound as error:
        raise RefError(f"{ref.text}: {error}") from error


def resolve_refs(value: Any, results: Mapping[str, Any]) -> Any:
    """A copy of ``value`` (args dict, list, scalar) with every reference replaced by its value."""
    ref = parse_ref(value)
    if ref is not None:
        return resolve_ref(ref, results)
    if isinstance(value, dict):
        return {key: resolve_refs(item, results) for key, item in value.items()}
    if isinstance(value, list):
        return [resolve_refs(item, results) for item in value]
    return value


def iter_refs(value: Any, prefix: str = "") -> Iterator[tuple[str, Ref]]:
    """Yield ``(argument_path, ref)`` for every reference inside an args structure.

    Argument paths use the ``guards.paths`` concrete syntax (``attendees[0].email``).
    """
    ref = parse_ref(value)
    if ref is not None:
        yield prefix, ref
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_refs(item, f"{prefix}.{key}" if prefix else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_refs(item, f"{prefix}[{index}]")

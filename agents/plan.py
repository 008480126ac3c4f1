"""Symbolic references in gold plans.

A string argument ``"$<step>.<path>"`` stands for the value at ``<path>`` in the result of the plan step
whose ``save_as`` is ``<step>``. Paths use dots for keys, ``[2]`` for list indices, and
``[field=value]`` filters that pick the first list element whose ``field`` (itself a dotted path) equals
``value`` as a string:

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

_REF = re.compile(r"^\$(?P<step>[A-Za-z_][\w-]*)(?P<path>(?:\.[^.\[\]]+|\[[^\]]*\])*)$")
_TOKEN = re.compile(r"\.(?P<key>[^.\[\]]+)|\[(?P<index>\d+)\]|\[(?P<field>[^=\]]+)=(?P<value>[^\]]*)\]")


class RefError(LookupError):
    """A reference whose step has no result yet, or whose path leads nowhere."""


@dataclass(frozen=True)
class Filter:
    """``[field=value]``: the first element whose ``field`` equals ``value``."""

    field: str
    value: str


PathToken = str | int | Filter


@dataclass(frozen=True)
class Ref:
    """A parsed ``$step.path`` reference."""

    step: str
    path: tuple[PathToken, ...]
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
    tokens: list[PathToken] = []
    for token in _TOKEN.finditer(match.group("path")):
        if token.group("key") is not None:
            tokens.append(token.group("key"))
        elif token.group("index") is not None:
            tokens.append(int(token.group("index")))
        else:
            tokens.append(Filter(token.group("field"), token.group("value")))
    return Ref(match.group("step"), tuple(tokens), value)


def follow_path(data: Any, path: tuple[PathToken, ...]) -> Any:
    """The value at ``path`` inside ``data``; :class:`RefError` when it is absent."""
    node = data
    for token in path:
        if isinstance(token, str):
            if not isinstance(node, Mapping) or token not in node:
                raise RefError(f"no key {token!r}")
            node = node[token]
        elif isinstance(token, int):
            if not isinstance(node, list) or token >= len(node):
                raise RefError(f"no element [{token}]")
            node = node[token]
        else:
            node = _first_match(node, token)
    return node


def _first_match(node: Any, wanted: Filter) -> Any:
    if not isinstance(node, list):
        raise RefError(f"cannot filter [{wanted.field}={wanted.value}] on a non-list")
    keys = tuple(wanted.field.split("."))
    for element in node:
        try:
            found = follow_path(element, keys)
        except RefError:
            continue
        if _as_text(found) == wanted.value:
            return element
    raise RefError(f"no element with {wanted.field} = {wanted.value!r}")


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def resolve_ref(ref: Ref, results: Mapping[str, Any]) -> Any:
    """The value a reference stands for, given the results saved so far."""
    if ref.step not in results:
        raise RefError(f"{ref.text}: step {ref.step!r} has no result")
    try:
        return follow_path(results[ref.step], ref.path)
    except RefError as error:
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

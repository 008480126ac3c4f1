"""Shorter tool prompts for real models: compact tool descriptions and a per-episode tool subset.

Twenty full tool schemas are about 7,300 prompt tokens, most of them property descriptions. On a local
model that reads ~15 tokens/s that is minutes per request before the first word, so the ``llm:`` path can

* describe tools *compactly* (:func:`compact_tool`): the first paragraph of the description and a schema
  without property descriptions, titles or bounds — valid JSON Schema, so native binding still works;
  in JSON mode each tool becomes one signature line (:func:`signature_line`);
* show only a *subset* of the tools (:class:`ToolPolicy`): all of them, the tools a task family uses
  (from the gold plans of the bundled development suite, never of the suite being measured), or a
  lexical selector over the instruction. The lookup tools are always kept: resolving names is the job.

A tool left out is only not *shown*: the graph still executes a call to it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

LOOKUP_TOOLS = ("calendars_list", "events_list", "users_search")
"""Read tools every subset keeps: without them a model cannot turn names into IDs."""

_DROPPED_KEYS = frozenset(
    {
        "description",
        "title",
        "examples",
        "default",
        "minimum",
        "maximum",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "pattern",
        "format",
    }
)
_WORD = re.compile(r"[a-z]+")
_STOPWORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "to",
        "on",
        "of",
        "in",
        "for",
        "and",
        "or",
        "is",
        "are",
        "be",
        "with",
        "by",
        "at",
        "from",
        "my",
        "me",
        "i",
        "you",
        "your",
        "it",
        "this",
        "that",
        "as",
    }
)


def first_paragraph(description: str) -> str:
    """The description up to its first blank line, on one line."""
    return " ".join(description.strip().split("\n\n", 1)[0].split())


def compact_schema(schema: Any) -> Any:
    """``schema`` without descriptions, titles, examples and bounds (types, enums, required stay)."""
    if isinstance(schema, list):
        return [compact_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    compact: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _DROPPED_KEYS:
            continue
        if key == "properties" and isinstance(value, dict):
            compact[key] = {name: compact_schema(sub) for name, sub in value.items()}
        else:
            compact[key] = compact_schema(value)
    return compact


def compact_tool(name: str, description: str, parameters: Mapping[str, Any]) -> dict[str, Any]:
    """An OpenAI-format tool with the compact description and schema (for native binding)."""
    return {
        "type": "function",
        "function": {
            "name": name,
            "description": first_paragraph(description),
            "parameters": compact_schema(dict(parameters)),
        },
    }


def _type_of(schema: Mapping[str, Any]) -> str:
    if "enum" in schema:
        return "|".join(json.dumps(v) for v in schema["enum"])
    kind = schema.get("type")
    if kind == "object" and isinstance(schema.get("properties"), dict):
        return "{" + ", ".join(_fields(schema)) + "}"
    if kind == "array" and isinstance(schema.get("items"), dict):
        return f"[{_type_of(schema['items'])}]"
    if isinstance(kind, list):
        return "|".join(str(k) for k in kind)
    return str(kind or "any")


def _fields(schema: Mapping[str, Any]) -> list[str]:
    required = set(schema.get("required") or [])
    properties: Mapping[str, Any] = schema.get("properties") or {}
    return [f"{name}{'*' if name in required else ''}: {_type_of(sub)}" for name, sub in properties.items()]


def signature_line(name: str, description: str, parameters: Mapping[str, Any]) -> str:
    """One line per tool for a text prompt: ``name(arg*: type, ...) - what it does`` (``*`` = required)."""
    return f"- {name}({', '.join(_fields(parameters))}) - {first_paragraph(description)}"


def describe_tools_compact(tool_schemas: Mapping[str, tuple[str, dict[str, Any]]]) -> str:
    """The compact text tool list (``*`` marks required arguments)."""
    lines = [signature_line(name, text, params) for name, (text, params) in tool_schemas.items()]
    return "Arguments marked * are required.\n" + "\n".join(lines)


def tools_by_family(plans: Iterable[tuple[str, Iterable[str]]]) -> dict[str, tuple[str, ...]]:
    """``{family: tools its gold plans call}`` from ``(family, tool names)`` pairs, lookups added, sorted."""
    found: dict[str, set[str]] = {}
    for family, tools in plans:
        found.setdefault(family, set()).update(tools)
    return {family: tuple(sorted(set(LOOKUP_TOOLS) | names)) for family, names in sorted(found.items())}


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower().replace("_", " ")) if w not in _STOPWORDS}


def select_tools(
    instruction: str, tool_schemas: Mapping[str, tuple[str, dict[str, Any]]], count: int
) -> tuple[str, ...]:
    """The lookup tools plus the ``count`` other tools whose name and description share most words with
    the instruction (ties keep the tools' own order). Uses nothing but the instruction."""
    wanted = _words(instruction)
    scored = []
    for order, (name, (description, _)) in enumerate(tool_schemas.items()):
        if name in LOOKUP_TOOLS:
            continue
        name_words = _words(name)
        overlap = 2 * len(wanted & name_words) + len(wanted & _words(first_paragraph(description)))
        scored.append((-overlap, order, name))
    chosen = [name for _, _, name in sorted(scored)[:count]]
    return tuple(name for name in tool_schemas if name in LOOKUP_TOOLS or name in chosen)


@dataclass(frozen=True)
class ToolPolicy:
    """Which tools an episode's model is shown: ``all``, ``family``, ``select:K`` or ``name,name,...``.

    ``family`` needs ``family_tools`` (see :func:`tools_by_family`); a family it does not know gets
    every tool, so a task file of your own never loses tools silently.
    """

    spec: str = "all"
    family_tools: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        kind, _, count = self.spec.partition(":")
        if kind == "select" and not (count.isdigit() and int(count) > 0):
            raise ValueError(f"tool policy {self.spec!r}: use select:K with K a positive number")
        if kind in ("all", "family") and count:
            raise ValueError(f"tool policy {self.spec!r}: '{kind}' takes no argument")

    def choose(
        self, tool_schemas: Mapping[str, tuple[str, dict[str, Any]]], *, family: str, instruction: str
    ) -> tuple[str, ...]:
        """The names of the tools to show, in the tools' own order."""
        kind, _, count = self.spec.partition(":")
        if kind == "all":
            return tuple(tool_schemas)
        if kind == "family":
            known = self.family_tools.get(family)
            return tuple(tool_schemas) if known is None else tuple(n for n in tool_schemas if n in known)
        if kind == "select":
            return select_tools(instruction, tool_schemas, int(count))
        named = {n.strip() for n in self.spec.split(",") if n.strip()}
        return tuple(n for n in tool_schemas if n in named or n in LOOKUP_TOOLS)

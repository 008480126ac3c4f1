"""A pack checked against the tools it guards, when the :class:`~guards.Guard` is built.

A pack names the read tools its checks look things up with. When one of them is not among the guarded
tools, every call that needs it fails at run time with a remediation naming a tool the agent does not
have; refusing the pack up front, naming the tool and the pack entry that uses it, is kinder.

A lookup is *needed* only by checks that apply to a guarded tool: a reference whose field is in one of
the guarded tools' schemas (or whose ``tools`` names one), the role source when a guarded tool has a
permission, the availability query when a guarded tool is checked for it, and the people-zone and
date-order lookups when a guarded tool has a datetime field. So a pack written for a whole surface
still guards a part of it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from guards.pack import DomainPack


class PackMismatch(ValueError):
    """A pack whose lookups use tools the guarded surface does not have.

    ``missing`` maps each missing tool to the pack entries that use it.
    """

    def __init__(self, pack: DomainPack, missing: dict[str, list[str]]) -> None:
        self.missing = missing
        listed = "; ".join(f"{tool} (used by {', '.join(uses)})" for tool, uses in sorted(missing.items()))
        super().__init__(
            f"Pack {pack.name!r} looks things up with tools that are not among the guarded tools: "
            f"{listed}. Guard those read tools too, or correct the tool names in the pack."
        )


def missing_lookup_tools(pack: DomainPack, schemas: Mapping[str, Mapping[str, Any]]) -> dict[str, list[str]]:
    """Tool -> pack entries that need it, for every needed lookup tool not in ``schemas``."""
    guarded = set(schemas)
    needed: dict[str, list[str]] = {}

    def need(tool: str, use: str) -> None:
        if tool not in guarded:
            needed.setdefault(tool, []).append(use)

    for pattern, spec in pack.references.items():
        if any(_reference_applies(pattern, spec.tools, tool, schema) for tool, schema in schemas.items()):
            need(spec.lookup.tool, f"references.{pattern}")
    if pack.roles is not None and guarded & set(pack.permissions):
        need(pack.roles.source.tool, "roles.source")
        if pack.roles.owner is not None:
            need(pack.roles.owner.tool, "roles.owner")
    if pack.availability is not None and guarded & set(pack.availability.tools):
        need(pack.availability.tool, "availability")
    datetime_keys = {_top_key(path) for path in [*pack.datetimes, *pack.dates]}
    if any(datetime_keys & _properties(schema) for schema in schemas.values()):
        if pack.people_zones is not None:
            need(pack.people_zones.lookup.tool, "people_zones")
        if pack.user_settings.date_order is not None:
            need(pack.user_settings.date_order.tool, "user_settings.date_order")
    return needed


def check_pack(pack: DomainPack, schemas: Mapping[str, Mapping[str, Any]]) -> None:
    """Raise :class:`PackMismatch` when a needed lookup tool is not among ``schemas``."""
    missing = missing_lookup_tools(pack, schemas)
    if missing:
        raise PackMismatch(pack, missing)


def _reference_applies(pattern: str, tools: list[str] | None, tool: str, schema: Mapping[str, Any]) -> bool:
    if tools is not None:
        return tool in tools
    return _top_key(pattern) in _properties(schema)


def _top_key(path: str) -> str:
    return re.split(r"[.\[]", path, maxsplit=1)[0]


def _properties(schema: Mapping[str, Any]) -> set[str]:
    properties = schema.get("properties")
    return set(properties) if isinstance(properties, Mapping) else set()

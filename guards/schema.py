"""Placeholder stage functions, replaced by the real stages as they land."""

from __future__ import annotations

from guards.context import GuardContext
from guards.core import PendingCall, ToolCatalog


def repair_tool_name(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    return None


def repair_structure(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    return None


def validate_schema(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    return None

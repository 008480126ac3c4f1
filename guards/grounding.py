"""Placeholder stage functions, replaced by the real stages as they land."""

from __future__ import annotations

from guards.context import GuardContext
from guards.core import PendingCall, ToolCatalog


def ground_values(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    return None

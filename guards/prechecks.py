"""Placeholder stage functions, replaced by the real stages as they land."""

from __future__ import annotations

from guards.context import GuardContext
from guards.core import PendingCall, ToolCatalog


def check_permissions(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    return None


def check_preconditions(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    return None


def add_idempotency_key(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    return None

"""The bundled calendar environment's tool schemas, shared by the schema/grounding/property tests.

Tests may import ``env`` (the guards may not): guarding exactly the tool surface the agents see.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from env import CalendarEnv


@lru_cache(maxsize=1)
def _schemas() -> dict[str, dict[str, Any]]:
    return {spec.name: dict(spec.input_schema) for spec in CalendarEnv().tool_specs()}


def calendar_schemas() -> dict[str, dict[str, Any]]:
    """The calendar tools' JSON Schemas, keyed by tool name (shared objects: do not mutate)."""
    return _schemas()

"""LangChain adapter: every env tool as a ``StructuredTool`` bound to one CalendarEnv.

The raw JSON Schema dict is the ``args_schema``, so LangChain neither validates nor coerces the
model's arguments: they reach the environment exactly as the model wrote them, and the
environment's own strict validation answers (the honest baseline for guarded vs raw agents).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from langchain_core.tools import BaseTool, StructuredTool


class _ToolSpecLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def input_schema(self) -> dict[str, Any]: ...


class ToolHost(Protocol):
    """What the adapter needs of an environment (``CalendarEnv`` is one)."""

    def call_tool(self, name: str, args: dict[str, Any]) -> dict[str, Any]: ...

    def tool_specs(self) -> Sequence[_ToolSpecLike]: ...


def _bind(env: ToolHost, name: str) -> Any:
    def run(**kwargs: Any) -> dict[str, Any]:
        return env.call_tool(name, kwargs)

    run.__name__ = name
    return run


def langchain_tools(env: ToolHost) -> list[BaseTool]:
    """One StructuredTool per tool of ``env``, returning the env's result (or error) dict."""
    return [
        StructuredTool.from_function(
            func=_bind(env, spec.name),
            name=spec.name,
            description=spec.description,
            args_schema=spec.input_schema,
            infer_schema=False,
        )
        for spec in env.tool_specs()
    ]

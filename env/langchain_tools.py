"""LangChain adapter: every env tool as a ``StructuredTool`` bound to one CalendarEnv.

The raw JSON Schema dict is the ``args_schema``, so LangChain neither validates nor coerces the
model's arguments: they reach the environment exactly as the model wrote them, and the
environment's own strict validation answers (the honest baseline for guarded vs raw agents).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from langchain_core.tools import BaseTool, StructuredTool

if TYPE_CHECKING:
    from env.gym import CalendarEnv


def _bind(env: CalendarEnv, name: str) -> Any:
    def run(**kwargs: Any) -> dict[str, Any]:
        return env.call_tool(name, kwargs)

    run.__name__ = name
    return run


def langchain_tools(env: CalendarEnv) -> list[BaseTool]:
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

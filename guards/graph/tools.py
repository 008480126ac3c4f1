"""The tools a guarded agent may call: schemas for the guard, execution, and result parsing.

Tools arrive in three shapes — LangChain ``BaseTool``s, plain Python functions, and tools loaded from an
MCP server with ``langchain-mcp-adapters`` (async-only, dict JSON Schemas, results as content blocks).
:class:`ToolBox` hides the difference: it gives the guard one JSON Schema per tool, runs a tool from
synchronous guard code whether or not an event loop is involved, and turns whatever came back into the
plain dict the guard's classifier and grounding stages read.
"""

from __future__ import annotations

import asyncio
import json
import threading
import uuid
from collections.abc import Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import ToolCall, ToolMessage
from langchain_core.runnables import RunnableConfig
from langchain_core.tools import BaseTool, StructuredTool
from langchain_core.tools import tool as make_tool
from pydantic import BaseModel

from guards.errors import ErrorType, is_error_payload, make_error
from guards.pack import DomainPack
from guards.recovery.classify import classify

ToolLike = BaseTool | Callable[..., Any]


def as_base_tool(candidate: ToolLike) -> BaseTool:
    """A LangChain tool for ``candidate``; plain functions are converted from their signature."""
    if isinstance(candidate, BaseTool):
        return candidate
    if callable(candidate):
        return make_tool(candidate)
    raise TypeError(f"not a tool: {candidate!r} (expected a LangChain BaseTool or a function)")


def tool_json_schema(tool: BaseTool) -> dict[str, Any]:
    """The JSON Schema of a tool's arguments (MCP tools carry a dict; others a pydantic model)."""
    schema: Any = tool.tool_call_schema
    if isinstance(schema, dict):
        return dict(schema)
    if isinstance(schema, type) and issubclass(schema, BaseModel):
        return schema.model_json_schema()
    return {"type": "object", "properties": {}}


def is_async_only(tool: BaseTool) -> bool:
    """True for tools that have a coroutine but no synchronous implementation (MCP tools)."""
    return isinstance(tool, StructuredTool) and tool.func is None and tool.coroutine is not None


def parse_tool_output(output: Any) -> Any:
    """Turn a tool's raw output into the plain value it stands for.

    Dicts pass through; JSON strings are decoded; MCP content blocks (``[{"type": "text", "text": ...}]``)
    are joined and decoded; ``(content, artifact)`` pairs and ToolMessages use their content. Text that
    is not JSON is returned as text.
    """
    content = getattr(output, "content", output)
    if isinstance(content, tuple) and len(content) == 2:
        content = content[0]
    if isinstance(content, list) and all(isinstance(block, dict) for block in content):
        texts = [str(block.get("text", "")) for block in content if block.get("type") == "text"]
        if len(texts) == len(content):
            content = "".join(texts)
    if isinstance(content, str):
        stripped = content.strip()
        if stripped[:1] in ("{", "["):
            try:
                return json.loads(stripped)
            except ValueError:
                return content
    return content


def message_content(output: Any) -> str | list[str | dict[Any, Any]]:
    """What a ToolMessage should carry for a raw tool output (JSON text for dicts and scalars)."""
    if isinstance(output, tuple) and len(output) == 2:
        output = output[0]
    if isinstance(output, str):
        return output
    if isinstance(output, list) and all(isinstance(item, str | dict) for item in output):
        return list(output)
    return json.dumps(output, ensure_ascii=False, default=str)


def exception_error(tool_name: str, exc: BaseException) -> dict[str, Any]:
    """A wire-format error for a tool that raised; a JSON wire error inside the message is kept."""
    parsed = parse_tool_output(str(exc))
    if is_error_payload(parsed):
        return dict(parsed)
    error = classify(exc, tool_name).error
    if error is None:
        return make_error(ErrorType.TRANSIENT, tool_name, f"{type(exc).__name__}: {exc}")
    return error


def reply_result(reply: ToolMessage, tool_name: str) -> Any:
    """The parsed result of a tool's ToolMessage; a failed reply is always an error."""
    result = parse_tool_output(reply.content)
    if reply.status == "error" and not is_error_payload(result):
        return reported_error(tool_name, reply.text)
    return result


def reported_error(tool_name: str, text: str) -> dict[str, Any]:
    """A wire-format error for a tool reply marked as failed whose content is free text."""
    error = classify(text, tool_name).error
    if error is not None:
        return error
    # Unknown failures go back to the agent rather than being retried blindly (it may be a write).
    return make_error(ErrorType.VALIDATION, tool_name, text or f"Tool {tool_name!r} reported an error.")


def _run_in_fresh_loop(coro: Coroutine[Any, Any, Any]) -> Any:
    """Run a coroutine to completion from synchronous code that may itself sit inside a loop."""
    outcome: dict[str, Any] = {}

    def runner() -> None:
        try:
            outcome["value"] = asyncio.run(coro)
        except BaseException as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=runner, name="guards-tool-call")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@dataclass
class ToolInvoker:
    """Runs tools from synchronous guard code.

    Async graph nodes run the guard in a worker thread and pass the graph's event loop here, so async
    tools (e.g. MCP tools bound to a live session) run on the loop that owns their session. Without a
    loop, sync tools run directly and async-only tools run in a private loop.
    """

    loop: asyncio.AbstractEventLoop | None = None
    config: RunnableConfig | None = None

    def raw(self, tool: BaseTool, args: dict[str, Any]) -> Any:
        """The tool's output, as a ToolMessage for ordinary tools; exceptions propagate.

        Tools are invoked with a tool call (not bare arguments) so the reply keeps its ``status``: an
        MCP server's ``isError`` result is otherwise indistinguishable from a success.
        """
        call = ToolCall(name=tool.name, args=args, id=f"guard_{uuid.uuid4().hex[:12]}", type="tool_call")
        if self.loop is not None:
            future = asyncio.run_coroutine_threadsafe(tool.ainvoke(call, self.config), self.loop)
            return future.result()
        if is_async_only(tool):
            return _run_in_fresh_loop(tool.ainvoke(call, self.config))
        return tool.invoke(call, self.config)


@dataclass
class ToolRun:
    """One execution of a tool: its raw output (for the ToolMessage) and the parsed result."""

    output: Any
    result: Any


@dataclass
class ToolBox:
    """The tools by name, their JSON Schemas, and how to call them."""

    tools: dict[str, BaseTool]
    schemas: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def of(cls, tools: Sequence[ToolLike]) -> ToolBox:
        by_name: dict[str, BaseTool] = {}
        for candidate in tools:
            tool = as_base_tool(candidate)
            by_name[tool.name] = tool
        return cls(by_name, {name: tool_json_schema(tool) for name, tool in by_name.items()})

    @property
    def names(self) -> list[str]:
        return list(self.tools)

    def run(self, tool_name: str, args: Any, invoker: ToolInvoker) -> ToolRun:
        """Execute a call; unknown tools and raised exceptions become wire-format errors, never raise."""
        tool = self.tools.get(tool_name)
        if tool is None:
            error = unknown_tool_error(tool_name, self.names)
            return ToolRun(error, error)
        try:
            output = invoker.raw(tool, args if isinstance(args, dict) else {})
        except Exception as exc:  # a tool failure is data for the classifier, not a crash
            error = exception_error(tool_name, exc)
            return ToolRun(error, error)
        if not isinstance(output, ToolMessage):
            return ToolRun(output, parse_tool_output(output))
        return ToolRun(output.content, reply_result(output, tool_name))

    def lookup_function(
        self, invoker: ToolInvoker, pack: DomainPack | None = None
    ) -> Callable[[str, dict[str, Any]], Any]:
        """``lookup(tool_name, args)`` for the guard: runs a *read* tool by name and parses its result."""

        def lookup(tool_name: str, args: dict[str, Any]) -> Any:
            if pack is not None and pack.is_write(tool_name):
                return make_error(
                    ErrorType.PERMISSION,
                    tool_name,
                    f"Lookups may only use read tools; {tool_name!r} writes.",
                )
            return self.run(tool_name, args, invoker).result

        return lookup


def not_an_object_error(tool_name: str, args: Any) -> dict[str, Any]:
    """The error for a call whose arguments are not a JSON object (e.g. unparsable JSON text)."""
    return make_error(
        ErrorType.VALIDATION,
        tool_name,
        f"Arguments for tool {tool_name!r} must be a JSON object.",
        details={"missing_required_fields": [], "invalid_fields": [], "received": args},
        remediation=["Send the arguments as one JSON object."],
    )


def unknown_tool_error(tool_name: str, available: Sequence[str]) -> dict[str, Any]:
    """The ``unknown_tool`` error for a call to a tool the agent does not have."""
    return make_error(
        ErrorType.UNKNOWN_TOOL,
        tool_name,
        f"Unknown tool {tool_name!r}.",
        details={"available_tools": list(available)},
        remediation=[f"Call one of: {', '.join(available)}."],
    )


def schemas_of(tools: Mapping[str, BaseTool]) -> dict[str, dict[str, Any]]:
    """JSON Schemas by tool name."""
    return {name: tool_json_schema(tool) for name, tool in tools.items()}

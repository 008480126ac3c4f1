"""Tool calls written as text: the JSON-mode fallback for models without native tool calling.

Small local models often answer ``{"name": "events_list", "arguments": {...}}`` (or a fenced
```` ```json ```` block, or ``{"tool": ..., "args": ...}``) as plain text. :func:`parse_text_tool_calls`
turns such text into LangChain tool calls; :func:`to_text_conversation` rewrites a conversation with
native tool calls and tool messages into plain text such a model can read.
"""

from __future__ import annotations

import json
import re
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolCall, ToolMessage

_FENCE = re.compile(r"```(?:json|JSON|tool_call)?\s*\n?(.*?)```", re.DOTALL)
_NAME_KEYS = ("name", "tool", "tool_name", "function", "action")
_ARG_KEYS = ("arguments", "args", "parameters", "input", "action_input")


def parse_text_tool_calls(text: str) -> list[ToolCall]:
    """The tool calls written in ``text`` (fenced JSON first, then bare JSON objects); ``[]`` if none."""
    candidates = [block.strip() for block in _FENCE.findall(text)]
    candidates.append(text)
    for candidate in candidates:
        calls: list[ToolCall] = []
        for value in _json_values(candidate):
            calls.extend(_calls_in(value))
        if calls:
            return [
                ToolCall(name=c["name"], args=c["args"], id=f"text-call-{i}", type="tool_call")
                for i, c in enumerate(calls)
            ]
    return []


def _json_values(text: str) -> list[Any]:
    """Every top-level JSON object or array that can be decoded from ``text``."""
    decoder = json.JSONDecoder()
    values: list[Any] = []
    position = 0
    while position < len(text):
        starts = [i for i in (text.find("{", position), text.find("[", position)) if i >= 0]
        if not starts:
            break
        start = min(starts)
        try:
            value, end = decoder.raw_decode(text, start)
        except ValueError:
            position = start + 1
            continue
        values.append(value)
        position = end
    return values


def _calls_in(value: Any) -> list[ToolCall]:
    if isinstance(value, list):
        return [call for item in value for call in _calls_in(item)]
    if not isinstance(value, dict):
        return []
    if isinstance(value.get("tool_calls"), list):
        return _calls_in(value["tool_calls"])
    function = value.get("function")
    if isinstance(function, dict):
        return _calls_in(function)
    name = next((value[key] for key in _NAME_KEYS if isinstance(value.get(key), str)), None)
    if name is None:
        return []
    args: Any = next((value[key] for key in _ARG_KEYS if key in value), {})
    if isinstance(args, str):
        try:
            args = json.loads(args)
        except ValueError:
            return []
    if not isinstance(args, dict):
        return []
    return [ToolCall(name=name, args=args, id=None, type="tool_call")]


def to_text_conversation(messages: list[BaseMessage]) -> list[BaseMessage]:
    """The conversation with tool calls as JSON text and tool results as user messages."""
    converted: list[BaseMessage] = []
    for message in messages:
        if isinstance(message, AIMessage) and message.tool_calls:
            calls = [{"name": call["name"], "arguments": call["args"]} for call in message.tool_calls]
            payload = calls[0] if len(calls) == 1 else calls
            converted.append(AIMessage(content=f"```json\n{json.dumps(payload, ensure_ascii=False)}\n```"))
        elif isinstance(message, ToolMessage):
            name = message.name or "tool"
            converted.append(HumanMessage(content=f"Result of {name}:\n{message.text}"))
        else:
            converted.append(message)
    return converted


def describe_tools(tool_schemas: dict[str, tuple[str, dict[str, Any]]]) -> str:
    """A plain-text tool list for the system prompt: name, description and argument schema."""
    lines = []
    for name, (description, parameters) in tool_schemas.items():
        schema = json.dumps(parameters, separators=(",", ":"), ensure_ascii=False)
        lines.append(f"- {name}: {description.strip()}\n  arguments (JSON Schema): {schema}")
    return "\n".join(lines)

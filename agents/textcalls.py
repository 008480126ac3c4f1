"""Tool calls written as text: the JSON-mode fallback for models without native tool calling.

Small local models often answer ``{"name": "events_list", "arguments": {...}}`` (or a fenced
```` ```json ```` block, a ``<tool_call>`` block as Qwen's template asks for, or
``{"tool": ..., "args": ...}``) as plain text. :func:`parse_text_tool_calls` turns such text into
LangChain tool calls; :func:`to_text_conversation` rewrites a conversation with native tool calls and
tool messages into plain text such a model can read.

Real models also write JSON that is not JSON: ``// comments``, trailing commas, single quotes, a missing
closing brace at the end of the reply, quotes as ``&#34;`` after a chat template HTML-escaped the prompt
(llama-cpp-python's ``chatml-function-calling``). Each candidate object is parsed strictly first and,
only when that fails, with ``json-repair`` (a maintained tolerant parser), so well-formed calls are never
rewritten.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

import json_repair
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolCall, ToolMessage

_BLOCKS = (
    re.compile(r"```(?:json|JSON|tool_call|tool_code)?[ \t]*\n?(.*?)```", re.DOTALL),
    re.compile(r"<tool_call>(.*?)(?:</tool_call>|$)", re.DOTALL),
)
_NAME_KEYS = ("name", "tool", "tool_name", "function", "action")
_ARG_KEYS = ("arguments", "args", "parameters", "input", "action_input")


def parse_text_tool_calls(text: str) -> list[ToolCall]:
    """The tool calls written in ``text`` (fenced or tagged blocks first, then bare objects), or ``[]``."""
    if "&#34;" in text or "&quot;" in text:  # a template that HTML-escaped the prompt gets copied
        text = html.unescape(text)
    # every block of one kind together (a reply may hold several calls), then the whole text
    candidates = [[block.strip() for block in pattern.findall(text)] for pattern in _BLOCKS]
    candidates.append([text])
    for blocks in candidates:
        calls: list[ToolCall] = []
        for value in (value for block in blocks for value in _json_values(block)):
            calls.extend(_calls_in(value))
        if calls:
            return [
                ToolCall(name=c["name"], args=c["args"], id=f"text-call-{i}", type="tool_call")
                for i, c in enumerate(calls)
            ]
    return []


def without_call_text(text: str) -> str:
    """``text`` less the tool calls written in it (what is left is prose, or ``""``)."""
    rest = text
    for pattern in _BLOCKS:
        rest = pattern.sub("", rest)
    return "" if parse_text_tool_calls(rest) else rest.strip()


def _json_values(text: str) -> list[Any]:
    """Every top-level JSON object or array in ``text``, read leniently where strict JSON fails."""
    values: list[Any] = []
    position = 0
    while position < len(text):
        starts = [i for i in (text.find("{", position), text.find("[", position)) if i >= 0]
        if not starts:
            break
        start = min(starts)
        end = _balanced_end(text, start)
        value = _decode(text[start:end])
        if isinstance(value, dict | list) and value:
            values.append(value)
            position = end
        else:
            position = start + 1
    return values


def _balanced_end(text: str, start: int) -> int:
    """Where the bracketed span opened at ``start`` closes (strings of either quote skipped); else the end."""
    depth = 0
    quote: str | None = None
    escaped = False
    for index in range(start, len(text)):
        char = text[index]
        if quote is not None:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth == 0:
                return index + 1
    return len(text)


def _decode(span: str) -> Any:
    try:
        return json.loads(span)
    except ValueError:
        pass
    try:
        return json_repair.loads(span)
    except (ValueError, RecursionError):
        return None


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
        args = _decode(args) if args.strip() else {}
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

"""Conversations in the chat-with-tools format that Hugging Face chat templates and TRL read.

A conversation is a list of ``{"role": "system" | "user" | "assistant" | "tool", ...}`` messages; an
assistant turn that calls tools carries ``tool_calls`` (``{"type": "function", "id", "function":
{"name", "arguments": {...}}}``, arguments as an object, as chat templates render them), and each
``tool`` message answers one call by ``tool_call_id``. Tools are offered as
``{"type": "function", "function": {"name", "description", "parameters"}}``.

In a guarded episode the calls an assistant turn carries are the calls the guards *sent*: a repaired
call appears as it ran, so the turn reads as if the model had made the correct call itself (the guards
as teacher); a blocked call never ran and stays as proposed, answered by the guard's error. The one
thing left out of a sent call is the idempotency key the guard adds to every write for its own retries
(a model has no way to choose it; the episode's metadata keeps it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage

from guards import InterventionKind
from guards.graph import GUARD_METADATA_KEY


def tool_schemas(specs: Iterable[Any]) -> list[dict[str, Any]]:
    """The tools as chat templates take them, from ``env`` tool specs (``name``/``description``/schema)."""
    tools = []
    for spec in specs:
        data = spec.to_dict() if hasattr(spec, "to_dict") else dict(spec)
        tools.append(
            {
                "type": "function",
                "function": {
                    "name": data["name"],
                    "description": data.get("description", ""),
                    "parameters": data.get("input_schema") or {"type": "object", "properties": {}},
                },
            }
        )
    return tools


def _without_guard_keys(args: Any, interventions: Iterable[Mapping[str, Any]]) -> Any:
    """The arguments less the idempotency key the guard added for its own retries (no model chooses it)."""
    added = {str(i.get("field")) for i in interventions if i.get("kind") == InterventionKind.IDEMPOTENCY_KEY}
    if not isinstance(args, dict) or not added:
        return args
    return {key: value for key, value in args.items() if key not in added}


def _sent_calls(messages: Sequence[BaseMessage]) -> dict[str, tuple[str, Any]]:
    """Per tool-call id, the tool and arguments the guard actually sent (calls that ran only)."""
    sent: dict[str, tuple[str, Any]] = {}
    for message in messages:
        if isinstance(message, ToolMessage):
            meta = message.response_metadata.get(GUARD_METADATA_KEY)
            if isinstance(meta, Mapping) and meta.get("executed"):
                args = _without_guard_keys(meta.get("args"), meta.get("interventions") or [])
                sent[message.tool_call_id] = (str(meta.get("tool_name")), args)
    return sent


def _call(call_id: str, name: str, arguments: Any) -> dict[str, Any]:
    return {"type": "function", "id": call_id, "function": {"name": name, "arguments": arguments}}


def _assistant(message: AIMessage, sent: Mapping[str, tuple[str, Any]]) -> dict[str, Any]:
    calls = []
    for call in message.tool_calls:
        call_id = str(call.get("id") or "")
        name, args = sent.get(call_id, (call["name"], call.get("args")))
        calls.append(_call(call_id, name, args))
    for invalid in message.invalid_tool_calls:  # arguments that were not JSON: kept as the raw text
        call_id = str(invalid.get("id") or "")
        name, args = sent.get(call_id, (str(invalid.get("name") or ""), invalid.get("args")))
        calls.append(_call(call_id, name, args))
    turn: dict[str, Any] = {"role": "assistant", "content": message.text}
    if calls:
        turn["tool_calls"] = calls
    return turn


def _content(message: BaseMessage) -> str:
    content = message.content
    if isinstance(content, str):
        return content
    return json.dumps(content, ensure_ascii=False, default=str)


def chat_messages(messages: Sequence[BaseMessage], system_prompt: str | None = None) -> list[dict[str, Any]]:
    """An episode's LangChain conversation as chat-with-tools messages (see the module docstring)."""
    sent = _sent_calls(messages)
    chat: list[dict[str, Any]] = []
    if system_prompt and not (messages and isinstance(messages[0], SystemMessage)):
        chat.append({"role": "system", "content": system_prompt})
    for message in messages:
        if isinstance(message, SystemMessage):
            chat.append({"role": "system", "content": _content(message)})
        elif isinstance(message, HumanMessage):
            chat.append({"role": "user", "content": _content(message)})
        elif isinstance(message, AIMessage):
            chat.append(_assistant(message, sent))
        elif isinstance(message, ToolMessage):
            name = sent.get(message.tool_call_id, (message.name or "", None))[0]
            answer = {"role": "tool", "tool_call_id": message.tool_call_id, "name": name}
            chat.append({**answer, "content": _content(message)})
    return chat


def tool_payload(message: ToolMessage) -> Any:
    """What a tool message told the agent, as JSON (the tool's result, or a structured error)."""
    text = _content(message)
    try:
        return json.loads(text)
    except ValueError:
        return text

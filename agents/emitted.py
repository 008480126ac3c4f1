"""What a simulated agent emits: a tool call with an arguments object, or one whose arguments are text.

Providers parse a model's tool-call arguments from JSON text; when that text is not an object (the
model sent the whole object as a JSON *string*), LangChain keeps it as an *invalid* tool call and the
graph answers it like any other call. Simulated agents make that mistake the same way.
"""

from __future__ import annotations

from typing import Any

from langchain_core.messages import AIMessage

from agents.scripted import tool_call_message

EmittedArgs = dict[str, Any] | str
"""The arguments of an emitted call: an object, or (a malformed call) the raw JSON text of one."""


def call_message(name: str, args: EmittedArgs, call_id: str) -> AIMessage:
    """The assistant message carrying one call: a tool call, or an invalid one for text arguments."""
    if isinstance(args, dict):
        return tool_call_message(name, args, call_id)
    invalid = {"name": name, "args": args, "id": call_id, "error": None, "type": "invalid_tool_call"}
    return AIMessage(content="", invalid_tool_calls=[invalid])

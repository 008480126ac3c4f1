"""Known failure modes of local model servers, detected and explained instead of failing silently.

OpenAI-compatible local servers differ in what they do with tools (see ``docs/real-models.md``):

* some drop the ``tools`` of a request without a word (llama-cpp-python with a ``--chat_format`` that has
  no tool support, or ``chatml-function-calling`` without ``tool_choice``): the model never sees a tool
  and answers in prose, which looks like a model that gave up;
* some answer HTTP 500 to an assistant message whose ``content`` is null, which is how OpenAI clients
  send a tool call without text (llama-cpp-python's server, whatever its chat format): the ``llm:``
  agent never sends one (:data:`agents.llm.TOOL_CALL_PLACEHOLDER`), but a model used directly would;
* a server that is not running, or a wrong ``--base-url``, is a connection error on every episode.

:func:`probe_server` checks the first two with three one-token requests before a run (dropped tools
stop the run; a null-content failure is reported, since the agent works around it);
:func:`explain_server_error` turns the errors into a :class:`ServerError` that names the fix.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage

from agents.sampling import Sampling, apply_sampling

NULL_CONTENT_FIX = (
    "send a text (even a space) with every assistant tool call, as the llm: agent does, or use "
    "llm-json:<provider:model> so that tool calls travel as text"
)
DROPPED_TOOLS_FIX = (
    "start the server with tool support (llama.cpp's llama-server needs --jinja; llama-cpp-python works "
    "without --chat_format), or use llm-json:<provider:model> to describe the tools in the prompt"
)

_PROBE_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Get the current weather in a city.",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}


class ServerError(RuntimeError):
    """A model server that cannot run the agent as configured (the message says what to change)."""


def _status(error: BaseException) -> int | None:
    status = getattr(error, "status_code", None)
    return status if isinstance(status, int) else None


def _has_textless_tool_call(messages: Sequence[BaseMessage]) -> bool:
    return any(isinstance(m, AIMessage) and m.tool_calls and not m.text for m in messages)


def explain_server_error(error: BaseException, messages: Sequence[BaseMessage]) -> ServerError | None:
    """A :class:`ServerError` for a known server failure behind ``error``; ``None`` for anything else."""
    names = {cls.__name__ for cls in type(error).__mro__}
    if names & {"APIConnectionError", "ModelConnectionError", "ConnectError", "APITimeoutError"}:
        return ServerError(f"cannot reach the model server ({error}); is it running at --base-url?")
    if _status(error) == 500 and _has_textless_tool_call(messages):
        return ServerError(
            "the model server answered HTTP 500 to a conversation with an assistant tool call whose "
            f"content is null; {NULL_CONTENT_FIX}"
        )
    return None


@dataclass
class ProbeResult:
    """What :func:`probe_server` found; ``problems`` is empty when the agent can run natively.

    ``notes`` are findings the ``llm:`` agent works around (a server that rejects ``content: null``).
    """

    tools_seen: bool | None = None
    null_content_ok: bool | None = None
    max_tokens_ok: bool | None = None
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _prompt_tokens(message: BaseMessage) -> int | None:
    usage = message.usage_metadata if isinstance(message, AIMessage) else None
    return int(usage["input_tokens"]) if usage and usage.get("input_tokens") else None


def probe_server(model: BaseChatModel) -> ProbeResult:
    """Three one-token requests: does the server put tools into the prompt, and take ``content: null``?

    Tools are *seen* when a request with one tool costs more prompt tokens than the same request without;
    a server that reports no token usage leaves ``tools_seen`` unknown (``None``).
    """
    short = apply_sampling(model, Sampling(temperature=0.0, max_tokens=1), episode_seed=0)
    result = ProbeResult()
    question = [HumanMessage("What is the weather in Paris?")]
    try:
        plain = short.invoke(question)
        with_tools = short.bind_tools([_PROBE_TOOL]).invoke(question)
    except Exception as error:
        explained = explain_server_error(error, question)
        raise (explained or ServerError(f"the model server failed a one-token request: {error}")) from error
    usage = plain.usage_metadata if isinstance(plain, AIMessage) else None
    produced = usage.get("output_tokens") if usage else None
    if produced is not None and produced > 2:
        result.max_tokens_ok = False
        result.notes.append(f"the server ignored max_tokens=1 (it generated {produced} tokens)")
    elif produced is not None:
        result.max_tokens_ok = True
    before, after = _prompt_tokens(plain), _prompt_tokens(with_tools)
    if before is not None and after is not None:
        result.tools_seen = after > before
        if not result.tools_seen:
            result.problems.append(
                f"the server dropped the tools: a request with a tool cost {after} prompt tokens, the same "
                f"request without it {before}; {DROPPED_TOOLS_FIX}"
            )
    conversation: list[BaseMessage] = [
        *question,
        AIMessage(content="", tool_calls=[{"name": "get_weather", "args": {"city": "Paris"}, "id": "p1"}]),
        ToolMessage(content='{"temperature_c": 18}', tool_call_id="p1", name="get_weather"),
    ]
    try:
        short.bind_tools([_PROBE_TOOL]).invoke(conversation)
        result.null_content_ok = True
    except Exception as error:
        if _status(error) != 500:
            raise ServerError(f"the model server failed a tool-result request: {error}") from error
        result.null_content_ok = False
        result.notes.append(
            "the server answers HTTP 500 to an assistant tool call with content null (the llm: agent "
            "sends a placeholder text instead)"
        )
    return result

"""Any LangChain chat model as the agent: hosted (OpenAI, Anthropic, ...) or local (Ollama, llama.cpp, vLLM).

:class:`LLMAgentFactory` takes a chat model instance, or a ``"provider:model"`` string resolved with
``langchain.chat_models.init_chat_model`` (``base_url`` points an OpenAI-compatible provider at a local
server). Each episode gets an :class:`LLMAgentModel` that

* puts a system prompt first: the acting user, the current time and time zone, how to use the tools;
* binds the tools natively, or — for models without native tool calls (``json_mode``) — describes them
  in the prompt and parses tool calls out of the model's text (:mod:`agents.textcalls`);
* counts model calls, input/output tokens (when the provider reports ``usage_metadata``) and latency.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from typing import Any, Literal

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage, SystemMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import Field

from agents.base import AgentSpecError, EpisodeSpec, EpisodeUsage
from agents.textcalls import describe_tools, parse_text_tool_calls, to_text_conversation
from agents.wrapped import WrappedChatModel

JsonMode = Literal["auto", "always", "never"]

DEFAULT_SYSTEM_PROMPT = """\
You are a calendar assistant acting on behalf of {actor}.
The current time is {now} ({weekday}); the user's time zone is {timezone}.

Use the tools to do what the user asks:
- Look up IDs before you use them: calendars_list for calendar IDs, events_list (with q= or a time \
range) for event IDs, users_search for people's email addresses. Never invent an ID.
- Write datetimes as RFC3339 with an explicit UTC offset (for example {example}), in the user's time \
zone unless they say otherwise. start and end are objects: {{"dateTime": ...}} or {{"date": "YYYY-MM-DD"}} \
for all-day events.
- Before changing a calendar, check that the user has writer or owner access (calendars_list shows \
accessRole). If they do not, do not try to write: tell them access is missing.
- If a name matches more than one calendar, event or person, ask the user which one they mean.
- If a tool returns an error, read it and correct the call.
- When you are done, reply to the user in plain text without calling a tool.
{tools_section}"""

JSON_MODE_SECTION = """
You cannot call tools natively. To call a tool, reply with exactly one fenced JSON block and nothing else:
```json
{{"name": "<tool name>", "arguments": {{...}}}}
```
Call one tool per reply. Tool results come back as user messages starting with "Result of".
Available tools:
{tools}
"""


def render_system_prompt(
    spec: EpisodeSpec, template: str = DEFAULT_SYSTEM_PROMPT, tools_section: str = ""
) -> str:
    """The system prompt for one episode."""
    example = spec.now.replace(hour=15, minute=0, second=0, microsecond=0).isoformat()
    return template.format(
        actor=spec.actor,
        now=spec.now.isoformat(),
        weekday=spec.now.strftime("%A"),
        timezone=spec.timezone,
        example=example,
        tools_section=tools_section,
    )


class LLMAgentModel(WrappedChatModel):
    """A chat model wrapped for one episode: system prompt, tool binding or JSON mode, accounting."""

    spec: EpisodeSpec
    json_mode: JsonMode = "auto"
    prompt_template: str = DEFAULT_SYSTEM_PROMPT
    text_tools: dict[str, tuple[str, dict[str, Any]]] = Field(default_factory=dict)
    uses_text_calls: bool = False
    usage: EpisodeUsage = Field(default_factory=EpisodeUsage)

    @property
    def _llm_type(self) -> str:
        return f"agent:{getattr(self.inner, '_llm_type', 'chat')}"

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> Runnable[LanguageModelInput, AIMessage]:
        """Bind natively when the model supports it (and ``json_mode`` allows), else describe in text."""
        for tool in tools:
            function = convert_to_openai_tool(tool)["function"]
            self.text_tools[function["name"]] = (
                str(function.get("description", "")),
                dict(function.get("parameters") or {}),
            )
        self.uses_text_calls = self.json_mode == "always"
        if not self.uses_text_calls:
            try:
                self.bound = self.inner.bind_tools(tools, **kwargs)
            except NotImplementedError:  # LangChain's answer for a model without native tool calls
                if self.json_mode == "never":
                    raise
                self.uses_text_calls = True
        return self

    def system_prompt(self) -> str:
        """The system prompt this episode's model sees."""
        section = ""
        if self.uses_text_calls and self.text_tools:
            section = JSON_MODE_SECTION.format(tools=describe_tools(self.text_tools))
        return render_system_prompt(self.spec, self.prompt_template, section)

    def _prepare(self, messages: list[BaseMessage]) -> list[BaseMessage]:
        prompt = self.system_prompt()
        rest = list(messages)
        if rest and isinstance(rest[0], SystemMessage):
            prompt = f"{prompt}\n\n{rest.pop(0).text}"
        if self.uses_text_calls:
            rest = to_text_conversation(rest)
        return [SystemMessage(content=prompt), *rest]

    def _target(self) -> Runnable[LanguageModelInput, Any]:
        return self.inner if self.uses_text_calls or self.bound is None else self.bound

    def _finish(self, reply: Any, latency: float) -> ChatResult:
        """Count the call, and turn a tool call written as JSON text into a real tool call."""
        if not isinstance(reply, AIMessage):
            reply = AIMessage(content=getattr(reply, "content", str(reply)))
        self.usage.add_message(reply, latency)
        if not reply.tool_calls and self.json_mode != "never":
            calls = parse_text_tool_calls(reply.text)
            if calls:
                turn = self.usage.model_calls
                for index, call in enumerate(calls):
                    call["id"] = f"call-{turn}-{index}"
                reply = AIMessage(
                    content=reply.content,
                    tool_calls=calls,
                    usage_metadata=reply.usage_metadata,
                    response_metadata=reply.response_metadata,
                )
        return ChatResult(generations=[ChatGeneration(message=reply)])

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        """Native async, so concurrent episodes against a remote model overlap their waiting."""
        started = time.perf_counter()
        reply = await self._target().ainvoke(self._prepare(messages), stop=stop, **kwargs)
        return self._finish(reply, time.perf_counter() - started)


def resolve_chat_model(
    model: str | BaseChatModel, *, base_url: str | None = None, **kwargs: Any
) -> BaseChatModel:
    """A chat model instance from an instance or a ``"provider:model"`` string.

    With ``base_url`` an OpenAI-compatible server (vLLM, llama.cpp ``llama-server``, Ollama's ``/v1``)
    is used; such servers ignore the API key, so a placeholder is supplied when none is set.
    """
    if isinstance(model, BaseChatModel):
        return model
    try:
        from langchain.chat_models import init_chat_model
    except ImportError as error:  # the optional "langchain" extra
        raise AgentSpecError(
            "llm agents need the 'langchain' package: pip install 'lookup-guards[langchain]'"
        ) from error
    options = dict(kwargs)
    if base_url is not None:
        options["base_url"] = base_url
        if model.startswith("openai:") and not os.environ.get("OPENAI_API_KEY"):
            options.setdefault("api_key", "not-needed")
    try:
        return init_chat_model(model, **options)
    except ImportError as error:
        raise AgentSpecError(f"cannot load chat model {model!r}: {error}") from error
    except ValueError as error:
        raise AgentSpecError(f"cannot load chat model {model!r}: {error}") from error


class LLMAgentFactory:
    """``llm:<provider:model>``: the same chat model, a fresh per-episode wrapper."""

    def __init__(
        self,
        model: str | BaseChatModel,
        *,
        base_url: str | None = None,
        json_mode: JsonMode = "auto",
        prompt_template: str = DEFAULT_SYSTEM_PROMPT,
        **model_kwargs: Any,
    ) -> None:
        self.model = resolve_chat_model(model, base_url=base_url, **model_kwargs)
        self.json_mode = json_mode
        self.prompt_template = prompt_template

    def __call__(self, spec: EpisodeSpec, *, seed: int, env: Any | None = None) -> BaseChatModel:
        return LLMAgentModel(
            inner=self.model, spec=spec, json_mode=self.json_mode, prompt_template=self.prompt_template
        )

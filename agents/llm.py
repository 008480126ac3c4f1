"""Any LangChain chat model as the agent: hosted (OpenAI, Anthropic, ...) or local (Ollama, llama.cpp, vLLM).

:class:`LLMAgentFactory` takes a chat model instance, or a ``"provider:model"`` string resolved with
``langchain.chat_models.init_chat_model`` (``base_url`` points an OpenAI-compatible provider at a local
server). Each episode gets an :class:`LLMAgentModel` that

* puts a system prompt first: the acting user, the current time and time zone, how to use the tools;
* binds the tools natively, or — for models without native tool calls (``json_mode``) — describes them
  in the prompt and parses tool calls out of the model's text (:mod:`agents.textcalls`);
* shows the tools in full or compactly, all of them or a subset (:mod:`agents.toolprompt`);
* samples with the run's settings, the same in both arms of a pair (:mod:`agents.sampling`);
* counts model calls, input/output tokens (when the provider reports ``usage_metadata``) and latency;
* turns the known failures of local servers into :class:`~agents.servers.ServerError` with the fix.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from typing import Any, Literal

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage, SystemMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import Field

from agents.base import AgentSpecError, EpisodeSpec, EpisodeUsage
from agents.llm_options import ToolDescriptions
from agents.sampling import Sampling, apply_sampling, honoured_settings
from agents.servers import explain_server_error
from agents.textcalls import describe_tools, parse_text_tool_calls, to_text_conversation, without_call_text
from agents.toolprompt import ToolPolicy, compact_tool, describe_tools_compact
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
"""

JSON_MODE_SECTION = """\
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
    """The system prompt for one episode.

    The tools section goes where the template has ``{tools_section}``, else *first*: it is the same in
    every episode of a family, so a local server's prefix cache can reuse it across episodes.
    """
    example = spec.now.replace(hour=15, minute=0, second=0, microsecond=0).isoformat()
    text = template.format(
        actor=spec.actor,
        now=spec.now.isoformat(),
        weekday=spec.now.strftime("%A"),
        timezone=spec.timezone,
        example=example,
        tools_section=tools_section,
    )
    if "{tools_section}" in template or not tools_section:
        return text
    return f"{tools_section.rstrip()}\n\n{text}"


TOOL_CALL_PLACEHOLDER = " "
"""The text of an assistant tool call that has none: OpenAI clients send ``content: null`` there, which
llama-cpp-python's server rejects with HTTP 500 (its request schema wants a string)."""


def _native_history(message: BaseMessage) -> BaseMessage:
    """A past assistant turn as a native-tools server should see it.

    Calls parsed from the turn's text lose that text: the chat template renders the native ``tool_calls``
    (as the guards may have repaired them), and leaving the text would show every call twice, once
    unrepaired. A tool-call turn without text gets :data:`TOOL_CALL_PLACEHOLDER` instead of null.
    """
    if not (isinstance(message, AIMessage) and message.tool_calls):
        return message
    text = without_call_text(message.text) if parse_text_tool_calls(message.text) else message.text
    return message.model_copy(update={"content": text or TOOL_CALL_PLACEHOLDER})


class LLMAgentModel(WrappedChatModel):
    """A chat model wrapped for one episode: system prompt, tool binding or JSON mode, accounting."""

    spec: EpisodeSpec
    json_mode: JsonMode = "auto"
    prompt_template: str = DEFAULT_SYSTEM_PROMPT
    tool_descriptions: ToolDescriptions = "full"
    tool_policy: ToolPolicy = Field(default_factory=ToolPolicy)
    text_tools: dict[str, tuple[str, dict[str, Any]]] = Field(default_factory=dict)
    shown_tools: tuple[str, ...] = ()
    uses_text_calls: bool = False
    usage: EpisodeUsage = Field(default_factory=EpisodeUsage)
    honoured: dict[str, bool] = Field(default_factory=dict)

    @property
    def _llm_type(self) -> str:
        return f"agent:{getattr(self.inner, '_llm_type', 'chat')}"

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> Runnable[LanguageModelInput, AIMessage]:
        """Bind natively when the model supports it (and ``json_mode`` allows), else describe in text.

        Only the tools the policy chooses are shown (bound or described), in full or compactly.
        """
        schemas: dict[str, tuple[str, dict[str, Any]]] = {}
        by_name: dict[str, Any] = {}
        for tool in tools:
            function = convert_to_openai_tool(tool)["function"]
            name = function["name"]
            schemas[name] = (str(function.get("description", "")), dict(function.get("parameters") or {}))
            by_name[name] = tool
        self.shown_tools = self.tool_policy.choose(
            schemas, family=self.spec.family, instruction=self.spec.instruction
        )
        self.text_tools = {name: schemas[name] for name in self.shown_tools}
        self.uses_text_calls = self.json_mode == "always"
        if not self.uses_text_calls:
            native = [
                compact_tool(name, *schemas[name]) if self.tool_descriptions == "compact" else by_name[name]
                for name in self.shown_tools
            ]
            try:
                self.bound = self.inner.bind_tools(native, **kwargs)
            except NotImplementedError:  # LangChain's answer for a model without native tool calls
                if self.json_mode == "never":
                    raise
                self.uses_text_calls = True
        return self

    def system_prompt(self) -> str:
        """The system prompt this episode's model sees."""
        section = ""
        if self.uses_text_calls and self.text_tools:
            describe = describe_tools_compact if self.tool_descriptions == "compact" else describe_tools
            section = JSON_MODE_SECTION.format(tools=describe(self.text_tools))
        return render_system_prompt(self.spec, self.prompt_template, section)

    def _prepare(self, messages: list[BaseMessage]) -> list[BaseMessage]:
        prompt = self.system_prompt()
        rest = list(messages)
        if rest and isinstance(rest[0], SystemMessage):
            prompt = f"{prompt}\n\n{rest.pop(0).text}"
        rest = to_text_conversation(rest) if self.uses_text_calls else [_native_history(m) for m in rest]
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
        prepared = self._prepare(messages)
        try:
            reply = await self._target().ainvoke(prepared, stop=stop, **kwargs)
        except Exception as error:
            explained = explain_server_error(error, prepared)
            if explained is None:
                raise
            raise explained from error
        return self._finish(reply, time.perf_counter() - started)

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        started = time.perf_counter()
        prepared = self._prepare(messages)
        try:
            reply = self._target().invoke(prepared, stop=stop, **kwargs)
        except Exception as error:
            explained = explain_server_error(error, prepared)
            if explained is None:
                raise
            raise explained from error
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
    """``llm:<provider:model>``: the same chat model, a fresh per-episode wrapper.

    ``sampling`` applies to every episode alike; with ``sampling.seed`` the episode's seed (shared by
    both arms of a pair) is sent as the model's seed. ``honoured`` says which settings the model took.
    """

    def __init__(
        self,
        model: str | BaseChatModel,
        *,
        base_url: str | None = None,
        json_mode: JsonMode = "auto",
        prompt_template: str = DEFAULT_SYSTEM_PROMPT,
        sampling: Sampling | None = None,
        tool_descriptions: ToolDescriptions = "full",
        tool_policy: ToolPolicy | None = None,
        **model_kwargs: Any,
    ) -> None:
        self.model = resolve_chat_model(model, base_url=base_url, **model_kwargs)
        self.json_mode = json_mode
        self.prompt_template = prompt_template
        self.sampling = sampling or Sampling()
        self.tool_descriptions = tool_descriptions
        self.tool_policy = tool_policy or ToolPolicy()
        self.honoured = honoured_settings(self.model, self.sampling)

    def __call__(self, spec: EpisodeSpec, *, seed: int, env: Any | None = None) -> BaseChatModel:
        return LLMAgentModel(
            inner=apply_sampling(self.model, self.sampling, episode_seed=seed),
            spec=spec,
            json_mode=self.json_mode,
            prompt_template=self.prompt_template,
            tool_descriptions=self.tool_descriptions,
            tool_policy=self.tool_policy,
            honoured=self.honoured,
        )

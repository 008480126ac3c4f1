"""``GuardMiddleware``: the guards as a LangChain v1 ``AgentMiddleware`` for ``create_agent``.

Needs the ``langchain`` extra (``pip install lookup-guards[langchain]``); this module is the only one
that imports ``langchain`` itself.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from langchain.agents.middleware import AgentMiddleware, ModelRequest, ModelResponse
from langchain_core.messages import AIMessage, ToolCall, ToolMessage
from langchain_core.runnables import RunnableConfig
from langchain_core.tools import BaseTool
from langgraph.config import get_config
from langgraph.prebuilt.tool_node import ToolCallRequest
from langgraph.types import Command

from guards.graph.calls import PASSED, new_record, run_stages
from guards.graph.episode import GUARD_METADATA_KEY, ContextConfig
from guards.graph.events import emit_interventions
from guards.graph.state import Budgets
from guards.graph.tools import ToolInvoker
from guards.integrations.call_guard import ContextFactory, ToolCallGuard
from guards.pack import DomainPack, load_pack


class GuardMiddleware(AgentMiddleware):
    """Guards every tool call of a ``create_agent`` agent.

    ``wrap_tool_call`` checks each call before the handler runs it: a repaired call runs with the
    repaired arguments (and tool name); a blocked call is answered with a ToolMessage carrying the
    structured error and feedback and never reaches the tool; results are classified, transient failures
    retried, errors fed back. With ``repair_model_calls`` the model's proposed calls are also repaired
    in the AIMessage itself (``wrap_model_call``), so the conversation history shows valid calls.

    The agent's own tools are used for lookups and schemas; the guard context comes from
    ``now``/``timezone``/``actor`` (or ``context``) and the conversation, or ``ctx_factory``.
    """

    def __init__(
        self,
        pack: DomainPack | str,
        *,
        now: datetime | str | None = None,
        timezone: str | None = None,
        actor: str | None = None,
        context: ContextConfig | None = None,
        ctx_factory: ContextFactory | None = None,
        budgets: Budgets | None = None,
        retry_sleep: Callable[[float], None] | None = None,
        repair_model_calls: bool = False,
    ) -> None:
        super().__init__()
        self.call_guard = ToolCallGuard(
            load_pack(pack) if isinstance(pack, str) else pack,
            budgets=budgets or Budgets(),
            context=(context or ContextConfig()).with_overrides(now, timezone, actor),
            ctx_factory=ctx_factory,
            retry_sleep=retry_sleep,
        )
        self.repair_model_calls = repair_model_calls

    def wrap_tool_call(
        self,
        request: ToolCallRequest,
        handler: Callable[[ToolCallRequest], ToolMessage | Command[Any]],
    ) -> ToolMessage | Command[Any]:
        return self.call_guard(request, handler)

    async def awrap_tool_call(
        self,
        request: ToolCallRequest,
        handler: Callable[[ToolCallRequest], Awaitable[ToolMessage | Command[Any]]],
    ) -> ToolMessage | Command[Any]:
        return await self.call_guard.acall(request, handler)

    def wrap_model_call(
        self,
        request: ModelRequest[Any],
        handler: Callable[[ModelRequest[Any]], ModelResponse[Any]],
    ) -> ModelResponse[Any]:
        response = handler(request)
        if not self.repair_model_calls:
            return response
        return self._repair_response(request, response, ToolInvoker(None, _current_config()))

    async def awrap_model_call(
        self,
        request: ModelRequest[Any],
        handler: Callable[[ModelRequest[Any]], Awaitable[ModelResponse[Any]]],
    ) -> ModelResponse[Any]:
        response = await handler(request)
        if not self.repair_model_calls:
            return response
        invoker = ToolInvoker(asyncio.get_running_loop(), _current_config())
        return await asyncio.to_thread(self._repair_response, request, response, invoker)

    def _repair_response(
        self, request: ModelRequest[Any], response: ModelResponse[Any], invoker: ToolInvoker
    ) -> ModelResponse[Any]:
        """Replace each proposed call the guard passes by its repaired form; leave blocked ones as is."""
        tools = [tool for tool in request.tools if isinstance(tool, BaseTool)]
        kit = self.call_guard.kit(tools)
        messages = list(response.result)
        for index, message in enumerate(messages):
            if not isinstance(message, AIMessage) or not message.tool_calls:
                continue
            ctx = self.call_guard.context_for(request.state, invoker.config, kit, invoker)
            calls: list[ToolCall] = []
            notes: list[dict[str, Any]] = []
            for call in message.tool_calls:
                record = new_record(call)
                notes += run_stages(
                    kit.guard, kit.guard.resolve_stages + kit.guard.validate_stages, record, ctx, "model"
                )
                if record["status"] == PASSED:
                    calls.append({**call, "name": record["tool_name"], "args": record["args"]})
                else:
                    calls.append(call)
            meta = {**message.response_metadata, GUARD_METADATA_KEY: {"interventions": notes}}
            messages[index] = message.model_copy(update={"tool_calls": calls, "response_metadata": meta})
            emit_interventions(notes, invoker.config)
        return ModelResponse(result=messages, structured_response=response.structured_response)


def _current_config() -> RunnableConfig | None:
    try:
        return get_config()
    except RuntimeError:
        return None

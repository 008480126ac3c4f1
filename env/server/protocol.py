"""The OpenEnv wire protocol as spoken by ``openenv`` 0.10 clients, and its mapping onto the env.

Messages on the ``/ws`` WebSocket are ``{"type": "reset"|"step"|"state"|"close"|"mcp", "data": ...}``;
answers are ``{"type": "observation"|"state"|"mcp"|"error", "data": ...}``. An observation answer's
data is ``{"observation": {...}, "reward": r, "done": d, "metadata": {...}}``.

Two action styles are accepted in ``step``:

* the gym style, validated by ``env.MCPAction`` itself: ``{"action_type": "ListToolsAction"}`` and
  ``{"action_type": "ToolCallAction", "tool_name": ..., "arguments": {...}}``; the observation carries
  ``success``, ``error_message``, ``tools_list`` and ``tool_result`` exactly as in-process;
* OpenEnv's MCP style: ``{"type": "list_tools"}`` and ``{"type": "call_tool", "tool_name": ...,
  "arguments": {...}}``; the observation carries OpenEnv's ``tools`` or ``tool_name``/``result``/
  ``error`` (plus ``success`` and ``error_message``), so ``openenv.core.mcp_client.MCPToolClient``
  parses it into its own ``ListToolsObservation`` / ``CallToolObservation``.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from env import MCPAction, Observation, StepResult


class WSErrorCode(StrEnum):
    """OpenEnv's WebSocket error codes (the client shows them in its error message)."""

    INVALID_JSON = "INVALID_JSON"
    UNKNOWN_TYPE = "UNKNOWN_TYPE"
    VALIDATION_ERROR = "VALIDATION_ERROR"
    EXECUTION_ERROR = "EXECUTION_ERROR"
    CAPACITY_REACHED = "CAPACITY_REACHED"
    SESSION_ERROR = "SESSION_ERROR"


class ProtocolError(Exception):
    """A bad message: answered with an ``error`` frame, and the session keeps serving."""

    def __init__(self, code: WSErrorCode, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.extra = extra

    def frame(self) -> dict[str, Any]:
        """The ``{"type": "error", ...}`` frame for this error."""
        return error_frame(self.code, self.message, **self.extra)


def encode_frame(frame: dict[str, Any]) -> str:
    """A frame as JSON text (orjson: a big listing's frame encodes ten times faster)."""
    try:
        return orjson.dumps(frame).decode()
    except TypeError:  # a value orjson does not know (never produced by the env); stdlib spells it
        return json.dumps(frame, default=str)


def error_frame(code: WSErrorCode, message: str, **extra: Any) -> dict[str, Any]:
    """An OpenEnv error frame: ``{"type": "error", "data": {"message", "code", ...}}``."""
    return {"type": "error", "data": {"message": message, "code": code.value, **extra}}


class _Wire(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ListToolsStep(_Wire):
    """OpenEnv MCP-style tool discovery (``openenv`` ``ListToolsAction``)."""

    type: Literal["list_tools"]
    metadata: dict[str, Any] = Field(default_factory=dict)


class CallToolStep(_Wire):
    """OpenEnv MCP-style tool call (``openenv`` ``CallToolAction``)."""

    type: Literal["call_tool"]
    tool_name: str
    arguments: dict[str, Any] = Field(default_factory=dict)
    metadata: dict[str, Any] = Field(default_factory=dict)


StepAction = ListToolsStep | CallToolStep | MCPAction

GYM_ACTION_TYPES = ("ListToolsAction", "ToolCallAction")
_BY_TYPE: dict[str, type[StepAction]] = {"list_tools": ListToolsStep, "call_tool": CallToolStep}


class ResetData(_Wire):
    """Parameters of ``reset``; world/actor/now/seed override the session's for this episode only."""

    seed: int | None = Field(default=None, ge=0)
    episode_id: str | None = Field(default=None, max_length=255)
    world: str | dict[str, Any] | None = None
    actor: str | None = None
    now: str | None = None


def parse_step_action(data: Any) -> StepAction:
    """Validate a ``step`` payload into one of the accepted action shapes."""
    if not isinstance(data, dict):
        raise ProtocolError(WSErrorCode.VALIDATION_ERROR, "step data must be a JSON object (the action).")
    model: type[StepAction] | None
    if "action_type" in data:
        kind = data["action_type"]
        model = MCPAction if kind in GYM_ACTION_TYPES else None
    else:
        kind = data.get("type")
        model = _BY_TYPE.get(str(kind))
    if model is None:
        raise ProtocolError(
            WSErrorCode.VALIDATION_ERROR,
            f"Unknown action type {kind!r}.",
            expected=[*(f"action_type={t}" for t in GYM_ACTION_TYPES), *(f"type={t}" for t in _BY_TYPE)],
        )
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise invalid("Invalid action", exc) from exc


def parse_reset_data(data: Any) -> ResetData:
    """Validate ``reset`` parameters."""
    try:
        return ResetData.model_validate(data if data is not None else {})
    except ValidationError as exc:
        raise invalid("Invalid reset parameters", exc) from exc


def invalid(prefix: str, exc: ValidationError) -> ProtocolError:
    """A VALIDATION_ERROR frame listing pydantic's field errors in JSON-safe form."""
    errors = json.loads(exc.json(include_url=False, include_context=False))
    fields = "; ".join(f"{'.'.join(map(str, e['loc'])) or '<root>'}: {e['msg']}" for e in errors)
    return ProtocolError(WSErrorCode.VALIDATION_ERROR, f"{prefix}: {fields}", errors=errors)


def to_env_action(action: StepAction) -> MCPAction:
    """The in-process action for a wire action."""
    if isinstance(action, MCPAction):
        return action
    if isinstance(action, ListToolsStep):
        return MCPAction(action_type="ListToolsAction")
    return MCPAction(action_type="ToolCallAction", tool_name=action.tool_name, arguments=action.arguments)


def observation_payload(result: StepResult, action: StepAction | None) -> dict[str, Any]:
    """The ``data`` of an observation frame for an env ``StepResult`` answering ``action``.

    ``action`` is ``None`` for ``reset``. Reward and done travel at the top level (as OpenEnv's
    ``serialize_observation`` does); metadata travels both inside and beside the observation.
    """
    observation = result.observation
    # The fields are JSON values already (tool results and specs are plain dicts), so they are read
    # directly: a pydantic dump would copy every result and costs more than the tool call itself.
    obs: dict[str, Any] = {
        "success": observation.success,
        "error_message": observation.error_message,
        "tools_list": observation.tools_list,
        "tool_result": observation.tool_result,
        "metadata": observation.metadata,
    }
    reward = observation.reward
    done = bool(observation.done)
    metadata = obs.get("metadata") or {}
    if isinstance(action, ListToolsStep):
        obs = {
            "tools": obs.get("tools_list") or [],
            "success": obs.get("success"),
            "error_message": obs.get("error_message"),
            "metadata": metadata,
        }
    elif isinstance(action, CallToolStep):
        obs = {
            "tool_name": action.tool_name,
            "result": obs.get("tool_result"),
            "error": None,
            "success": obs.get("success"),
            "error_message": obs.get("error_message"),
            "metadata": metadata,
        }
    payload: dict[str, Any] = {"observation": obs, "reward": reward, "done": done}
    if metadata:
        payload["metadata"] = metadata
    return payload


class WireState(BaseModel):
    """Session state returned by ``state``."""

    episode_id: str | None = None
    step_count: int = 0
    world: str | None = None
    actor: str | None = None
    now: str | None = None
    timezone: str | None = None


def schema_document() -> dict[str, Any]:
    """The ``/schema`` body: JSON Schemas for actions, observations and state."""
    return {
        "action": {
            "oneOf": [model.model_json_schema() for model in (MCPAction, ListToolsStep, CallToolStep)]
        },
        "observation": Observation.model_json_schema(),
        "reset_observation": Observation.model_json_schema(),
        "state": WireState.model_json_schema(),
    }

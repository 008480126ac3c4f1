"""What a tool is, and the one way to run it.

A tool is a handler function plus its pydantic argument model, defined with :func:`define_tool` in
its own module. Its name is the function name, its LLM-facing description the function's docstring,
and its JSON Schema is generated from the argument model, so nothing is written twice.
"""

from __future__ import annotations

import copy
import difflib
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from env.errors import ErrorType, ToolFailure, json_type_name, make_error
from env.session import Session
from env.tools.models import ArgsModel
from env.tools.schema import json_schema_for, validation_failure

A = TypeVar("A", bound=ArgsModel)
Handler = Callable[[Session, Any], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class ToolSpec:
    """What an agent sees of a tool: its name, description and JSON Schema for its arguments."""

    name: str
    description: str
    input_schema: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready copy (callers may edit it without touching the tool's schema)."""
        return {
            "name": self.name,
            "description": self.description,
            "input_schema": copy.deepcopy(self.input_schema),
        }


@dataclass(frozen=True, slots=True)
class Tool:
    """A tool: handler, argument model, and whether it writes."""

    name: str
    description: str
    args_model: type[ArgsModel]
    handler: Handler
    writes: bool
    spec: ToolSpec


def define_tool(
    handler: Callable[[Session, A], dict[str, Any]], args_model: type[A], *, writes: bool = False
) -> Tool:
    """The tool that runs ``handler`` on arguments validated by ``args_model``."""
    name = handler.__name__
    description = inspect.cleandoc(handler.__doc__ or "")
    spec = ToolSpec(name, description, json_schema_for(args_model))
    return Tool(name, description, args_model, handler, writes, spec)


def unknown_tool(name: str, known: Iterable[str]) -> dict[str, Any]:
    """The wire error for a tool name that does not exist, with close matches."""
    names = list(known)
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    return make_error(
        ErrorType.UNKNOWN_TOOL,
        name,
        f"Unknown tool {name!r}.",
        details={"tool_name": name, "suggestions": close, "available_tools": sorted(names)},
        remediation=[f"Call one of the listed tools{'; did you mean ' + close[0] + '?' if close else '.'}"],
    )


def parse_args(spec: Tool, args: object) -> BaseModel:
    """Validate raw arguments strictly against the tool's model (raises ToolFailure)."""
    if not isinstance(args, dict):
        raise ToolFailure(
            ErrorType.VALIDATION,
            f"Arguments for tool '{spec.name}' must be a JSON object.",
            details={
                "missing_required_fields": [],
                "invalid_fields": [
                    {"field": "", "expected_type": "object", "received_type": json_type_name(args)}
                ],
            },
            remediation=["Send the arguments as a JSON object keyed by parameter name."],
        )
    try:
        return spec.args_model.model_validate(args)
    except ValidationError as exc:
        raise validation_failure(exc, spec.name, spec.args_model) from exc


def run_tool(session: Session, spec: Tool, args: object) -> dict[str, Any]:
    """Run one tool call as the session's actor; never raises, failures come back as wire errors."""
    name = spec.name
    try:
        if session.faults is not None:
            session.faults.before_call(name)
        parsed = parse_args(spec, args)
        result = spec.handler(session, parsed)
        if spec.writes and session.faults is not None:
            session.faults.after_write(name, result)
        return result
    except ToolFailure as failure:
        return failure.to_wire(name)
    except Exception as exc:  # a bug must still reach the agent as data, never as a traceback
        return make_error(
            ErrorType.TRANSIENT,
            name,
            "Internal error while handling the request.",
            details={"reason": "internalError", "exception": type(exc).__name__},
            remediation=["Retrying is unlikely to help; report this call."],
            http_status=500,
            retryable=False,
        )

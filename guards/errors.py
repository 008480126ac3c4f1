"""The structured error wire format and its taxonomy.

Every error a guard produces (and every error the guards understand) has this shape::

    {"ok": false, "error_type": "validation_error", "tool_name": "events_insert",
     "message": "...", "http_status": 400, "details": {...}, "remediation": ["..."],
     "retryable": false}

The environment in ``env/`` emits the same format; the two packages agree on it as a documented wire
format, not through a shared import.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field


class ErrorType(StrEnum):
    VALIDATION = "validation_error"
    FORMAT = "format_error"
    PERMISSION = "permission_error"
    NOT_FOUND = "not_found_error"
    CONFLICT = "conflict_error"
    PRECONDITION = "precondition_error"
    AMBIGUOUS = "ambiguous_reference"
    RATE_LIMIT = "rate_limit_error"
    TRANSIENT = "transient_error"
    UNKNOWN_TOOL = "unknown_tool"


DEFAULT_HTTP_STATUS: dict[ErrorType, int] = {
    ErrorType.VALIDATION: 400,
    ErrorType.FORMAT: 400,
    ErrorType.PERMISSION: 403,
    ErrorType.NOT_FOUND: 404,
    ErrorType.CONFLICT: 409,
    ErrorType.PRECONDITION: 412,
    ErrorType.AMBIGUOUS: 300,
    ErrorType.RATE_LIMIT: 429,
    ErrorType.TRANSIENT: 503,
    ErrorType.UNKNOWN_TOOL: 404,
}

RETRYABLE_TYPES = frozenset({ErrorType.RATE_LIMIT, ErrorType.TRANSIENT})


class ToolError(BaseModel):
    """One structured tool error, as sent over the wire."""

    ok: bool = False
    error_type: ErrorType
    tool_name: str
    message: str
    http_status: int
    details: dict[str, Any] = Field(default_factory=dict)
    remediation: list[str] = Field(default_factory=list)
    retryable: bool = False

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def make_error(
    error_type: ErrorType | str,
    tool_name: str,
    message: str,
    *,
    details: dict[str, Any] | None = None,
    remediation: list[str] | None = None,
    http_status: int | None = None,
    retryable: bool | None = None,
) -> dict[str, Any]:
    """Build a wire-format error dict, filling the HTTP status and retryability from the taxonomy."""
    kind = ErrorType(error_type)
    return ToolError(
        error_type=kind,
        tool_name=tool_name,
        message=message,
        http_status=DEFAULT_HTTP_STATUS[kind] if http_status is None else http_status,
        details=details or {},
        remediation=remediation or [],
        retryable=(kind in RETRYABLE_TYPES) if retryable is None else retryable,
    ).to_dict()


def is_error_payload(value: Any) -> bool:
    """True for a dict in our wire format (``ok`` is false and ``error_type`` is set)."""
    return isinstance(value, dict) and value.get("ok") is False and "error_type" in value

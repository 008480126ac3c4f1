"""Structured tool errors in the shared wire format.

The environment plays a production API, so every failure comes back as data::

    {"ok": false, "error_type": "not_found_error", "tool_name": "events_get", "message": "...",
     "http_status": 404, "details": {...}, "remediation": ["..."], "retryable": false}

``guards/errors.py`` documents the same shape; ``env`` keeps its own copy on purpose (the two
packages agree on a wire format, never on an import).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class ErrorType(StrEnum):
    """The error taxonomy shared with the guards."""

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


HTTP_STATUS: dict[ErrorType, int] = {
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

RETRYABLE = frozenset({ErrorType.RATE_LIMIT, ErrorType.TRANSIENT})


def make_error(
    error_type: ErrorType,
    tool_name: str,
    message: str,
    *,
    details: dict[str, Any] | None = None,
    remediation: list[str] | None = None,
    http_status: int | None = None,
    retryable: bool | None = None,
) -> dict[str, Any]:
    """Build one wire-format error dict; status and retryability default from the taxonomy."""
    return {
        "ok": False,
        "error_type": error_type.value,
        "tool_name": tool_name,
        "message": message,
        "http_status": HTTP_STATUS[error_type] if http_status is None else http_status,
        "details": details or {},
        "remediation": remediation or [],
        "retryable": (error_type in RETRYABLE) if retryable is None else retryable,
    }


class ToolFailure(Exception):
    """Raised inside a tool to end the call with a structured error.

    Tools raise it; :func:`env.tools.base.run_tool` turns it into the wire format, adding the
    tool name, so tool code never builds error dicts by hand.
    """

    def __init__(
        self,
        error_type: ErrorType,
        message: str,
        *,
        details: dict[str, Any] | None = None,
        remediation: list[str] | None = None,
        http_status: int | None = None,
        retryable: bool | None = None,
    ) -> None:
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.details = details or {}
        self.remediation = remediation or []
        self.http_status = http_status
        self.retryable = retryable

    def to_wire(self, tool_name: str) -> dict[str, Any]:
        """The wire-format dict for this failure, attributed to ``tool_name``."""
        return make_error(
            self.error_type,
            tool_name,
            self.message,
            details=self.details,
            remediation=self.remediation,
            http_status=self.http_status,
            retryable=self.retryable,
        )


def json_type_name(value: object) -> str:
    """The JSON type name of a Python value, as used in ``received_type``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list | tuple):
        return "array"
    return type(value).__name__


def invalid_field(field: str, expected: str, received: object, reason: str | None = None) -> ToolFailure:
    """A validation_error about one field whose value has the wrong type or an impossible value."""
    entry: dict[str, Any] = {
        "field": field,
        "expected_type": expected,
        "received_type": json_type_name(received),
    }
    if reason:
        entry["reason"] = reason
    message = f"Invalid value for '{field}': expected {expected}."
    if reason:
        message = f"Invalid value for '{field}': {reason}."
    return ToolFailure(
        ErrorType.VALIDATION,
        message,
        details={"missing_required_fields": [], "invalid_fields": [entry]},
        remediation=[f"Send '{field}' as {expected}."],
    )


def missing_field(field: str, why: str) -> ToolFailure:
    """A validation_error about one required field that is absent."""
    return ToolFailure(
        ErrorType.VALIDATION,
        f"Missing required field '{field}': {why}.",
        details={"missing_required_fields": [field], "invalid_fields": []},
        remediation=[f"Add '{field}' ({why})."],
    )


def format_failure(field: str, received: object, expected_format: str, example: str) -> ToolFailure:
    """A format_error: the value has the right type but not the required textual format."""
    return ToolFailure(
        ErrorType.FORMAT,
        f"'{field}' is not in the expected format ({expected_format}); received {received!r}.",
        details={
            "field": field,
            "received": received,
            "expected_format": expected_format,
            "example": example,
        },
        remediation=[f"Send '{field}' as {expected_format}, for example {example!r}."],
    )

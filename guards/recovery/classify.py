"""Classify any tool result into the error taxonomy and the action it calls for.

``classify(result)`` understands:

* our wire format (``{"ok": false, "error_type": ...}``);
* plain HTTP status codes: an ``int``, ``{"status": 429}``, ``{"status_code": 503}``,
  ``{"http_status": 404}``, Google-style ``{"error": {"code": 404, "message": ..., "errors":
  [{"reason": "rateLimitExceeded"}]}}`` (Google signals rate limits as 403 + reason, so reasons win);
* OpenEnv MCP observations whose ``error`` is a ``ToolError`` (``{"error_type"|"type": ..., "message"}``);
* MCP-style payloads ``{"text"|"content": ..., "status_code": ..., "isError": true}`` and MCP
  ``CallToolResult`` dicts/objects whose text content is itself JSON (parsed recursively). A payload
  flagged ``isError`` is always an error: when neither its status nor its text names a kind, it is a
  ``validation_error`` (repairable: the agent reads the text; not retried) with the text as message;
* exceptions (timeouts and connection errors are transient; ``status_code`` attributes are honoured);
* the common failure shapes of other surfaces (``{"success": false, ...}``, ``{"ok": false, "error":
  "..."}``, OData error objects, JSend, GraphQL; :mod:`guards.recovery.shapes`), and those a pack
  declares (``errors=pack.errors``);
* anything else is a success.

OpenEnv ``ToolError`` types map as follows (the underlying tool's real error, when the message carries
our wire format or an HTTP status, takes precedence):

==================  =================  ==========================================================
OpenEnv type        our error_type     why
==================  =================  ==========================================================
tool_not_found      unknown_tool       the agent named a tool that does not exist: repairable
invalid_args        validation_error   the arguments failed the tool's schema: repairable
execution_error     transient_error    the tool raised; may succeed on retry, may have applied
timeout             transient_error    no answer in time; may have applied
transport_error     transient_error    the connection failed; may have applied
==================  =================  ==========================================================

Categories: ``ok``; ``transient`` (retry with backoff); ``repairable`` (tell the agent what to fix);
``permanent`` (stop: permission denied, or a budget ran out).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from guards.errors import DEFAULT_HTTP_STATUS, ErrorType, is_error_payload, make_error
from guards.pack import ErrorsSpec
from guards.recovery.shapes import (
    Failure,
    common_failure,
    declared_failure,
    declared_text_kind,
    message_of,
    number_of,
    retry_after_of,
)
from guards.recovery.words import code_words, kind_from_words, looks_like_error, telling_kind

Category = Literal["ok", "transient", "repairable", "permanent"]

CATEGORY_OF: dict[ErrorType, Category] = {
    ErrorType.RATE_LIMIT: "transient",
    ErrorType.TRANSIENT: "transient",
    ErrorType.VALIDATION: "repairable",
    ErrorType.FORMAT: "repairable",
    ErrorType.NOT_FOUND: "repairable",
    ErrorType.AMBIGUOUS: "repairable",
    ErrorType.PRECONDITION: "repairable",
    ErrorType.CONFLICT: "repairable",
    ErrorType.UNKNOWN_TOOL: "repairable",
    ErrorType.PERMISSION: "permanent",
}

OPENENV_TYPES: dict[str, ErrorType] = {
    "tool_not_found": ErrorType.UNKNOWN_TOOL,
    "invalid_args": ErrorType.VALIDATION,
    "execution_error": ErrorType.TRANSIENT,
    "timeout": ErrorType.TRANSIENT,
    "transport_error": ErrorType.TRANSIENT,
}

# Google API error reasons that override the HTTP status (rate limits arrive as 403).
REASONS: dict[str, ErrorType] = {
    "ratelimitexceeded": ErrorType.RATE_LIMIT,
    "userratelimitexceeded": ErrorType.RATE_LIMIT,
    "quotaexceeded": ErrorType.RATE_LIMIT,
    "backenderror": ErrorType.TRANSIENT,
    "deadlineexceeded": ErrorType.TRANSIENT,
    "duplicate": ErrorType.CONFLICT,
    "notfound": ErrorType.NOT_FOUND,
    "forbidden": ErrorType.PERMISSION,
    "insufficientpermissions": ErrorType.PERMISSION,
    "required": ErrorType.VALIDATION,
    "invalid": ErrorType.VALIDATION,
}

STATUS_KEYS = ("status_code", "statusCode", "http_status", "status", "code")


@dataclass(frozen=True)
class Classification:
    """What a result means for the loop: ``error`` is the normalised wire-format error (or ``None``).

    ``may_have_applied`` is ``False`` when the failure is known to have had no effect (a 429 is a
    refusal; a validation error never runs), so even a non-idempotent write may be retried.
    """

    category: Category
    error_type: ErrorType | None = None
    retry_after: float | None = None
    error: dict[str, Any] | None = None
    may_have_applied: bool = False

    @property
    def ok(self) -> bool:
        return self.category == "ok"


OK = Classification("ok")


def status_error_type(status: int) -> ErrorType | None:
    """The taxonomy entry for an HTTP status (``None`` for success and informational codes)."""
    if status < 300:
        return None
    if status == 300:
        return ErrorType.AMBIGUOUS
    if status in (401, 403):
        return ErrorType.PERMISSION
    if status in (404, 410):
        return ErrorType.NOT_FOUND
    if status == 409:
        return ErrorType.CONFLICT
    if status == 412:
        return ErrorType.PRECONDITION
    if status == 429:
        return ErrorType.RATE_LIMIT
    if status == 408 or status >= 500:
        return ErrorType.TRANSIENT
    if status >= 400:
        return ErrorType.VALIDATION
    return None


def classify(result: Any, tool_name: str | None = None, errors: ErrorsSpec | None = None) -> Classification:
    """Classify one tool result (any of the formats in the module docstring); ``errors`` is the
    pack's declaration of how its surface reports failure, when it has one."""
    tool = tool_name or "unknown"
    if isinstance(result, BaseException):
        return _from_exception(result, tool)
    if isinstance(result, bool):
        return OK
    if isinstance(result, int):
        kind = status_error_type(result)
        return OK if kind is None else _build(kind, tool, f"HTTP {result}", status=result)
    if isinstance(result, str | bytes):
        return _from_text(result.decode() if isinstance(result, bytes) else result, tool, None, errors)
    data = _as_mapping(result)
    if data is None:
        return OK
    if is_error_payload(data):
        return _from_wire(data, tool)
    if errors is not None and (declared := declared_failure(data, errors)) is not None:
        return _from_failure(declared, tool, data, errors)
    observation_error = data.get("error")
    if isinstance(observation_error, Mapping) and _openenv_type(observation_error):
        return _from_openenv(observation_error, tool)
    if isinstance(observation_error, Mapping) and _is_http_status(observation_error.get("code")):
        return _from_google(observation_error, tool)
    if _openenv_type(data) and "message" in data:
        return _from_openenv(data, tool)
    status = _status(data)
    if data.get("isError") is True or data.get("is_error") is True:
        return _from_flagged_text(_text_of(data), tool, status, errors)
    if status is not None and status_error_type(status) is not None:
        return _from_status(data, tool, status)
    if "content" in data and isinstance(data["content"], list):
        inner = _from_text(_text_of(data), tool, None, errors)
        return inner if not inner.ok else OK
    common = common_failure(data)
    return OK if common is None else _from_failure(common, tool, data, errors)


def _build(
    kind: ErrorType,
    tool: str,
    message: str,
    *,
    status: int | None = None,
    details: dict[str, Any] | None = None,
    retry_after: float | None = None,
    may_have_applied: bool | None = None,
) -> Classification:
    details = dict(details or {})
    if retry_after is not None:
        details.setdefault("retry_after", retry_after)
    error = make_error(kind, tool, message, details=details, http_status=status or DEFAULT_HTTP_STATUS[kind])
    if may_have_applied is None:
        may_have_applied = kind == ErrorType.TRANSIENT
    return Classification(CATEGORY_OF[kind], kind, retry_after, error, may_have_applied)


def _from_wire(data: Mapping[str, Any], tool: str) -> Classification:
    try:
        kind = ErrorType(data["error_type"])
    except ValueError:
        status = _status(data)
        fallback = status_error_type(status) if status is not None else None
        return _build(fallback or ErrorType.TRANSIENT, tool, str(data.get("message", data["error_type"])))
    details = data.get("details") if isinstance(data.get("details"), dict) else {}
    retry_after = number_of(details.get("retry_after")) if details else None
    applied = details.get("applied") if details else None
    error = dict(data)
    error.setdefault("tool_name", tool)
    return Classification(
        CATEGORY_OF[kind],
        kind,
        retry_after,
        error,
        may_have_applied=(kind == ErrorType.TRANSIENT) if applied is None else bool(applied),
    )


def _openenv_type(data: Mapping[str, Any]) -> str | None:
    value = data.get("error_type", data.get("type"))
    value = getattr(value, "value", value)
    return value if isinstance(value, str) and value in OPENENV_TYPES else None


def _from_openenv(error: Mapping[str, Any], tool: str) -> Classification:
    message = str(error.get("message", ""))
    underlying = _from_text(message, tool, None) if message else OK
    if not underlying.ok and underlying.error_type not in (None, ErrorType.TRANSIENT):
        return underlying
    kind = OPENENV_TYPES[_openenv_type(error) or "execution_error"]
    return _build(kind, tool, message or str(_openenv_type(error)), details={"source": "openenv"})


def _from_google(error: Mapping[str, Any], tool: str) -> Classification:
    status = int(error["code"])
    kind = status_error_type(status) or ErrorType.TRANSIENT
    reasons = [e.get("reason", "") for e in error.get("errors", []) if isinstance(e, Mapping)]
    for reason in reasons:
        kind = REASONS.get(str(reason).lower(), kind)
    message = str(error.get("message", f"HTTP {status}"))
    return _build(
        kind,
        tool,
        message,
        status=status,
        details={"reasons": reasons} if reasons else None,
        retry_after=number_of(error.get("retry_after", error.get("retryAfter"))),
        may_have_applied=kind == ErrorType.TRANSIENT,
    )


def _from_status(data: Mapping[str, Any], tool: str, status: int) -> Classification:
    kind = status_error_type(status) or ErrorType.TRANSIENT
    message = str(
        data.get("message") or data.get("text") or data.get("detail") or message_of(data) or f"HTTP {status}"
    )
    return _build(kind, tool, message, status=status, retry_after=retry_after_of(data))


def _from_failure(
    failure: Failure, tool: str, data: Mapping[str, Any], errors: ErrorsSpec | None
) -> Classification:
    """A failure found in a result's shape; its kind, when the shape does not say, is read from its
    code ("ErrorItemNotFound"), its HTTP status, then its message; else ``validation_error`` (the
    agent reads the message; nothing suggests a retry would go differently)."""
    status = failure.status if failure.status is not None else _status(data)
    declared = errors.codes.get(failure.code) if errors is not None and failure.code else None
    kind = failure.kind or declared or declared_text_kind(failure.message, errors)
    if kind is None and failure.code:
        kind = telling_kind(code_words(failure.code))
    if kind is None and status is not None:
        kind = status_error_type(status)
    kind = kind or telling_kind(failure.message) or ErrorType.VALIDATION
    details: dict[str, Any] = {"source": failure.source}
    if failure.code:
        details["code"] = failure.code
    message = failure.message or "tool reported an error"
    return _build(kind, tool, message, status=status, details=details, retry_after=retry_after_of(data))


def _from_text(text: str, tool: str, status: int | None, errors: ErrorsSpec | None = None) -> Classification:
    """An error described by text: JSON inside is parsed; otherwise the pack's patterns, the status
    or keywords decide."""
    stripped = text.strip()
    if stripped.startswith(("{", "[")):
        try:
            inner = json.loads(stripped)
        except json.JSONDecodeError:
            inner = None
        if isinstance(inner, dict):
            nested = classify(inner, tool, errors)
            if not nested.ok:
                return nested
            if status is None:
                return OK
    declared = declared_text_kind(stripped, errors)
    if declared is not None:
        return _build(declared, tool, stripped, status=status, details={"source": "pack"})
    if status is not None and status_error_type(status) is not None:
        return _from_status({"message": text}, tool, status)
    if status is None and not looks_like_error(stripped):
        return OK
    kind = kind_from_words(stripped)
    return _build(kind, tool, stripped or "tool reported an error", status=status)


def _from_flagged_text(
    text: str, tool: str, status: int | None, errors: ErrorsSpec | None = None
) -> Classification:
    """An MCP-style payload with ``isError: true`` is an error whatever its text says.

    Its text decides the kind when it can (JSON inside, a status, an "Error: ..." line, telling
    words); plain words that name no kind ("Cannot schedule on a weekend") are a refusal the agent
    must read and act on: ``validation_error`` (repairable, not retried; nothing suggests a retry
    would go differently), with the text kept as the message.
    """
    if status is not None and status_error_type(status) is None:
        status = None  # a success status beside isError says nothing about the kind
    classified = _from_text(text, tool, status, errors)
    if not classified.ok:
        return classified
    stripped = text.strip()
    kind = kind_from_words(stripped, default=ErrorType.VALIDATION)
    return _build(kind, tool, stripped or "tool reported an error", details={"source": "isError"})


def _from_exception(exc: BaseException, tool: str) -> Classification:
    status = getattr(exc, "status_code", None)
    response = getattr(exc, "response", None)
    if status is None and response is not None:
        status = getattr(response, "status_code", None)
    if isinstance(status, int) and status_error_type(status) is not None:
        kind = status_error_type(status) or ErrorType.TRANSIENT
        return _build(kind, tool, f"{type(exc).__name__}: {exc}", status=status)
    if isinstance(exc, TimeoutError | ConnectionError | OSError):
        return _build(ErrorType.TRANSIENT, tool, f"{type(exc).__name__}: {exc}")
    kind = kind_from_words(str(exc))
    return _build(kind, tool, f"{type(exc).__name__}: {exc}")


def _as_mapping(result: Any) -> Mapping[str, Any] | None:
    if isinstance(result, Mapping):
        return result
    dump = getattr(result, "model_dump", None)
    if callable(dump):
        dumped = dump()
        return dumped if isinstance(dumped, Mapping) else None
    if hasattr(result, "__dict__") and not isinstance(result, type):
        return {k: v for k, v in vars(result).items() if not k.startswith("_")}
    return None


def _is_http_status(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 100 <= value <= 599


def _status(data: Mapping[str, Any]) -> int | None:
    for key in STATUS_KEYS:
        value = data.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and 100 <= value <= 599:
            return value
        if isinstance(value, str) and value.isdigit() and 100 <= int(value) <= 599:
            return int(value)
    return None


def _text_of(data: Mapping[str, Any]) -> str:
    for key in ("text", "message", "detail", "error"):
        value = data.get(key)
        if isinstance(value, str):
            return value
    content = data.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = [p.get("text", "") if isinstance(p, Mapping) else getattr(p, "text", "") for p in content]
        return "\n".join(str(p) for p in parts if p)
    return ""

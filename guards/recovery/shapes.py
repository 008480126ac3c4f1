"""Failure shapes beyond our wire format: the common ones, and those a pack declares.

Tool surfaces report failure in many shapes. A result the classifier took for a success goes back to
the agent as data, so a failure is missed twice: no retry, no feedback. Recognised with no pack:

* ``{"success": false, "error_message": ...}`` and ``{"ok": false, "error": "..."}`` (a false
  ``ok``/``success`` flag, whatever else is there);
* ``{"error": "Room not found"}`` (a non-empty string ``error``, unless a true flag says it succeeded);
* error objects ``{"error": {"code": "ErrorItemNotFound", "message": ...}}`` (OData, Microsoft
  Graph), with a string code, and JSON-RPC's negative integer codes (``-32602`` invalid params);
* ``{"status": "error", "message": ...}`` and ``{"status": "fail", ...}`` (JSend);
* ``{"errors": [{"message": ...}], "data": null}`` (GraphQL: errors and no data).

A pack's ``errors`` (:class:`~guards.pack.ErrorsSpec`) adds the shapes of one surface: fields and
values that mean failure, where the message, status and code are, codes and text patterns by kind.

This module only *finds* a failure and what it says about itself (:class:`Failure`); which kind it
is, when the shape does not say, is the classifier's business (:mod:`guards.recovery.classify`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from guards.errors import ErrorType
from guards.pack import ErrorsSpec
from guards.paths import PathError, get_path

JSONRPC_CODES: dict[int, ErrorType] = {
    -32700: ErrorType.VALIDATION,  # parse error: the request was not JSON
    -32600: ErrorType.VALIDATION,  # invalid request
    -32601: ErrorType.UNKNOWN_TOOL,  # method not found
    -32602: ErrorType.VALIDATION,  # invalid params
    -32603: ErrorType.TRANSIENT,  # internal error
}

FAILED_STATUSES = frozenset({"error", "fail", "failed", "failure"})
"""Values of a string ``status`` field that mean the call failed (JSend and its relatives)."""

_ERROR_OBJECT_KEYS = frozenset({"code", "message", "detail", "details", "innerError", "innererror"})
_GRAPHQL_KEYS = frozenset({"errors", "data", "extensions", "message", "status", "code"})


@dataclass(frozen=True)
class Failure:
    """A failure found in a result: its message and whatever the shape said about its kind."""

    message: str
    kind: ErrorType | None = None
    status: int | None = None
    code: str | None = None
    source: str = "shape"


def common_failure(data: Mapping[str, Any]) -> Failure | None:
    """A failure in one of the common shapes of the module docstring, or ``None``."""
    if data.get("ok") is False or data.get("success") is False:
        return Failure(message_of(data), code=_code_of(data), source="flag")
    if data.get("ok") is True or data.get("success") is True:
        return None
    error = data.get("error")
    if isinstance(error, str) and error.strip():
        return Failure(error.strip(), code=_code_of(data), source="error")
    if isinstance(error, Mapping) and (found := error_object_failure(error)) is not None:
        return found
    status = data.get("status")
    if isinstance(status, str) and status.strip().lower() in FAILED_STATUSES:
        return Failure(message_of(data) or f"status {status}", code=_code_of(data), source="status")
    errors = data.get("errors")
    if isinstance(errors, list) and errors and data.get("data") is None and set(data) <= _GRAPHQL_KEYS:
        messages = [message_of(e) if isinstance(e, Mapping) else str(e) for e in errors]
        return Failure("; ".join(m for m in messages if m) or "request failed", source="errors")
    return None


def declared_failure(data: Mapping[str, Any], spec: ErrorsSpec) -> Failure | None:
    """A failure as the pack's ``errors`` declares it (``when``/``present``), or ``None``."""
    failed = any(
        any(_same(get(data, path), value) for value in values) for path, values in spec.when.items()
    ) or any(get(data, path) not in (None, "", [], {}) for path in spec.present)
    if not failed:
        return None
    message = next((text for path in spec.message if (text := _text(get(data, path)))), "")
    message = message or message_of(data)
    code = next((str(c) for path in spec.code if (c := get(data, path)) not in (None, "")), None)
    status = next((s for path in spec.status if (s := _http_status(get(data, path))) is not None), None)
    kind = spec.codes.get(code) if code is not None else None
    return Failure(message, kind or declared_text_kind(message, spec), status, code, source="pack")


def declared_text_kind(text: str, spec: ErrorsSpec | None) -> ErrorType | None:
    """The kind of the first of the pack's ``patterns`` that ``text`` matches (``None``: none)."""
    if spec is None or not text:
        return None
    for pattern, kind in spec.patterns.items():
        if _compiled(pattern).search(text):
            return kind
    return None


def error_object_failure(error: Mapping[str, Any]) -> Failure | None:
    """An error object: a string code (OData), a JSON-RPC code, or just a message; ``None`` for
    other objects (an HTTP-status ``code`` is the Google shape, read elsewhere)."""
    code = error.get("code")
    if isinstance(code, bool):
        return None
    if isinstance(code, int):
        return _error_object(error) if code in JSONRPC_CODES else None
    if isinstance(code, str) and code.strip() and set(error) <= _ERROR_OBJECT_KEYS | {"target", "status"}:
        return _error_object(error)
    if code is None and _text(error.get("message")):
        return _error_object(error)
    return None


def get(data: Mapping[str, Any], path: str) -> Any:
    try:
        return get_path(dict(data), path, None)
    except PathError:
        return None


def _error_object(error: Mapping[str, Any]) -> Failure:
    code = error.get("code")
    kind = JSONRPC_CODES.get(code) if isinstance(code, int) else None
    message = message_of(error) or (str(code) if code is not None else "request failed")
    return Failure(message, kind, code=None if code is None else str(code), source="error_object")


def message_of(data: Mapping[str, Any]) -> str:
    for key in ("error_message", "errorMessage", "message", "error_description", "detail", "error", "reason"):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, Mapping):
            inner = message_of(value)
            if inner:
                return inner
    errors = data.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], Mapping):
        return message_of(errors[0])
    return ""


def _code_of(data: Mapping[str, Any]) -> str | None:
    for key in ("error_code", "errorCode", "code"):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    error = data.get("error")
    if isinstance(error, Mapping) and isinstance(error.get("code"), str):
        return str(error["code"])
    return None


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _http_status(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    return value if isinstance(value, int) and 100 <= value <= 599 else None


def _same(found: Any, wanted: Any) -> bool:
    """Equal and of the same kind: ``0`` is not ``false`` and ``"1"`` is not ``1``."""
    if isinstance(found, bool) or isinstance(wanted, bool):
        return found is wanted
    return type(found) is type(wanted) and found == wanted


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def retry_after_of(data: Mapping[str, Any]) -> float | None:
    """A retry-after the result states (its own field, a header, or its details), in seconds."""
    for key in ("retry_after", "retryAfter", "Retry-After"):
        if key in data:
            return number_of(data[key])
    headers = data.get("headers")
    if isinstance(headers, Mapping):
        for key, value in headers.items():
            if str(key).lower() == "retry-after":
                return number_of(value)
    details = data.get("details")
    if isinstance(details, Mapping):
        return number_of(details.get("retry_after"))
    return None


def number_of(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None

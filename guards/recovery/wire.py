"""Failures in a surface's own shape, turned into the wire format where they enter the guards.

A lookup result or a tool result that fails in the surface's own shape (``{"success": false}``, an
OData error, a shape the pack declares) is replaced by the wire-format error it stands for, so every
later reader (the resolver, the pre-checks, the lookup cache, which never keeps a wire-format
failure) sees one shape. Successes pass untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from guards.errors import is_error_payload
from guards.pack import ErrorsSpec
from guards.recovery.classify import classify

LookupFn = Callable[[str, dict[str, Any]], Any]


def as_wire_error(result: Any, tool_name: str, errors: ErrorsSpec | None = None) -> Any:
    """``result`` when it is a success, an exception or already wire format; else its wire error."""
    if isinstance(result, BaseException) or is_error_payload(result):
        return result
    verdict = classify(result, tool_name, errors)
    return result if verdict.ok or verdict.error is None else verdict.error


def recognising_lookup(lookup: LookupFn, errors: ErrorsSpec | None) -> LookupFn:
    """``lookup`` whose failures come back in the wire format (see the module docstring)."""

    def recognised(tool_name: str, args: dict[str, Any]) -> Any:
        return as_wire_error(lookup(tool_name, args), tool_name, errors)

    recognised.__wrapped__ = lookup  # type: ignore[attr-defined]
    return recognised

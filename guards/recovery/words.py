"""What an error's words say about its kind: "not found", "rate limit", "ErrorAccessDenied".

The last resort of the classifier (:mod:`guards.recovery.classify`) when a failure's shape, status and
code name no kind: the first group of telling words that the text contains decides.
"""

from __future__ import annotations

import re

from guards.errors import ErrorType


def looks_like_error(text: str) -> bool:
    lowered = text.lower()
    return lowered.startswith(("error", "exception", "traceback")) or "error:" in lowered[:40]


_TELLING_WORDS: tuple[tuple[ErrorType, re.Pattern[str]], ...] = tuple(
    (kind, re.compile("|".join(rf"\b{w}\b" if w.isdigit() else re.escape(w) for w in words)))
    for words, kind in (
        (("rate limit", "too many requests", "throttl", "quota", "429"), ErrorType.RATE_LIMIT),
        (
            (
                "permission",
                "forbidden",
                "not allowed",
                "access denied",
                "denied",
                "unauthori",
                "not authori",
                "authenticat",
                "403",
                "401",
            ),
            ErrorType.PERMISSION,
        ),
        (("unknown tool", "tool not found"), ErrorType.UNKNOWN_TOOL),
        (("not found", "no such", "does not exist", "404"), ErrorType.NOT_FOUND),
        (("already exists", "duplicate", "conflict", "409"), ErrorType.CONFLICT),
        (("invalid", "required", "validation", "must be", "malformed", "400"), ErrorType.VALIDATION),
        (
            (
                "unavailable",
                "timed out",
                "timeout",
                "try again",
                "temporarily",
                "internal server error",
                "500",
                "502",
                "503",
                "504",
            ),
            ErrorType.TRANSIENT,
        ),
    )
)
"""Words that name a kind, in order (the first group that matches wins); numbers as whole words, so
an ID like ``ev0403`` says nothing."""


def telling_kind(text: str) -> ErrorType | None:
    lowered = text.lower()
    for kind, pattern in _TELLING_WORDS:
        if pattern.search(lowered):
            return kind
    return None


def kind_from_words(text: str, default: ErrorType = ErrorType.TRANSIENT) -> ErrorType:
    return telling_kind(text) or default


def code_words(code: str) -> str:
    """``"ErrorItemNotFound"`` -> ``"error item not found"``: a code read as words."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|[_\-.]+", " ", code)
    return " ".join(spaced.lower().split())

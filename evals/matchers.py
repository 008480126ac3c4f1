"""Field matchers for task expectations: literals or ``{"$op": value}`` objects.

A matcher is checked against the value found at a dot-path in a world record (``start.dateTime``,
``scope.value``, ``attendees``). Literals compare by equality; the operators are:

``$instant``  an RFC3339 datetime; equal when both denote the same instant (offsets may differ).
              The record value may also be a ``{"dateTime": ...}`` object.
``$contains`` case-insensitive substring of a string value.
``$in``       the value is one of the listed literals.
``$exists``   ``true``: the path is present (and not null); ``false``: it is absent or null.
``$emails``   the set of ``email`` fields of a list of attendee objects equals the listed emails
              (case-insensitive, order-free).
``$len``      the length of a list or string.
``$rrule``    the recurrence rules equal the listed ones, ignoring the ``RRULE:`` prefix and the order
              of the rule parts (``FREQ=WEEKLY;BYDAY=TU`` == ``RRULE:BYDAY=TU;FREQ=WEEKLY``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from guards.paths import PathError, get_path, parse_path

MISSING: Any = object()


class MatcherSpecError(ValueError):
    """A matcher object that is not well-formed (unknown operator, wrong operand type)."""


def _parse_instant(value: Any) -> datetime | None:
    if isinstance(value, dict):
        value = value.get("dateTime")
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _instant(expected: Any, actual: Any) -> bool:
    want, got = _parse_instant(expected), _parse_instant(actual)
    return want is not None and got is not None and want == got


def _contains(expected: Any, actual: Any) -> bool:
    return isinstance(actual, str) and str(expected).casefold() in actual.casefold()


def _in(expected: Any, actual: Any) -> bool:
    return actual is not MISSING and actual in expected


def _exists(expected: Any, actual: Any) -> bool:
    present = actual is not MISSING and actual is not None
    return present == bool(expected)


def _emails(expected: Any, actual: Any) -> bool:
    if not isinstance(actual, list):
        return not expected and actual in (MISSING, None)
    got = {str(a.get("email", "")).casefold() for a in actual if isinstance(a, dict)}
    return got == {str(e).casefold() for e in expected}


def _len(expected: Any, actual: Any) -> bool:
    return isinstance(actual, list | str) and len(actual) == expected


def _rrule_key(rule: str) -> frozenset[str]:
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:") :]
    return frozenset(part.strip().upper() for part in text.split(";") if part.strip())


def _rrule(expected: Any, actual: Any) -> bool:
    if not isinstance(actual, list):
        return False
    rules = [r for r in actual if isinstance(r, str) and not r.upper().startswith(("EXDATE", "RDATE"))]
    return sorted(map(sorted, map(_rrule_key, rules))) == sorted(map(sorted, map(_rrule_key, expected)))


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(e, str) for e in value)


_OPERATORS: dict[str, tuple[Callable[[Any, Any], bool], Callable[[Any], bool], str]] = {
    "$instant": (_instant, lambda v: _parse_instant(v) is not None, "an RFC3339 datetime with an offset"),
    "$contains": (_contains, lambda v: isinstance(v, str), "a string"),
    "$in": (_in, lambda v: isinstance(v, list), "a list"),
    "$exists": (_exists, lambda v: isinstance(v, bool), "true or false"),
    "$emails": (_emails, _strings, "a list of emails"),
    "$len": (_len, lambda v: isinstance(v, int) and not isinstance(v, bool), "an integer"),
    "$rrule": (_rrule, _strings, "a list of rules"),
}

OPERATORS = tuple(_OPERATORS)


def is_operator(value: Any) -> bool:
    """True when ``value`` is a matcher object (a one-key dict whose key starts with ``$``)."""
    return isinstance(value, dict) and len(value) == 1 and next(iter(value)).startswith("$")


def validate_matchers(matchers: Mapping[str, Any], where: str) -> None:
    """Raise :class:`MatcherSpecError` naming ``where`` for a bad path or matcher object."""
    for path, expected in matchers.items():
        try:
            parse_path(path)
        except PathError as exc:
            raise MatcherSpecError(f"{where}: bad field path {path!r}: {exc}") from exc
        if isinstance(expected, dict) and any(str(k).startswith("$") for k in expected):
            if len(expected) != 1:
                raise MatcherSpecError(f"{where}.{path}: a matcher object has exactly one $operator")
            op, operand = next(iter(expected.items()))
            if op not in _OPERATORS:
                raise MatcherSpecError(
                    f"{where}.{path}: unknown matcher {op!r} (known: {', '.join(OPERATORS)})"
                )
            _, check_operand, wanted = _OPERATORS[op]
            if not check_operand(operand):
                raise MatcherSpecError(f"{where}.{path}: {op} needs {wanted}, got {operand!r}")


def value_at(record: Mapping[str, Any], path: str) -> Any:
    """The value at ``path`` in ``record``, or :data:`MISSING`."""
    return get_path(record, path, MISSING)


def match_value(expected: Any, actual: Any) -> bool:
    """True when ``actual`` (possibly :data:`MISSING`) satisfies the literal or matcher ``expected``."""
    if is_operator(expected):
        op, operand = next(iter(expected.items()))
        return _OPERATORS[op][0](operand, actual)
    return actual is not MISSING and bool(actual == expected)


def first_mismatch(matchers: Mapping[str, Any], record: Mapping[str, Any] | None) -> str | None:
    """The first ``path`` whose matcher fails on ``record`` (as a readable message), else ``None``."""
    if not matchers:
        return None
    if record is None:
        return "record is absent"
    for path, expected in matchers.items():
        actual = value_at(record, path)
        if not match_value(expected, actual):
            shown = "<missing>" if actual is MISSING else repr(actual)
            return f"{path}: expected {expected!r}, got {shown}"
    return None


def record_matches(matchers: Mapping[str, Any], record: Mapping[str, Any] | None) -> bool:
    """True when every matcher holds on ``record``."""
    return first_mismatch(matchers, record) is None

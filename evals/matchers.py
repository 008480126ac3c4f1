"""Field matchers for task expectations: literals or ``{"$op": value}`` objects.

A matcher is checked against the value found at a dot-path in a world record (``start.dateTime``,
``scope.value``, ``attendees``). Literals compare by equality; the operators are:

``$instant``  an RFC3339 datetime; equal when both denote the same instant (offsets may differ).
              The record value may also be a ``{"dateTime": ...}`` object. A local time without an
              offset counts as the instant it means in the ``timeZone`` beside it (``start.timeZone``
              for ``start.dateTime``), as the API reads it; without a zone it matches nothing.
``$contains`` case-insensitive substring of a string value.
``$in``       the value is one of the listed literals.
``$exists``   ``true``: the path is present (and not null); ``false``: it is absent or null.
``$emails``   the set of ``email`` fields of a list of attendee objects equals the listed emails
              (case-insensitive, order-free).
``$emails_include`` the ``email`` fields of a list of attendee objects include every listed email
              (a subset: other attendees may be there too; case-insensitive).
``$len``      the length of a list or string.
``$rrule``    the recurrence rules equal the listed ones, ignoring the ``RRULE:`` prefix and the order
              of the rule parts (``FREQ=WEEKLY;BYDAY=TU`` == ``RRULE:BYDAY=TU;FREQ=WEEKLY``).
``$first_instances`` on ``recurrence``: the series' first N instances start at the N listed times
              (RFC3339 instants, compared as instants; ``YYYY-MM-DD`` for all-day series), expanded
              from the record's own ``start`` and recurrence lines (RRULE, EXDATE, RDATE). Single
              instances moved or cancelled later are records of their own: check them with their
              own expectation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import islice
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from guards.paths import PathError, get_path, parse_path

MISSING: Any = object()


class MatcherSpecError(ValueError):
    """A matcher object that is not well-formed (unknown operator, wrong operand type)."""


@dataclass(frozen=True)
class Where:
    """The record a value was read from and its path (matchers that need the value's neighbours)."""

    record: Mapping[str, Any] | None = None
    path: str = ""

    def sibling(self, name: str) -> Any:
        """The value beside this one (``start.timeZone`` for ``start.dateTime``), or :data:`MISSING`."""
        if self.record is None or "." not in self.path:
            return MISSING
        return value_at(self.record, f"{self.path.rsplit('.', 1)[0]}.{name}")


def _zone(name: Any) -> ZoneInfo | None:
    if not isinstance(name, str) or not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _parse_instant(value: Any, zone_name: Any = None) -> datetime | None:
    if isinstance(value, dict):
        value, zone_name = value.get("dateTime"), value.get("timeZone", zone_name)
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        return parsed
    tz = _zone(zone_name)
    return parsed.replace(tzinfo=tz) if tz is not None else None


def _instant(expected: Any, actual: Any, where: Where) -> bool:
    zone_name = where.sibling("timeZone") if where.path.endswith("dateTime") else None
    want, got = _parse_instant(expected), _parse_instant(actual, zone_name)
    return want is not None and got is not None and want == got


def _contains(expected: Any, actual: Any, where: Where) -> bool:
    return isinstance(actual, str) and str(expected).casefold() in actual.casefold()


def _in(expected: Any, actual: Any, where: Where) -> bool:
    return actual is not MISSING and actual in expected


def _exists(expected: Any, actual: Any, where: Where) -> bool:
    present = actual is not MISSING and actual is not None
    return present == bool(expected)


def _attendee_emails(actual: Any) -> set[str]:
    return {str(a.get("email", "")).casefold() for a in actual if isinstance(a, dict)}


def _emails(expected: Any, actual: Any, where: Where) -> bool:
    if not isinstance(actual, list):
        return not expected and actual in (MISSING, None)
    return _attendee_emails(actual) == {str(e).casefold() for e in expected}


def _emails_include(expected: Any, actual: Any, where: Where) -> bool:
    if not isinstance(actual, list):
        return not expected
    return {str(e).casefold() for e in expected} <= _attendee_emails(actual)


def _len(expected: Any, actual: Any, where: Where) -> bool:
    return isinstance(actual, list | str) and len(actual) == expected


def _rrule_key(rule: str) -> frozenset[str]:
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:") :]
    return frozenset(part.strip().upper() for part in text.split(";") if part.strip())


def _rrule(expected: Any, actual: Any, where: Where) -> bool:
    if not isinstance(actual, list):
        return False
    rules = [r for r in actual if isinstance(r, str) and not r.upper().startswith(("EXDATE", "RDATE"))]
    return sorted(map(sorted, map(_rrule_key, rules))) == sorted(map(sorted, map(_rrule_key, expected)))


def first_instances(record: Mapping[str, Any], count: int) -> list[datetime | date] | None:
    """The first ``count`` instance starts of a series record (``None``: not a readable series).

    Timed series give aware datetimes, all-day series dates; expanded on the series' wall clock in
    its ``start.timeZone`` the way the environment expands them.
    """
    from dateutil.rrule import rrulestr

    lines, start = record.get("recurrence"), record.get("start")
    if not isinstance(lines, list) or not lines or not isinstance(start, dict):
        return None
    if isinstance(start.get("date"), str):
        try:
            day = date.fromisoformat(start["date"])
        except ValueError:
            return None
        anchor = datetime(day.year, day.month, day.day)
    else:
        tz = _zone(start.get("timeZone"))
        moment = _parse_instant(start)
        if tz is None or moment is None:
            return None
        anchor = moment.astimezone(tz)
    try:
        rules = rrulestr("\n".join(str(line) for line in lines), dtstart=anchor, forceset=True)
        starts = list(islice(iter(rules), count))
    except (ValueError, TypeError, KeyError, IndexError):
        return None
    if anchor.tzinfo is None:
        return [moment.date() for moment in starts]
    # a wall time in a DST gap keeps its instant, as RFC 5545 (and the environment) say
    return [moment.astimezone(UTC) for moment in starts]


def _instance_value(text: str) -> datetime | date | None:
    if len(text) == 10:
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    moment = _parse_instant(text)
    return moment.astimezone(UTC) if moment is not None else None


def _first_instances(expected: Any, actual: Any, where: Where) -> bool:
    if where.record is None:
        return False
    got = first_instances(where.record, len(expected))
    want = [_instance_value(text) for text in expected]
    return got is not None and None not in want and got == want


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(e, str) for e in value)


def _instants(value: Any) -> bool:
    return _strings(value) and bool(value) and all(_instance_value(v) is not None for v in value)


Check = Callable[[Any, Any, Where], bool]

_OPERATORS: dict[str, tuple[Check, Callable[[Any], bool], str]] = {
    "$instant": (_instant, lambda v: _parse_instant(v) is not None, "an RFC3339 datetime with an offset"),
    "$contains": (_contains, lambda v: isinstance(v, str), "a string"),
    "$in": (_in, lambda v: isinstance(v, list), "a list"),
    "$exists": (_exists, lambda v: isinstance(v, bool), "true or false"),
    "$emails": (_emails, _strings, "a list of emails"),
    "$emails_include": (_emails_include, _strings, "a list of emails"),
    "$len": (_len, lambda v: isinstance(v, int) and not isinstance(v, bool), "an integer"),
    "$rrule": (_rrule, _strings, "a list of rules"),
    "$first_instances": (
        _first_instances,
        _instants,
        "a non-empty list of RFC3339 datetimes with offsets (or YYYY-MM-DD dates)",
    ),
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


def match_value(expected: Any, actual: Any, record: Mapping[str, Any] | None = None, path: str = "") -> bool:
    """True when ``actual`` (possibly :data:`MISSING`) satisfies the literal or matcher ``expected``.

    ``record`` and ``path`` say where ``actual`` was read (matchers such as ``$first_instances`` and
    a zone-less ``$instant`` read the values beside it).
    """
    if is_operator(expected):
        op, operand = next(iter(expected.items()))
        return _OPERATORS[op][0](operand, actual, Where(record, path))
    return actual is not MISSING and bool(actual == expected)


def first_mismatch(matchers: Mapping[str, Any], record: Mapping[str, Any] | None) -> str | None:
    """The first ``path`` whose matcher fails on ``record`` (as a readable message), else ``None``."""
    if not matchers:
        return None
    if record is None:
        return "record is absent"
    for path, expected in matchers.items():
        actual = value_at(record, path)
        if not match_value(expected, actual, record, path):
            shown = "<missing>" if actual is MISSING else repr(actual)
            if is_operator(expected) and "$first_instances" in expected:
                found = first_instances(record, len(expected["$first_instances"]))
                shown = "<not a series>" if found is None else repr([str(v) for v in found])
            return f"{path}: expected {expected!r}, got {shown}"
    return None


def record_matches(matchers: Mapping[str, Any], record: Mapping[str, Any] | None) -> bool:
    """True when every matcher holds on ``record``."""
    return first_mismatch(matchers, record) is None

"""Why a datetime could not be normalised, as exceptions that render to the wire-format error.

:func:`guards.datetimes.normalize_datetime` raises :class:`DatetimeParseError` for text it cannot read
(or that names no real instant: "Feb 30", 02:30 on a spring-forward night) and
:class:`DatetimeAmbiguityError` when the text has more than one reading and nothing settles which
("03/04/2026" without a date order, "CST", 01:30 on a fall-back night). Both carry the readings they
considered and turn into a ``format_error`` with :meth:`DatetimeError.to_error`.
"""

from __future__ import annotations

from typing import Any

from guards.errors import ErrorType, make_error

DATETIME_FORMAT = "RFC 3339 date-time with a UTC offset (YYYY-MM-DDTHH:MM:SS±HH:MM)"
DATETIME_EXAMPLE = "2026-03-10T15:00:00+00:00"
DATE_FORMAT = "RFC 3339 full-date (YYYY-MM-DD)"
DATE_EXAMPLE = "2026-03-10"


class DatetimeError(ValueError):
    """A value that cannot be turned into an RFC 3339 datetime (or date) without guessing."""

    kind = "unparseable"

    def __init__(
        self,
        received: Any,
        reason: str,
        *,
        grain: str = "datetime",
        candidates: list[str] | None = None,
    ) -> None:
        super().__init__(reason)
        self.received = received
        self.reason = reason
        self.grain = grain
        self.candidates = candidates or []

    @property
    def expected_format(self) -> str:
        return DATE_FORMAT if self.grain == "date" else DATETIME_FORMAT

    @property
    def example(self) -> str:
        return DATE_EXAMPLE if self.grain == "date" else DATETIME_EXAMPLE

    def to_error(self, tool_name: str, field: str, example: str | None = None) -> dict[str, Any]:
        """The ``format_error`` wire payload for this failure on argument ``field`` of ``tool_name``.

        ``example`` should be a value that is true for the user (their zone and the day in question);
        the static :attr:`example` is in UTC, which is true everywhere.
        """
        shown = example or self.example
        details: dict[str, Any] = {
            "field": field,
            "received": self.received,
            "expected_format": self.expected_format,
            "example": shown,
            "reason": self.reason,
        }
        remediation = [f"Send '{field}' as {self.expected_format}, e.g. {shown}."]
        if self.candidates:
            details["candidates"] = self.candidates
            remediation.insert(0, f"Pick the intended value: {', '.join(self.candidates)}.")
        return make_error(
            ErrorType.FORMAT,
            tool_name,
            f"Invalid value for '{field}': {self.reason}.",
            details=details,
            remediation=remediation,
        )


class DatetimeParseError(DatetimeError):
    """The text is not a date/time we can read, or names a date/time that does not exist."""

    kind = "unparseable"


class DatetimeAmbiguityError(DatetimeError):
    """The text reads more than one way and nothing in the context settles which."""

    kind = "ambiguous"

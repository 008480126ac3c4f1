"""Datetime normalisation and extraction.

* :func:`normalize_datetime` turns what agents write ("02/11/2026 9:30 AM", "tomorrow 3pm",
  "9am Tokyo time") into RFC 3339 with the right offset, or raises a :class:`DatetimeError`
  (:class:`DatetimeParseError` / :class:`DatetimeAmbiguityError`) whose ``to_error(tool, field)``
  is the wire-format ``format_error``.
* :func:`extract_datetimes` finds and resolves the temporal expressions in a user's request.
"""

from guards.datetimes.errors import DatetimeAmbiguityError, DatetimeError, DatetimeParseError
from guards.datetimes.extract import extract_datetimes
from guards.datetimes.model import Reading, TemporalExpression
from guards.datetimes.normalize import NormalizedDatetime, normalize_datetime

__all__ = [
    "DatetimeAmbiguityError",
    "DatetimeError",
    "DatetimeParseError",
    "NormalizedDatetime",
    "Reading",
    "TemporalExpression",
    "extract_datetimes",
    "normalize_datetime",
]

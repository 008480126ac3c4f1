"""Datetime normalisation and extraction.

* :func:`normalize_datetime` turns what agents write ("02/11/2026 9:30 AM", "tomorrow 3pm",
  "9am Tokyo time") into RFC 3339 with the right offset, or raises a :class:`DatetimeError`.
* :func:`extract_datetimes` finds and resolves the temporal expressions in a user's request.
"""

from guards.datetimes.extract import extract_datetimes
from guards.datetimes.model import Reading, TemporalExpression

__all__ = ["Reading", "TemporalExpression", "extract_datetimes"]

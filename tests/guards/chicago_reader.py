"""The reader most datetime tests share: someone in Chicago on Tuesday 15 September 2026 at 11:30."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from guards.datetimes import TemporalExpression, extract_datetimes

TZ = "America/Chicago"
CHICAGO = ZoneInfo(TZ)
NOW = datetime(2026, 9, 15, 11, 30, tzinfo=CHICAGO)  # a Tuesday


def found(text: str, now: datetime = NOW) -> list[TemporalExpression]:
    """What ``extract_datetimes`` reads in ``text`` for that reader (or at ``now`` in Chicago)."""
    return extract_datetimes(text, now=now, tz=TZ)

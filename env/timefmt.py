"""Strict parsing and formatting of the API's date and time values.

The environment never guesses: a dateTime without an offset (and without a ``timeZone`` beside it)
is a format_error, as is anything that is not RFC3339. Parsing is regex-first so the hot path stays
cheap and the error can say precisely what was expected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from env.errors import format_failure, invalid_field, missing_field

RFC3339_OFFSET = "RFC3339 date-time with a UTC offset"
RFC3339_EXAMPLE = "2026-03-10T14:00:00-04:00"
DATE_EXAMPLE = "2026-03-10"
TZ_EXAMPLE = "America/New_York"

_DATETIME_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|z|[+-]\d{2}:\d{2})?$"
)
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@lru_cache(maxsize=512)
def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def zone(name: str, field: str = "timeZone") -> ZoneInfo:
    """The ZoneInfo for an IANA name, or a format_error naming ``field``."""
    tz = _zone(name) if (name and "/" in name) or name == "UTC" else None
    if tz is None:
        raise format_failure(field, name, "an IANA time zone name", TZ_EXAMPLE)
    return tz


def _naive_from_match(value: str, field: str, match: re.Match[str]) -> datetime:
    year, month, day, hour, minute, second = (int(match.group(i)) for i in range(1, 7))
    fraction = match.group(7)
    micro = int((fraction[1:] + "000000")[:6]) if fraction else 0
    try:
        return datetime(year, month, day, hour, minute, second, micro)
    except ValueError as exc:
        raise format_failure(field, value, RFC3339_OFFSET, RFC3339_EXAMPLE) from exc


@lru_cache(maxsize=256)
def _offset(text: str) -> timezone:
    if text in ("Z", "z"):
        return UTC
    sign = 1 if text[0] == "+" else -1
    return timezone(sign * timedelta(hours=int(text[1:3]), minutes=int(text[4:6])))


@lru_cache(maxsize=4096)
def parse_rfc3339(value: str, field: str) -> datetime:
    """Parse an RFC3339 timestamp that must carry an offset (``Z`` or ``+hh:mm``)."""
    match = _DATETIME_RE.match(value)
    if match is None or match.group(8) is None:
        raise format_failure(field, value, RFC3339_OFFSET, RFC3339_EXAMPLE)
    return _naive_from_match(value, field, match).replace(tzinfo=_offset(match.group(8)))


def parse_date(value: str, field: str) -> date:
    """Parse a calendar date ``YYYY-MM-DD``."""
    if not _DATE_RE.match(value):
        raise format_failure(field, value, "a date YYYY-MM-DD", DATE_EXAMPLE)
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise format_failure(field, value, "a date YYYY-MM-DD", DATE_EXAMPLE) from exc


def format_rfc3339(moment: datetime) -> str:
    """Format an aware datetime as RFC3339 with its offset and whole seconds."""
    text = moment.replace(microsecond=0).isoformat()
    return (
        text.replace("+00:00", "Z")
        if moment.utcoffset() == timedelta(0) and text.endswith("+00:00")
        else text
    )


def format_in_zone(moment: datetime, tz_name: str | None) -> str:
    """Format ``moment`` in ``tz_name`` (UTC as ``Z`` when no zone is given)."""
    if tz_name:
        return format_rfc3339(moment.astimezone(zone(tz_name)))
    return format_rfc3339(moment.astimezone(UTC))


@dataclass(frozen=True, slots=True)
class EventTime:
    """One validated event boundary: an aware instant, or an all-day date.

    ``wall`` is the naive local wall-clock time in ``tz_name``; recurrences expand on it so a weekly
    9:00 meeting stays at 9:00 across a DST switch.
    """

    all_day: bool
    instant: datetime
    wall: datetime
    tz_name: str
    day: date | None = None


def parse_event_time(raw: dict[str, Any], field: str, calendar_tz: str) -> EventTime:
    """Validate an event ``start``/``end`` object (``dateTime`` + optional ``timeZone``, or ``date``).

    ``calendar_tz`` places all-day dates (and offset-carrying dateTimes without ``timeZone``) on the
    calendar's wall clock. Results are memoised on the (immutable) strings; failures are not.
    """
    return _parse_event_time(raw.get("dateTime"), raw.get("date"), raw.get("timeZone"), field, calendar_tz)


@lru_cache(maxsize=65536)
def _parse_event_time(
    date_time: str | None, day_text: str | None, tz_name: str | None, field: str, calendar_tz: str
) -> EventTime:
    raw = {"dateTime": date_time, "date": day_text, "timeZone": tz_name}
    if date_time is not None and day_text is not None:
        raise invalid_field(field, "object with exactly one of 'dateTime' or 'date'", raw, "both given")
    if date_time is None and day_text is None:
        raise missing_field(f"{field}.dateTime", f"'{field}' needs 'dateTime' (timed) or 'date' (all-day)")
    tz = zone(tz_name, f"{field}.timeZone") if tz_name is not None else None
    if day_text is not None:
        day = parse_date(day_text, f"{field}.date")
        cal_tz = zone(tz_name or calendar_tz)
        wall = datetime(day.year, day.month, day.day)
        return EventTime(True, wall.replace(tzinfo=cal_tz), wall, tz_name or calendar_tz, day)
    assert isinstance(date_time, str)
    match = _DATETIME_RE.match(date_time)
    if match is None:
        raise format_failure(f"{field}.dateTime", date_time, RFC3339_OFFSET, RFC3339_EXAMPLE)
    naive = _naive_from_match(date_time, f"{field}.dateTime", match)
    if match.group(8) is not None:
        instant = naive.replace(tzinfo=_offset(match.group(8)))
        local_tz = tz or zone(calendar_tz)
        wall = instant.astimezone(local_tz).replace(tzinfo=None)
        return EventTime(False, instant, wall, tz_name or calendar_tz)
    if tz is None:
        raise format_failure(
            f"{field}.dateTime",
            date_time,
            f"{RFC3339_OFFSET} (or give '{field}.timeZone' beside a local time)",
            RFC3339_EXAMPLE,
        )
    assert tz_name is not None
    return EventTime(False, naive.replace(tzinfo=tz), naive, tz_name)


def to_epoch(moment: datetime) -> float:
    """Seconds since the epoch for an aware datetime (the store's sortable time column)."""
    return moment.timestamp()


def day_bounds(day: date, tz_name: str) -> tuple[datetime, datetime]:
    """The aware start and end instants of a whole day in ``tz_name``."""
    tz = zone(tz_name)
    start = datetime(day.year, day.month, day.day, tzinfo=tz)
    nxt = day + timedelta(days=1)
    return start, datetime(nxt.year, nxt.month, nxt.day, tzinfo=tz)

"""Instants and wall times as grounding reads and writes them: RFC 3339 in, aware datetimes out."""

from __future__ import annotations

import re
from datetime import date, datetime, time, tzinfo
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_instant(value: Any) -> datetime | None:
    """An aware datetime from an RFC3339 string with an offset; ``None`` for anything else."""
    if not isinstance(value, str):
        return None
    return _parse_instant(value)


@lru_cache(maxsize=4096)
def _parse_instant(value: str) -> datetime | None:
    if not _RFC3339.match(value.strip()):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("z", "Z"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def parse_day(value: Any) -> date | None:
    if not isinstance(value, str) or not _DATE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def format_instant(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def clock(value: time | datetime) -> str:
    """``2:00 PM``: how a person would say the time."""
    text = value.strftime("%I:%M %p")
    return text[1:] if text.startswith("0") else text


def zone_of(name: str) -> tzinfo | None:
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError, OSError):
        return None


def localize(day: date, clock_time: time, zone: tzinfo) -> datetime:
    """The aware datetime for a wall-clock time on ``day`` in ``zone``."""
    return datetime.combine(day, clock_time, tzinfo=zone)


def wall_time(value: datetime) -> time:
    """The time of day as written, ignoring the offset."""
    return value.replace(tzinfo=None).time()

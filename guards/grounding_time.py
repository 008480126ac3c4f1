"""What the user's request fixes about a start/end pair, and how a proposed interval is checked against it.

The request is read with :func:`guards.datetimes.extract_datetimes` in the user's time zone. A value is
only compared when the request pins it down with exactly one unambiguous expression of the matching
grain (one date, one time of day, one duration or one range); several candidates or an ambiguous one
mean "no opinion", never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A duration followed by one of these words is an offset ("remind me 10 minutes before"), not a length.
_OFFSET_WORDS = re.compile(
    r"^\W*(before|after|earlier|later|ahead|prior|ago|early|late|beforehand|from now)\b", re.I
)


@dataclass(frozen=True)
class RequestTimes:
    """The parts of an interval that the request fixes unambiguously (``None`` where it does not)."""

    zone: tzinfo
    zone_name: str
    day: date | None = None
    clock: time | None = None
    end_day: date | None = None
    end_clock: time | None = None
    duration: timedelta | None = None

    @property
    def empty(self) -> bool:
        return self.day is None and self.clock is None and self.end_clock is None and self.duration is None


def parse_instant(value: Any) -> datetime | None:
    """An aware datetime from an RFC3339 string with an offset; ``None`` for anything else."""
    if not isinstance(value, str) or not _RFC3339.match(value.strip()):
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


def read_request(messages: Iterable[str], now: datetime, tz_name: str) -> RequestTimes | None:
    """What the user's messages fix about an event's interval; ``None`` when nothing can be compared."""
    return _read_request(tuple(messages), now, tz_name)


@lru_cache(maxsize=256)
def _read_request(messages: tuple[str, ...], now: datetime, tz_name: str) -> RequestTimes | None:
    user_zone = zone_of(tz_name)
    if user_zone is None:
        return None
    expressions: list[Any] = []
    for message in messages:
        if message and message.strip():
            expressions.extend(_extract(message, now, tz_name))
    if not expressions:
        return None
    return _summarise(expressions, user_zone, tz_name)


@lru_cache(maxsize=512)
def _extract(message: str, now: datetime, tz_name: str) -> tuple[Any, ...]:
    from guards.datetimes import extract_datetimes

    found = extract_datetimes(message, now=now, tz=tz_name)
    return tuple(e for e in found if not _is_offset(e, message))


def _is_offset(expression: Any, message: str) -> bool:
    return expression.grain == "duration" and bool(_OFFSET_WORDS.match(message[expression.span_end :]))


class _Collector:
    def __init__(self, user_zone: tzinfo, user_zone_name: str) -> None:
        self.user_zone = user_zone
        self.user_zone_name = user_zone_name
        self.dates: set[date] = set()
        self.times: set[time] = set()
        self.end_dates: set[date] = set()
        self.end_times: set[time] = set()
        self.durations: set[timedelta] = set()
        self.zones: set[str] = set()
        self.zone: tzinfo = user_zone
        self.unclear_date = False
        self.unclear_time = False
        self.unclear = False

    def add_readings(self, points: list[Any], zone_name: str | None, *, end: bool) -> None:
        """Keep what every reading of one expression agrees on; a part they disagree on is unclear."""
        readings = []
        for point in points:
            probe = _Collector(self.user_zone, self.user_zone_name)
            probe.add_point(point, zone_name, end=False)
            if probe.unclear:
                self.unclear = True
                return
            readings.append((frozenset(probe.dates), frozenset(probe.times)))
        if not readings:
            return
        dates, times = (self.end_dates, self.end_times) if end else (self.dates, self.times)
        if all(r[0] == readings[0][0] for r in readings):
            dates.update(readings[0][0])
        else:
            self.unclear_date = True
        if all(r[1] == readings[0][1] for r in readings):
            times.update(readings[0][1])
        else:
            self.unclear_time = True
        if readings[0][1]:
            self._zone(zone_name, _attached(points[0]))

    def add_point(self, point: Any, zone_name: str | None, *, end: bool) -> None:
        dates, times = (self.end_dates, self.end_times) if end else (self.dates, self.times)
        if isinstance(point, datetime):
            zone = self._zone(zone_name, point.tzinfo)
            local = point.astimezone(zone) if point.tzinfo is not None else point
            dates.add(local.date())
            times.add(local.time().replace(tzinfo=None))
        elif isinstance(point, date):
            dates.add(point)
        elif isinstance(point, time):
            self._zone(zone_name, point.tzinfo)
            times.add(point.replace(tzinfo=None))
        elif point is not None:
            self.unclear = True

    def _zone(self, zone_name: str | None, attached: tzinfo | None) -> tzinfo:
        zone = (zone_of(zone_name) if zone_name else None) or attached or self.user_zone
        key = zone_name or (str(attached) if attached is not None else self.user_zone_name)
        if key == self.user_zone_name:
            key, zone = "user", self.user_zone
        self.zones.add(key)
        self.zone = zone
        return zone


def _summarise(expressions: list[Any], user_zone: tzinfo, tz_name: str) -> RequestTimes | None:
    seen = _Collector(user_zone, tz_name)
    for expression in expressions:
        grain = expression.grain
        # Alternatives only matter when the preferred reading is a guess between them.
        readings = expression.readings if expression.ambiguous else (expression.reading,)
        if grain in ("date", "time", "datetime"):
            seen.add_readings([r.value for r in readings], expression.zone, end=False)
        elif grain in ("timerange", "datetimerange"):
            seen.add_readings([r.start for r in readings], expression.zone, end=False)
            seen.add_readings([r.end for r in readings], expression.zone, end=True)
        elif grain == "daterange":
            seen.unclear_date = True
        elif grain == "duration" and expression.duration is not None and not expression.ambiguous:
            seen.durations.add(expression.duration)
        else:
            seen.unclear = True
    if seen.unclear or len(seen.zones) > 1:
        return None
    only_duration = _single(seen.durations) if not seen.end_times else None
    zone_name = next(iter(seen.zones), "user")
    zone_name = tz_name if zone_name == "user" else zone_name
    result = RequestTimes(
        zone=seen.zone,
        zone_name=zone_name,
        day=None if seen.unclear_date else _single(seen.dates),
        clock=None if seen.unclear_time else _single(seen.times),
        end_day=None if seen.unclear_date else _single(seen.end_dates),
        end_clock=None if seen.unclear_time else _single(seen.end_times) if not seen.durations else None,
        duration=only_duration,
    )
    return None if result.empty else result


def _attached(point: Any) -> tzinfo | None:
    return point.tzinfo if isinstance(point, datetime | time) else None


def _single(values: set[Any]) -> Any:
    return next(iter(values)) if len(values) == 1 else None


def localize(day: date, clock_time: time, zone: tzinfo) -> datetime:
    """The aware datetime for a wall-clock time on ``day`` in ``zone``."""
    return datetime.combine(day, clock_time, tzinfo=zone)


def same_wall_time(value: datetime, expected: time) -> bool:
    return value.replace(tzinfo=None).time() == expected

"""When an event starts, for the hints that narrow same-named events: on a hinted day (its recurrences
included), inside a part of the day, at a time of day. Times are compared in the user's zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.parser import isoparse
from dateutil.rrule import rruleset, rrulestr

from guards.pack import ReferenceSpec
from guards.paths import iter_paths


@dataclass(frozen=True)
class TimeHint:
    """A day the reference (or the conversation) points at, with a time of day when one was said
    (``at``), or a window of it (``at`` to ``until``: "Friday afternoon")."""

    day: date
    at: time | None = None
    until: time | None = None

    def admits(self, moment: time) -> bool:
        if self.at is None:
            return True
        if self.until is None:
            return moment == self.at
        return self.at <= moment < self.until


def day_matched(
    item: dict[str, Any], spec: ReferenceSpec, hints: list[TimeHint], timezone: str
) -> date | None:
    """The hinted day on which the event (or one of its recurrences) starts (at the hinted time, if
    one was said), or ``None``."""
    zone = ZoneInfo(timezone)
    for start in starts(item, spec, zone):
        for when in occurrences(item, start, hints, zone):
            day = when.date() if isinstance(when, datetime) else when
            for hint in hints:
                if day != hint.day:
                    continue
                if hint.at is None or not isinstance(when, datetime):
                    return day
                if hint.admits(when.time().replace(tzinfo=None)):
                    return day
    return None


def starts_within(
    item: dict[str, Any], spec: ReferenceSpec, window: tuple[time, time], timezone: str
) -> bool:
    """Does the event start inside the day-part window (in the user's zone)?"""
    zone = ZoneInfo(timezone)
    low, high = window
    return any(
        isinstance(start, datetime) and low <= start.astimezone(zone).time().replace(tzinfo=None) < high
        for start in starts(item, spec, zone)
    )


def starts(item: dict[str, Any], spec: ReferenceSpec, zone: ZoneInfo) -> list[datetime | date]:
    starts: list[datetime | date] = []
    for pattern in spec.lookup.time_fields:
        for _, value in iter_paths(item, pattern):
            if not isinstance(value, str):
                continue
            try:
                parsed = isoparse(value)
            except ValueError:
                continue
            if len(value) <= 10:
                starts.append(parsed.date())
            else:
                starts.append(parsed.astimezone(zone) if parsed.tzinfo else parsed.replace(tzinfo=zone))
    return starts


def occurrences(
    item: dict[str, Any], start: datetime | date, hints: list[TimeHint], zone: ZoneInfo
) -> list[datetime | date]:
    """The event's own start plus, for RFC 5545 recurring events, its starts on the hinted days."""
    rules = [r for r in item.get("recurrence", []) or [] if isinstance(r, str)]
    if not rules:
        return [start]
    begin = start if isinstance(start, datetime) else datetime.combine(start, time(), zone)
    found: list[datetime | date] = [start]
    for hint in {h.day for h in hints}:
        for when in _recurrences_on(tuple(rules), begin, hint, zone.key):
            found.append(when if isinstance(start, datetime) else when.date())
    return found


@lru_cache(maxsize=4096)
def _recurrences_on(
    rules: tuple[str, ...], begin: datetime, day: date, zone_key: str
) -> tuple[datetime, ...]:
    """Starts of an RFC 5545 recurrence on one local day (cached: lists are re-scored often)."""
    zone = ZoneInfo(zone_key)
    try:
        recurrence = _rule_set(rules, begin, str(begin.tzinfo))
    except (ValueError, TypeError):
        return ()
    day_start = datetime.combine(day, time(), zone)
    return tuple(
        when.astimezone(zone)
        for when in recurrence.between(day_start, day_start + timedelta(days=1), inc=True)
    )


@lru_cache(maxsize=1024)
def _rule_set(rules: tuple[str, ...], begin: datetime, _zone_key: str) -> rruleset:
    # ``_zone_key`` is in the cache key because aware datetimes at one instant hash equal across zones.
    parsed = rrulestr("\n".join(rules), dtstart=begin, forceset=True)
    if not isinstance(parsed, rruleset):
        raise TypeError("forceset=True always yields an rruleset")
    return parsed


def starts_at(item: dict[str, Any], spec: ReferenceSpec, clocks: list[time], timezone: str) -> bool:
    """Does the event start at one of the times of day (in the user's zone)?"""
    zone = ZoneInfo(timezone)
    return any(
        isinstance(start, datetime) and start.astimezone(zone).time().replace(tzinfo=None) in clocks
        for start in starts(item, spec, zone)
    )

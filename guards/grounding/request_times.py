"""What the user's request says about an event's start and end, read conservatively.

The request is read with :func:`guards.datetimes.extract_datetimes` in the user's time zone. Each
expression is sorted by what it can tell us about the event being written:

* a *firm* point ("tomorrow at 2pm", "at 10am") is the event's own date or time;
* a *soft* point ("by 5pm", "after my 2pm meeting", "around noon") is a reference or a deadline: it can
  only confirm a wall time written with the wrong offset, never move or block a value;
* a *bounds* range ("from 2 to 3:30pm") gives the start and the end;
* a *window* ("between 5 and 11am", "tomorrow afternoon", "after 3pm") is where the event must fall;
* a *duration* ("a 30-minute sync") is the event's length, unless it is an offset ("10 minutes before").

A part is used only when exactly one unambiguous expression fixes it; several candidates or an
ambiguous reading mean "no opinion", never a guess.

A conversation is read message by message, not as one bag of words ("is the 4th free?" ... "and the
5th?" ... "put the dinner in, it's at 7"):

* the latest statement of a part wins over earlier ones, and a time stated alone leaves the event's
  date alone (the date it belongs to was settled earlier, in words this reader may not follow);
* every date and time the user stated anywhere is kept (``stated_days``, ``known_clocks``): a value
  that matches one of them is never repaired to another.

The time of day of a recurrence ("every Monday at 10am", which the extractor abstains on as a whole)
is a known clock too (:mod:`guards.datetimes.series`): it can confirm an offset slip, nothing more.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from typing import Any

from guards.datetimes import extract_datetimes
from guards.datetimes.extract import DateOrder
from guards.datetimes.series import series_clocks, series_owner
from guards.grounding.instants import zone_of
from guards.grounding.people_zones import owner_of

_LONGEST_EVENT_LENGTH = timedelta(days=1)
# A duration followed by one of these words is an offset ("remind me 10 minutes before"), not a length.
_OFFSET_WORDS = re.compile(
    r"^\W*(before|after|earlier|later|ahead|prior|ago|early|late|beforehand|from now)\b", re.I
)
# "2 hours later", "15 mins earlier": the extractor reads now moved by the length. Said of an event the
# length is how far the event moves (see :mod:`guards.grounding.edit_clock`), never a time of day.
_SHIFT_OF_NOW = re.compile(r"\b(minutes?|mins?|hours?|hrs?|h)\s+(later|earlier)$", re.I)
# Words that make a point in time a reference or a limit rather than the event's own time: inside the
# expression ("around noon") or right before it ("by 5pm", "after my 2pm meeting", "the 2pm").
_SOFT_IN_SPAN = re.compile(
    r"\b(by|before|after|around|about|approximately|approx|roughly|until|till|til|since|ish)\b", re.I
)
_SOFT_BEFORE = re.compile(
    r"\b(by|before|after|around|about|approximately|approx|roughly|until|till|til|since|than|"
    r"my|our|the|his|her|their|your|and|or)\W*$",
    re.I,
)
_OPTION_BEFORE = re.compile(r"\b(or|and)\W*$", re.I)
_BOUNDS = re.compile(r"\bfrom\b|\d\s*(am|pm)?\s*(-|\u2013|to|until|till)\s*\d", re.I)
_WINDOW_WORDS = re.compile(r"\b(between|morning|afternoon|evening|night|after|before|until|till|by)\b", re.I)
_LOOKBEHIND = 14
# A message that spells out timestamps ("from 2026-03-11T09:00:00+09:00") is explicit: the agent can copy
# them, and reading them as wall times in the user's zone would lose their offsets.
_TIMESTAMP_LITERAL = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{1,2}:\d{2}")


@dataclass(frozen=True)
class RequestTimes:
    """The parts of an event's interval that the request fixes (``None`` where it does not).

    ``clock``/``end_clock`` are set only when the request has exactly one time-bearing expression and it
    is firm. ``known_clocks`` and ``windows`` hold every time and window mentioned: they can only confirm
    a wall time written with the wrong offset.
    """

    zone: tzinfo
    zone_name: str
    day: date | None = None
    clock: time | None = None
    end_clock: time | None = None
    duration: timedelta | None = None
    known_clocks: frozenset[time] = frozenset()
    windows: tuple[tuple[time | None, time | None], ...] = ()
    stated_days: frozenset[date] = frozenset()

    @property
    def empty(self) -> bool:
        return (
            all(part is None for part in (self.day, self.clock, self.end_clock, self.duration))
            and not self.known_clocks
            and not self.windows
        )

    def mentions(self, clock_time: time) -> bool:
        """True when the request names this time of day or a window that contains it."""
        return clock_time in self.known_clocks or any(
            (low is None or clock_time >= low) and (high is None or clock_time < high)
            for low, high in self.windows
        )


def read_request(
    messages: Iterable[str],
    now: datetime,
    tz_name: str,
    date_order: DateOrder | None = None,
    owners: tuple[tuple[str, str], ...] = (),
) -> RequestTimes | None:
    """What the user's messages fix about an event's interval; ``None`` when nothing can be compared.

    ``owners`` gives the zones of people whose time the user spoke in ("9am Jonas's time"); a time in
    the zone of someone not listed there makes the request unclear (no opinion, never the user's zone).
    """
    return _read_request(tuple(messages), now, tz_name, date_order, owners)


@lru_cache(maxsize=256)
def _read_request(
    messages: tuple[str, ...],
    now: datetime,
    tz_name: str,
    date_order: DateOrder | None,
    owners: tuple[tuple[str, str], ...],
) -> RequestTimes | None:
    user_zone = zone_of(tz_name)
    if user_zone is None:
        return None
    per_message: list[RequestTimes] = []
    for message in messages:
        if not message or not message.strip():
            continue
        found = _extract(message, now, tz_name, date_order, owners)
        series, series_zone = _series_clocks(message, now, tz_name, owners)
        if not found and not series:
            continue
        collector = _Collector(user_zone, tz_name)
        for item in found:
            collector.add(item)
        collector.add_series(series, series_zone)
        if collector.is_unclear:
            return None  # a message that cannot be read clearly makes the conversation unclear
        reading = collector.result()
        if reading is not None:
            per_message.append(reading)
    if not per_message:
        return None
    return _conversation(per_message)


def _conversation(readings: list[RequestTimes]) -> RequestTimes:
    """One reading of several messages: the latest statement of each part wins; everything stated
    anywhere stays known (see the module docstring)."""
    latest = readings[-1]
    if len(readings) == 1:
        return latest
    duration = next((r.duration for r in reversed(readings) if r.duration is not None), None)
    timed = latest.clock is not None or latest.end_clock is not None or bool(latest.known_clocks)
    return RequestTimes(
        zone=latest.zone,
        zone_name=latest.zone_name,
        # A time stated alone ("it's at 7") leaves the date alone; a date stated last settles it.
        day=latest.day if latest.day is not None or not timed else None,
        clock=latest.clock,
        end_clock=latest.end_clock,
        duration=duration,
        known_clocks=frozenset().union(*(r.known_clocks for r in readings)),
        windows=tuple(dict.fromkeys(w for r in readings for w in r.windows)),
        stated_days=frozenset().union(*(r.stated_days for r in readings)),
    )


@lru_cache(maxsize=512)
def _series_clocks(
    message: str, now: datetime, tz_name: str, owners: tuple[tuple[str, str], ...]
) -> tuple[frozenset[time], str | None]:
    """A recurrence's clocks and the zone they are in (``None``: the user's; a person's looked-up
    zone for "Mondays at 8am Magnus's time"; no clocks when that zone is unknown)."""
    if _TIMESTAMP_LITERAL.search(message):
        return frozenset(), None
    naive = now.replace(tzinfo=None)
    owner = series_owner(message, naive, tz_name)
    if owner is None:
        return series_clocks(message, naive, tz_name), None
    zone = dict(owners).get(owner)
    return (series_clocks(message, naive, tz_name, owned=True), zone) if zone else (frozenset(), None)


def clock_shift(expression: Any, now: datetime) -> timedelta | None:
    """The length of a "2 hours later" the extractor read as now moved by it, or ``None``."""
    value = expression.reading.value if expression.grain == "datetime" else None
    if not isinstance(value, datetime) or not _SHIFT_OF_NOW.search(expression.text.strip()):
        return None
    start = now.astimezone(value.tzinfo) if now.tzinfo is not None and value.tzinfo is not None else now
    length = abs(value.replace(tzinfo=None) - start.replace(tzinfo=None))
    return length if timedelta(0) < length < _LONGEST_EVENT_LENGTH else None


@dataclass(frozen=True)
class _Found:
    expression: Any
    soft: bool
    bounds: bool
    foreign: bool = False
    option: bool = False  # "Monday or Tuesday at 10": one of several days offered, none settled


@lru_cache(maxsize=512)
def _extract(
    message: str,
    now: datetime,
    tz_name: str,
    date_order: DateOrder | None,
    owners: tuple[tuple[str, str], ...] = (),
) -> tuple[_Found, ...]:
    if _TIMESTAMP_LITERAL.search(message):
        return ()
    found: list[_Found] = []
    zones = dict(owners)
    resolver = zones.get if zones else None
    for expression in extract_datetimes(
        message, now=now, tz=tz_name, date_order=date_order, zone_for_owner=resolver
    ):
        if expression.grain == "duration" and _OFFSET_WORDS.match(message[expression.span_end :]):
            continue
        if clock_shift(expression, now) is not None:
            continue
        before = message[max(0, expression.span_start - _LOOKBEHIND) : expression.span_start]
        soft = bool(_SOFT_IN_SPAN.search(expression.text) or _SOFT_BEFORE.search(before))
        bounds = bool(_BOUNDS.search(expression.text)) and not _WINDOW_WORDS.search(expression.text)
        owner, attached = owner_of(expression, message)
        # Another person's time counts only with its zone looked up and applied by the reader; a zone
        # the reader flags as unusable ("CST") settles nothing either.
        foreign = bool(expression.zone_problem and not owner) or (
            owner is not None and (not attached or owner not in zones)
        )
        option = bool(found) and _OPTION_BEFORE.search(before) is not None
        found.append(_Found(expression, soft, bounds, foreign, option))
    return tuple(found)


@dataclass
class _Collector:
    user_zone: tzinfo
    user_zone_name: str
    dates: set[date] = field(default_factory=set)
    soft_dates: set[date] = field(default_factory=set)
    times: set[time] = field(default_factory=set)
    end_times: set[time] = field(default_factory=set)
    known: set[time] = field(default_factory=set)
    windows: set[tuple[time | None, time | None]] = field(default_factory=set)
    durations: set[timedelta] = field(default_factory=set)
    zones: set[str] = field(default_factory=set)
    zone: tzinfo | None = None
    timed_expressions: int = 0
    soft_or_window: bool = False
    unclear_date: bool = False
    unclear_time: bool = False
    unclear: bool = False

    def add(self, item: _Found) -> None:
        if item.foreign:
            self.unclear = True  # a time in the zone of someone whose zone is unknown
            return
        expression = item.expression
        grain = expression.grain
        if item.option and grain != "duration":
            self.unclear_date = True
        # Alternatives only matter when the preferred reading is a guess between them.
        readings = expression.readings if expression.ambiguous else (expression.reading,)
        if grain in ("date", "time", "datetime"):
            days, clocks = self._agreed([r.value for r in readings], expression.zone)
            self._count(clocks, soft=item.soft)
            self.known.update(clocks)
            if not item.soft:
                self.dates.update(days)
                self.times.update(clocks)
            else:
                self.soft_dates.update(days)  # "return by 17:00 on 16 Nov": a day the user did state
        elif grain in ("timerange", "datetimerange"):
            start_days, starts = self._agreed([r.start for r in readings], expression.zone)
            end_days, ends = self._agreed([r.end for r in readings], expression.zone)
            days = start_days | end_days
            if len(days) > 1:
                self.unclear_date = True
            self.dates.update(days)
            bounds = item.bounds and not item.soft and bool(starts) and bool(ends)
            self._count(starts | ends, soft=not bounds)
            self.known.update(starts)
            self.windows.add((_only(starts), _only(ends)))
            if bounds:
                self.times.update(starts)
                self.end_times.update(ends)
        elif grain == "daterange":
            self.unclear_date = True
        elif grain == "duration" and expression.duration is not None and not expression.ambiguous:
            # A day or more ("for six weeks", "for 3 days") is how long a series or a trip lasts, not
            # the length of one timed event.
            if expression.duration < _LONGEST_EVENT_LENGTH:
                self.durations.add(expression.duration)
        else:
            self.unclear = True

    def add_series(self, clocks: frozenset[time], zone_name: str | None) -> None:
        """A recurrence's clocks: known (they confirm offset slips), in ``zone_name`` if given."""
        if clocks and zone_name is not None:
            self._use_zone(zone_name, None)
        self.known.update(clocks)

    def _count(self, clocks: set[time], *, soft: bool) -> None:
        if clocks:
            self.timed_expressions += 1
            self.soft_or_window = self.soft_or_window or soft

    def _agreed(self, points: list[Any], zone_name: str | None) -> tuple[set[date], set[time]]:
        """The date and time every reading agrees on; a part they disagree on becomes unclear."""
        parts = [self._parts(point, zone_name) for point in points if point is not None]
        days = {day for day, _ in parts}
        clocks = {clock_time for _, clock_time in parts}
        if len(days) > 1:
            self.unclear_date = True
        if len(clocks) > 1:
            self.unclear_time = True
        agreed_days = {day for day in days if day is not None} if len(days) == 1 else set()
        agreed_clocks = {t for t in clocks if t is not None} if len(clocks) == 1 else set()
        return agreed_days, agreed_clocks

    def _parts(self, point: Any, zone_name: str | None) -> tuple[date | None, time | None]:
        if isinstance(point, datetime):
            zone = self._use_zone(zone_name, point.tzinfo)
            local = point.astimezone(zone) if point.tzinfo is not None else point
            return local.date(), local.time().replace(tzinfo=None)
        if isinstance(point, date):
            return point, None
        if isinstance(point, time):
            self._use_zone(zone_name, point.tzinfo)
            return None, point.replace(tzinfo=None)
        self.unclear = True
        return None, None

    def _use_zone(self, zone_name: str | None, attached: tzinfo | None) -> tzinfo:
        zone = (zone_of(zone_name) if zone_name else None) or attached or self.user_zone
        key = zone_name or (str(attached) if attached is not None else self.user_zone_name)
        if key == self.user_zone_name:
            key, zone = "user", self.user_zone
        self.zones.add(key)
        self.zone = zone
        return zone

    @property
    def is_unclear(self) -> bool:
        return self.unclear or len(self.zones) > 1

    def result(self) -> RequestTimes | None:
        if self.is_unclear:
            return None
        zone_key = next(iter(self.zones), "user")
        # One firm time-bearing expression is the event's time; with several (or a window, or a soft
        # point), none of them is known to be, and they only confirm offset slips.
        firm = self.timed_expressions == 1 and not self.soft_or_window and not self.unclear_time
        result = RequestTimes(
            zone=self.zone or self.user_zone,
            zone_name=self.user_zone_name if zone_key == "user" else zone_key,
            day=None if self.unclear_date else _only(self.dates),
            clock=_only(self.times) if firm else None,
            end_clock=_only(self.end_times) if firm and not self.durations else None,
            duration=_only(self.durations),
            known_clocks=frozenset(self.known) if not self.unclear_time else frozenset(),
            windows=tuple(self.windows) if not self.unclear_time else (),
            stated_days=frozenset(self.dates | self.soft_dates),
        )
        return None if result.empty else result


def _only(values: set[Any]) -> Any:
    return next(iter(values)) if len(values) == 1 else None

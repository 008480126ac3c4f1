"""The ``normalize_datetime_fields`` guard stage: datetime arguments to RFC 3339, or a block.

For every path the pack lists under ``datetimes`` (RFC 3339 date-times: ``start.dateTime``,
``timeMin``) and ``dates`` (full-dates: ``start.date``) the stage normalises the value in place.
Naive values are read in the zone of a sibling ``timeZone`` (Google Calendar semantics for
``{"dateTime": "2026-03-10T15:00:00", "timeZone": "Europe/Berlin"}``) or else the acting user's zone.
Values that are already valid pass unchanged; a value that cannot be read, or reads more than one
way, blocks the call with a ``format_error`` naming the field. Finally, a zone the pack requires (a
recurring event's ``start.timeZone``) is filled from the user's zone when that changes nothing else
(:mod:`guards.grounding.zone_fill`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from guards.call import Blocked, PendingCall, ToolCatalog
from guards.context import GuardContext
from guards.datetimes.errors import DatetimeAmbiguityError, DatetimeError
from guards.datetimes.extract import DateOrder, extract_datetimes
from guards.datetimes.normalize import DatetimeGrain, NormalizedDatetime, localize, normalize_datetime
from guards.grounding.people_zones import owner_after_a_time, owner_of, owner_zones
from guards.lookups import has_numeric_date, user_date_order
from guards.paths import get_path, iter_paths, set_path
from guards.schema.examples import ExampleClock
from guards.verdict import InterventionKind

_NAIVE_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@lru_cache(maxsize=64)
def _fields(datetimes: tuple[str, ...], dates: tuple[str, ...]) -> tuple[tuple[str, str, DatetimeGrain], ...]:
    """(pattern, top-level key, grain) for every declared field; the key lets absent fields cost nothing."""
    declared: list[tuple[str, DatetimeGrain]] = [(p, "datetime") for p in datetimes] + [
        (p, "date") for p in dates
    ]
    return tuple((pattern, re.split(r"[.\[]", pattern, maxsplit=1)[0], grain) for pattern, grain in declared)


def normalize_datetime_fields(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    """Normalise every datetime/date argument the pack declares; block on unreadable or ambiguous ones."""
    if not isinstance(call.args, dict):
        return
    todo: list[tuple[str, str, DatetimeGrain]] = []
    for pattern, key, grain in _fields(tuple(catalog.pack.datetimes), tuple(catalog.pack.dates)):
        if key not in call.args:
            continue
        for path, value in _values(call.args, pattern):
            if isinstance(value, str) and not _already_valid(value, grain):
                todo.append((path, value, grain))
    if not todo:
        return
    naive_zone = _zone_for_naive_values(call, ctx, catalog, todo)
    for path, value, grain in todo:
        _normalize_field(call, ctx, catalog, path, value, grain, naive_zone)


def _values(args: dict[str, Any], pattern: str) -> list[tuple[str, Any]]:
    """The values at ``pattern``; plain dotted paths skip the general walker (this runs on every call)."""
    if "[" in pattern:
        return list(iter_paths(args, pattern))
    node: Any = args
    for key in pattern.split("."):
        if not isinstance(node, dict) or key not in node:
            return []
        node = node[key]
    return [(pattern, node)]


def _already_valid(value: str, grain: DatetimeGrain) -> bool:
    """The fast path for well-formed values (most calls): RFC 3339 that names a real instant/day."""
    pattern = _RFC3339 if grain == "datetime" else _FULL_DATE
    if not pattern.match(value):
        return False
    try:
        if grain == "datetime":
            datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
        else:
            date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _normalize_field(
    call: PendingCall,
    ctx: GuardContext,
    catalog: ToolCatalog,
    path: str,
    value: str,
    grain: DatetimeGrain,
    naive_zone: str | None,
) -> None:
    sibling = _sibling_zone(call.args, path)
    zone = sibling or ctx.timezone
    try:
        if grain == "datetime" and sibling and _NAIVE_ISO.match(value):
            # Naive ISO plus a timeZone is valid as written (Google semantics); only check it exists.
            localize(datetime.fromisoformat(value), ZoneInfo(sibling), value)
            return
        result = normalize_datetime(
            value, now=ctx.now, tz=zone, grain=grain, date_order=_date_order(ctx, catalog, value)
        )
        if grain == "datetime" and sibling is None and naive_zone is not None:
            result = _read_naive_in(ctx, catalog, value, result, naive_zone)
    except (DatetimeError, ValueError) as error:
        failure = (
            error
            if isinstance(error, DatetimeError)
            else DatetimeError(value, "not a real calendar date or time", grain=grain)
        )
        near = failure.candidates[0] if failure.candidates else value
        clock = ExampleClock.of(ctx.now, zone, near, ctx.actor)
        example = clock.date_example() if grain == "date" else clock.datetime_example()
        raise Blocked(failure.to_error(call.tool_name, path, example)) from error
    if result.changed:
        set_path(call.args, path, result.value)
        call.record(InterventionKind.DATETIME, path, value, result.value, result.reason)


_AMBIGUOUS = "?"


def _zone_for_naive_values(
    call: PendingCall, ctx: GuardContext, catalog: ToolCatalog, todo: list[tuple[str, str, DatetimeGrain]]
) -> str | None:
    """Where this call's zone-less values ("03/10/2026 2:00 PM") are: ``None`` for the user's zone
    (the default), another zone the user named ("2pm Pacific") when one of the values says a wall time
    the request says there, or :data:`_AMBIGUOUS` when the user named another zone (or another
    person's time, "9am Jonas's time") and nothing settles which one is meant."""
    said = _zones_the_user_named(tuple(ctx.user_messages), ctx.now, ctx.timezone, ())
    if not said.zones and not said.owner:
        return None
    walls = [
        wall
        for path, value, grain in todo
        if grain == "datetime" and _sibling_zone(call.args, path) is None
        for wall in [_naive_wall_time(ctx, catalog, value)]
        if wall is not None
    ]
    if not walls:
        return None
    named = _named_zones(ctx, catalog)  # now with the zones of the people the user named, looked up
    if len(named.zones) == 1 and not named.owner:
        zone = next(iter(named.zones))
        if any(wall.time() in named.clocks.get(zone, frozenset()) for wall in walls):
            return zone
    return _AMBIGUOUS


def _naive_wall_time(ctx: GuardContext, catalog: ToolCatalog, value: str) -> datetime | None:
    """The wall time a value names when it carries no offset or zone of its own (else ``None``)."""
    order = _date_order(ctx, catalog, value)
    try:
        here = normalize_datetime(value, now=ctx.now, tz=ctx.timezone, grain="datetime", date_order=order)
        in_utc = normalize_datetime(value, now=ctx.now, tz="UTC", grain="datetime", date_order=order)
    except (DatetimeError, ValueError):
        return None
    if in_utc.parsed == here.parsed or not isinstance(here.parsed, datetime):
        return None
    return here.parsed.replace(tzinfo=None)


def _read_naive_in(
    ctx: GuardContext, catalog: ToolCatalog, value: str, result: NormalizedDatetime, naive_zone: str
) -> NormalizedDatetime:
    """Re-read a zone-less value in the zone the user named, or refuse it with both readings."""
    wall = _naive_wall_time(ctx, catalog, value)
    if wall is None:
        return result
    named = _named_zones(ctx, catalog)
    if naive_zone != _AMBIGUOUS:
        there = localize(wall, _zone_named(naive_zone), value)
        why = f"no offset given; read in {naive_zone}, the zone the user named"
        return NormalizedDatetime(there.isoformat(timespec="seconds"), there, True, why)
    other = [localize(wall, _zone_named(zone), value).isoformat(timespec="seconds") for zone in named.zones]
    whose = f"{named.owner}'s time" if named.owner else ", ".join(sorted(named.zones))
    raise DatetimeAmbiguityError(
        value,
        f"'{value}' has no offset, and the user named another time zone ({whose}) than theirs "
        f"({ctx.timezone})",
        candidates=list(dict.fromkeys([result.value, *sorted(other)])),
    )


def _named_zones(ctx: GuardContext, catalog: ToolCatalog) -> _NamedZones:
    owners = owner_zones(ctx, catalog.pack)
    return _zones_the_user_named(tuple(ctx.user_messages), ctx.now, ctx.timezone, owners)


@dataclass(frozen=True)
class _NamedZones:
    zones: frozenset[str]
    clocks: dict[str, frozenset[time]]
    owner: str | None


@lru_cache(maxsize=256)
def _zones_the_user_named(
    messages: tuple[str, ...], now: datetime, tz: str, owners: tuple[tuple[str, str], ...]
) -> _NamedZones:
    """IANA zones the user's words name other than their own, with the clock times said in each, and
    whether a time was given in another person's zone ("Jonas's time") that no lookup settled."""
    zones: dict[str, set[time]] = {}
    owner: str | None = None
    known = dict(owners)
    for message in messages:
        for expression in extract_datetimes(message, now=now, tz=tz, zone_for_owner=known.get):
            whose, attached = owner_of(expression, message)
            zone = expression.zone if whose is None or attached else known.get(whose)
            if whose is not None and (zone is None or zone == tz):
                owner = owner or whose
                continue
            if zone is None or zone == tz or zone.startswith(("UTC+", "UTC-")):
                continue
            clocks = zones.setdefault(zone, set())
            for reading in expression.readings:
                point = reading.value if reading.value is not None else reading.start
                if isinstance(point, datetime) and attached:
                    clocks.add(point.astimezone(ZoneInfo(zone)).time().replace(tzinfo=None))
                elif isinstance(point, datetime | time):
                    # Words the reader did not attach: its readings are wall times as written.
                    clocks.add(point.replace(tzinfo=None) if isinstance(point, time) else point.time())
        whose = owner_after_a_time(message) if owner is None else None
        if whose is not None and known.get(whose) != tz:
            # A clock in someone's time that the reader left unresolved: still not the user's time.
            if known.get(whose) is None:
                owner = whose
            else:
                zones.setdefault(known[whose], set())
        for literal in _OFFSET_LITERAL.finditer(message):
            # "from 2026-04-10T10:00:00-05:00": a time the user wrote at an offset that is not their own
            # zone's at that moment names that offset as the zone of the conversation.
            try:
                stated = datetime.fromisoformat(literal.group(0).replace("Z", "+00:00"))
            except ValueError:
                continue
            offset = stated.utcoffset()
            if offset is None or offset == stated.astimezone(ZoneInfo(tz)).utcoffset():
                continue
            key = "UTC" + stated.strftime("%z")[:3] + ":" + stated.strftime("%z")[3:]
            zones.setdefault(key, set()).add(stated.time().replace(tzinfo=None))
    return _NamedZones(frozenset(zones), {z: frozenset(c) for z, c in zones.items()}, owner)


_OFFSET_LITERAL = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})")


def _zone_named(key: str) -> tzinfo:
    """An IANA zone, or a fixed offset written ``UTC+05:30`` (an offset the user wrote)."""
    if key.startswith(("UTC+", "UTC-")) and len(key) == 9:
        sign = -1 if key[3] == "-" else 1
        return timezone(sign * timedelta(hours=int(key[4:6]), minutes=int(key[7:9])))
    return ZoneInfo(key)


def _date_order(ctx: GuardContext, catalog: ToolCatalog, value: str) -> DateOrder | None:
    """The order to read a numeric date the agent wrote ("03/09/2026 9am") in.

    The user's settings say how *the user* writes dates (their words are read in that order); an agent
    may write its own way. So the conversation comes first: when the user stated dates and exactly one
    reading of the value is one of them, that reading's order; when the user stated dates and no
    reading is, no order (ambiguous, the readings are listed). Only when the user stated no date do
    the settings (or the pack) decide."""
    if ctx.date_order in ("MDY", "DMY"):
        return ctx.date_order  # type: ignore[return-value]
    if not has_numeric_date(value):
        return catalog.pack.date_order
    users_order = user_date_order(ctx, catalog.pack)
    stated = _days_the_user_stated(tuple(ctx.user_messages), ctx.now, ctx.timezone, users_order)
    if stated:
        fitting = {order for order, day in _readings_by_order(value, ctx) if day in stated}
        return next(iter(fitting)) if len(fitting) == 1 else None
    return users_order


def _readings_by_order(value: str, ctx: GuardContext) -> list[tuple[DateOrder, date]]:
    found: list[tuple[DateOrder, date]] = []
    order: DateOrder
    for order in ("MDY", "DMY"):
        try:
            parsed = normalize_datetime(value, now=ctx.now, tz=ctx.timezone, date_order=order).parsed
        except (DatetimeError, ValueError):
            continue
        found.append((order, parsed.date() if isinstance(parsed, datetime) else parsed))
    return found


@lru_cache(maxsize=256)
def _days_the_user_stated(
    messages: tuple[str, ...], now: datetime, tz: str, order: DateOrder | None
) -> frozenset[date]:
    """Every date the user's words state, read in the user's own date order (without one, both
    readings of a numeric date count)."""
    days: set[date] = set()
    zone = ZoneInfo(tz)
    for message in messages:
        for literal in _OFFSET_LITERAL.finditer(message):
            try:
                stated = datetime.fromisoformat(literal.group(0).replace("Z", "+00:00"))
            except ValueError:
                continue
            days.add(stated.astimezone(zone).date())
        for expression in extract_datetimes(message, now=now, tz=tz, date_order=order):
            for reading in expression.readings:
                for point in (reading.value, reading.start):
                    if isinstance(point, datetime):
                        days.add(point.astimezone(zone).date() if point.tzinfo else point.date())
                    elif isinstance(point, date):
                        days.add(point)
    return frozenset(days)


def _sibling_zone(args: dict[str, Any], path: str) -> str | None:
    """The valid IANA ``timeZone`` next to a nested datetime (``start.timeZone`` for ``start.dateTime``)."""
    if "." not in path:
        return None
    zone = get_path(args, f"{path[: path.rfind('.')]}.timeZone", None)
    if not isinstance(zone, str):
        return None
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return zone

"""Turn a datetime as an agent wrote it into RFC 3339 with the right offset, or say why not.

Accepted without change: an RFC 3339 date-time with an offset (datetime grain) or a full-date (date
grain). Repaired: ISO 8601 variants (space instead of ``T``, no seconds, no offset), numeric dates
("02/11/2026 9:30 AM" when the order is known or unambiguous), and natural language the extractor
reads as exactly one point ("tomorrow 3pm", "noon Friday", "in 2 hours", "3pm PST", "9am Tokyo time").
Naive values are read in ``tz``; an explicit offset or zone is honoured. Everything else raises a
:class:`~guards.datetimes.errors.DatetimeError`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from guards.datetimes.errors import DatetimeAmbiguityError, DatetimeParseError
from guards.datetimes.extract import DateOrder, extract_datetimes
from guards.datetimes.model import Point, TemporalExpression
from guards.datetimes.owners import ZoneOwnerError
from guards.datetimes.zones import abbreviation_readings

DatetimeGrain = Literal["datetime", "date"]

_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_LIKE = re.compile(
    r"^(?P<date>\d{4}-\d{1,2}-\d{1,2})(?:[Tt ]+(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?P<f>\.\d+)?)?)?"
    r"\s*(?P<zone>[Zz]|UTC|GMT|[+-]\d{2}:?\d{2})?$"
)
_NUMERIC_DATE = re.compile(r"(?<!\d)(?:0?[1-9]|1[0-2])[/.-](?:0?[1-9]|1[0-2])(?!\d)")
_FILLER = re.compile(r"^[\s,.;:]*(?:(?:on|at|@|by)\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class NormalizedDatetime:
    """The normalised value, what it denotes, whether it differs from the input, and why."""

    value: str
    parsed: datetime | date
    changed: bool
    reason: str


def normalize_datetime(
    value: Any,
    *,
    now: datetime,
    tz: str,
    grain: DatetimeGrain = "datetime",
    date_order: DateOrder | None = None,
    zone_for_owner: Callable[[str], str | None] | None = None,
) -> NormalizedDatetime:
    """Normalise ``value`` to RFC 3339 (``grain="datetime"``) or ``YYYY-MM-DD`` (``grain="date"``).

    ``now`` is the reference instant (aware; naive means wall-clock time in ``tz``) and ``tz`` the
    IANA zone naive values are read in. ``date_order`` ("MDY"/"DMY") settles numeric dates such as
    03/04/2026. Raises :class:`DatetimeParseError` for unreadable or non-existent values and
    :class:`DatetimeAmbiguityError` when more than one reading remains; never guesses. A zone
    abbreviation is read by the rule in :mod:`guards.datetimes.zones` ("3pm PST" on a summer date is
    ambiguous, with the fixed offset and Los Angeles wall time as candidates). Another person's time
    ("9am Jonas's time") needs that person's zone from ``zone_for_owner``; without one it is a
    :class:`DatetimeAmbiguityError` whose ``zone_owner`` says whose zone is needed.
    """
    zone = _zone(tz)
    if not isinstance(value, str) or not value.strip():
        raise DatetimeParseError(value, "expected a non-empty date/time string", grain=grain)
    text = value.strip()
    if grain == "date":
        return _normalize_date(value, text, now, tz, date_order)
    if _RFC3339.match(text):
        parsed = _fromiso(value, text)
        return NormalizedDatetime(text, parsed, text != value, "already RFC 3339 with an offset")
    iso = _ISO_LIKE.match(text)
    if iso:
        return _normalize_iso(value, iso, zone)
    expression = _single_expression(value, text, now, tz, date_order, grain, zone_for_owner)
    return _from_expression(value, expression, now, zone)


def _zone(tz: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise DatetimeParseError(tz, f"unknown time zone {tz!r}") from exc


def _fromiso(value: str, text: str) -> datetime:
    try:
        return datetime.fromisoformat(text.upper().replace("Z", "+00:00"))
    except ValueError as exc:
        raise DatetimeParseError(value, "not a real calendar date or time") from exc


def _normalize_iso(value: str, iso: re.Match[str], zone: ZoneInfo) -> NormalizedDatetime:
    if iso["h"] is None:
        raise DatetimeParseError(
            value, "a date without a time of day (all-day values belong in a date field)"
        )
    try:
        day = date.fromisoformat("-".join(part.zfill(2) for part in iso["date"].split("-")))
        fraction = int(float(iso["f"]) * 1_000_000) if iso["f"] else 0
        clock = time(int(iso["h"]), int(iso["m"]), int(iso["s"] or 0), fraction)
    except ValueError as exc:
        raise DatetimeParseError(value, "not a real calendar date or time") from exc
    naive = datetime.combine(day, clock)
    if iso["zone"]:
        offset = _offset(iso["zone"])
        parsed = naive.replace(tzinfo=offset)
        return NormalizedDatetime(_format(parsed), parsed, True, "rewritten as RFC 3339")
    parsed = localize(naive, zone, value)
    return NormalizedDatetime(
        _format(parsed), parsed, True, f"no offset given; read as local time in {zone.key}"
    )


def _offset(text: str) -> tzinfo:
    if text.upper() in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def localize(naive: datetime, zone: tzinfo, received: Any) -> datetime:
    """Attach ``zone`` to a wall-clock time, refusing times a DST change skips or repeats."""
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first
    round_trip = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    name = getattr(zone, "key", str(zone))
    if round_trip != naive:
        raise DatetimeParseError(
            received, f"{naive:%Y-%m-%d %H:%M} does not exist in {name} (clocks spring forward)"
        )
    raise DatetimeAmbiguityError(
        received,
        f"{naive:%Y-%m-%d %H:%M} happens twice in {name} (clocks fall back)",
        candidates=[_format(first), _format(second)],
    )


def _format(point: datetime) -> str:
    return point.isoformat(timespec="microseconds" if point.microsecond else "seconds")


def _single_expression(
    value: str,
    text: str,
    now: datetime,
    tz: str,
    date_order: DateOrder | None,
    grain: str,
    zone_for_owner: Callable[[str], str | None] | None = None,
) -> TemporalExpression:
    found = extract_datetimes(text, now=now, tz=tz, date_order=date_order, zone_for_owner=zone_for_owner)
    points = [e for e in found if e.grain in ("date", "time", "datetime")]
    if len(found) == 1 and len(points) == 1:
        expression = points[0]
        if _FILLER.match(text[: expression.span_start]) and _FILLER.match(text[expression.span_end :]):
            if expression.zone_owner and expression.zone is None:
                raise ZoneOwnerError(value, expression.zone_problem or "", expression.zone_owner, grain=grain)
            if expression.zone_problem:
                raise DatetimeAmbiguityError(
                    value, expression.zone_problem, grain=grain, candidates=_zone_candidates(expression, now)
                )
            if expression.ambiguous:
                why = f": {expression.conflict}" if expression.conflict else ""
                if not why and date_order is None and _NUMERIC_DATE.search(text):
                    why = " (month/day order unknown: write YYYY-MM-DD)"
                raise DatetimeAmbiguityError(
                    value,
                    f"'{text}' can be read more than one way{why}",
                    grain=grain,
                    candidates=[_describe(r.value) for r in expression.readings if r.value is not None],
                )
            return expression
    if len(found) > 1:
        reason = f"'{text}' holds more than one date/time expression"
    elif found and found[0].grain not in ("date", "time", "datetime"):
        reason = f"'{text}' is a {found[0].grain}, not a single point in time"
    else:
        reason = f"'{text}' is not a date/time this parser can read"
    raise DatetimeParseError(value, reason, grain=grain)


def _zone_candidates(expression: TemporalExpression, now: datetime) -> list[str]:
    """The instants a zone problem leaves open: the readings, or a time's readings today in its zone."""
    points = [r.value for r in expression.readings if isinstance(r.value, datetime)]
    clock = expression.value
    if not points and isinstance(clock, time) and expression.zone and expression.zone_offset is not None:
        zone = ZoneInfo(expression.zone)
        today = (now.astimezone(zone) if now.tzinfo else now.replace(tzinfo=zone)).date()
        naive = datetime.combine(today, clock)
        points = list(abbreviation_readings(naive, expression.zone, expression.zone_offset, "")[0])
    return [_format(point) for point in points if point.tzinfo is not None]


def _describe(point: Point) -> str:
    if isinstance(point, datetime):
        return _format(point)
    return point.isoformat()


def _from_expression(
    value: str, expression: TemporalExpression, now: datetime, zone: ZoneInfo
) -> NormalizedDatetime:
    point = expression.value
    named, asserted = expression.zone, expression.zone_offset
    target: tzinfo = zone
    if named is not None and named.startswith(("UTC+", "UTC-")) and asserted is not None:
        target = timezone(timedelta(minutes=asserted))
    elif named is not None:
        target = ZoneInfo(named)
    if isinstance(point, datetime) and expression.exact_instant:
        exact = point.astimezone(target)
        return NormalizedDatetime(_format(exact), exact, True, f"'{value.strip()}' from now")
    if isinstance(point, datetime):
        naive, note = point.replace(tzinfo=None), ""
        if point.tzinfo is not None and not isinstance(point.tzinfo, ZoneInfo):
            target = point.tzinfo
    elif isinstance(point, time):
        local_now = now.astimezone(target) if now.tzinfo else now.replace(tzinfo=zone).astimezone(target)
        naive, note = datetime.combine(local_now.date(), point), " (no date given: today)"
    else:
        raise DatetimeParseError(
            value, "a date without a time of day (all-day values belong in a date field)"
        )
    parsed = localize(naive, target, value)
    where = f"in {getattr(target, 'key', target)}"
    return NormalizedDatetime(_format(parsed), parsed, True, f"read '{value.strip()}' {where}{note}")


def _normalize_date(
    value: str, text: str, now: datetime, tz: str, date_order: DateOrder | None
) -> NormalizedDatetime:
    if _FULL_DATE.match(text):
        try:
            parsed = date.fromisoformat(text)
        except ValueError as exc:
            raise DatetimeParseError(value, "not a real calendar date", grain="date") from exc
        return NormalizedDatetime(text, parsed, text != value, "already an RFC 3339 full-date")
    expression = _single_expression(value, text, now, tz, date_order, "date")
    point = expression.value
    if isinstance(point, datetime) or not isinstance(point, date):
        raise DatetimeParseError(value, "a date field needs a date without a time of day", grain="date")
    return NormalizedDatetime(point.isoformat(), point, True, f"read '{text}' as a date")

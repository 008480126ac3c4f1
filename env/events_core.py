"""Event resources: validation of bodies, storage rows, recurrence expansion and per-viewer views.

Stored event data is the Google Calendar v3 event resource (plus ``calendarId``). The row beside it
carries sortable columns (UTC epochs, write sequence, search text) so filtering, ordering and paging
run in SQL; recurring series store the end of their last instance (or "unbounded") and are expanded
in Python on read, inside the requested window only.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import orjson

from env.access import FREE_BUSY, WRITER
from env.errors import ErrorType, ToolFailure, format_failure, invalid_field, missing_field
from env.recurrence import (
    MAX_INSTANCES,
    UNBOUNDED_END,
    Occurrences,
    instance_suffix,
    occurrences,
    shift,
    validate_recurrence,
)
from env.timefmt import EventTime, format_rfc3339, parse_event_time, parse_rfc3339, zone

EVENT_ID_RE = re.compile(r"^[a-v0-9]{5,1024}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
HORIZON_SECONDS = 730 * 86400.0
_BUSY_FIELDS = (
    "kind",
    "id",
    "calendarId",
    "status",
    "start",
    "end",
    "transparency",
    "recurringEventId",
    "originalStartTime",
)


def check_event_id(event_id: str) -> None:
    """Client-supplied IDs must be Google base32hex (lowercase a-v and digits, 5-1024 chars)."""
    if not EVENT_ID_RE.match(event_id):
        raise format_failure("id", event_id, "5-1024 characters from a-v and 0-9 (base32hex)", "planning0001")


def check_email(value: str, field: str) -> None:
    if not EMAIL_RE.match(value):
        raise format_failure(field, value, "an email address", "dana.kim@acme.com")


def validate_times(body: dict[str, Any], calendar_tz: str) -> tuple[EventTime, EventTime]:
    """Validate start/end (and recurrence) of a full event body; returns the parsed boundaries."""
    if "start" not in body or "end" not in body:
        missing = [name for name in ("start", "end") if name not in body]
        raise ToolFailure(
            ErrorType.VALIDATION,
            f"Missing required fields: {', '.join(missing)}.",
            details={"missing_required_fields": missing, "invalid_fields": []},
            remediation=["Give both 'start' and 'end' as objects with 'dateTime' (RFC3339) or 'date'."],
        )
    start = parse_event_time(body["start"], "start", calendar_tz)
    end = parse_event_time(body["end"], "end", calendar_tz)
    if start.all_day != end.all_day:
        raise invalid_field(
            "end",
            "the same kind as start ('date' with 'date', 'dateTime' with 'dateTime')",
            body["end"],
            "start and end must both be all-day dates or both be timed",
        )
    if end.instant <= start.instant:
        raise invalid_field(
            "end",
            "a time after start",
            body["end"]["dateTime" if not end.all_day else "date"],
            "the event's end must be after its start",
        )
    recurrence = body.get("recurrence")
    if recurrence:
        if not start.all_day and "timeZone" not in body["start"]:
            raise missing_field("start.timeZone", "recurring events need an IANA time zone to expand in")
        validate_recurrence(recurrence, series_dtstart(start))
    return start, end


def series_dtstart(start: EventTime) -> datetime:
    """The recurrence anchor: aware local wall time for timed events, naive midnight for all-day."""
    if start.all_day:
        return start.wall
    return start.wall.replace(tzinfo=ZoneInfo(start.tz_name))


def index_columns(body: dict[str, Any], start: EventTime, end: EventTime) -> tuple[float, float, int]:
    """(start_ts, end_ts, recurring) for the events table; a series ends with its last instance."""
    recurrence = body.get("recurrence")
    if not recurrence:
        return start.instant.timestamp(), end.instant.timestamp(), 0
    series = occurrences(tuple(recurrence), series_dtstart(start), start.tz_name)
    if not series.bounded:
        return start.instant.timestamp(), UNBOUNDED_END, 1
    last = series.last_start()
    if last is None:
        return start.instant.timestamp(), end.instant.timestamp(), 1
    return start.instant.timestamp(), _instance_end_ts(last, start, end), 1


def _instance_end_ts(occurrence: datetime, start: EventTime, end: EventTime) -> float:
    if start.all_day:
        days = (end.wall - start.wall).days
        last_day = occurrence + timedelta(days=days)
        return last_day.replace(tzinfo=zone(start.tz_name)).timestamp()
    return occurrence.timestamp() + (end.instant - start.instant).total_seconds()


# Upper bounds of one occurrence's length per class (seconds; slack for DST-shifted all-day days).
# A window probe walks each class by start from timeMin minus the longest span the calendar holds
# in that class, so a year-long event does not make every probe of a busy calendar walk a year of
# meetings, and a calendar of half-hour meetings is walked from half an hour before timeMin.
SPAN_CLASSES = (26 * 3600.0, 8 * 86400.0 + 3600.0, 35 * 86400.0 + 3600.0, math.inf)


def span_class(span: float) -> int:
    """The index in ``SPAN_CLASSES`` of the first class that holds ``span``."""
    return next(index for index, bound in enumerate(SPAN_CLASSES) if span <= bound)


def event_row(data: dict[str, Any], start: EventTime, end: EventTime, seq: int) -> tuple[Any, ...]:
    """The full events-table row for stored event ``data`` (columns in :data:`EVENT_COLUMNS` order)."""
    start_ts, end_ts, recurring = index_columns(data, start, end)
    return (
        data["id"],
        data["calendarId"],
        start_ts,
        end_ts,
        (end.instant - start.instant).total_seconds(),
        span_class((end.instant - start.instant).total_seconds()),
        parse_rfc3339(data["updated"], "updated").timestamp(),
        data.get("status", "confirmed"),
        recurring,
        data.get("recurringEventId"),
        data.get("iCalUID", ""),
        seq,
        int(data.get("transparency", "opaque") == "opaque"),
        search_text(data),
        orjson.dumps(data),
    )


EVENT_COLUMNS = (
    "id, calendar_id, start_ts, end_ts, span, span_class, updated_ts, status, recurring, recurring_event_id, "
    "ical_uid, seq, opaque, search_text, data"
)
INSERT_EVENT_SQL = f"INSERT INTO events ({EVENT_COLUMNS}) VALUES ({', '.join('?' * 15)})"
SEARCH_TEXT_COLUMN = EVENT_COLUMNS.split(", ").index("search_text")
SPAN_CLASS_COLUMN = EVENT_COLUMNS.split(", ").index("span_class")
SPAN_COLUMN = EVENT_COLUMNS.split(", ").index("span")
RECURRING_COLUMN = EVENT_COLUMNS.split(", ").index("recurring")


def normalise_attendees(attendees: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Check emails and fill the API's default responseStatus (a documented default, not a repair)."""
    out = []
    for index, attendee in enumerate(attendees):
        check_email(attendee["email"], f"attendees[{index}].email")
        out.append({**attendee, "responseStatus": attendee.get("responseStatus") or "needsAction"})
    return out


# ---- reading ---------------------------------------------------------------------------------


def is_participant(data: dict[str, Any], actor: str) -> bool:
    """Organizer, creator or attendee: private events stay readable to them."""
    if data.get("creator", {}).get("email") == actor or data.get("organizer", {}).get("email") == actor:
        return True
    return any(a.get("email") == actor for a in data.get("attendees", ()))


def view_for(data: dict[str, Any], rank: int, actor: str) -> dict[str, Any]:
    """What a viewer with role ``rank`` sees: full details, or a busy block with no title/details."""
    if rank >= WRITER:
        return data
    private = data.get("visibility") in ("private", "confidential")
    if rank <= FREE_BUSY or (private and not is_participant(data, actor)):
        block = {key: data[key] for key in _BUSY_FIELDS if key in data}
        if private:
            block["visibility"] = data["visibility"]
        return block
    return data


def search_text(data: dict[str, Any]) -> str:
    """The lower-cased text free-text search looks in: title, description, location, people."""
    parts = [data.get("summary", ""), data.get("description", ""), data.get("location", "")]
    for attendee in data.get("attendees", ()):
        parts.append(attendee.get("email", ""))
        parts.append(attendee.get("displayName", ""))
    organizer = data.get("organizer", {})
    parts.append(organizer.get("displayName", ""))
    return " ".join(parts).lower()


def matches_query(data: dict[str, Any], terms: list[str]) -> bool:
    """Free-text match of every term against the *visible* text of an event."""
    haystack = search_text(data)
    return all(term in haystack for term in terms)


def parse_stored_times(data: dict[str, Any], calendar_tz: str) -> tuple[EventTime, EventTime]:
    """Boundaries of an already validated, stored event."""
    return parse_event_time(data["start"], "start", calendar_tz), parse_event_time(
        data["end"], "end", calendar_tz
    )


def _boundary(moment: datetime, all_day: bool, tz_name: str) -> dict[str, str]:
    if all_day:
        return {"date": moment.date().isoformat()}
    return {"dateTime": format_rfc3339(moment), "timeZone": tz_name}


InstanceBits = tuple[str, dict[str, str], dict[str, str], float]


def _instance_bits(series: Occurrences, index: int, start: EventTime, end: EventTime) -> InstanceBits:
    """(id suffix, start, end, end epoch) of one occurrence, formatted once per series."""
    duration = end.instant - start.instant
    key = (index, duration.total_seconds())
    bits: InstanceBits | None = series.memo.get(key)
    if bits is None:
        occurrence = series.starts[index]
        if start.all_day:
            end_boundary = {"date": (occurrence.date() + timedelta(days=duration.days)).isoformat()}
        else:
            end_boundary = _boundary(shift(occurrence, duration), False, start.tz_name)
        bits = (
            instance_suffix(occurrence, start.all_day),
            _boundary(occurrence, start.all_day, start.tz_name),
            end_boundary,
            _instance_end_ts(occurrence, start, end),
        )
        series.memo[key] = bits
    return bits


def make_instance(master: dict[str, Any], bits: InstanceBits) -> dict[str, Any]:
    """One occurrence of a series, shaped like Google's instances (``<id>_<suffix>``)."""
    suffix, start_boundary, end_boundary, _ = bits
    instance = {key: value for key, value in master.items() if key != "recurrence"}
    instance["id"] = f"{master['id']}_{suffix}"
    instance["recurringEventId"] = master["id"]
    instance["originalStartTime"] = dict(start_boundary)
    instance["start"] = dict(start_boundary)
    instance["end"] = dict(end_boundary)
    return instance


@dataclass(frozen=True, slots=True)
class Series:
    """What expanding a series needs: its boundaries and its (shared, lazily grown) occurrences."""

    start: EventTime
    end: EventTime
    occurrences: Occurrences
    span: float  # seconds from an occurrence's start to its end


def series_of(master: dict[str, Any], calendar_tz: str) -> Series:
    start, end = parse_stored_times(master, calendar_tz)
    found = occurrences(tuple(master["recurrence"]), series_dtstart(start), start.tz_name)
    return Series(start, end, found, (end.instant - start.instant).total_seconds())


def series_occurrences(
    series: Series, master_id: str, lo_ts: float, hi_ts: float, after: tuple[float, str] | None = None
) -> Iterator[tuple[float, str, InstanceBits]]:
    """(start epoch, instance id, instance pieces) of the occurrences overlapping ``[lo, hi)``.

    In start order, beginning after the ``(start, id)`` key ``after`` (keyset paging). Only the
    occurrences inside the window are formatted. Without an upper bound (``hi_ts`` infinite) a
    series is expanded two years past ``lo`` (or its start), and a window holds at most
    ``MAX_INSTANCES`` occurrences, like the API's own caps.
    """
    found = series.occurrences
    found.extend_to(-math.inf)
    if not found.starts:
        return
    span = series.span
    if math.isinf(hi_ts):
        hi_ts = max(lo_ts, series.start.instant.timestamp()) + HORIZON_SECONDS
    found.extend_to(hi_ts)
    stamps = found.stamps
    first = found.index_after(lo_ts - span - 7200)  # slack: all-day spans vary by DST hours
    while first < len(stamps) and stamps[first] < hi_ts:
        if _instance_bits(found, first, series.start, series.end)[3] > lo_ts:
            break
        first += 1
    last = min(len(stamps), first + MAX_INSTANCES)
    index = first if after is None else max(first, bisect.bisect_left(stamps, after[0], first, last))
    while index < last and stamps[index] < hi_ts:
        bits = _instance_bits(found, index, series.start, series.end)
        instance_id = f"{master_id}_{bits[0]}"
        if after is None or (stamps[index], instance_id) > after:
            yield stamps[index], instance_id, bits
        index += 1


def find_instance(master: dict[str, Any], calendar_tz: str, suffix: str) -> dict[str, Any] | None:
    """The occurrence of ``master`` whose instance-ID suffix is ``suffix`` (None if no such one)."""
    start, end = parse_stored_times(master, calendar_tz)
    try:
        if start.all_day:
            day = datetime.strptime(suffix, "%Y%m%d").date()
            stamp = datetime(day.year, day.month, day.day, tzinfo=zone(start.tz_name)).timestamp()
        else:
            stamp = datetime.strptime(suffix, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC).timestamp()
    except ValueError:
        return None
    series = occurrences(tuple(master["recurrence"]), series_dtstart(start), start.tz_name)
    series.extend_to(stamp)
    index = bisect.bisect_left(series.stamps, stamp)
    if index == len(series.stamps) or series.stamps[index] != stamp:
        return None
    return make_instance(master, _instance_bits(series, index, start, end))


def all_day_date(value: dict[str, Any]) -> date | None:
    text = value.get("date")
    return date.fromisoformat(text) if text else None

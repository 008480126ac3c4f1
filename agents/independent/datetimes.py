"""Wrong ways to write a datetime (or an all-day date), the ways LLM agents write them.

:func:`rewrite` takes an RFC3339 value (or ``YYYY-MM-DD``) and returns it as one operator writes it,
or ``None`` when the operator leaves that value as it is (a ``Z`` on a UTC wall time is right; a zone
without daylight saving has no stale offset). ``form`` picks one of an operator's spellings, so one
call writes its start and end the same way.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

_RFC3339 = re.compile(
    r"^(?P<wall>(?P<day>\d{4}-\d{2}-\d{2})T(?P<hm>\d{2}:\d{2})(?P<sec>:\d{2}(?:\.\d+)?)?)"
    r"(?P<offset>Z|[+-]\d{2}:\d{2})?$"
)
HUMAN_FORMS = 5
PRECISION_FORMS = 3


def _offset_text(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def _offset_of(text: str) -> timedelta | None:
    if text == "Z":
        return timedelta(0)
    if not text:
        return None
    sign = -1 if text[0] == "-" else 1
    return sign * timedelta(hours=int(text[1:3]), minutes=int(text[4:6]))


def stale_offset(day: date, written: timedelta, zone: str) -> timedelta | None:
    """The zone's *other* UTC offset of the year (winter for summer and vice versa), if it has one."""
    try:
        tz = ZoneInfo(zone)
    except (KeyError, ValueError):
        return None
    winter = datetime(day.year, 1, 15, 12, tzinfo=tz).utcoffset()
    summer = datetime(day.year, 7, 15, 12, tzinfo=tz).utcoffset()
    if winter is None or summer is None or winter == summer:
        return None
    if written == summer:
        return winter
    return summer if written == winter else None


def _clock(hour: int, minute: int) -> str:
    suffix = "am" if hour < 12 else "pm"
    return f"{hour % 12 or 12}{f':{minute:02d}' if minute else ''}{suffix}"


def human(moment: datetime | None, day: date, form: int) -> str:
    """``day`` (and the wall time of ``moment``) in one of :data:`HUMAN_FORMS` human spellings."""
    form %= HUMAN_FORMS
    if moment is None:
        return [
            day.strftime("%A"),
            day.strftime("%d.%m.%Y"),
            f"{day.strftime('%B')} {day.day}, {day.year}",
            day.strftime("%Y/%m/%d"),
            f"{day.day} {day.strftime('%b %Y')}",
        ][form]
    hm = f"{moment.hour:02d}:{moment.minute:02d}"
    twelve = f"{moment.hour % 12 or 12}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"
    return [
        f"{day.strftime('%a')} {_clock(moment.hour, moment.minute)}",
        f"{day.strftime('%d.%m.%Y')} {hm}",
        f"{day.strftime('%B')} {day.day}, {day.year} at {twelve}",
        f"{day.strftime('%Y/%m/%d')} {hm}",
        f"{day.day} {day.strftime('%b %Y')} {hm}",
    ][form]


def rewrite(op: str, value: object, *, zone: str, form: int = 0) -> str | None:
    """``value`` as operator ``op`` writes it (``None``: this operator does not change it)."""
    if not isinstance(value, str):
        return None
    match = _RFC3339.match(value)
    if match is None:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return None
        return human(None, day, form) if op == "human_datetime" else None
    wall, offset = match.group("wall"), _offset_of(match.group("offset") or "")
    if offset is None:
        return None  # already without an offset: not a gold value this module rewrites
    moment = datetime.fromisoformat(wall)
    written: str | None = None
    if op == "stale_dst_offset":
        stale = stale_offset(moment.date(), offset, zone)
        written = f"{wall}{_offset_text(stale)}" if stale is not None else None
    elif op == "z_on_local_time":
        written = f"{wall}Z" if offset != timedelta(0) else None
    elif op == "missing_offset":
        written = wall
    elif op == "human_datetime":
        written = human(moment, moment.date(), form)
    elif op == "precision_variant":
        seconds = match.group("sec") or ""
        base = f"{match.group('day')}T{match.group('hm')}"
        whole = seconds.split(".")[0] or ":00"
        choice = form % PRECISION_FORMS
        if choice == 0 and seconds in ("", ":00"):
            written = f"{base}{_offset_text(offset)}" if seconds else f"{base}:00{_offset_text(offset)}"
        else:
            fraction = ".000" if choice != 2 else ".000000"
            written = f"{base}{whole}{fraction}{_offset_text(offset)}"
    elif op == "date_only":
        written = moment.date().isoformat()
    return written if written != value else None

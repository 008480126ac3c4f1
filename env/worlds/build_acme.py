"""Build the bundled ``acme`` world file (``env/worlds/acme.json``) from the rows in ``env/worlds/acme/``.

The world is data in two forms. The rows (``world.yaml``, ``calendars.yaml``, ``events.yaml``,
``filler.yaml``) are what people edit: each fact is written once. ``acme.json`` is what ships and
what the environment loads: the same facts in Google Calendar v3 resource form, which repeats what
nobody should type by hand (a calendar's ID derived from its slug, UTC offsets that depend on the
day, a display name beside every attendee, stable event IDs) and expands the seeded filler meetings.
Writing the JSON by hand would make every edit a chance to get an offset or an ID wrong; this
builder is the only code between the two, and ``tests/env/test_world.py`` checks that the shipped
file is byte for byte what the rows build.

Run ``python -m env.worlds.build_acme`` after editing a row file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from env.world import parse_world

ROWS = Path(__file__).with_name("acme")
ROW_FILES = ("world.yaml", "calendars.yaml", "events.yaml", "filler.yaml")
OUT = Path(__file__).with_name("acme.json")


class RowError(ValueError):
    """A row file that cannot be built into a world; the message names the file and the row."""


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CalendarRow(_Row):
    slug: str
    summary: str
    description: str = ""
    owner: str
    timeZone: str | None = None


class AclRow(_Row):
    calendar: str
    role: str
    scope: str = Field(description="`user:<email>`, `group:<email>`, `domain:<domain>` or `default`")


class CalendarListRow(_Row):
    user: str
    calendar: str
    summaryOverride: str | None = None
    hidden: bool | None = None


class EventRow(_Row):
    """One event row (see the header of ``events.yaml``); only validated, the raw row keeps key order."""

    calendar: str
    summary: str
    at: datetime | None = None
    minutes: int | None = Field(default=None, gt=0)
    tz: str | None = None
    date: dt.date | None = None
    days: int = Field(default=1, ge=1)
    attendees: list[str] | None = None
    pending: bool = False
    ref: str | None = None
    instance_of: str | None = None
    original_start: datetime | None = None
    recurrence: list[str] | None = None
    description: str | None = None
    location: str | None = None
    visibility: str | None = None
    status: str | None = None
    transparency: str | None = None

    @model_validator(mode="after")
    def _one_kind_of_time(self) -> EventRow:
        timed = (self.at, self.minutes, self.tz)
        if self.date is None and None in timed:
            raise ValueError("a timed event needs `at`, `minutes` and `tz`; an all-day event needs `date`")
        if self.date is not None and any(value is not None for value in timed):
            raise ValueError("an event has either `date` (all day) or `at`/`minutes`/`tz`, not both")
        if (self.instance_of is None) != (self.original_start is None):
            raise ValueError("`instance_of` and `original_start` go together")
        return self


class FillerSpec(_Row):
    seed: int
    per_person: int = Field(ge=0)
    first_day: date
    days: int = Field(ge=1)
    titles: list[str] = Field(min_length=1)
    max_guests: int = Field(ge=0)
    location_share: float = Field(ge=0, le=1)
    locations: list[str] = Field(min_length=1)
    first_hour: int = Field(ge=0, le=23)
    last_hour: int = Field(ge=1, le=24)
    start_minutes: list[int] = Field(min_length=1)
    durations: list[int] = Field(min_length=1)


class WorldRows(_Row):
    name: str
    domain: str
    now: str
    default_actor: str
    description: str = ""
    users: list[dict[str, Any]]
    groups: list[dict[str, Any]] = Field(default_factory=list)
    calendars: list[CalendarRow]
    acl: list[AclRow] = Field(default_factory=list)
    calendar_list: list[CalendarListRow] = Field(default_factory=list)
    events: list[dict[str, Any]] = Field(default_factory=list)
    filler: FillerSpec | None = None


# Row keys that say *how* to build an event; every other key is copied into it as written.
_LAYOUT_KEYS = {"calendar", "summary", "at", "minutes", "tz", "date", "days", "pending", "ref"}
_INSTANCE_KEYS = {"instance_of", "original_start"}


def read_rows(folder: Path = ROWS) -> WorldRows:
    """The row files of ``folder``, merged and validated (a top-level key may appear in one file only)."""
    merged: dict[str, Any] = {}
    source: dict[str, str] = {}
    for name in ROW_FILES:
        try:
            data = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            raise RowError(f"{name}: {error}") from error
        if not isinstance(data, dict):
            raise RowError(f"{name}: expected a mapping at the top level")
        for key, value in data.items():
            if key in merged:
                raise RowError(f"{name}: `{key}` is already given in {source[key]}")
            merged[key] = value
            source[key] = name
    try:
        return WorldRows.model_validate(merged)
    except ValidationError as error:
        first = error.errors()[0]
        where = source.get(str(first["loc"][0]), ", ".join(ROW_FILES))
        path = ".".join(str(part) for part in first["loc"])
        raise RowError(f"{where}: {path}: {first['msg']}") from error


def calendar_id(slug: str, domain: str) -> str:
    return f"c_{hashlib.sha1(slug.encode()).hexdigest()[:20]}@group.calendar.{domain}"


def event_id(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:24]


def timed(start: datetime, minutes: int, tz: str) -> tuple[dict[str, str], dict[str, str]]:
    """``start``/``end`` objects for local wall time ``start`` in ``tz`` (offsets of that day)."""
    zone = ZoneInfo(tz)
    local = start.replace(tzinfo=zone)
    end = local + timedelta(minutes=minutes)
    return (
        {"dateTime": local.isoformat(), "timeZone": tz},
        {"dateTime": end.astimezone(zone).isoformat(), "timeZone": tz},
    )


def all_day(first: date, days: int) -> tuple[dict[str, str], dict[str, str]]:
    return {"date": first.isoformat()}, {"date": (first + timedelta(days=days)).isoformat()}


class _Builder:
    """Turns validated rows into world-file records; knows the calendars' IDs and people's names."""

    def __init__(self, rows: WorldRows) -> None:
        self.rows = rows
        self.calendar_ids = {row.slug: calendar_id(row.slug, rows.domain) for row in rows.calendars}
        self.names = {str(user["email"]): str(user["displayName"]) for user in rows.users}
        self.series: dict[str, str] = {}

    def calendar(self, name: str, where: str) -> str:
        if "@" in name:
            return name
        if name not in self.calendar_ids:
            raise RowError(f"{where}: unknown calendar slug {name!r}")
        return self.calendar_ids[name]

    def people(self, emails: list[str], where: str, accepted: bool = True) -> list[dict[str, Any]]:
        unknown = [email for email in emails if email not in self.names]
        if unknown:
            raise RowError(f"{where}: attendees not in world.yaml users: {', '.join(unknown)}")
        status = "accepted" if accepted else "needsAction"
        return [{"email": e, "displayName": self.names[e], "responseStatus": status} for e in emails]

    def event(self, raw: dict[str, Any], where: str) -> dict[str, Any]:
        try:
            row = EventRow.model_validate(raw)
        except ValidationError as error:
            first = error.errors()[0]
            path = ".".join(str(part) for part in first["loc"]) or "row"
            raise RowError(f"{where}: {path}: {first['msg']}") from error
        if row.date is not None:
            start, end = all_day(row.date, row.days)
        else:
            assert row.at is not None and row.minutes is not None and row.tz is not None
            start, end = timed(row.at, row.minutes, row.tz)
        calendar = self.calendar(row.calendar, where)
        record: dict[str, Any] = {
            "id": event_id(calendar, row.summary, start.get("dateTime") or start["date"]),
            "calendarId": calendar,
            "summary": row.summary,
            "start": start,
            "end": end,
        }
        for key, value in raw.items():
            if key in _LAYOUT_KEYS or key in _INSTANCE_KEYS:
                continue
            record[key] = self.people(value, where, not row.pending) if key == "attendees" else value
        if row.ref is not None:
            self.series[row.ref] = record["id"]
        if row.instance_of is not None:
            assert row.original_start is not None and row.tz is not None
            record.update(self._instance(row.instance_of, row.original_start, row.tz, where))
        return record

    def _instance(self, series: str, original: datetime, tz: str, where: str) -> dict[str, Any]:
        if series not in self.series:
            raise RowError(f"{where}: no earlier row has `ref: {series}`")
        start = original.replace(tzinfo=ZoneInfo(tz))
        utc = start.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        return {
            "id": f"{self.series[series]}_{utc}",
            "recurringEventId": self.series[series],
            "originalStartTime": {"dateTime": start.isoformat(), "timeZone": tz},
        }

    def filler(self, spec: FillerSpec) -> list[dict[str, Any]]:
        """Seeded ordinary meetings; the draw order is part of the data (see ``filler.yaml``)."""
        rng = random.Random(spec.seed)
        emails = [str(user["email"]) for user in self.rows.users]
        out = []
        for user in self.rows.users:
            email, tz = str(user["email"]), str(user["timeZone"])
            for _ in range(spec.per_person):
                day = spec.first_day + timedelta(days=rng.randrange(spec.days))
                if day.weekday() >= 5:
                    day -= timedelta(days=2)
                title = rng.choice(spec.titles)
                others = [e for e in emails if e != email]
                guests = rng.sample(others, k=rng.randrange(0, spec.max_guests + 1))
                location = rng.choice(spec.locations) if rng.random() < spec.location_share else None
                hour = rng.randrange(spec.first_hour, spec.last_hour)
                start = datetime.combine(day, time(hour, rng.choice(spec.start_minutes)))
                row: dict[str, Any] = {"calendar": email, "summary": title, "at": start, "tz": tz}
                row["minutes"] = rng.choice(spec.durations)
                if guests:
                    row["attendees"] = [email, *guests]
                if location:
                    row["location"] = location
                out.append(self.event(row, f"filler.yaml ({email}, {day})"))
        return out


def build(folder: Path = ROWS) -> dict[str, Any]:
    """The world file's content, built from the row files in ``folder``."""
    rows = read_rows(folder)
    builder = _Builder(rows)
    events = [builder.event(raw, f"events.yaml row {i + 1}") for i, raw in enumerate(rows.events)]
    if rows.filler is not None:
        events += builder.filler(rows.filler)
    seen: dict[str, str] = {}
    for item in events:
        if item["id"] in seen:
            raise RowError(
                f"two events get the ID {item['id']}: {seen[item['id']]!r} and {item['summary']!r}"
            )
        seen[item["id"]] = item["summary"]
    acl = []
    for rule in rows.acl:
        scope_type, _, value = rule.scope.partition(":")
        scope = {"type": scope_type, "value": value} if value else {"type": scope_type}
        calendar = builder.calendar(rule.calendar, f"calendars.yaml acl {rule.calendar}")
        acl.append({"calendarId": calendar, "role": rule.role, "scope": scope})
    calendar_list = []
    for entry in rows.calendar_list:
        where = f"calendars.yaml calendar_list {entry.user}"
        record: dict[str, Any] = {"user": entry.user, "calendarId": builder.calendar(entry.calendar, where)}
        calendar_list.append(
            record | entry.model_dump(include={"summaryOverride", "hidden"}, exclude_none=True)
        )
    world = {
        "name": rows.name,
        "domain": rows.domain,
        "now": rows.now,
        "default_actor": rows.default_actor,
        "description": rows.description,
        "users": rows.users,
        "groups": rows.groups,
        "calendars": [
            {"id": builder.calendar_ids[row.slug], **row.model_dump(exclude={"slug"}, exclude_none=True)}
            for row in rows.calendars
        ],
        "acl": acl,
        "calendar_list": calendar_list,
        "events": events,
    }
    try:
        parse_world(world)  # the loader's own schema: what it would refuse, the builder refuses
    except ValidationError as error:
        first = error.errors()[0]
        path = ".".join(str(part) for part in first["loc"])
        raise RowError(
            f"{', '.join(ROW_FILES)}: the built world is invalid at {path}: {first['msg']}"
        ) from error
    return world


def render(folder: Path = ROWS) -> str:
    """The world file's text exactly as it is written to ``acme.json``."""
    return json.dumps(build(folder), indent=1, ensure_ascii=False) + "\n"


def main() -> None:
    try:
        text = render()
    except RowError as error:
        raise SystemExit(f"cannot build the acme world: {error}") from None
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()

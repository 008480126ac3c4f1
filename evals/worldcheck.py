"""``guards world check``: validate a world file, saying where each problem is (``file:line: field: ...``).

A bad world used to surface as crashed episodes; here it is found before the first one. The checks
are the schema (:class:`env.world.WorldSpec`), the references between records (owners, members,
ACL calendars and scopes, calendar-list entries, event calendars), IDs and zones, and every event
checked by the same rules ``events_insert`` applies (times, recurring events with a zone, emails).
A world that passes all of them is finally built, so nothing the environment would reject passes.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import ValidationError

from env.world import WorldSpec, bundled_world_path

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Loc = tuple[int | str, ...]


@dataclass(frozen=True)
class WorldProblem:
    """One problem: where (file, line, field path) and what."""

    source: str
    line: int | None
    field: str
    problem: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.field or 'world'}: {self.problem}"


class _Lines:
    """Line numbers of the values in a YAML (or JSON) document, looked up by pydantic-style paths."""

    def __init__(self, root: yaml.Node | None) -> None:
        self.root = root

    def of(self, loc: Loc) -> int | None:
        node = self.root
        line = node.start_mark.line + 1 if node is not None else None
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = node.value[part]
            else:
                node = None
            if node is None:
                break
            line = node.start_mark.line + 1
        return line


def field_name(loc: Loc) -> str:
    """``('events', 3, 'start')`` -> ``events[3].start``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class _Checker:
    def __init__(self, source: str, lines: _Lines) -> None:
        self.source = source
        self.lines = lines
        self.problems: list[WorldProblem] = []

    def add(self, loc: Loc, problem: str, line_loc: Loc | None = None) -> None:
        line = self.lines.of(line_loc if line_loc is not None else loc)
        self.problems.append(WorldProblem(self.source, line, field_name(loc), problem))


def _is_zone(name: str | None) -> bool:
    if not name or ("/" not in name and name != "UTC"):
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _duplicates(values: Iterable[str]) -> set[str]:
    return {value for value, n in Counter(values).items() if n > 1}


def _check_people(spec: WorldSpec, check: _Checker) -> None:
    from env.events_core import EMAIL_RE

    twice = _duplicates(u.email for u in spec.users)
    for i, user in enumerate(spec.users):
        if not EMAIL_RE.match(user.email):
            check.add(("users", i, "email"), f"{user.email!r} is not an email address")
        if user.email in twice:
            check.add(("users", i, "email"), f"{user.email!r} is used by more than one user")
        if not _is_zone(user.timeZone):
            check.add(("users", i, "timeZone"), f"{user.timeZone!r} is not an IANA time zone")
    users = {u.email for u in spec.users}
    if spec.default_actor not in users:
        check.add(("default_actor",), f"{spec.default_actor!r} is not a user of the world")
    for i, group in enumerate(spec.groups):
        for j, member in enumerate(group.members):
            if member not in users:
                check.add(("groups", i, "members", j), f"{member!r} is not a user of the world")


def _check_calendars(spec: WorldSpec, check: _Checker) -> set[str]:
    users = {u.email for u in spec.users}
    twice = _duplicates(c.id for c in spec.calendars)
    for i, calendar in enumerate(spec.calendars):
        if calendar.id in users:
            check.add(("calendars", i, "id"), f"{calendar.id!r} is a user's primary calendar ID")
        if calendar.id in twice:
            check.add(("calendars", i, "id"), f"{calendar.id!r} is used by more than one calendar")
        if calendar.owner not in users:
            check.add(("calendars", i, "owner"), f"{calendar.owner!r} is not a user of the world")
        if calendar.timeZone is not None and not _is_zone(calendar.timeZone):
            check.add(("calendars", i, "timeZone"), f"{calendar.timeZone!r} is not an IANA time zone")
    return users | {c.id for c in spec.calendars}


def _check_sharing(spec: WorldSpec, calendars: set[str], check: _Checker) -> None:
    from env.events_core import EMAIL_RE

    groups = {g.email for g in spec.groups}
    seen: dict[tuple[str, str, str | None], int] = {}
    for i, rule in enumerate(spec.acl):
        if rule.calendarId not in calendars:
            check.add(("acl", i, "calendarId"), f"{rule.calendarId!r} is neither a user nor a calendar")
        scope, value = rule.scope.type, rule.scope.value
        where = ("acl", i, "scope", "value")
        if scope == "default" and value is not None:
            check.add(where, "a 'default' scope (everyone) takes no value")
        elif scope in ("user", "group") and not (value and EMAIL_RE.match(value)):
            check.add(where, f"a {scope!r} scope needs an email, got {value!r}")
        elif scope == "group" and value not in groups:
            check.add(where, f"{value!r} is not a group of the world (no member would get the role)")
        elif scope == "domain" and (not value or "@" in value or "." not in value):
            check.add(where, f"a 'domain' scope needs a domain name such as {spec.domain!r}, got {value!r}")
        key = (rule.calendarId, scope, value)
        if key in seen:
            check.add(
                ("acl", i),
                f"a second rule for the same calendar and scope (acl[{seen[key]}]); only one applies",
            )
        seen[key] = i
    users = {u.email for u in spec.users}
    for i, entry in enumerate(spec.calendar_list):
        if entry.user not in users:
            check.add(("calendar_list", i, "user"), f"{entry.user!r} is not a user of the world")
        if entry.calendarId not in calendars:
            check.add(("calendar_list", i, "calendarId"), f"{entry.calendarId!r} is not a calendar")


def _calendar_zones(spec: WorldSpec) -> dict[str, str]:
    zones = {u.email: u.timeZone for u in spec.users}
    for calendar in spec.calendars:
        zones[calendar.id] = calendar.timeZone or zones.get(calendar.owner, "UTC")
    return zones


def _check_event(raw: Any, index: int, zones: Mapping[str, str], check: _Checker) -> str | None:
    """Check one event as events_insert would; returns its id when it has a usable one."""
    from env.errors import ToolFailure
    from env.events_core import check_event_id, normalise_attendees, validate_times
    from env.tools.events_insert import EventsInsertArgs

    here: Loc = ("events", index)
    if not isinstance(raw, dict):
        check.add(here, f"an event must be an object, got {type(raw).__name__}")
        return None
    calendar_id = raw.get("calendarId")
    if calendar_id not in zones:
        check.add((*here, "calendarId"), f"{calendar_id!r} is neither a user nor a calendar of the world")
        return None
    event_id = raw.get("id")
    meta = ("created", "updated", "creator", "recurringEventId", "originalStartTime")
    body = {k: v for k, v in raw.items() if k not in meta}
    try:
        args = EventsInsertArgs.model_validate(body)
    except ValidationError as exc:
        for error in exc.errors():
            check.add((*here, *error["loc"]), str(error["msg"]).removeprefix("Value error, "))
        return None
    try:
        if not isinstance(event_id, str):
            check.add(
                (*here, "id"), "world events need an explicit id (5-1024 characters of a-v and 0-9)", here
            )
            return None
        if "recurringEventId" not in raw:
            check_event_id(event_id)
        data = args.model_dump(exclude_none=True, exclude={"calendarId", "id"})
        validate_times(data, zones[str(calendar_id)])
        if "attendees" in data:
            normalise_attendees(data["attendees"])
    except ToolFailure as failure:
        field = _failure_field(failure.details)
        loc: Loc = (*here, *_split(field)) if field else here
        check.add(loc, failure.message)
        return None
    return event_id


def _failure_field(details: Mapping[str, Any]) -> str:
    """The field an environment error names (its wire format puts it in one of three places)."""
    invalid = details.get("invalid_fields") or [{}]
    missing = details.get("missing_required_fields") or [""]
    return str(details.get("field") or invalid[0].get("field") or missing[0] or "")


def _split(field: str) -> Loc:
    """``start.dateTime`` / ``recurrence[0]`` / ``attendees[1].email`` as a location."""
    parts: list[int | str] = []
    for piece in field.replace("]", "").split("."):
        name, *indices = piece.split("[")
        if name:
            parts.append(name)
        parts.extend(int(i) for i in indices if i.isdigit())
    return tuple(parts)


def _check_events(spec: WorldSpec, check: _Checker) -> None:
    zones = _calendar_zones(spec)
    ids = [_check_event(raw, i, zones, check) for i, raw in enumerate(spec.events)]
    twice = _duplicates(i for i in ids if i is not None)
    reported: set[str] = set()
    for index, event_id in enumerate(ids):
        if event_id in twice and event_id in reported:
            check.add(("events", index, "id"), f"{event_id!r} is the id of an earlier event")
        if event_id is not None:
            reported.add(event_id)


def _check_clock(spec: WorldSpec, check: _Checker) -> None:
    from env.errors import ToolFailure
    from env.timefmt import parse_rfc3339

    try:
        parse_rfc3339(spec.now, "now")
    except ToolFailure:
        check.add(
            ("now",),
            f"{spec.now!r} is not an RFC3339 instant with an offset (e.g. 2026-03-09T09:00:00-05:00)",
        )


def check_world_data(
    data: Any, source: str, lines: _Lines | None = None, *, build: bool = True
) -> list[WorldProblem]:
    """Every problem of world ``data`` read from ``source`` (``[]``: the world is good).

    With ``build`` a world without problems is also built (once per process), so anything only the
    environment catches is reported too.
    """
    check = _Checker(source, lines or _Lines(None))
    if not isinstance(data, dict):
        check.add((), f"a world file holds one mapping (name, domain, users, ...), got {type(data).__name__}")
        return check.problems
    try:
        spec = WorldSpec.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            message = str(error["msg"])
            if error["type"] == "extra_forbidden":
                message = "unknown field (see `guards world schema`)"
            check.add(tuple(error["loc"]), message)
        return check.problems
    _check_clock(spec, check)
    _check_people(spec, check)
    calendars = _check_calendars(spec, check)
    _check_sharing(spec, calendars, check)
    _check_events(spec, check)
    if not check.problems and build:
        _build(data, check)
    return check.problems


def _build(data: dict[str, Any], check: _Checker) -> None:
    from env.loader import WorldError, load_world

    try:
        load_world(data)
    except (WorldError, ValueError) as exc:
        check.add((), str(exc))


def read_world_file(path: Path) -> tuple[Any, _Lines | None, list[WorldProblem]]:
    """The data of a world file, its line map, and the problems that stop it from being read at all."""
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        return None, None, [WorldProblem(source, None, "", f"cannot read the file: {exc.strerror or exc}")]
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.load(text, Loader=_Loader)
    except json.JSONDecodeError as exc:
        return (
            None,
            None,
            [WorldProblem(source, exc.lineno, "", f"invalid JSON: {exc.msg} (column {exc.colno})")],
        )
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        return None, None, [WorldProblem(source, line, "", f"invalid YAML: {problem}")]
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        root = None  # JSON that YAML cannot read (rare): problems are reported without lines
    return data, _Lines(root), []


def check_world_file(path: str | Path, *, build: bool = True) -> list[WorldProblem]:
    """Every problem of the world file at ``path``."""
    file = Path(path)
    data, lines, problems = read_world_file(file)
    if problems:
        return problems
    return check_world_data(data, str(file), lines, build=build)


def _sources(tasks: Sequence[Any]) -> Iterator[tuple[str, Any, list[Any]]]:
    """(label, world source, tasks) per distinct world the tasks name."""
    from env.world import world_fingerprint

    groups: dict[str, tuple[str, Any, list[Any]]] = {}
    for task in tasks:
        world = task.world
        if isinstance(world, dict):
            key = world_fingerprint(world)
            label = f"inline world of task {task.id!r}"
        else:
            key = label = str(world)
        groups.setdefault(key, (label, world, []))[2].append(task)
    yield from groups.values()


def check_task_worlds(tasks: Sequence[Any]) -> list[WorldProblem]:
    """Every problem of every world the tasks name, and of tasks whose actor is not in their world."""
    problems: list[WorldProblem] = []
    for label, world, users_of in _sources(tasks):
        found: list[WorldProblem] = []
        lines: _Lines | None = None
        if isinstance(world, dict):
            data = world
        else:
            path = Path(world)
            if path.suffix not in (".json", ".yaml", ".yml"):
                bundled = bundled_world_path(world)
                if bundled is None:
                    problems.append(
                        WorldProblem(label, None, "world", "not a bundled world nor a world file")
                    )
                    continue
                path = bundled
            data, lines, found = read_world_file(path)
            label = str(path)
        found = found or check_world_data(data, label, lines)
        problems += found
        if found:
            continue
        members = {str(u.get("email")) for u in data.get("users", []) if isinstance(u, dict)}
        for task in users_of:
            if task.actor not in members:
                problems.append(
                    WorldProblem(
                        label, None, "users", f"task {task.id!r} acts as {task.actor!r}, who is not a user"
                    )
                )
    return problems

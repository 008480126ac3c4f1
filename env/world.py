"""World files: the data a calendar world is made of, and how to load one.

A world is plain data (JSON or YAML): users, groups, shared calendars, ACL rules, per-user calendar
list entries, events in Google Calendar v3 resource form, and per-user settings. Worlds can be bundled
(``env/worlds/<name>.json|yaml``), read from a path, or given inline as a dict (a task can carry its
own small world). The models below are the complete schema (``guards world schema`` prints it as JSON
Schema; ``guards world check FILE`` validates a file against it and against the API's own rules).

What every world gets without asking (the documented defaults):

* each user has a primary calendar whose ID is their email, owned by them, in their time zone;
* each calendar's owner holds an ``owner`` ACL rule on it; a shared calendar's zone is its owner's;
* each user's settings start from :data:`env.loader.DEFAULT_SETTINGS` plus ``timezone``;
* events get ``status: confirmed``, ``visibility: default``, ``transparency: opaque`` and default
  reminders, and an event written as a local time plus ``timeZone`` is stored with the offset of that
  zone on that day (as Google Calendar returns it).

What a world does *not* get unless it says so: anyone's view of a colleague's calendar. A world whose
tasks need colleagues' free/busy sets ``free_busy: domain`` (every primary calendar gets a
``freeBusyReader`` rule for the world's domain, like Google Workspace's default sharing) or writes
the ACL rules itself; an explicit rule on the same calendar and scope wins over the default one.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

WORLDS_DIR = Path(__file__).parent / "worlds"

Role = Literal["none", "freeBusyReader", "reader", "writer", "owner"]
ScopeType = Literal["user", "group", "domain", "default"]
FreeBusyDefault = Literal["none", "domain"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class UserSpec(_Strict):
    """A person; their primary calendar (ID = ``email``) is created for them."""

    email: str = Field(description="Unique email; also the ID of the user's primary calendar.")
    displayName: str = Field(description="The name people use ('Dana Kim').")
    timeZone: str = Field(description="IANA zone of the user and of their primary calendar.")
    title: str = Field(default="", description="Job title (searchable with users_search).")
    settings: dict[str, str] = Field(
        default_factory=dict, description="Overrides of the default settings (locale, weekStart, ...)."
    )


class GroupSpec(_Strict):
    """A mailing-list group; ACL rules with scope ``group`` grant its members a role."""

    email: str = Field(description="The group's email (the ACL scope value).")
    name: str
    members: list[str] = Field(description="Emails of member users.")


class CalendarSpec(_Strict):
    """A shared (secondary) calendar."""

    id: str = Field(description="Unique calendar ID, e.g. 'c_<hex>@group.calendar.acme.com'.")
    summary: str = Field(description="The calendar's name.")
    owner: str = Field(description="Email of the owning user (gets an 'owner' ACL rule).")
    description: str = ""
    timeZone: str | None = Field(default=None, description="IANA zone; the owner's zone when absent.")
    location: str = ""


class ScopeSpec(_Strict):
    """Who an ACL rule applies to."""

    type: ScopeType = Field(description="user or group (value: email), domain (value: domain), default")
    value: str | None = Field(default=None, description="Email or domain; absent for type 'default'.")


class AclSpec(_Strict):
    """One sharing rule: ``role`` on ``calendarId`` for ``scope``."""

    calendarId: str = Field(description="A user's email (their primary calendar) or a calendar id.")
    role: Role
    scope: ScopeSpec


class CalendarListSpec(_Strict):
    """A user's entry for a calendar in their own list (a rename, or hidden)."""

    user: str
    calendarId: str
    summaryOverride: str | None = Field(default=None, description="The user's own name for it.")
    hidden: bool = False


class WorldSpec(_Strict):
    """A whole world as stored in a world file."""

    name: str = Field(description="The world's name (bundled worlds load by it).")
    domain: str = Field(description="The organisation's email domain; ACL scope 'domain' uses it.")
    now: str = Field(description="RFC3339 instant the session clock starts at")
    default_actor: str = Field(description="Email of the user who acts when a session names nobody.")
    description: str = ""
    free_busy: FreeBusyDefault = Field(
        default="none",
        description="'domain': every primary calendar gets a freeBusyReader rule for the domain (an "
        "explicit ACL rule on the same calendar and scope wins). 'none': only the ACL rules written here.",
    )
    users: list[UserSpec]
    groups: list[GroupSpec] = Field(default_factory=list)
    calendars: list[CalendarSpec] = Field(default_factory=list)
    acl: list[AclSpec] = Field(default_factory=list)
    calendar_list: list[CalendarListSpec] = Field(default_factory=list)
    events: list[dict[str, Any]] = Field(
        default_factory=list,
        description="Events as events_insert takes them, plus 'calendarId' and an explicit 'id'.",
    )


def world_json_schema() -> dict[str, Any]:
    """The JSON Schema of a world file, events included (their fields are ``events_insert``'s).

    The events stay plain dicts in :class:`WorldSpec` (the loader checks them with the API's own
    rules), so their schema is spliced in from the tool's argument model here.
    """
    from env.tools.events_insert import EventsInsertArgs

    schema = WorldSpec.model_json_schema()
    event = EventsInsertArgs.model_json_schema(ref_template="#/$defs/{model}")
    definitions = schema.setdefault("$defs", {})
    definitions.update(event.pop("$defs", {}))
    event["title"] = "WorldEvent"
    event["description"] = (
        "An event in Google Calendar v3 form, checked like an events_insert call: 'calendarId' names "
        "its calendar, 'id' is required (5-1024 characters of a-v and 0-9)."
    )
    event["required"] = sorted({*event.get("required", []), "id"})
    definitions["WorldEvent"] = event
    schema["properties"]["events"]["items"] = {"$ref": "#/$defs/WorldEvent"}
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def bundled_world_names() -> list[str]:
    """Names of the worlds shipped in ``env/worlds``."""
    return sorted({p.stem for p in WORLDS_DIR.glob("*.json")} | {p.stem for p in WORLDS_DIR.glob("*.yaml")})


def bundled_world_path(name: str) -> Path | None:
    """The file of a bundled world, or ``None`` when no world has that name."""
    for suffix in (".json", ".yaml"):
        candidate = WORLDS_DIR / f"{name}{suffix}"
        if candidate.exists():
            return candidate
    return None


def _read_file(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"World file {path} must contain a mapping at the top level.")
    return data


def read_world_source(source: str | dict[str, Any] | Path) -> dict[str, Any]:
    """Raw world data from a bundled name, a file path, or an inline dict."""
    if isinstance(source, dict):
        return source
    path = Path(source)
    if path.suffix in (".json", ".yaml", ".yml") and path.exists():
        return _read_file(path)
    bundled = bundled_world_path(str(source))
    if bundled is not None:
        return _read_file(bundled)
    known = ", ".join(bundled_world_names()) or "none"
    raise ValueError(f"Unknown world {source!r}: not a bundled world ({known}) and not a world file path.")


def parse_world(data: dict[str, Any]) -> WorldSpec:
    """Validate raw world data (pydantic at the edge; raises ``pydantic.ValidationError``)."""
    return WorldSpec.model_validate(data)


def world_fingerprint(data: dict[str, Any]) -> str:
    """A stable hash of world data, used to cache one template database per distinct world."""
    blob = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()

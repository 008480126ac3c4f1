"""World files: the data a calendar world is made of, and how to load one.

A world is plain data (JSON or YAML): users, groups, shared calendars, ACL rules, per-user calendar
list entries, events in Google Calendar v3 resource form, and per-user settings. Every user gets a
primary calendar whose ID is their email. Worlds can be bundled (``env/worlds/<name>.json|yaml``),
read from a path, or given inline as a dict (a task can carry its own small world).
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


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class UserSpec(_Strict):
    email: str
    displayName: str
    timeZone: str
    title: str = ""
    settings: dict[str, str] = Field(default_factory=dict)


class GroupSpec(_Strict):
    email: str
    name: str
    members: list[str]


class CalendarSpec(_Strict):
    id: str
    summary: str
    owner: str
    description: str = ""
    timeZone: str | None = None
    location: str = ""


class ScopeSpec(_Strict):
    type: ScopeType
    value: str | None = None


class AclSpec(_Strict):
    calendarId: str
    role: Role
    scope: ScopeSpec


class CalendarListSpec(_Strict):
    user: str
    calendarId: str
    summaryOverride: str | None = None
    hidden: bool = False


class WorldSpec(_Strict):
    """A whole world as stored in a world file."""

    name: str
    domain: str
    now: str = Field(description="RFC3339 instant the session clock starts at")
    default_actor: str
    description: str = ""
    users: list[UserSpec]
    groups: list[GroupSpec] = Field(default_factory=list)
    calendars: list[CalendarSpec] = Field(default_factory=list)
    acl: list[AclSpec] = Field(default_factory=list)
    calendar_list: list[CalendarListSpec] = Field(default_factory=list)
    events: list[dict[str, Any]] = Field(default_factory=list)


def bundled_world_names() -> list[str]:
    """Names of the worlds shipped in ``env/worlds``."""
    return sorted({p.stem for p in WORLDS_DIR.glob("*.json")} | {p.stem for p in WORLDS_DIR.glob("*.yaml")})


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
    for suffix in (".json", ".yaml"):
        candidate = WORLDS_DIR / f"{source}{suffix}"
        if candidate.exists():
            return _read_file(candidate)
    known = ", ".join(bundled_world_names()) or "none"
    raise ValueError(f"Unknown world {source!r}: not a bundled world ({known}) and not a world file path.")


def parse_world(data: dict[str, Any]) -> WorldSpec:
    """Validate raw world data (pydantic at the edge; raises ``pydantic.ValidationError``)."""
    return WorldSpec.model_validate(data)


def world_fingerprint(data: dict[str, Any]) -> str:
    """A stable hash of world data, used to cache one template database per distinct world."""
    blob = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()

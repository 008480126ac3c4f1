"""Domain packs: declarative knowledge that lets the generic guards work on one tool surface.

A pack says which arguments are references to look up, which fields hold datetimes, which tools write
and what role each write needs, which field names are synonyms, and which calls must come first. It is
data (YAML or JSON), so users can write one for their own tools without code.

Field paths use dots for nesting and ``[]`` for "every element of a list": ``start.dateTime``,
``attendees[].email``, ``items[].id``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from guards.errors import ErrorType

PACKS_DIR = Path(__file__).parent / "packs"


class LookupSpec(BaseModel):
    """How to list candidates for a reference with one of the tools' own read operations."""

    model_config = ConfigDict(populate_by_name=True, extra="forbid")

    tool: str
    items: str = "items"
    id: str = "id"
    names: list[str] = Field(default_factory=list)
    query: str | None = None
    pass_args: list[str] = Field(default_factory=list, alias="pass")
    args: dict[str, Any] = Field(default_factory=dict)
    time_fields: list[str] = Field(default_factory=list)
    people_fields: list[str] = Field(default_factory=list)
    display: str | None = None
    single: bool = Field(
        default=False,
        description="the tool returns one object, not a list (get_user_by_email): the object is the "
        "only candidate, found at `items` when that is given and else the result itself. With `query` "
        "the lookup is keyed by the value itself, and an answer of not found or invalid means no "
        "candidate (the value names nothing), not that the user may not list these",
    )

    @model_validator(mode="after")
    def _single_object_is_the_result(self) -> LookupSpec:
        if self.single and "items" not in self.model_fields_set:
            self.items = ""
        return self


class OccurrencesSpec(LookupSpec):
    """How to list the occurrences of a recurring item on one day (``events_instances``): the lookup
    plus the argument names for the series ID and the window."""

    series_arg: str = "eventId"
    start_arg: str = "timeMin"
    end_arg: str = "timeMax"


class ReferenceSpec(BaseModel):
    """An argument whose value must be a real ID (a calendar, an event, a person, an ACL rule)."""

    model_config = ConfigDict(extra="forbid")

    kind: str
    lookup: LookupSpec
    aliases: dict[str, str] = Field(default_factory=dict)
    flag_aliases: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="words -> field values of the one listing entry they mean ('primary' -> "
        "{isDefaultCalendar: true}): the entry is found with the reference's own lookup and its id "
        "replaces the words. No such entry, or several, and the words are resolved like any name",
    )
    tools: list[str] | None = None
    id_pattern: str | None = None
    occurrences: OccurrencesSpec | None = Field(
        default=None,
        description="for recurring items: how to find one occurrence, so that a write meant for one day "
        "of a series is not sent to the whole series",
    )
    when: dict[str, list[Any]] = Field(
        default_factory=dict,
        description="resolve only when each of these call arguments has one of the listed values "
        "(e.g. an ACL scope value is a person only when scope.type is 'user')",
    )


class PermissionSpec(BaseModel):
    """A write needs at least role ``needs`` on the resource named by argument ``resource``."""

    model_config = ConfigDict(extra="forbid")

    resource: str
    needs: str
    also: list[str] = Field(
        default_factory=list,
        description="more resource arguments that need the same role (a move's destination)",
    )


class RolesSpec(BaseModel):
    """Where the acting user's role on a resource is read from, and how roles are ordered."""

    model_config = ConfigDict(extra="forbid")

    source: LookupSpec
    role: str = "accessRole"
    order: list[str]
    owner: LookupSpec | None = None

    def suffices(self, role: str, needed: str) -> bool:
        """Is ``role`` at least ``needed`` in :attr:`order` (both must be in it)?"""
        return self.order.index(role) >= self.order.index(needed)


class PreconditionSpec(BaseModel):
    """Argument ``field`` of ``tools`` must have been observed in a prior result (or resolved now)."""

    model_config = ConfigDict(extra="forbid")

    tools: list[str]
    field: str
    observed_via: list[str]
    first: str


class CreationSpec(BaseModel):
    """A write that creates a named container (a calendar): it must be asked for, see
    :mod:`guards.checks.creation`."""

    model_config = ConfigDict(extra="forbid")

    name_field: str
    kind: str
    listed_by: str
    instead: str | None = Field(
        None, description="the tool an agent that creates one unasked most likely meant (an item on it)"
    )
    id_pattern: str | None = Field(
        None,
        description="regex that the IDs of the containers it makes match (Google: '@group\\.calendar\\.'): "
        "such a container named where a thing is put ('add it to Parks Events') fills a placeholder; "
        "a person's own calendar never does",
    )


class ReplacementSpec(BaseModel):
    """A write that replaces a whole item (an update): the fields it leaves out are cleared. See
    :mod:`guards.checks.replacement`."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    read: str = Field(description="the tool that returns the item as it is now")
    pass_args: list[str] = Field(alias="pass", description="arguments of the write the read takes as is")
    kept: list[str] = Field(description="fields an update must carry when the item has them")
    partial: str = Field(description="the tool that changes only the fields it is given (a patch)")


class MoveSpec(BaseModel):
    """A write that moves an item from one container to another: the two must differ. See
    :mod:`guards.checks.moves`."""

    model_config = ConfigDict(extra="forbid")

    source: str = Field(description="the argument naming the container the item is on now")
    destination: str = Field(description="the argument naming the container it goes to")


class IntervalSpec(BaseModel):
    """A start/end pair whose order and duration the guards check against the user's request."""

    model_config = ConfigDict(extra="forbid")

    tools: list[str]
    start: str
    end: str
    all_day_start: str | None = None
    all_day_end: str | None = None
    zone_field: str | None = Field(
        default=None,
        description="key of the IANA zone beside each nested endpoint ('timeZone' beside "
        "start.dateTime); when the zone is required (zone_required_when) and missing, it is filled "
        "with the user's zone if that zone has exactly the endpoint's offset at that instant",
    )
    zone_required_when: list[str] = Field(
        default_factory=list,
        description="call arguments whose presence makes the endpoints' zone required "
        "(a recurring event expands in its start.timeZone)",
    )
    rule: str | None = Field(
        default=None,
        description="argument holding the RFC 5545 RRULE lines of a series (Google's 'recurrence'): "
        "a weekly rule's start must fall on one of its days",
    )
    zone_required: bool = Field(
        default=False,
        description="the endpoints' zone is always required (surfaces that keep a local time and a "
        "zone name, like Microsoft Graph's dateTimeTimeZone), whatever the other arguments",
    )
    local_time: bool = Field(
        default=False,
        description="the surface reads each endpoint's datetime as a wall time in the zone beside it "
        "and takes no offset: once that zone is set, an offset equal to the zone's own at that instant "
        "is dropped (the wall time and the instant are unchanged)",
    )
    whole_days: bool = Field(
        default=False,
        description="a date-only start or end (timeMin: '11/30/2026') means the start or the end of "
        "that day in the user's zone (query windows; never event times, where a date is all-day)",
    )


class SettingSpec(BaseModel):
    """Where one of the acting user's settings is read: a read tool, its args, the value's path."""

    model_config = ConfigDict(extra="forbid")

    tool: str
    args: dict[str, Any] = Field(default_factory=dict)
    value: str = "value"


class UserSettingsSpec(BaseModel):
    """User settings the guards honour. ``date_order`` settles numeric dates ("03/09/2026") for this
    user; its value is read as ``MDY``, ``DMY`` or ``YMD`` (anything else: no opinion)."""

    model_config = ConfigDict(extra="forbid")

    date_order: SettingSpec | None = None


class PeopleZonesSpec(BaseModel):
    """How to find a person's time zone ("9am Jonas's time"): a directory lookup and the zone's path."""

    model_config = ConfigDict(extra="forbid")

    lookup: LookupSpec
    zone: str = "timeZone"


class AvailabilitySpec(BaseModel):
    """How to ask whether people are free (a free/busy query), for requests that make it a condition
    ("when Omar and I are both free"): a write of ``tools`` into a busy slot is blocked.

    The query is ``tool(start_arg=start, end_arg=end, items_arg=[{item_id: person}, ...])``; the result
    maps each person (under ``result_path``) to an object whose ``busy`` list has ``start``/``end``."""

    model_config = ConfigDict(extra="forbid")

    tool: str
    tools: list[str]
    people: list[str] = Field(default_factory=list, description="call fields naming the other people")
    start_arg: str = "timeMin"
    end_arg: str = "timeMax"
    items_arg: str = "items"
    item_id: str = "id"
    result_path: str = "calendars"
    busy: str = "busy"
    busy_start: str = "start"
    busy_end: str = "end"


class ClaimSpec(BaseModel):
    """Words a final answer uses to say a change was made, and the writes any one of which could have
    made it ("deleted": ``events_delete``, or a move, or a patch that drops someone)."""

    model_config = ConfigDict(extra="forbid")

    says: list[str] = Field(description="words or phrases that state the change, as the answer writes them")
    done_by: list[str] | None = Field(
        default=None, description="the writes that back the claim (unset: any of the pack's writes)"
    )


class ErrorsSpec(BaseModel):
    """How a tool surface reports failure, for surfaces whose errors are not in a shape the guards
    already know (our wire format, HTTP statuses, OpenEnv and MCP errors, OData and Google error
    bodies, ``{"success": false, ...}``, ``{"ok": false, "error": ...}``).

    A result is a failure when one of ``when``'s fields has one of its values, when one of the
    ``present`` fields is set, or when a text result matches one of ``patterns``. Its kind is then the
    first of: its code (at a ``code`` path) in ``codes``, its message (at a ``message`` path) or text
    matching a pattern, its HTTP status (at a ``status`` path), telling words; else
    ``validation_error`` (the agent reads the message; nothing is retried)."""

    model_config = ConfigDict(extra="forbid")

    when: dict[str, list[Any]] = Field(
        default_factory=dict, description="result field -> values that mean failure ({status: [error]})"
    )
    present: list[str] = Field(
        default_factory=list, description="result fields whose presence means failure (fault, errors)"
    )
    message: list[str] = Field(default_factory=list, description="where the failure's message is")
    status: list[str] = Field(default_factory=list, description="where an HTTP status code is")
    code: list[str] = Field(default_factory=list, description="where the failure's code is")
    codes: dict[str, ErrorType] = Field(default_factory=dict, description="code -> error type")
    patterns: dict[str, ErrorType] = Field(
        default_factory=dict,
        description="regular expression (searched, case-insensitive) -> error type; a text result "
        "that matches one is a failure ('^Tool not found': unknown_tool)",
    )


class DomainPack(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    description: str = ""
    writes: list[str] = Field(default_factory=list)
    references: dict[str, ReferenceSpec] = Field(default_factory=dict)
    datetimes: list[str] = Field(default_factory=list)
    dates: list[str] = Field(default_factory=list)
    intervals: list[IntervalSpec] = Field(default_factory=list)
    synonyms: dict[str, str] = Field(default_factory=dict)
    permissions: dict[str, PermissionSpec] = Field(default_factory=dict)
    roles: RolesSpec | None = None
    preconditions: list[PreconditionSpec] = Field(default_factory=list)
    creations: dict[str, CreationSpec] = Field(default_factory=dict)
    replacements: dict[str, ReplacementSpec] = Field(default_factory=dict)
    moves: dict[str, MoveSpec] = Field(default_factory=dict)
    idempotency: dict[str, str] = Field(default_factory=dict)
    invalidates: dict[str, list[str]] = Field(
        default_factory=dict,
        description="write tool -> lookup tools whose cached results it may change "
        "(a write not listed here invalidates every cached lookup)",
    )
    idempotency_alphabet: str = "0123456789abcdefghijklmnopqrstuv"
    date_order: Literal["MDY", "DMY"] | None = None
    placeholders: list[str] = Field(default_factory=list)
    titles: dict[str, str] = Field(
        default_factory=dict,
        description="creation tool -> its title field: a title that leaves out the one phrase the user "
        "quoted is refused, the phrase as the value to send",
    )
    subject_reads: list[str] = Field(
        default_factory=list,
        description="reads that are always about the item their reference names (who a calendar is "
        "shared with): a placeholder there is filled from the user's words as on a write",
    )
    subject_writes: list[str] = Field(
        default_factory=list,
        description="writes that change the item their reference names itself (its sharing, its name), "
        "not put something in it: the user's own item (their primary) is no default there, and must be "
        "the one their words name when they name another",
    )
    ignored_fields: list[str] = Field(
        default_factory=list,
        description="unknown fields that are dropped instead of blocked: API options that change "
        "nothing stored (any other unknown field blocks: dropping it could change the call's meaning)",
    )
    user_settings: UserSettingsSpec = Field(default_factory=UserSettingsSpec)
    people_zones: PeopleZonesSpec | None = None
    availability: AvailabilitySpec | None = None
    errors: ErrorsSpec | None = None
    claims: list[ClaimSpec] = Field(
        default_factory=list,
        description="what a final answer may say was done: a claim no successful write backs is sent "
        "back to the agent (guards.checks.claims)",
    )

    def is_write(self, tool_name: str) -> bool:
        return tool_name in self.writes

    def references_for(self, tool_name: str) -> dict[str, ReferenceSpec]:
        """The reference fields that apply to ``tool_name``."""
        return {
            path: spec
            for path, spec in self.references.items()
            if spec.tools is None or tool_name in spec.tools
        }


def load_pack(name_or_path: str | Path) -> DomainPack:
    """Load a bundled pack by name (``"calendar"``) or any YAML/JSON pack file by path."""
    path = Path(name_or_path)
    if not path.suffix:
        path = PACKS_DIR / f"{name_or_path}.yaml"
    text = path.read_text(encoding="utf-8")
    data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    return DomainPack.model_validate(data)

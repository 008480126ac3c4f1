"""Pydantic argument pieces shared by several tools (event bodies, ACL scopes).

Types are strict (no coercion of ``"5"`` to ``5``, no ``1`` for ``true``) and unknown fields are
rejected, because the environment plays a production API that never repairs its input. Textual
formats (RFC3339, dates, zones, emails) are checked by the tools themselves so that they come back
as ``format_error`` with an example rather than as a type error.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

Role = Literal["none", "freeBusyReader", "reader", "writer", "owner"]
Visibility = Literal["default", "public", "private", "confidential"]
EventStatus = Literal["confirmed", "tentative", "cancelled"]
ResponseStatus = Literal["needsAction", "declined", "tentative", "accepted"]
Transparency = Literal["opaque", "transparent"]

CalendarIdField = Annotated[
    StrictStr,
    Field(
        description="Calendar ID (e.g. 'ana@acme.com' or 'c_...@group.calendar.acme.com') or 'primary' for "
        "your own calendar. Names are not IDs: look IDs up with calendars_list.",
        min_length=1,
    ),
]
EventIdField = Annotated[
    StrictStr,
    Field(description="Event ID as returned by events_list / events_get / events_insert.", min_length=1),
]
MaxResults = Annotated[StrictInt, Field(ge=1, le=2500, description="Maximum number of items per page.")]
PageToken = Annotated[StrictStr, Field(description="nextPageToken from the previous page of this listing.")]
RuleIdField = Annotated[
    StrictStr,
    Field(
        min_length=1, description="Rule ID from acl_list, e.g. 'user:dana.kim@acme.com', 'domain:acme.com'."
    ),
]
TimeBound = StrictStr


class ArgsModel(BaseModel):
    """Base for every tool's arguments: strict, closed (additionalProperties false)."""

    model_config = ConfigDict(extra="forbid")


class EventDateTime(ArgsModel):
    """Start or end of an event: ``dateTime`` (timed) or ``date`` (all-day), not both."""

    dateTime: StrictStr | None = Field(
        default=None,
        description="RFC3339 timestamp with UTC offset, e.g. '2026-03-10T14:00:00-04:00'. A local time "
        "without offset is only accepted together with timeZone.",
    )
    date: StrictStr | None = Field(
        default=None, description="All-day date 'YYYY-MM-DD' (end date is exclusive)."
    )
    timeZone: StrictStr | None = Field(
        default=None, description="IANA time zone, e.g. 'America/New_York'. Required for recurring events."
    )


class Attendee(ArgsModel):
    """One invited person."""

    email: StrictStr = Field(description="The attendee's email address (look people up with users_search).")
    displayName: StrictStr | None = Field(default=None, description="Name to show for the attendee.")
    responseStatus: ResponseStatus | None = Field(default=None, description="Defaults to needsAction.")
    optional: StrictBool | None = Field(default=None, description="Whether attendance is optional.")


class ReminderOverride(ArgsModel):
    method: Literal["email", "popup"]
    minutes: Annotated[StrictInt, Field(ge=0, le=40320)]


class Reminders(ArgsModel):
    """Event reminders: the calendar's defaults or explicit overrides."""

    useDefault: StrictBool
    overrides: list[ReminderOverride] | None = Field(default=None, max_length=5)


class AclScope(ArgsModel):
    """Who an ACL rule applies to."""

    type: Literal["user", "group", "domain", "default"] = Field(
        description="'user' or 'group' (value = email), 'domain' (value = domain name), 'default' (everyone; "
        "no value)."
    )
    value: StrictStr | None = Field(default=None, description="Email or domain; omit for type 'default'.")


class EventBodyFields(ArgsModel):
    """Writable event fields shared by events_insert, events_update and events_patch."""

    summary: StrictStr | None = Field(default=None, description="Title of the event.")
    description: StrictStr | None = Field(default=None, description="Longer description.")
    location: StrictStr | None = Field(default=None, description="Free-form location.")
    attendees: list[Attendee] | None = Field(default=None, description="People to invite, by email.")
    recurrence: list[StrictStr] | None = Field(
        default=None,
        description="RFC5545 lines, e.g. ['RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=10']. Needs start.timeZone.",
    )
    visibility: Visibility | None = Field(default=None, description="'private' hides details from readers.")
    status: EventStatus | None = Field(default=None, description="Defaults to 'confirmed'.")
    transparency: Transparency | None = Field(
        default=None, description="'transparent' events do not block time in free/busy."
    )
    reminders: Reminders | None = Field(default=None, description="Reminder settings.")


EVENT_BODY_FIELDS = tuple(EventBodyFields.model_fields)

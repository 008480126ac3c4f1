"""events_list: list or search the events of one calendar."""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import Field, StrictBool, StrictStr

from env.access import FREE_BUSY, require_calendar
from env.errors import invalid_field
from env.event_queries import EventQuery, listing, parse_window
from env.session import Session
from env.timefmt import parse_rfc3339, zone
from env.tools.base import define_tool
from env.tools.models import ArgsModel, CalendarIdField, MaxResults, PageToken, TimeBound


class EventsListArgs(ArgsModel):
    calendarId: CalendarIdField
    timeMin: TimeBound | None = Field(
        default=None,
        description="Only events ending after this instant. RFC3339 with offset, "
        "e.g. '2026-03-09T00:00:00-04:00'.",
    )
    timeMax: TimeBound | None = Field(
        default=None,
        description="Only events starting before this instant. RFC3339 with offset, "
        "e.g. '2026-03-16T00:00:00-04:00'.",
    )
    q: StrictStr | None = Field(
        default=None, description="Free-text search in title, description, location, attendees."
    )
    orderBy: Literal["startTime", "updated"] | None = Field(
        default=None, description="'startTime' (requires singleEvents=true) or 'updated'."
    )
    maxResults: MaxResults | None = None
    pageToken: PageToken | None = None
    singleEvents: StrictBool | None = Field(
        default=None, description="Expand recurring events into their individual instances."
    )
    showDeleted: StrictBool | None = Field(default=None, description="Include cancelled (deleted) events.")
    updatedMin: TimeBound | None = Field(
        default=None,
        description="Only events changed at or after this instant (RFC3339 with offset); deleted ones "
        "are then included too.",
    )
    iCalUID: StrictStr | None = Field(
        default=None, description="Only the event with this iCalendar UID (with its occurrences)."
    )
    timeZone: StrictStr | None = Field(
        default=None, description="IANA zone the response is given in (default: the calendar's)."
    )


def events_list(session: Session, args: EventsListArgs) -> dict[str, Any]:
    """List or search events on one calendar, e.g. to find an event's ID before changing it.

    Narrow with timeMin/timeMax (RFC3339 with offset) and q (free text). With singleEvents=true
    recurring series come back as individual instances (ids like '<seriesId>_20260310T140000Z').
    Results have items (events with id, summary, start, end, attendees, ...) and nextPageToken when
    more pages exist. With freeBusyReader access (and for other people's private events) items are
    busy blocks without title or details.
    """
    calendar, rank = require_calendar(session, args.calendarId, FREE_BUSY, action="list its events")
    lo, hi = parse_window(args.timeMin, args.timeMax)
    if args.orderBy == "startTime" and not args.singleEvents:
        raise invalid_field(
            "orderBy",
            "'updated' (or set singleEvents=true)",
            args.orderBy,
            "orderBy='startTime' is only available when singleEvents is true",
        )
    updated_min = parse_rfc3339(args.updatedMin, "updatedMin") if args.updatedMin is not None else None
    if args.timeZone is not None:
        zone(args.timeZone, "timeZone")
    query = EventQuery(
        calendar,
        lo.timestamp() if lo is not None else -math.inf,
        hi.timestamp() if hi is not None else math.inf,
        single=bool(args.singleEvents),
        # Google: with updatedMin, entries deleted since then are included whatever showDeleted says
        show_deleted=bool(args.showDeleted) or updated_min is not None,
        updated_min=updated_min.timestamp() if updated_min is not None else None,
        terms=tuple(args.q.lower().split()) if args.q else (),
        ical_uid=args.iCalUID,
        by_updated=args.orderBy == "updated",
    )
    return listing(
        session,
        calendar,
        rank,
        query,
        token=args.pageToken,
        max_results=args.maxResults or 250,
        listing_name=f"events:{calendar.id}",
        time_zone=args.timeZone,
    )


TOOL = define_tool(events_list, EventsListArgs)

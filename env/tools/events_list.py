"""events_list: list or search the events of one calendar."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, StrictBool, StrictStr

from env.access import FREE_BUSY, require_calendar
from env.errors import invalid_field
from env.event_queries import collect_events, listing, parse_window
from env.session import Session
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
    collected = collect_events(
        session, calendar, lo, hi, single=bool(args.singleEvents), show_deleted=bool(args.showDeleted)
    )
    return listing(
        session,
        calendar,
        rank,
        collected,
        q=args.q,
        order_by=args.orderBy,
        token=args.pageToken,
        max_results=args.maxResults or 250,
        listing_name=f"events:{calendar.id}",
    )


TOOL = define_tool(events_list, EventsListArgs)

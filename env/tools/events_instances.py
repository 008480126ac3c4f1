"""events_instances: the occurrences of one recurring event."""

from __future__ import annotations

import math
from typing import Any

from pydantic import Field, StrictBool

from env.access import FREE_BUSY, require_calendar
from env.event_queries import EventQuery, listing, listing_response, load_event, parse_window
from env.events_core import view_for
from env.paging import decode_key_token
from env.session import Session
from env.tools.base import define_tool
from env.tools.models import ArgsModel, CalendarIdField, EventIdField, MaxResults, PageToken, TimeBound


class EventsInstancesArgs(ArgsModel):
    calendarId: CalendarIdField
    eventId: EventIdField = Field(description="ID of the recurring event (the series).")
    timeMin: TimeBound | None = Field(
        default=None, description="RFC3339 with offset; instances ending after it."
    )
    timeMax: TimeBound | None = Field(
        default=None, description="RFC3339 with offset; instances starting before it."
    )
    maxResults: MaxResults | None = None
    pageToken: PageToken | None = None
    showDeleted: StrictBool | None = Field(default=None, description="Include cancelled instances.")


def events_instances(session: Session, args: EventsInstancesArgs) -> dict[str, Any]:
    """List the individual occurrences of a recurring event, in start order.

    Each instance has its own id ('<seriesId>_<start>') usable with events_get/events_patch/
    events_delete to change or cancel just that occurrence.
    """
    calendar, rank = require_calendar(session, args.calendarId, FREE_BUSY, action="read its events")
    master = load_event(session, calendar, args.eventId)
    lo, hi = parse_window(args.timeMin, args.timeMax)
    listing_name = f"instances:{master['id']}"
    if not master.get("recurrence"):  # a one-off event is its own only instance
        decode_key_token(listing_name, args.pageToken, ())
        return listing_response(session, calendar, rank, [view_for(master, rank, session.actor)], None)
    query = EventQuery(
        calendar,
        lo.timestamp() if lo is not None else -math.inf,
        hi.timestamp() if hi is not None else math.inf,
        single=True,
        show_deleted=bool(args.showDeleted),
        series_id=master["id"],
    )
    return listing(
        session,
        calendar,
        rank,
        query,
        token=args.pageToken,
        max_results=args.maxResults or 250,
        listing_name=listing_name,
    )


TOOL = define_tool(events_instances, EventsInstancesArgs)

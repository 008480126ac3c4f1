"""Pieces several recipes share: choosing a slot, naming an event, and finding it with the tools."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from evals.holdout.families.base import Context
from evals.holdout.pairs import calendar_ref, list_calendars, step, window
from evals.holdout.worlds import CalendarFact, EventFact

GENERIC_TAILS = 3
"""Titles of at least this many words may be said by their first and last word ("sepsis review")."""


def slot(ctx: Context, days: tuple[int, int] = (1, 7), hours: tuple[int, int] = (8, 16)) -> datetime:
    """A start for a new event: a business day ahead, on the hour or a quarter past."""
    day = ctx.world.business_day(ctx.rng.randint(*days))
    hour = ctx.rng.randint(*hours)
    minute = ctx.rng.choice((0, 0, 30, 30, 15, 45))
    return ctx.world.at(day, hour, minute)


def length(ctx: Context, options: tuple[int, ...] = (30, 45, 60, 90)) -> int:
    return int(ctx.rng.choice(options))


def event_words(ctx: Context, title: str, *, partial: bool = True) -> tuple[str, str, bool]:
    """How the user refers to an event, the search text a careful agent uses, and whether it is partial.

    Long titles may be shortened to their first and last word; the search then uses those words,
    which the free-text search matches one by one.
    """
    words = title.split()
    if partial and len(words) >= GENERIC_TAILS and ctx.rng.random() < 0.5:
        short = f"{words[0]} {words[-1]}"
        return _lower_first(short), short, True
    return _lower_first(title), title, False


def _lower_first(text: str) -> str:
    first, _, rest = text.partition(" ")
    if first.isupper() or any(ch.isdigit() for ch in first):
        return text
    return first[:1].lower() + first[1:] + (f" {rest}" if rest else "")


@dataclass
class Found:
    """Steps that find an event, and the references that name it afterwards."""

    steps: list[dict[str, Any]]
    calendar: str
    event: str
    search: str


def find_event(
    ctx: Context,
    event: EventFact,
    *,
    search: str | None = None,
    single: bool = False,
    narrow: bool = False,
    save: str = "found",
    lookup_calendars: bool = True,
    summary: str | None = None,
) -> Found:
    """List the calendars (unless the event is on the user's own), then search the event's day.

    ``single`` expands recurring series into instances; ``narrow`` lists only the minute the event
    starts (for a calendar with hundreds of look-alike bookings). ``summary`` is the title of the
    item to pick (an instance's title is the series').
    """
    calendar = ctx.cal(event.calendar)
    steps: list[dict[str, Any]] = []
    if calendar.key != "primary" and lookup_calendars:
        steps.append(list_calendars(hidden=calendar.hidden))
    cal_ref = calendar_ref(calendar)
    if narrow:
        first, last = event.start, event.start + timedelta(minutes=1)
    else:
        first, last = ctx.day_window(ctx.local(event.start).date())
    args: dict[str, Any] = {"calendarId": cal_ref, "q": search or event.summary, **window(first, last)}
    if single:
        args["singleEvents"] = True
    steps.append(step("events_list", args, save))
    return Found(
        steps, cal_ref, f"${save}.items[summary={summary or event.summary}].id", search or event.summary
    )


def attendee_list(emails: list[str]) -> list[dict[str, str]]:
    return [{"email": email} for email in emails]


def calendar_phrase(ctx: Context, calendar: CalendarFact) -> str:
    return ctx.phraser.calendar(calendar.summary)

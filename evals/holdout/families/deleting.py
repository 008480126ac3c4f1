"""delete_by_description: cancel the event the user describes, and only that one.

Look-alikes sit next to each target: the prep session of the same day, the same booking on another
day of a calendar with hundreds, the rest of a recurring series, the call before lunch.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from evals.holdout.families.base import Context, GeneratorError, recipe
from evals.holdout.families.common import (
    calendar_phrase,
    call_word,
    event_words,
    find_event,
)
from evals.holdout.pairs import (
    Pair,
    Variant,
    changed_instance,
    deleted_event,
    step,
)
from evals.holdout.worlds import EventFact

DELETE = "delete_by_description"


def _delete_pair(
    ctx: Context,
    name: str,
    event: EventFact,
    fields: dict[str, str | None],
    *,
    search: str | None = None,
    narrow: bool = False,
    alternative_id: str | None = None,
    tags: tuple[str, ...] = (),
) -> Pair:
    calendar = ctx.cal(event.calendar)
    found = find_event(ctx, event, search=search, narrow=narrow)
    explicit = ctx.text(DELETE, name, "explicit", {"calendar_id": calendar.id, "event_id": event.id})
    return Pair(
        DELETE,
        name,
        Variant(explicit, [step("events_delete", {"calendarId": calendar.id, "eventId": event.id})]),
        Variant(
            ctx.text(DELETE, name, "natural", fields),
            [*found.steps, step("events_delete", {"calendarId": found.calendar, "eventId": found.event})],
        ),
        ctx.answer(DELETE, name, {"event": event.summary}),
        expect=[deleted_event(event.id)],
        alternative_plan=[step("events_delete", {"calendarId": calendar.id, "eventId": alternative_id})]
        if alternative_id
        else [],
        tags=list(tags),
    )


@recipe(DELETE, "near_duplicate")
def delete_near_duplicate(ctx: Context) -> Pair:
    event, lookalike = ctx.event("near_base"), ctx.event("near_variant")
    day = ctx.phraser.day_forms(ctx.local(event.start).date(), possessive=True)
    fields: dict[str, str | None] = {
        "event": event_words(ctx, event.summary, partial=False)[0],
        **day.fields(),
    }
    return _delete_pair(
        ctx, "near_duplicate", event, fields, alternative_id=lookalike.id, tags=("near_duplicate_title",)
    )


@recipe(DELETE, "large")
def delete_large(ctx: Context) -> Pair:
    event = ctx.event("large_target")
    calendar = ctx.cal(event.calendar)
    same_title = [
        e
        for e in ctx.world.data["events"]
        if e["calendarId"] == calendar.id and e["summary"] == event.summary and e["id"] != event.id
    ]
    local = ctx.local(event.start)
    day = ctx.phraser.day_forms(local.date(), possessive=True)
    fields: dict[str, str | None] = {
        "event": event_words(ctx, event.summary, partial=False)[0],
        "cal": calendar_phrase(ctx, calendar),
        "time": ctx.phraser.clock(local.time()),
        **day.fields(),
    }
    return _delete_pair(
        ctx,
        "large",
        event,
        fields,
        narrow=True,
        alternative_id=same_title[0]["id"] if same_title else None,
        tags=("large_calendar",),
    )


@recipe(DELETE, "instance")
def delete_instance(ctx: Context) -> Pair:
    series = ctx.event("weekly")
    calendar = ctx.cal(series.calendar)
    occurrence, day = _next_occurrence(ctx, series, skip=1)
    start = datetime.fromisoformat(occurrence["start"]["dateTime"])
    found = find_event(
        ctx, EventFact("weekly", series.id, series.calendar, series.summary, start, start), single=True
    )
    forms = ctx.phraser.day_forms(day, possessive=True)
    natural = ctx.text(
        DELETE,
        "instance",
        "natural",
        {"event": event_words(ctx, series.summary, partial=False)[0], **forms.fields()},
    )
    explicit = ctx.text(
        DELETE,
        "instance",
        "explicit",
        {"calendar_id": calendar.id, "event_id": occurrence["id"], "series_id": series.id},
    )
    return Pair(
        DELETE,
        "instance",
        Variant(explicit, [step("events_delete", {"calendarId": calendar.id, "eventId": occurrence["id"]})]),
        Variant(
            natural,
            [*found.steps, step("events_delete", {"calendarId": found.calendar, "eventId": found.event})],
        ),
        ctx.answer(DELETE, "instance", {"event": series.summary}),
        expect=[changed_instance(occurrence["id"], {"status": "cancelled", "recurringEventId": series.id})],
        alternative_plan=[step("events_delete", {"calendarId": calendar.id, "eventId": series.id})],
        tags=["recurring_instance", "series_zone"],
    )


def _next_occurrence(ctx: Context, series: EventFact, skip: int) -> tuple[dict[str, Any], Any]:
    """The occurrence ``skip`` places after the next one, and its day on the user's clock."""
    seen = 0
    for n in range(1, 15):
        day = ctx.world.business_day(n)
        first, last = ctx.day_window(day)
        try:
            occurrence = ctx.probe.occurrence(ctx.cal(series.calendar).id, series.summary, first, last)
        except GeneratorError:
            continue
        if seen == skip:
            return occurrence, day
        seen += 1
    raise GeneratorError(f"no upcoming occurrence of {series.summary!r}")


@recipe(DELETE, "after_lunch")
def delete_after_lunch(ctx: Context) -> Pair:
    event, morning = ctx.event("call_afternoon"), ctx.event("call_morning")
    day = ctx.phraser.day_forms(ctx.local(event.start).date(), possessive=True)
    return _delete_pair(
        ctx,
        "after_lunch",
        event,
        dict(day.fields()),
        search=call_word(event.summary),
        alternative_id=morning.id,
        tags=("relative_reference",),
    )

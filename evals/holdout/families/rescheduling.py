"""reschedule: move an event, singled out the way people do it.

By day and title next to a look-alike ("the route review", not "the route review prep"), by
position ("the call after lunch"), by relation ("my 1:1 with Jonas" when only one Jonas has one),
as one occurrence of a series ("tomorrow's huddle"), or a week on across a DST change, where the
careless alternative keeps this week's UTC offset.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from evals.holdout.families.base import Context, recipe
from evals.holdout.families.common import (
    call_word,
    event_words,
    find_event,
)
from evals.holdout.pairs import (
    Pair,
    Variant,
    changed_event,
    changed_instance,
    moved_times,
    step,
    timed,
)
from evals.holdout.worlds import EventFact

RESCHEDULE = "reschedule"


def patch_times(calendar: str, event_id: str, start: datetime, end: datetime) -> dict[str, Any]:
    return step(
        "events_patch",
        {"calendarId": calendar, "eventId": event_id, "start": timed(start), "end": timed(end)},
    )


def move_event_pair(
    ctx: Context,
    family: str,
    name: str,
    event: EventFact,
    start: datetime,
    natural_fields: dict[str, str | None],
    *,
    search: str | None = None,
    alternative: list[dict[str, Any]] | None = None,
    explicit_zone: str | None = None,
    tags: tuple[str, ...] = (),
) -> Pair:
    """Move a one-off event to ``start``, keeping its length."""
    end = start + (event.end - event.start)
    calendar = ctx.cal(event.calendar)
    found = find_event(ctx, event, search=search)
    shown_start = ctx.local(start, explicit_zone)
    shown_end = ctx.local(end, explicit_zone)
    explicit = ctx.text(
        family,
        name,
        "explicit",
        {
            "calendar_id": calendar.id,
            "event_id": event.id,
            "start": shown_start.isoformat(),
            "end": shown_end.isoformat(),
        },
    )
    return Pair(
        family,
        name,
        Variant(explicit, [patch_times(calendar.id, event.id, shown_start, shown_end)]),
        Variant(
            ctx.text(family, name, "natural", natural_fields),
            [*found.steps, patch_times(found.calendar, found.event, shown_start, shown_end)],
        ),
        ctx.answer(family, name, {"event": event.summary, "start": shown_start.isoformat()}),
        expect=[changed_event(event.id, {"summary": event.summary, **moved_times(start, end)})],
        alternative_plan=alternative or [],
        tags=list(tags),
    )


def same_length(event: EventFact, start: datetime) -> datetime:
    return start + (event.end - event.start)


@recipe(RESCHEDULE, "shift")
def reschedule_shift(ctx: Context) -> Pair:
    event, lookalike = ctx.event("near_base"), ctx.event("near_variant")
    minutes = int(ctx.pick([30, 60, 90]))
    later = event.start + timedelta(minutes=minutes)
    day = ctx.phraser.day_forms(ctx.local(event.start).date(), possessive=True)
    fields: dict[str, str | None] = {
        "event": event_words(ctx, event.summary, partial=False)[0],
        "amount": ctx.phraser.amount(minutes),
        **day.fields(),
    }
    careless_start = lookalike.start + timedelta(minutes=minutes)
    careless = [
        patch_times(
            ctx.cal(lookalike.calendar).id,
            lookalike.id,
            careless_start,
            same_length(lookalike, careless_start),
        )
    ]
    return move_event_pair(
        ctx, RESCHEDULE, "shift", event, later, fields, alternative=careless, tags=("near_duplicate_title",)
    )


@recipe(RESCHEDULE, "next_week")
def reschedule_next_week(ctx: Context) -> Pair:
    event = ctx.event("invite_target")
    local_start = ctx.local(event.start)
    target_day = local_start.date() + timedelta(days=7)
    new_start = ctx.world.at(target_day, local_start.hour, local_start.minute)
    crossing = new_start.utcoffset() != local_start.utcoffset()
    said, search, partial = event_words(ctx, event.summary)
    day = ctx.phraser.day_forms(local_start.date(), possessive=True)
    fields: dict[str, str | None] = {
        "event": said,
        "new_day": ctx.phraser.day_forms(target_day).day_bare,
        **day.fields(),
    }
    careless: list[dict[str, Any]] = []
    if crossing:  # the careless agent keeps this week's UTC offset
        stale = datetime.combine(
            target_day, local_start.time(), timezone(local_start.utcoffset() or timedelta())
        )
        careless = [patch_times(ctx.cal(event.calendar).id, event.id, stale, same_length(event, stale))]
    tags = ["dst_crossing"] if crossing else []
    return move_event_pair(
        ctx,
        RESCHEDULE,
        "next_week",
        event,
        new_start,
        fields,
        search=search,
        alternative=careless,
        tags=(*tags, *(["partial_title"] if partial else [])),
    )


@recipe(RESCHEDULE, "instance")
def reschedule_instance(ctx: Context) -> Pair:
    series = ctx.event("standup")
    calendar = ctx.cal(series.calendar)
    day = ctx.world.business_day(1)
    first, last = ctx.day_window(day)
    occurrence = ctx.probe.occurrence(calendar.id, series.summary, first, last)
    old_start = datetime.fromisoformat(occurrence["start"]["dateTime"])
    new_start = ctx.world.at(
        day, old_start.astimezone(ctx.world.zone).hour + ctx.rng.choice((1, 2)), ctx.rng.choice((0, 15, 30))
    )
    new_end = same_length(series, new_start)
    found = find_event(
        ctx,
        EventFact("standup", series.id, series.calendar, series.summary, old_start, old_start),
        single=True,
    )
    forms = ctx.phraser.day_forms(day, possessive=True)
    natural = ctx.text(
        RESCHEDULE,
        "instance",
        "natural",
        {
            "event": event_words(ctx, series.summary, partial=False)[0],
            "time": ctx.phraser.clock(new_start.time()),
            **forms.fields(),
        },
    )
    explicit = ctx.text(
        RESCHEDULE,
        "instance",
        "explicit",
        {
            "calendar_id": calendar.id,
            "event_id": occurrence["id"],
            "series_id": series.id,
            "start": new_start.isoformat(),
            "end": new_end.isoformat(),
        },
    )
    return Pair(
        RESCHEDULE,
        "instance",
        Variant(explicit, [patch_times(calendar.id, occurrence["id"], new_start, new_end)]),
        Variant(natural, [*found.steps, patch_times(found.calendar, found.event, new_start, new_end)]),
        ctx.answer(RESCHEDULE, "instance", {"event": series.summary, "start": new_start.isoformat()}),
        expect=[
            changed_instance(
                occurrence["id"], {"recurringEventId": series.id, **moved_times(new_start, new_end)}
            )
        ],
        alternative_plan=[
            step(
                "events_patch",
                {
                    "calendarId": calendar.id,
                    "eventId": series.id,
                    "start": timed(new_start, series.zone),
                    "end": timed(new_end, series.zone),
                },
            )
        ],
        tags=["recurring_instance"],
    )


@recipe(RESCHEDULE, "after_lunch")
def reschedule_after_lunch(ctx: Context) -> Pair:
    event, morning = ctx.event("call_afternoon"), ctx.event("call_morning")
    local = ctx.local(event.start)
    new_start = ctx.world.at(local.date(), local.hour + ctx.rng.choice((1, 2)), ctx.rng.choice((0, 30)))
    day = ctx.phraser.day_forms(local.date())
    fields: dict[str, str | None] = {"time": ctx.phraser.clock(new_start.time()), **day.fields()}
    careless_start = ctx.world.at(local.date(), new_start.hour, new_start.minute)
    careless = [
        patch_times(ctx.world.actor.email, morning.id, careless_start, same_length(morning, careless_start))
    ]
    return move_event_pair(
        ctx,
        RESCHEDULE,
        "after_lunch",
        event,
        new_start,
        fields,
        search=call_word(event.summary),
        alternative=careless,
        tags=("relative_reference",),
    )


@recipe(RESCHEDULE, "one_on_one")
def reschedule_one_on_one(ctx: Context) -> Pair:
    event = ctx.event("one_on_one_trio")
    other = ctx.world.by_email(event.attendees[1])
    local = ctx.local(event.start)
    new_start = ctx.world.at(local.date(), ctx.rng.choice((9, 13, 14, 16)), ctx.rng.choice((0, 30)))
    if new_start == local:
        new_start += timedelta(hours=1)
    day = ctx.phraser.day_forms(local.date())
    fields: dict[str, str | None] = {
        "first": other.first,
        "time": ctx.phraser.clock(new_start.time()),
        **day.fields(),
    }
    return move_event_pair(
        ctx,
        RESCHEDULE,
        "one_on_one",
        event,
        new_start,
        fields,
        search="1:1",
        tags=("relative_reference", "shared_first_name"),
    )
